/**
 * The three ways of opening one nested token (RS256 JWT inside RSA-OAEP-256/A256GCM) that the
 * cold-path benchmark compares, each with keys imported beforehand.
 */
import { compactDecrypt, jwtVerify as joseJwtVerify } from 'jose'
import { createRemoteJwks, createVerifier, decryptAndVerifyJwt, type DecryptionKeySet, type JwksResolver } from '../../src/index.ts'
import { AUDIENCE, ISSUER, SIGNING_KID, type KeyMaterial } from './tokens.ts'

export type OpenToken = (token: string) => Promise<unknown>

export interface NestedKeys {
  /** RSA-OAEP-256 private key, usages decrypt + unwrapKey. */
  decryption: CryptoKey
  /** RS256 public key. */
  verification: CryptoKey
}

/** Imports with Web Crypto directly, so every contender gets the very same CryptoKeys. */
export async function importNestedKeys(decryption: KeyMaterial, verification: KeyMaterial): Promise<NestedKeys> {
  return {
    decryption: await crypto.subtle.importKey('jwk', decryption.privateJwk, { name: 'RSA-OAEP', hash: 'SHA-256' }, false, [
      'decrypt',
      'unwrapKey',
    ]),
    verification: await crypto.subtle.importKey(
      'jwk',
      verification.publicJwk,
      { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
      false,
      ['verify'],
    ),
  }
}

/** (a) webjose: the one call. `decryptionKey` may replace the key with a resolver. */
/** The options every webjose contender uses: the Auth0 shape, algorithms pinned, issuer and audience checked. */
export function nestedOptions<V extends CryptoKey | JwksResolver = CryptoKey>(decryptionKey: CryptoKey | (() => CryptoKey) | DecryptionKeySet, verificationKey: V) {
  return {
    decryptionKey,
    verificationKey,
    keyManagementAlgorithms: ['RSA-OAEP-256'],
    contentEncryptionAlgorithms: ['A256GCM'],
    algorithms: ['RS256'],
    issuer: ISSUER,
    audience: AUDIENCE,
  } as const
}

export function webjoseOpener(keys: NestedKeys, decryptionKey: CryptoKey | (() => CryptoKey) | DecryptionKeySet = keys.decryption): OpenToken {
  const options = nestedOptions(decryptionKey, keys.verification)
  return (token) => decryptAndVerifyJwt(token, options)
}

/** (a') webjose's reusable verifier with its cache off: every token takes the cold path. */
export function verifierOpener(keys: NestedKeys): OpenToken {
  const verifier = createVerifier({ ...nestedOptions(keys.decryption, keys.verification), cache: false })
  return (token) => verifier.verify(token)
}

/**
 * (a'') The verifier as an Auth0 resource server runs it, cache off: the issuer's key from a
 * remote JWKS of two keys (served from memory, no network), selected by "kid" for every token.
 * Open one real token before stubbing Web Crypto: the set is fetched and the key imported then.
 */
export function remoteJwksVerifierOpener(keys: NestedKeys, issuer: KeyMaterial): OpenToken {
  const signingKey = { ...issuer.publicJwk, kid: SIGNING_KID, alg: 'RS256', use: 'sig' }
  const jwks = JSON.stringify({ keys: [{ ...signingKey, kid: `${SIGNING_KID}-previous` }, signingKey] })
  const verificationKey = createRemoteJwks('https://issuer.bench.invalid/.well-known/jwks.json', { fetch: async () => new Response(jwks) })
  const verifier = createVerifier({ ...nestedOptions(keys.decryption, verificationKey), cache: false })
  return (token) => verifier.verify(token)
}

/** Buffer's decoder, typed for Web Crypto (a Buffer is a Uint8Array view of a pooled ArrayBuffer). */
const bytes = (text: string, encoding: 'base64url' | 'latin1'): BufferSource => Buffer.from(text, encoding) as BufferSource

const OAEP = { name: 'RSA-OAEP' } as const
const AES_GCM = { name: 'AES-GCM' } as const
const RS256 = { name: 'RSASSA-PKCS1-v1_5' } as const
const CEK_USAGES: KeyUsage[] = ['decrypt']

/**
 * (b) The Web Crypto floor: the fewest subtle calls that can open the token (unwrapKey, AES-GCM
 * decrypt, RS256 verify) and the least parsing around them (split, Buffer's base64url,
 * JSON.parse of the claims). No header checks, no claim checks: a lower bound, not a verifier.
 */
export function floorOpener(keys: NestedKeys): OpenToken {
  return floor(keys, (encryptedKey) =>
    crypto.subtle.unwrapKey('raw', encryptedKey, keys.decryption, OAEP, AES_GCM, false, CEK_USAGES),
  )
}

/**
 * (b') The same floor with the CEK recovered by decrypt + importKey (four subtle calls instead
 * of three). The targets' floor is the faster of this and (b) over the run (cold.ts).
 */
export function floorTwoCallOpener(keys: NestedKeys): OpenToken {
  return floor(keys, async (encryptedKey) =>
    crypto.subtle.importKey('raw', await crypto.subtle.decrypt(OAEP, keys.decryption, encryptedKey), AES_GCM, false, CEK_USAGES),
  )
}

function floor(keys: NestedKeys, recoverCek: (encryptedKey: BufferSource) => Promise<CryptoKey>): OpenToken {
  const subtle = crypto.subtle
  return async (token) => {
    const [header, encryptedKey, iv, ciphertext, tag] = token.split('.') as [string, string, string, string, string]
    const cek = await recoverCek(bytes(encryptedKey, 'base64url'))
    const plaintext = await subtle.decrypt(
      { name: 'AES-GCM', iv: bytes(iv, 'base64url'), additionalData: bytes(header, 'latin1') },
      cek,
      Buffer.concat([Buffer.from(ciphertext, 'base64url'), Buffer.from(tag, 'base64url')]) as BufferSource,
    )
    const jws = Buffer.from(plaintext).toString('latin1')
    const firstDot = jws.indexOf('.')
    const lastDot = jws.lastIndexOf('.')
    const valid = await subtle.verify(
      RS256,
      keys.verification,
      bytes(jws.slice(lastDot + 1), 'base64url'),
      bytes(jws.slice(0, lastDot), 'latin1'),
    )
    if (!valid) throw new Error('floor: bad signature')
    return JSON.parse(Buffer.from(jws.slice(firstDot + 1, lastDot), 'base64url').toString('utf8'))
  }
}

/** (c) jose 6: compactDecrypt, then jwtVerify on the plaintext, with the same checks as (a). */
export function joseOpener(keys: NestedKeys): OpenToken {
  const decryptOptions = { keyManagementAlgorithms: ['RSA-OAEP-256'], contentEncryptionAlgorithms: ['A256GCM'] }
  const verifyOptions = { algorithms: ['RS256'], issuer: ISSUER, audience: AUDIENCE }
  return async (token) => {
    const { plaintext } = await compactDecrypt(token, keys.decryption, decryptOptions)
    return joseJwtVerify(plaintext, keys.verification, verifyOptions)
  }
}
