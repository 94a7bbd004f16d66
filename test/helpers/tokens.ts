/**
 * Mints nested JWTs (a signed JWT inside a compact JWE, RFC 7519 §11.2) with node:crypto
 * only, so the library's decrypt-and-verify path is checked against an independent issuer.
 * Every part can be tweaked: the inner header and claims, the outer header, the keys, or
 * the plaintext sealed in the JWE.
 */
import { constants, createCipheriv, generateKeyPairSync, publicEncrypt, randomBytes, sign } from 'node:crypto'
import type { KeyManagementAlgorithm } from '../../src/algorithms/key-management.ts'
import type { SignatureAlgorithm } from '../../src/algorithms/signature.ts'
import type { ContentEncryptionAlgorithm } from '../../src/algorithms/content-encryption.ts'
import type { TestRsaKey } from './keys.ts'

export const ISSUER = 'https://issuer.example.com/'
export const AUDIENCE = 'https://api.example.com'

export const b64 = (value: Uint8Array | string): string => Buffer.from(value).toString('base64url')
export const nowSeconds = (): number => Math.floor(Date.now() / 1000)

const named = new Map<string, TestRsaKey>()

/** A distinct RSA key pair per name (and size), generated once per test file with node:crypto. */
export function namedKey(name: string, bits = 2048): TestRsaKey {
  const id = `${name}/${bits}`
  let key = named.get(id)
  if (!key) {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: bits })
    key = {
      privateKey,
      publicKey,
      privateJwk: privateKey.export({ format: 'jwk' }) as JsonWebKey,
      publicJwk: publicKey.export({ format: 'jwk' }) as JsonWebKey,
      privatePem: privateKey.export({ format: 'pem', type: 'pkcs8' }) as string,
      publicPem: publicKey.export({ format: 'pem', type: 'spki' }) as string,
    }
    named.set(id, key)
  }
  return key
}

const WEB_CRYPTO: Record<SignatureAlgorithm | KeyManagementAlgorithm, { name: string; hash: string }> = {
  RS256: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
  RS384: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-384' },
  RS512: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-512' },
  PS256: { name: 'RSA-PSS', hash: 'SHA-256' },
  PS384: { name: 'RSA-PSS', hash: 'SHA-384' },
  PS512: { name: 'RSA-PSS', hash: 'SHA-512' },
  'RSA-OAEP': { name: 'RSA-OAEP', hash: 'SHA-1' },
  'RSA-OAEP-256': { name: 'RSA-OAEP', hash: 'SHA-256' },
  'RSA-OAEP-384': { name: 'RSA-OAEP', hash: 'SHA-384' },
  'RSA-OAEP-512': { name: 'RSA-OAEP', hash: 'SHA-512' },
}

/** Imports a test key straight through Web Crypto for `alg` (verify/sign or decrypt/encrypt usages). */
export function cryptoKeyFor(
  key: TestRsaKey,
  alg: SignatureAlgorithm | KeyManagementAlgorithm,
  type: 'private' | 'public',
): Promise<CryptoKey> {
  const spec = WEB_CRYPTO[alg]
  const oaep = spec.name === 'RSA-OAEP'
  const usages: KeyUsage[] = oaep
    ? type === 'private'
      ? ['decrypt', 'unwrapKey']
      : ['encrypt', 'wrapKey']
    : type === 'private'
      ? ['sign']
      : ['verify']
  return crypto.subtle.importKey('jwk', type === 'private' ? key.privateJwk : key.publicJwk, spec, false, usages)
}

const HASH: Record<string, string> = {
  RS256: 'sha256',
  RS384: 'sha384',
  RS512: 'sha512',
  PS256: 'sha256',
  PS384: 'sha384',
  PS512: 'sha512',
  'RSA-OAEP': 'sha1',
  'RSA-OAEP-256': 'sha256',
  'RSA-OAEP-384': 'sha384',
  'RSA-OAEP-512': 'sha512',
}
const CEK_BYTES: Record<string, number> = { A128GCM: 16, A192GCM: 24, A256GCM: 32 }

