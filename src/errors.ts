/**
 * Every failure that leaves the public API is a JoseError whose `code` comes from
 * this closed union, so callers can branch on it without parsing messages.
 * Messages name the step that failed and never contain key or token material.
 */
export const JOSE_ERROR_CODES = [
  'ERR_INVALID_ARGUMENT',
  'ERR_BASE64URL',
  'ERR_TOKEN_TOO_LARGE',
  'ERR_JWE_INVALID',
  'ERR_JWE_DECRYPTION_FAILED',
  'ERR_JWE_REQUIRED',
  'ERR_JWS_INVALID',
  'ERR_JWS_SIGNATURE_INVALID',
  'ERR_ALG_NOT_ALLOWED',
  'ERR_ALG_NOT_SUPPORTED',
  'ERR_CRIT_UNSUPPORTED',
  'ERR_KEY_INVALID',
  'ERR_JWT_INVALID',
  'ERR_JWT_EXPIRED',
  'ERR_JWT_NOT_YET_VALID',
  'ERR_JWT_CLAIM_INVALID',
  'ERR_JWKS_INVALID',
  'ERR_JWKS_NO_MATCHING_KEY',
  'ERR_JWKS_MULTIPLE_MATCHING_KEYS',
  'ERR_JWKS_FETCH_FAILED',
  'ERR_JWKS_TIMEOUT',
  'ERR_KEY_UNAVAILABLE',
  'ERR_ISSUER_MISMATCH',
] as const

export type JoseErrorCode = (typeof JOSE_ERROR_CODES)[number]

export class JoseError extends Error {
  override name = 'JoseError'
  // Declared, not a field: the constructor assigns it, and a field would only repeat the name.
  declare readonly code: JoseErrorCode

  constructor(code: JoseErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.code = code
  }
}

/** Why a JWT claim was refused; `claim` names the claim, `reason` is one of a closed set. */
export type JwtClaimFailureReason = 'missing' | 'invalid' | 'check_failed'

/** The codes of a claim-set rejection. */
export type JwtClaimErrorCode = 'ERR_JWT_EXPIRED' | 'ERR_JWT_NOT_YET_VALID' | 'ERR_JWT_CLAIM_INVALID'

/** A claim-set rejection (ERR_JWT_EXPIRED, ERR_JWT_NOT_YET_VALID, ERR_JWT_CLAIM_INVALID). */
export class JwtClaimError extends JoseError {
  override name = 'JwtClaimError'
  declare readonly claim: string
  declare readonly reason: JwtClaimFailureReason

  constructor(
    code: JwtClaimErrorCode,
    message: string,
    claim: string,
    reason: JwtClaimFailureReason,
  ) {
    super(code, message)
    this.claim = claim
    this.reason = reason
  }
}

/** The single message for every JWE decryption failure (RFC 7516 §11.5: no oracle). */
export const DECRYPTION_FAILED_MESSAGE = 'JWE decryption failed'

export const decryptionFailed = (): JoseError => new JoseError('ERR_JWE_DECRYPTION_FAILED', DECRYPTION_FAILED_MESSAGE)

/**
 * One factory per frequent code, so a throw site names the code once in the whole bundle
 * instead of repeating its string: `throw jweInvalid('JWE IV must be 96 bits')`.
 */
export const factory =
  (code: JoseErrorCode) =>
  (message: string, cause?: unknown): JoseError =>
    new JoseError(code, message, cause === undefined ? undefined : { cause })

export const invalidArgument = /* @__PURE__ */ factory('ERR_INVALID_ARGUMENT')
export const jweInvalid = /* @__PURE__ */ factory('ERR_JWE_INVALID')
export const jwsInvalid = /* @__PURE__ */ factory('ERR_JWS_INVALID')
export const jwtInvalid = /* @__PURE__ */ factory('ERR_JWT_INVALID')
export const keyInvalid = /* @__PURE__ */ factory('ERR_KEY_INVALID')
export const algNotSupported = /* @__PURE__ */ factory('ERR_ALG_NOT_SUPPORTED')
export const jwksInvalid = /* @__PURE__ */ factory('ERR_JWKS_INVALID')
export const tooLarge = /* @__PURE__ */ factory('ERR_TOKEN_TOO_LARGE')
export const algNotAllowed = /* @__PURE__ */ factory('ERR_ALG_NOT_ALLOWED')
export const base64urlInvalid = /* @__PURE__ */ factory('ERR_BASE64URL')

/**
 * The boundary of a public function. A failure that is not a JoseError can only come from reading
 * the caller's arguments (a getter or Proxy trap that throws, a BigInt or Symbol where a string
 * or number is converted), since the steps that fail for other reasons (Web Crypto, fetch, a
 * resolver) convert their errors themselves: it is the caller's error, ERR_INVALID_ARGUMENT.
 */
export function atBoundary<F extends (...args: never[]) => unknown>(run: F): F {
  return ((...args: Parameters<F>) => {
    try {
      const result = run(...args)
      return result instanceof Promise ? result.catch(asCallerError) : result
    } catch (error) {
      return asCallerError(error)
    }
  }) as F
}

const asCallerError = (error: unknown): never => {
  throw error instanceof JoseError ? error : invalidArgument('unreadable argument', error)
}

/** Every public verb takes an options object; its absence is a caller error, not a TypeError. */
export const requireOptions = (options: unknown): void => {
  if (typeof options !== 'object' || options === null) throw invalidArgument('options are required')
}
