/**
 * Mints nested JWTs (a signed JWT inside a compact JWE, RFC 7519 §11.2) with node:crypto
 * only, so the library's decrypt-and-verify path is checked against an independent issuer.
 * Every part can be tweaked: the inner header and claims, the outer header, the keys, the CEK,
 * IV or content key, or the plaintext sealed in the JWE. Also the token-editing helpers.
 */
import { constants, createCipheriv, createHmac, publicEncrypt, randomBytes, sign } from 'node:crypto'
import { deflateRawSync } from 'node:zlib'
import type { RsaOaepAlgorithm as KeyManagementAlgorithm } from '../../src/algorithms/key-management/rsa-oaep.ts'
import type { RsaSignatureAlgorithm as SignatureAlgorithm } from '../../src/algorithms/signature/rsa.ts'
import type { ContentEncryptionAlgorithm } from '../../src/algorithms/content-encryption.ts'
import { namedKey, nodeHash, type TestRsaKey } from './keys.ts'
import type { DecryptAndVerifyJwtOptions } from '../../src/verifier/decrypt-and-verify-jwt.ts'

export { cryptoKeyFor, namedKey, type TestRsaKey } from './keys.ts'

export const ISSUER = 'https://issuer.example.com/'
export const AUDIENCE = 'https://api.example.com'

/** What every option set for nestedToken's tokens holds besides its keys: the allow-lists of its algorithms, its issuer and audience. */
export const NESTED_TOKEN_POLICY = {
  keyManagementAlgorithms: ['RSA-OAEP-256'],
  contentEncryptionAlgorithms: ['A256GCM'],
  algorithms: ['RS256'],
  issuer: ISSUER,
  audience: AUDIENCE,
} as const

/** decryptAndVerifyJwt's options for the tokens nestedToken makes (RSA-OAEP-256, A256GCM, RS256), with overrides. */
export function accessTokenOptions(
  decryptionKey: CryptoKey,
  verificationKey: CryptoKey,
  overrides: Partial<DecryptAndVerifyJwtOptions> = {},
): DecryptAndVerifyJwtOptions {
  return { decryptionKey, verificationKey, ...NESTED_TOKEN_POLICY, ...overrides }
}

export const b64 = (value: Uint8Array | string): string => Buffer.from(value).toString('base64url')
export const nowSeconds = (): number => Math.floor(Date.now() / 1000)

export const CEK_BYTES: Record<ContentEncryptionAlgorithm, number> = { 'A128CBC-HS256': 32, 'A192CBC-HS384': 48, 'A256CBC-HS512': 64, A128GCM: 16, A192GCM: 24, A256GCM: 32 }

/** Default claims of a valid access token: RFC 9068 complete, valid for an hour from `now`. */
export function defaultClaims(now = nowSeconds()): Record<string, unknown> {
  return {
    iss: ISSUER,
    sub: 'user-1',
    aud: AUDIENCE,
    client_id: 'client-1',
    jti: `jti-${randomBytes(6).toString('hex')}`,
    iat: now,
    exp: now + 3600,
  }
}

export interface SignOptions {
  /** Signing key; default namedKey('signer'). */
  key?: TestRsaKey
  /** Default RS256. Only RS* and PS* are produced. */
  alg?: SignatureAlgorithm
  /** Merged over { alg, typ: 'JWT', kid: 'sig-1' }; a member set to undefined is removed. */
  header?: Record<string, unknown>
  /** The protected header's exact JSON text (replaces `header`). */
  rawHeader?: string
}

/** A compact JWS over `payload` (an object is serialised as JSON, a string or bytes used as is). */
export function signJws(payload: Record<string, unknown> | string | Uint8Array, options: SignOptions = {}): string {
  const alg = options.alg ?? 'RS256'
  const key = options.key ?? namedKey('signer')
  const headerText = options.rawHeader ?? JSON.stringify(prune({ alg, typ: 'JWT', kid: 'sig-1', ...options.header }))
  const body = typeof payload === 'string' || payload instanceof Uint8Array ? payload : JSON.stringify(payload)
  const signingInput = `${b64(headerText)}.${b64(body)}`
  return `${signingInput}.${b64(rsaSign(alg, key, signingInput))}`
}

/** The RS* / PS* signature of `signingInput` with node:crypto. */
export function rsaSign(alg: SignatureAlgorithm, key: TestRsaKey, signingInput: string): Buffer {
  const padding = alg.startsWith('PS')
    ? { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: Number(alg.slice(2)) / 8 }
    : { padding: constants.RSA_PKCS1_PADDING }
  return sign(nodeHash(alg), Buffer.from(signingInput, 'ascii'), { key: key.privateKey, ...padding })
}

