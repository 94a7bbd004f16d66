/**
 * The DecryptionKeySet tests over every key type a JWE algorithm takes: ECDH recipient keys in each
 * form, secrets, compact JWEs made to them with the library, and opening a token with a set's candidates.
 */
import { createPrivateKey, generateKeyPairSync } from 'node:crypto'
import type { DecryptionKeySet } from '../../src/jwks/decryption-key-set.ts'
import { compactEncrypt } from '../../src/jwe/compact-encrypt.ts'
import { compactDecrypt } from '../../src/jwe/compact-decrypt.ts'
import { importKey } from '../../src/keys/import-key.ts'
import type { JweHeader } from '../../src/serialization/header.ts'
import type { KeyManagementAlgorithm } from '../../src/algorithms/key-management.ts'
import type { ContentEncryptionAlgorithm } from '../../src/algorithms/content-encryption.ts'
import { cryptoKeyFor, namedKey } from './tokens.ts'

type Curve = 'P-256' | 'P-384' | 'P-521' | 'X25519' | 'X448'

export interface CurveKey {
  crv: Curve
  privatePem: string
  sec1Pem: string | undefined
  privateJwk: JsonWebKey
  publicJwk: JsonWebKey
  publicPem: string
}

/** An ECDH recipient key in every form, parsed afresh from PEM (see test/helpers/keys.ts on Node 20's export deadlock). */
export function curveKey(crv: Curve): CurveKey {
  const encoding = { privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } } as const
  const generate = generateKeyPairSync as unknown as (type: string, options: object) => { privateKey: string; publicKey: string }
  const pems = crv.startsWith('P-') ? generate('ec', { namedCurve: crv, ...encoding }) : generate(crv.toLowerCase(), encoding)
  const privateKey = createPrivateKey(pems.privateKey)
  const privateJwk = privateKey.export({ format: 'jwk' }) as JsonWebKey
  const { d: _d, ...publicJwk } = privateJwk
  const sec1Pem = crv.startsWith('P-') ? (privateKey.export({ format: 'pem', type: 'sec1' }) as string) : undefined
  return { crv, privatePem: pems.privateKey, sec1Pem, privateJwk, publicJwk, publicPem: pems.publicKey }
}

export interface CurveKeys {
  P256: CurveKey
  P384: CurveKey
  P521: CurveKey
  X25519: CurveKey
  X448: CurveKey
}

/** A recipient key on each curve ECDH-ES takes (made in a file's beforeAll). */
export function curveKeys(): CurveKeys {
  const [P256, P384, P521, X25519, X448] = (['P-256', 'P-384', 'P-521', 'X25519', 'X448'] as const).map(curveKey) as [CurveKey, CurveKey, CurveKey, CurveKey, CurveKey]
  return { P256, P384, P521, X25519, X448 }
}

/** The RS256 keys of the JWTs nested inside the tokens. */
export async function signerKeys(): Promise<{ signingKey: CryptoKey; verificationKey: CryptoKey }> {
  const signingKey = await cryptoKeyFor(namedKey('signer'), 'RS256', 'private')
  const verificationKey = await cryptoKeyFor(namedKey('signer'), 'RS256', 'public')
  return { signingKey, verificationKey }
}

export const plaintext = 'Kaleidoscopes of meaning.'
export const secret = (bytes: number, fill: number): Uint8Array<ArrayBuffer> => new Uint8Array(bytes).fill(fill)
export const headerOf = (token: string): JweHeader => JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as JweHeader

/** A compact JWE of `plaintext` to `recipient` (a public JWK, or a secret's bytes). */
export async function tokenFor(recipient: JsonWebKey | Uint8Array, alg: KeyManagementAlgorithm, enc: ContentEncryptionAlgorithm = 'A256GCM', kid?: string): Promise<string> {
  const key = await importKey(recipient, alg, { extractable: alg === 'dir' })
  return compactEncrypt(plaintext, key, { alg, enc, ...(kid && { kid }), ...(alg.startsWith('PBES2') && { p2c: 1000 }) })
}

/** compactDecrypt with the set's candidates, as decryptAndVerifyJwt uses them. */
export async function open(token: string, set: DecryptionKeySet): Promise<string> {
  const header = headerOf(token)
  const keys = await set.candidates(header)
  for (const key of keys) {
    try {
      const options = { keyManagementAlgorithms: [header.alg], contentEncryptionAlgorithms: [header.enc] } as never
      return Buffer.from((await compactDecrypt(token, key, options)).plaintext).toString()
    } catch {
      // The next candidate.
    }
  }
  throw new Error('no candidate opened the token')
}
