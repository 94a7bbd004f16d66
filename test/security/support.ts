/**
 * Shared fixtures for the adversarial corpus and the property tests.
 *
 * Every token is minted here with node:crypto only (never with the code under test), so an
 * attack is always a precise edit of a token that is otherwise valid. Every rejection goes
 * through `rejects`, which also checks that the error message carries no token or key
 * material: no 16-character window of the message may occur in the token or in any key
 * made by `fixtureKey`.
 */
import { constants, createCipheriv, createHmac, generateKeyPairSync, publicEncrypt, randomBytes, sign, type KeyObject } from 'node:crypto'
import { deflateRawSync } from 'node:zlib'
import { expect } from 'vitest'
import { JoseError, type JoseErrorCode } from '../../src/errors.ts'
import type { KeyManagementAlgorithm } from '../../src/algorithms/key-management.ts'
import type { SignatureAlgorithm } from '../../src/algorithms/signature.ts'
import type { ContentEncryptionAlgorithm } from '../../src/algorithms/content-encryption.ts'
import type { DecryptAndVerifyJwtOptions } from '../../src/verifier/decrypt-and-verify-jwt.ts'
import type { JwtVerifyOptions } from '../../src/jwt/jwt-verify.ts'

export const ISSUER = 'https://issuer.example.com/'
export const AUDIENCE = 'https://api.example.com'

export const b64 = (value: Uint8Array | string): string => Buffer.from(value).toString('base64url')
export const nowSeconds = (): number => Math.floor(Date.now() / 1000)

// ---------------------------------------------------------------------------------------------
// Key material, registered as secret so that no message may quote it.

export interface RsaFixture {
  readonly privateKey: KeyObject
  readonly publicKey: KeyObject
  readonly privateJwk: JsonWebKey
  readonly publicJwk: JsonWebKey
  /** PKCS#8 */
  readonly privatePem: string
  /** SPKI */
  readonly publicPem: string
  readonly pkcs1PrivatePem: string
  readonly pkcs1PublicPem: string
  readonly spkiDer: Buffer
  readonly pkcs1PublicDer: Buffer
}

const secrets: string[] = []

/** Adds text that no error message may contain any 16-character window of. */
export function registerSecret(text: string): void {
  if (text.length >= 16) secrets.push(text)
}

const fixtures = new Map<string, RsaFixture>()

/** A distinct RSA key pair per name and size, generated once per test file with node:crypto. */
export function fixtureKey(name: string, bits = 2048): RsaFixture {
  const id = `${name}/${bits}`
  let fixture = fixtures.get(id)
  if (fixture === undefined) {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: bits })
    fixture = {
      privateKey,
      publicKey,
      privateJwk: privateKey.export({ format: 'jwk' }) as JsonWebKey,
      publicJwk: publicKey.export({ format: 'jwk' }) as JsonWebKey,
      privatePem: privateKey.export({ format: 'pem', type: 'pkcs8' }) as string,
      publicPem: publicKey.export({ format: 'pem', type: 'spki' }) as string,
      pkcs1PrivatePem: privateKey.export({ format: 'pem', type: 'pkcs1' }) as string,
      pkcs1PublicPem: publicKey.export({ format: 'pem', type: 'pkcs1' }) as string,
      spkiDer: publicKey.export({ format: 'der', type: 'spki' }),
      pkcs1PublicDer: publicKey.export({ format: 'der', type: 'pkcs1' }),
    }
    for (const pem of [fixture.privatePem, fixture.publicPem, fixture.pkcs1PrivatePem, fixture.pkcs1PublicPem]) {
      registerSecret(pem)
      registerSecret(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''))
    }
    for (const member of ['n', 'd', 'p', 'q', 'dp', 'dq', 'qi'] as const) {
      const value = fixture.privateJwk[member]
      if (typeof value === 'string') registerSecret(value)
    }
    registerSecret(fixture.spkiDer.toString('base64'))
    registerSecret(fixture.spkiDer.toString('hex'))
    fixtures.set(id, fixture)
  }
  return fixture
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

/** Imports a fixture straight through Web Crypto (not through the library's importKey). */
export function cryptoKey(
  fixture: RsaFixture,
  alg: SignatureAlgorithm | KeyManagementAlgorithm,
  type: 'private' | 'public',
  usages?: KeyUsage[],
): Promise<CryptoKey> {
  const spec = WEB_CRYPTO[alg]
  const oaep = spec.name === 'RSA-OAEP'
  const defaults: KeyUsage[] = oaep
    ? type === 'private'
      ? ['decrypt', 'unwrapKey']
      : ['encrypt', 'wrapKey']
    : type === 'private'
      ? ['sign']
      : ['verify']
  return crypto.subtle.importKey(
    'jwk',
    type === 'private' ? fixture.privateJwk : fixture.publicJwk,
    spec,
    false,
    usages ?? defaults,
  )
}

