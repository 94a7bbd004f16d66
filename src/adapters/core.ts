/**
 * What the framework adapters share: one verifier made from express-oauth2-jwt-bearer's option
 * names, the bearer token read as that package reads it, and failures as RFC 6750 challenges.
 * Descriptions are fixed texts (the ones express-oauth2-jwt-bearer gives for the same failures
 * where it has them): a token's content, a key or a URL never reaches a client.
 */
import { JoseError, JwtClaimError, invalidArgument, requireOptions } from '../errors.ts'
import { createRemoteJwks } from '../jwks/remote-jwks.ts'
import { createVerifier, type VerifierOptions } from '../verifier/create-verifier.ts'
import { KEYS_UNAVAILABLE } from '../verifier/verify-authorization.ts'
import type { JweHeader, JwsHeader } from '../serialization/header.ts'
import type { KeyManagementAlgorithm } from '../algorithms/key-management.ts'
import type { ContentEncryptionAlgorithm } from '../algorithms/content-encryption.ts'
import type { SignatureAlgorithm } from '../algorithms/signature.ts'

export interface AuthOptions {
  /** Where the issuer's metadata is (discovery); its URL form is the expected `iss`, unless `issuer` is given. */
  issuerBaseURL?: string | undefined
  /** The expected `iss`, exactly. With `jwksUri` or `publicKey`, no discovery. */
  issuer?: string | undefined
  jwksUri?: string | undefined
  /** The issuer's public key: PEM, JWK or `{ keys }` set. */
  publicKey?: VerifierOptions['verificationKey']
  /** The API identifier(s); a token must name one in `aud`. */
  audience: string | readonly string[]
  /** The API's private key (PEM, JWK, `{ keys }` set, CryptoKey, key set). With it, tokens must be JWEs. */
  decryptionKey?: VerifierOptions['decryptionKey']
  /** Default: JWE required when decryptionKey is given, plain JWS otherwise. */
  requireEncryption?: boolean | undefined
  /** The JWS algorithm, as in express-oauth2-jwt-bearer. Default RS256. */
  tokenSigningAlg?: SignatureAlgorithm | undefined
  /** Several JWS algorithms instead. */
  algorithms?: readonly SignatureAlgorithm[] | undefined
  /** Default Auth0's: RSA-OAEP-256, RSA-OAEP-384, RSA-OAEP-512. */
  keyManagementAlgorithms?: readonly KeyManagementAlgorithm[] | undefined
  /** Default Auth0's: A256GCM. */
  contentEncryptionAlgorithms?: readonly ContentEncryptionAlgorithm[] | undefined
  /** Seconds. Default 5, as express-oauth2-jwt-bearer. */
  clockTolerance?: number | undefined
  /** Seconds: a token issued longer ago is refused. */
  maxTokenAge?: number | undefined
  /** Options of createRemoteJwks / discoverJwks (timeoutMs, cooldownMs, cacheMaxAgeMs, fetch...). */
  jwks?: VerifierOptions['discovery']
  /** The challenge's realm. Default "api", as express-oauth2-jwt-bearer. */
  realm?: string | undefined
}

/** What a framework sets on its request: express-oauth2-jwt-bearer's `req.auth`, plus the JWE header. */
export interface AuthResult {
  readonly header: Readonly<JwsHeader>
  readonly payload: Readonly<Record<string, unknown>>
  readonly token: string
  readonly encryptionHeader?: Readonly<JweHeader> | undefined
}

export type ErrorCode = 'invalid_request' | 'invalid_token' | 'insufficient_scope'

/** An answer to give instead of the resource: status, and the challenge unless 503. */
export interface AuthFailure {
  readonly status: 400 | 401 | 403 | 503
  readonly code?: ErrorCode | undefined
  readonly description: string
  readonly wwwAuthenticate?: string | undefined
  /** For logs: the JoseError behind an invalid_token or 503 answer. */
  readonly cause?: JoseError | undefined
}

export type Authenticate = (authorization: unknown) => Promise<AuthResult | AuthFailure>

