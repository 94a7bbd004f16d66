/**
 * Shared fixtures for the adversarial corpus and the property tests.
 *
 * Every token is minted with node:crypto only (never with the code under test; see
 * ../helpers/tokens.ts, re-exported here), so an attack is always a precise edit of a token
 * that is otherwise valid. Every rejection goes through `rejects`, which also checks that the
 * error message carries no token or key material: no 16-character window of the message may
 * occur in the token or in any key that namedKey made in this test file.
 */
import { beforeAll, expect } from 'vitest'
import { DECRYPTION_FAILED_MESSAGE, JoseError, type JoseErrorCode } from '../../src/errors.ts'
import { decryptAndVerifyJwt, type DecryptAndVerifyJwtOptions } from '../../src/verifier/decrypt-and-verify-jwt.ts'
import { jwtVerify, type JwtVerifyOptions } from '../../src/jwt/jwt-verify.ts'
import { compactDecrypt, type CompactDecryptOptions } from '../../src/jwe/compact-decrypt.ts'
import { compactVerify } from '../../src/jws/compact-verify.ts'
import { cryptoKeyFor, namedKey, onNamedKey, type TestRsaKey } from '../helpers/keys.ts'
import { AUDIENCE, ISSUER, b64, defaultClaims, encryptJwe, segmentJson, segments, signJws } from '../helpers/tokens.ts'
import { pemBody } from '../keys/helpers.ts'

export * from '../helpers/tokens.ts'

// ---------------------------------------------------------------------------------------------
// Key material, registered as secret so that no message may quote it.

const secrets: string[] = []

/** Adds text that no error message may contain any 16-character window of. */
export function registerSecret(text: string): void {
  if (text.length >= 16) secrets.push(text)
}

/** Every key this test file makes with namedKey is secret in all its forms. */
onNamedKey((key: TestRsaKey) => {
  for (const pem of [key.privatePem, key.publicPem, key.pkcs1PrivatePem, key.pkcs1PublicPem]) {
    registerSecret(pem)
    registerSecret(pemBody(pem))
  }
  for (const member of ['n', 'd', 'p', 'q', 'dp', 'dq', 'qi'] as const) {
    const value = key.privateJwk[member]
    if (typeof value === 'string') registerSecret(value)
  }
  registerSecret(key.spkiDer.toString('base64'))
  registerSecret(key.spkiDer.toString('hex'))
})

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
// Ready-made keys and options.

export interface Context {
  signer: TestRsaKey
  recipient: TestRsaKey
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
  const signer = namedKey('signer')
  const recipient = namedKey('recipient')
  const verificationKey = await cryptoKeyFor(signer, 'RS256', 'public')
  const decryptionKey = await cryptoKeyFor(recipient, 'RSA-OAEP-256', 'private')
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

/** The file's Context, filled in by a beforeAll this registers: read its members inside tests only. */
export function fileContext(): Context {
  const ctx = {} as Context
  beforeAll(async () => {
    Object.assign(ctx, await createContext())
  })
  return ctx
}

/** The valid tokens the attacks edit: a JWS over `claims` (header `jwsHeader`) and that JWS inside a JWE. */
export interface ValidTokens {
  claims: Record<string, unknown>
  jws: string
  jwsHeader: Record<string, unknown>
  jwe: string
}

/** The file's ValidTokens, filled in by a beforeAll this registers: read its members inside tests only. */
export function fileTokens(): ValidTokens {
  const tokens = {} as ValidTokens
  beforeAll(() => {
    tokens.claims = defaultClaims()
    tokens.jws = signJws(tokens.claims)
    tokens.jwsHeader = segmentJson(tokens.jws)
    tokens.jwe = encryptJwe(tokens.jws)
  })
  return tokens
}

/** `token` with its protected header replaced by `header`, and its signature by `signature` if given. */
export function withHeader(token: string, header: Record<string, unknown>, signature?: string): string {
  const [, payload, original] = segments(token)
  return `${b64(JSON.stringify(header))}.${payload}.${signature ?? original}`
}

/** Caller options merged over the Context's for every API a refusal goes through. */
type ExtraOptions = Record<string, unknown>

/** Both APIs of each kind must refuse `token` with `code`; `ctx` is read at each call (see fileContext). */
export function refusals(ctx: Context) {
  return {
    /** compactDecrypt and decryptAndVerifyJwt; a decryption failure with the one message of RFC 7516 §11.5. */
    async rejectsJwe(token: string, code: JoseErrorCode, options: ExtraOptions = {}): Promise<void> {
      const errors = [
        await rejects(compactDecrypt(token, ctx.decryptionKey, { ...ctx.jwe, ...options } as CompactDecryptOptions), code, token),
        await rejects(decryptAndVerifyJwt(token, ctx.nested(options as Partial<DecryptAndVerifyJwtOptions>)), code, token),
      ]
      if (code === 'ERR_JWE_DECRYPTION_FAILED') for (const error of errors) expect(error.message).toBe(DECRYPTION_FAILED_MESSAGE)
    },
    /** compactVerify (RS256 allowed) and jwtVerify (with the Context's claim checks). */
    async rejectsJws(token: string, code: JoseErrorCode, options: ExtraOptions = {}): Promise<void> {
      await rejects(compactVerify(token, ctx.verificationKey, { algorithms: ['RS256'], ...options }), code, token)
      await rejects(jwtVerify(token, ctx.verificationKey, { ...ctx.jws, ...options }), code, token)
    },
  }
}

/** A JWS over a payload with the exact JSON text given, signed by the issuer (the signature is valid). */
export const signedRaw = (payloadText: string, headerText?: string): string =>
  signJws(payloadText, headerText === undefined ? {} : { rawHeader: headerText })