// ---------------------------------------------------------------------------------------------
// Rejection checks.

/** Fails when a 16-character window of `message` occurs in a token or in registered key material. */
export function assertNoLeak(message: string, tokens: readonly string[] = []): void {
  const haystacks = [...tokens, ...secrets]
  for (let i = 0; i + 16 <= message.length; i++) {
    const window = message.slice(i, i + 16)
    for (const haystack of haystacks) {
      if (haystack.includes(window)) {
        expect.fail(`error message quotes token or key material: ${JSON.stringify(message)} contains ${JSON.stringify(window)}`)
      }
    }
  }
}

/**
 * Awaits a rejection that must be a JoseError with exactly `code`, whose message leaks neither
 * `tokens` nor any key material. Returns the error.
 */
export async function rejects(
  action: Promise<unknown> | (() => unknown),
  code: JoseErrorCode,
  tokens: string | readonly string[] = [],
): Promise<JoseError> {
  let outcome: { ok: true; value: unknown } | { ok: false; error: unknown }
  try {
    outcome = { ok: true, value: await (typeof action === 'function' ? action() : action) }
  } catch (error) {
    outcome = { ok: false, error }
  }
  if (outcome.ok) expect.fail(`expected a JoseError ${code}, but the call succeeded`)
  const { error } = outcome
  if (!(error instanceof JoseError)) {
    expect.fail(`expected a JoseError ${code}, got ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`)
  }
  expect(error.code, error.message).toBe(code)
  assertNoLeak(error.message, typeof tokens === 'string' ? [tokens] : tokens)
  return error
}

// ---------------------------------------------------------------------------------------------
// Token editing.

export const segments = (token: string): string[] => token.split('.')

export function setSegment(token: string, index: number, value: string): string {
  const parts = token.split('.')
  parts[index] = value
  return parts.join('.')
}

/** Flips `bit` of byte `at` in the decoded bytes of segment `index`. */
export function flipBit(token: string, index: number, at = 0, bit = 0): string {
  const bytes = Buffer.from(token.split('.')[index]!, 'base64url')
  const position = ((at % bytes.length) + bytes.length) % bytes.length
  bytes[position] = bytes[position]! ^ (1 << bit)
  return setSegment(token, index, b64(bytes))
}

export const decodeSegment = (token: string, index: number): Buffer => Buffer.from(token.split('.')[index]!, 'base64url')

// ---------------------------------------------------------------------------------------------
// Minting with node:crypto.

