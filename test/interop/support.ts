/**
 * What the interop tests (jose*.test.ts, jwcrypto-*.test.ts) share: the algorithm matrices, one
 * recipient and one signer key pair per file (2048 bits, from test/helpers/keys.ts), the
 * payloads, and webjose's own key imports from PEM.
 */
import { importKey, type KeyAlgorithm } from '../../src/keys/import-key.ts'
import type { JwtClaims } from '../../src/jwt/claims.ts'
import type { SignatureAlgorithm } from '../../src/algorithms/signature.ts'
import type { KeyManagementAlgorithm } from '../../src/algorithms/key-management.ts'
import type { ContentEncryptionAlgorithm } from '../../src/algorithms/content-encryption.ts'
import { namedKey, type TestRsaKey } from '../helpers/keys.ts'
import { defaultClaims } from '../helpers/tokens.ts'

import { AUDIENCE, ISSUER } from '../helpers/tokens.ts'

export { AUDIENCE, ISSUER, flipBit } from '../helpers/tokens.ts'

// Written out here rather than taken from src/, so a dropped algorithm fails these tests.
export const SIGNATURE_ALGS: readonly SignatureAlgorithm[] = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512']
export const KEY_MANAGEMENT_ALGS: readonly KeyManagementAlgorithm[] = ['RSA-OAEP', 'RSA-OAEP-256', 'RSA-OAEP-384', 'RSA-OAEP-512']
export const CONTENT_ENCRYPTION_ALGS: readonly ContentEncryptionAlgorithm[] = ['A128GCM', 'A192GCM', 'A256GCM', 'A128CBC-HS256', 'A192CBC-HS384', 'A256CBC-HS512']

export interface JweCase {
  alg: KeyManagementAlgorithm
  enc: ContentEncryptionAlgorithm
}

/** Every alg × enc pair of `algs`. */
export const jweMatrix = (algs: readonly KeyManagementAlgorithm[]): JweCase[] =>
  algs.flatMap((alg) => CONTENT_ENCRYPTION_ALGS.map((enc) => ({ alg, enc })))

/** The Auth0 encrypted access token: an RS256 JWT inside an RSA-OAEP-256 / A256GCM JWE. */
export const AUTH0_JWS_HEADER = { alg: 'RS256', typ: 'JWT', kid: 'sig-1' } as const
export const AUTH0_JWE_HEADER = { alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: 'enc-1', cty: 'JWT' } as const

/** Non-ASCII text (2-, 3- and 4-byte UTF-8) so both sides must agree on the encoding. */
export const PLAINTEXT = 'interop: Grüße, ✓ 🔐 — {"not":"json"}'

/** An RFC 9068-complete access token with non-ASCII, array and object members. */
export function interopClaims(): JwtClaims {
  return {
    ...defaultClaims(),
    scope: 'read:messages write:messages',
    name: 'Zoë Ñandú 🔐',
    roles: ['admin', 'user'],
    'https://example.com/claims': { tenant: 't-1', level: 3, beta: true },
  }
}

export interface InteropKeys {
  /** Holds the JWE recipient's key pair (the resource server). */
  recipient: TestRsaKey
  /** Holds the issuer's signing key pair. */
  signer: TestRsaKey
}

/** The file's two key pairs (generated once per test file, through test/helpers/keys.ts). */
export const interopKeys = (): InteropKeys => ({ recipient: namedKey('recipient'), signer: namedKey('signer') })

const imported = new Map<string, Promise<CryptoKey>>()

/** webjose's importKey of `pem` for `alg`, once per pair (webjose parses the PEM itself). */
export function webjoseKey(pem: string, alg: KeyAlgorithm): Promise<CryptoKey> {
  const id = `${alg}\n${pem}`
  let key = imported.get(id)
  if (key === undefined) {
    key = importKey(pem, alg)
    imported.set(id, key)
  }
  return key
}

/** webjose's options for the Auth0 token: the issuer key verifies, the recipient key decrypts. */
export async function auth0Options({ recipient, signer }: InteropKeys) {
  return {
    decryptionKey: await webjoseKey(recipient.privatePem, 'RSA-OAEP-256'),
    verificationKey: await webjoseKey(signer.publicPem, 'RS256'),
    keyManagementAlgorithms: ['RSA-OAEP-256'] as const,
    contentEncryptionAlgorithms: ['A256GCM'] as const,
    algorithms: ['RS256'] as const,
    issuer: ISSUER,
    audience: AUDIENCE,
  }
}

/** webjose's jwtVerify options for an interopClaims() token signed with `alg`. */
export const jwtOptions = (alg: SignatureAlgorithm) => ({
  algorithms: [alg],
  issuer: ISSUER,
  audience: AUDIENCE,
  typ: 'JWT',
  requiredClaims: ['sub', 'exp', 'iat', 'jti', 'client_id'],
})

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text)
export const text = (bytes: Uint8Array): string => new TextDecoder('utf-8', { fatal: true }).decode(bytes)