/** An HS256 JWS whose HMAC key is `secret` (the algorithm-confusion attack). */
export function hmacJws(header: Record<string, unknown>, payload: Record<string, unknown>, secret: Uint8Array | string): string {
  const signingInput = `${b64(JSON.stringify(header))}.${b64(JSON.stringify(payload))}`
  return `${signingInput}.${b64(createHmac('sha256', secret).update(signingInput).digest())}`
}

export interface EncryptOptions {
  /** Recipient key; default namedKey('recipient'). */
  key?: TestRsaKey
  /** Default RSA-OAEP-256. */
  alg?: KeyManagementAlgorithm
  /** Default A256GCM. */
  enc?: ContentEncryptionAlgorithm
  /** Merged over { alg, enc, cty: 'JWT', kid: 'enc-1' }; a member set to undefined is removed. */
  header?: Record<string, unknown>
  /** The protected header's exact JSON text (replaces `header`). */
  rawHeader?: string
  /** The CEK that gets wrapped; default random of the size `enc` needs. */
  cek?: Uint8Array
  /** The AES-GCM key the content is sealed with; default the CEK. */
  contentKey?: Uint8Array
  iv?: Uint8Array
  /** Deflate the plaintext (for "zip": "DEF"; the header member is up to the caller). */
  deflate?: boolean
}

/** A compact JWE of `plaintext`, RSA-OAEP key encryption and AES-GCM, with node:crypto. */
export function encryptJwe(plaintext: string | Uint8Array, options: EncryptOptions = {}): string {
  const alg = options.alg ?? 'RSA-OAEP-256'
  const enc = options.enc ?? 'A256GCM'
  const key = options.key ?? namedKey('recipient')
  const header = b64(options.rawHeader ?? JSON.stringify(prune({ alg, enc, cty: 'JWT', kid: 'enc-1', ...options.header })))
  const cek = options.cek ?? randomBytes(CEK_BYTES[enc])
  const contentKey = options.contentKey ?? cek
  const iv = options.iv ?? randomBytes(12)
  const encryptedKey = publicEncrypt({ key: key.publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: nodeHash(alg) }, cek)
  const cipher = createCipheriv(`aes-${contentKey.length * 8}-gcm` as 'aes-256-gcm', contentKey, iv)
  cipher.setAAD(Buffer.from(header, 'ascii'))
  const content = options.deflate ? deflateRawSync(Buffer.from(plaintext)) : plaintext
  const ciphertext = Buffer.concat([cipher.update(content), cipher.final()])
  return [header, b64(encryptedKey), b64(iv), b64(ciphertext), b64(cipher.getAuthTag())].join('.')
}

export interface NestedTokenOptions {
  /** Merged over defaultClaims(); a claim set to undefined is removed. */
  claims?: Record<string, unknown>
  /** Inner JWS options (signing key, alg, header tweaks). */
  sign?: SignOptions
  /** Outer JWE options (recipient key, alg, enc, header tweaks). */
  encrypt?: EncryptOptions
  /** Sealed in the JWE instead of a freshly signed JWT. */
  plaintext?: string | Uint8Array
}

/** An RS256 JWT inside an RSA-OAEP-256 / A256GCM JWE, unless told otherwise. */
export function nestedToken(options: NestedTokenOptions = {}): string {
  const plaintext = options.plaintext ?? signJws(prune({ ...defaultClaims(), ...options.claims }), options.sign)
  return encryptJwe(plaintext, options.encrypt)
}

function prune(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined))
}

// ---------------------------------------------------------------------------------------------
// Token editing.

export const segments = (token: string): string[] => token.split('.')

export const decodeSegment = (token: string, index: number): Buffer => Buffer.from(token.split('.')[index]!, 'base64url')

/** Decodes a segment of a compact token as JSON. */
export function segmentJson(token: string, index = 0): Record<string, unknown> {
  return JSON.parse(decodeSegment(token, index).toString('utf8')) as Record<string, unknown>
}

/** Replaces one segment of a compact token. */
export function setSegment(token: string, index: number, value: string): string {
  const parts = token.split('.')
  parts[index] = value
  return parts.join('.')
}

/** Flips `bit` of byte `at` (negative counts from the end) in the decoded bytes of segment `index`. */
export function flipBit(token: string, index: number, at = 0, bit = 0): string {
  const bytes = decodeSegment(token, index)
  const position = ((at % bytes.length) + bytes.length) % bytes.length
  bytes[position] = bytes[position]! ^ (1 << bit)
  return setSegment(token, index, b64(bytes))
}