const HASH: Record<SignatureAlgorithm | KeyManagementAlgorithm, string> = {
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
export const CEK_BYTES: Record<ContentEncryptionAlgorithm, number> = { A128GCM: 16, A192GCM: 24, A256GCM: 32 }

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

export interface JwsSpec {
  /** Signing key; default fixtureKey('signer'). */
  key?: RsaFixture
  /** Default RS256. */
  alg?: SignatureAlgorithm
  /** Merged over { alg, typ: 'JWT', kid: 'sig-1' }; a member set to undefined is removed. */
  header?: Record<string, unknown>
  /** The protected header's exact JSON text (replaces `header`). */
  rawHeader?: string
}

/** RS* / PS* compact JWS over `payload` (an object is serialised as JSON, a string or bytes used as is). */
export function signJws(payload: Record<string, unknown> | string | Uint8Array, spec: JwsSpec = {}): string {
  const alg = spec.alg ?? 'RS256'
  const key = spec.key ?? fixtureKey('signer')
  const headerText = spec.rawHeader ?? JSON.stringify(prune({ alg, typ: 'JWT', kid: 'sig-1', ...spec.header }))
  const body = typeof payload === 'string' || payload instanceof Uint8Array ? payload : JSON.stringify(payload)
  const signingInput = `${b64(headerText)}.${b64(body)}`
  return `${signingInput}.${b64(rsaSign(alg, key, signingInput))}`
}

export function rsaSign(alg: SignatureAlgorithm, key: RsaFixture, signingInput: string): Buffer {
  const padding = alg.startsWith('PS')
    ? { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: Number(alg.slice(2)) / 8 }
    : { padding: constants.RSA_PKCS1_PADDING }
  return sign(HASH[alg], Buffer.from(signingInput, 'ascii'), { key: key.privateKey, ...padding })
}

/** An HS256 JWS whose HMAC key is `secret` (the algorithm-confusion attack). */
export function hmacJws(header: Record<string, unknown>, payload: Record<string, unknown>, secret: Uint8Array | string): string {
  const signingInput = `${b64(JSON.stringify(header))}.${b64(JSON.stringify(payload))}`
  return `${signingInput}.${b64(createHmac('sha256', secret).update(signingInput).digest())}`
}

export interface JweSpec {
  /** Recipient key; default fixtureKey('recipient'). */
  key?: RsaFixture
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

/** A compact JWE, RSA-OAEP key encryption and AES-GCM, with node:crypto. */
export function encryptJwe(plaintext: string | Uint8Array, spec: JweSpec = {}): string {
  const alg = spec.alg ?? 'RSA-OAEP-256'
  const enc = spec.enc ?? 'A256GCM'
  const key = spec.key ?? fixtureKey('recipient')
  const header = b64(spec.rawHeader ?? JSON.stringify(prune({ alg, enc, cty: 'JWT', kid: 'enc-1', ...spec.header })))
  const cek = spec.cek ?? randomBytes(CEK_BYTES[enc])
  const contentKey = spec.contentKey ?? cek
  const iv = spec.iv ?? randomBytes(12)
  const encryptedKey = publicEncrypt({ key: key.publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: HASH[alg] }, cek)
  const cipher = createCipheriv(`aes-${contentKey.length * 8}-gcm` as 'aes-256-gcm', contentKey, iv)
  cipher.setAAD(Buffer.from(header, 'ascii'))
  const content = spec.deflate ? deflateRawSync(Buffer.from(plaintext)) : plaintext
  const ciphertext = Buffer.concat([cipher.update(content), cipher.final()])
  return [header, b64(encryptedKey), b64(iv), b64(ciphertext), b64(cipher.getAuthTag())].join('.')
}

export interface NestedSpec {
  /** Merged over defaultClaims(); a claim set to undefined is removed. */
  claims?: Record<string, unknown>
  sign?: JwsSpec
  encrypt?: JweSpec
  /** Sealed in the JWE instead of a freshly signed JWT. */
  plaintext?: string | Uint8Array
}

/** An RS256 JWT inside an RSA-OAEP-256 / A256GCM JWE (RFC 7519 §11.2), unless told otherwise. */
export function nestedToken(spec: NestedSpec = {}): string {
  const plaintext = spec.plaintext ?? signJws(prune({ ...defaultClaims(), ...spec.claims }), spec.sign)
  return encryptJwe(plaintext, spec.encrypt)
}

function prune(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined))
}

// ---------------------------------------------------------------------------------------------
// Ready-made keys and options.

export interface Context {
  signer: RsaFixture
  recipient: RsaFixture
  /** The issuer's public key, for RS256. */
  verificationKey: CryptoKey
  /** The recipient's private key, for RSA-OAEP-256 (decrypt + unwrapKey). */
  decryptionKey: CryptoKey
  jws: JwtVerifyOptions
  /** Options for decryptAndVerifyJwt; `overrides` win. */
  nested(overrides?: Partial<DecryptAndVerifyJwtOptions>): DecryptAndVerifyJwtOptions
  jwe: { keyManagementAlgorithms: ['RSA-OAEP-256']; contentEncryptionAlgorithms: ['A256GCM'] }
}

export async function createContext(): Promise<Context> {
  const signer = fixtureKey('signer')
  const recipient = fixtureKey('recipient')
  const verificationKey = await cryptoKey(signer, 'RS256', 'public')
  const decryptionKey = await cryptoKey(recipient, 'RSA-OAEP-256', 'private')
  const jwe = { keyManagementAlgorithms: ['RSA-OAEP-256'], contentEncryptionAlgorithms: ['A256GCM'] } as Context['jwe']
  return {
    signer,
    recipient,
    verificationKey,
    decryptionKey,
    jws: { algorithms: ['RS256'], issuer: ISSUER, audience: AUDIENCE },
    jwe,
    nested: (overrides = {}) => ({
      decryptionKey,
      verificationKey,
      ...jwe,
      algorithms: ['RS256'],
      issuer: ISSUER,
      audience: AUDIENCE,
      ...overrides,
    }),
  }
}