export const isFailure = (outcome: AuthResult | AuthFailure): outcome is AuthFailure => 'status' in outcome

/** RFC 6750 §3: quoted-string values without `"` or `\` (a `"` becomes `'`, as in express-oauth2-jwt-bearer). */
const quotable = (text: string): string => text.replace(/"/g, "'").replace(/[^\x20\x21\x23-\x5b\x5d-\x7e]/g, '')

export function failure(status: 400 | 401 | 403, realm: string, code?: ErrorCode, description = '', scopes?: readonly string[], cause?: JoseError): AuthFailure {
  let challenge = `Bearer realm="${realm}"`
  if (code) challenge += `, error="${code}", error_description="${quotable(description)}"`
  if (scopes) challenge += `, scope="${quotable(scopes.join(' '))}"`
  return { status, code, description, wwwAuthenticate: challenge, cause }
}

const EXPIRY_DESCRIPTIONS: Partial<Record<string, string>> = {
  ERR_JWT_EXPIRED: '"exp" claim timestamp check failed',
  ERR_JWT_NOT_YET_VALID: '"nbf" claim timestamp check failed',
  ERR_JWS_SIGNATURE_INVALID: 'signature verification failed',
}

/** Checked now, once: a bad option would otherwise fail every request. */
export function createAuthenticate(options: AuthOptions): { authenticate: Authenticate; realm: string } {
  requireOptions(options)
  const realm = options.realm ?? 'api'
  if (typeof realm !== 'string' || /[^\x20\x21\x23-\x5b\x5d-\x7e]/.test(realm)) throw invalidArgument('options.realm is invalid')
  const base = options.issuerBaseURL
  let issuer = options.issuer
  if (issuer === undefined && typeof base === 'string') {
    try {
      // The URL form: Auth0's "https://tenant.auth0.com" becomes its issuer "https://tenant.auth0.com/".
      issuer = new URL(base).href
    } catch {
      throw invalidArgument('options.issuerBaseURL is not a URL')
    }
  }
  let verificationKey = options.publicKey
  if (verificationKey === undefined && options.jwksUri !== undefined) verificationKey = createRemoteJwks(options.jwksUri, options.jwks)
  const decryptionKey = options.decryptionKey
  const verifier = createVerifier({
    issuer: issuer as string,
    audience: options.audience as string[],
    verificationKey,
    discovery: options.jwks,
    decryptionKey,
    requireEncryption: options.requireEncryption ?? decryptionKey !== undefined,
    algorithms: options.algorithms ?? [options.tokenSigningAlg ?? 'RS256'],
    keyManagementAlgorithms: options.keyManagementAlgorithms ?? ['RSA-OAEP-256', 'RSA-OAEP-384', 'RSA-OAEP-512'],
    contentEncryptionAlgorithms: options.contentEncryptionAlgorithms ?? ['A256GCM'],
    clockTolerance: options.clockTolerance ?? 5,
    ...(options.maxTokenAge !== undefined ? { maxTokenAge: options.maxTokenAge } : {}),
  } as VerifierOptions)

  const authenticate: Authenticate = async (authorization) => {
    if (authorization === undefined || authorization === null) return failure(401, realm)
    // express-oauth2-jwt-bearer: exactly "<scheme> <token>", and the scheme Bearer; else 400 without an error code.
    const match = typeof authorization === 'string' && authorization.split(' ').length === 2 ? /^Bearer (.+)$/i.exec(authorization) : null
    if (match === null) return { ...failure(400, realm), code: undefined }
    const token = match[1]!
    try {
      const { claims, header, encryptionHeader } = await verifier.verify(token)
      return { header, payload: claims, token, encryptionHeader } as AuthResult
    } catch (caught) {
      // createVerifier fails with JoseErrors only.
      const error = caught as JoseError
      // The issuer's keys could not be had: the token was never judged (see verifyAuthorization).
      if (KEYS_UNAVAILABLE.has(error.code)) return { status: 503, description: 'Service Unavailable', cause: error }
      const claim = error instanceof JwtClaimError && error.code === 'ERR_JWT_CLAIM_INVALID' ? error.claim : undefined
      const description = claim && /^[a-z_]+$/.test(claim) ? `Unexpected '${claim}' value` : (EXPIRY_DESCRIPTIONS[error.code] ?? 'Invalid Token')
      return failure(401, realm, 'invalid_token', description, undefined, error)
    }
  }
  return { authenticate, realm }
}

/** A check of a verified payload: a failure to answer with, or undefined. */
export type ClaimCheck = (payload: Readonly<Record<string, unknown>> | undefined, realm: string) => AuthFailure | undefined

const scopeList = (scopes: unknown): string[] => {
  const list = typeof scopes === 'string' ? scopes.split(' ') : scopes
  if (!Array.isArray(list) || !list.every((scope) => typeof scope === 'string')) throw invalidArgument("'scopes' must be a string or array of strings")
  return list
}

/** A space-separated string or an array as a list (RFC 9068 §2.2.3); anything else is none. */
const listed = (value: unknown): unknown[] | undefined => (typeof value === 'string' ? value.split(' ') : Array.isArray(value) ? value : undefined)

function scopeCheck(scopes: unknown, every: boolean): ClaimCheck {
  const wanted = scopeList(scopes)
  return (payload, realm) => {
    if (!payload) return failure(401, realm)
    if (!Object.hasOwn(payload, 'scope')) return failure(403, realm, 'insufficient_scope', "Missing 'scope' claim", wanted)
    const granted = listed(payload.scope) ?? []
    const ok = every ? wanted.every((scope) => granted.includes(scope)) : wanted.some((scope) => granted.includes(scope))
    return ok ? undefined : failure(403, realm, 'insufficient_scope', 'Insufficient Scope', wanted)
  }
}

/** Every scope must be in the `scope` claim; else 403 insufficient_scope naming them. */
export const requiredScopesCheck = (scopes: string | readonly string[]): ClaimCheck => scopeCheck(scopes, true)
/** At least one of the scopes. */
export const scopeIncludesAnyCheck = (scopes: string | readonly string[]): ClaimCheck => scopeCheck(scopes, false)

/** `fn(payload)` must be true; else 401 invalid_token with `description` (default "Invalid Token"). */
export function claimCheckCheck(fn: (payload: Readonly<Record<string, unknown>>) => boolean, description = 'Invalid Token'): ClaimCheck {
  if (typeof fn !== 'function') throw invalidArgument("'claimCheck' expects a function")
  return (payload, realm) => {
    if (!payload) return failure(401, realm)
    return fn(payload) ? undefined : failure(401, realm, 'invalid_token', description)
  }
}

type Primitive = string | number | boolean | null
const checkPrimitive = (value: unknown): void => {
  if (value !== null && !['string', 'number', 'boolean'].includes(typeof value)) throw invalidArgument("'expected' must be a string, number, boolean or null")
}

/** A check of one claim; a token without it gets express-oauth2-jwt-bearer's "Missing" answer. */
function claimTest(claim: unknown, test: (value: unknown) => boolean): ClaimCheck {
  if (typeof claim !== 'string') throw invalidArgument("'claim' must be a string")
  // The claim name is the caller's, not the token's.
  const check = claimCheckCheck((payload) => test(payload[claim]), `Unexpected '${claim}' value`)
  return (payload, realm) =>
    payload && !Object.hasOwn(payload, claim) ? failure(401, realm, 'invalid_token', `Missing '${claim}' claim`) : check(payload, realm)
}

/** The claim must equal `expected` (a JSON primitive). */
export function claimEqualsCheck(claim: string, expected: Primitive): ClaimCheck {
  checkPrimitive(expected)
  return claimTest(claim, (value) => value === expected)
}

/** The claim (a space-separated string or an array) must include every one of `expected`. */
export function claimIncludesCheck(claim: string, ...expected: Primitive[]): ClaimCheck {
  expected.forEach(checkPrimitive)
  return claimTest(claim, (value) => {
    const values = listed(value)
    return values !== undefined && expected.every((one) => values.includes(one))
  })
}