export interface SignOptions {
  /** Signing key; default namedKey('signer'). */
  key?: TestRsaKey
  /** Default RS256. Only RS* and PS* are produced. */
  alg?: SignatureAlgorithm
  /** Merged over { alg, typ: 'JWT', kid: 'sig-1' }; a member set to undefined is removed. */
  header?: Record<string, unknown>
}

/** A compact JWS over `payload` (claims object or raw string), signed with node:crypto. */
export function signJws(payload: Record<string, unknown> | string, options: SignOptions = {}): string {
  const alg = options.alg ?? 'RS256'
  const key = options.key ?? namedKey('signer')
  const header = prune({ alg, typ: 'JWT', kid: 'sig-1', ...options.header })
  const signingInput = `${b64(JSON.stringify(header))}.${b64(typeof payload === 'string' ? payload : JSON.stringify(payload))}`
  const padding = alg.startsWith('PS')
    ? { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: Number(alg.slice(2)) / 8 }
    : { padding: constants.RSA_PKCS1_PADDING }
  const signature = sign(HASH[alg]!, Buffer.from(signingInput, 'ascii'), { key: key.privateKey, ...padding })
  return `${signingInput}.${b64(signature)}`
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
}

/** A compact JWE of `plaintext`, RSA-OAEP + AES-GCM with node:crypto. */
export function encryptJwe(plaintext: string | Uint8Array, options: EncryptOptions = {}): string {
  const alg = options.alg ?? 'RSA-OAEP-256'
  const enc = options.enc ?? 'A256GCM'
  const key = options.key ?? namedKey('recipient')
  const header = b64(JSON.stringify(prune({ alg, enc, cty: 'JWT', kid: 'enc-1', ...options.header })))
  const cek = randomBytes(CEK_BYTES[enc]!)
  const iv = randomBytes(12)
  const encryptedKey = publicEncrypt({ key: key.publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: HASH[alg]! }, cek)
  const cipher = createCipheriv(`aes-${cek.length * 8}-gcm` as 'aes-256-gcm', cek, iv)
  cipher.setAAD(Buffer.from(header, 'ascii'))
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()])
  return [header, b64(encryptedKey), b64(iv), b64(ciphertext), b64(cipher.getAuthTag())].join('.')
}

/** Default claims of a valid access token: RFC 9068 complete, valid for an hour from now. */
export function defaultClaims(): Record<string, unknown> {
  const now = nowSeconds()
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

export interface NestedTokenOptions {
  /** Merged over defaultClaims(); a claim set to undefined is removed. */
  claims?: Record<string, unknown>
  /** Inner JWS options (signing key, alg, header tweaks). */
  sign?: SignOptions
  /** Outer JWE options (recipient key, alg, enc, header tweaks). */
  encrypt?: EncryptOptions
  /** Replaces the signed JWT as the JWE plaintext. */
  plaintext?: string | Uint8Array
}

/** An RS256 JWT inside an RSA-OAEP-256/A256GCM JWE, unless told otherwise. */
export function nestedToken(options: NestedTokenOptions = {}): string {
  const plaintext = options.plaintext ?? signJws(prune({ ...defaultClaims(), ...options.claims }), options.sign)
  return encryptJwe(plaintext, options.encrypt)
}

/** Decodes a segment of a compact token as JSON. */
export function segmentJson(token: string, index = 0): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[index]!, 'base64url').toString('utf8')) as Record<string, unknown>
}

/** Replaces one segment of a compact token. */
export function replaceSegment(token: string, index: number, value: string): string {
  return token
    .split('.')
    .map((segment, i) => (i === index ? value : segment))
    .join('.')
}

/** Flips one bit in the first byte of a segment's decoded bytes. */
export function flipSegment(token: string, index: number): string {
  const bytes = Buffer.from(token.split('.')[index]!, 'base64url')
  bytes[0] = bytes[0]! ^ 1
  return replaceSegment(token, index, b64(bytes))
}

function prune(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined))
}
