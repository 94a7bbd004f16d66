import { JoseError, JwtClaimError } from '../errors.ts'
import type { JsonObject } from '../serialization/json.ts'

/** Registered claims (RFC 7519 §4.1) plus whatever else the issuer put in. */
export interface JwtClaims {
  iss?: string
  sub?: string
  aud?: string | string[]
  exp?: number
  nbf?: number
  iat?: number
  jti?: string
  [claim: string]: unknown
}

export interface ClaimValidationOptions {
  /** Accepted "iss" value or values. */
  issuer?: string | readonly string[]
  /** This resource server's identifier(s); the token's "aud" must contain one of them. */
  audience?: string | readonly string[]
  /** Required "sub" value. */
  subject?: string
  /** Seconds of clock skew tolerated for "exp", "nbf" and "iat". Default 0. */
  clockTolerance?: number
  /** Largest accepted age in seconds, measured from "iat" (which becomes required). */
  maxTokenAge?: number
  /** Claims that must be present. */
  requiredClaims?: readonly string[]
  /** The moment to validate at. Default: now. */
  currentDate?: Date
}

/** RFC 9068 §2.2: claims every JWT access token carries. */
export const ACCESS_TOKEN_CLAIMS: readonly string[] = ['iss', 'exp', 'aud', 'sub', 'client_id', 'iat', 'jti']

/** Checks the caller's options once, so a typo fails loudly instead of disabling a check. */
export function checkClaimOptions(options: ClaimValidationOptions): void {
  const { issuer, audience, subject, clockTolerance, maxTokenAge, requiredClaims, currentDate } = options
  if (issuer !== undefined && !isStringOrList(issuer)) invalidOption('issuer', 'a string or an array of strings')
  if (audience !== undefined && !isStringOrList(audience)) invalidOption('audience', 'a string or an array of strings')
  if (subject !== undefined && typeof subject !== 'string') invalidOption('subject', 'a string')
  if (clockTolerance !== undefined && !isNonNegative(clockTolerance)) invalidOption('clockTolerance', 'a non-negative number of seconds')
  if (maxTokenAge !== undefined && !isNonNegative(maxTokenAge)) invalidOption('maxTokenAge', 'a non-negative number of seconds')
  if (requiredClaims !== undefined && !(Array.isArray(requiredClaims) && requiredClaims.every((c) => typeof c === 'string'))) {
    invalidOption('requiredClaims', 'an array of strings')
  }
  if (currentDate !== undefined && !(currentDate instanceof Date && Number.isFinite(currentDate.getTime()))) {
    invalidOption('currentDate', 'a valid Date')
  }
}

/**
 * Validates a claims set (RFC 7519 §4.1, §7.2 step 10). Only ever called on claims whose
 * signature has been verified. Time checks follow RFC 7519: the token is expired from the
 * second "exp" names on, and usable from the second "nbf" names on, each widened by
 * `clockTolerance`.
 */
export function validateClaims(
  claims: JsonObject,
  options: ClaimValidationOptions,
  nowMs: number = options.currentDate?.getTime() ?? Date.now(),
): void {
  const now = Math.floor(nowMs / 1000)
  const tolerance = options.clockTolerance ?? 0

  for (const claim of options.requiredClaims ?? []) {
    if (claims[claim] === undefined) claimError(claim, 'missing', `"${claim}" claim is missing`)
  }
  if (options.maxTokenAge !== undefined && claims.iat === undefined) claimError('iat', 'missing', '"iat" claim is missing')

  const { exp, nbf, iat } = claims
  if (exp !== undefined) {
    if (!isNumericDate(exp)) claimError('exp', 'invalid', '"exp" claim must be a number')
    if (now >= exp + tolerance) {
      throw new JwtClaimError('ERR_JWT_EXPIRED', 'JWT has expired ("exp")', 'exp', 'check_failed')
    }
  }
  if (nbf !== undefined) {
    if (!isNumericDate(nbf)) claimError('nbf', 'invalid', '"nbf" claim must be a number')
    if (now + tolerance < nbf) {
      throw new JwtClaimError('ERR_JWT_NOT_YET_VALID', 'JWT is not yet valid ("nbf")', 'nbf', 'check_failed')
    }
  }
  if (iat !== undefined) {
    if (!isNumericDate(iat)) claimError('iat', 'invalid', '"iat" claim must be a number')
    if (options.maxTokenAge !== undefined) {
      const age = now - iat
      if (age < -tolerance) claimError('iat', 'check_failed', '"iat" claim is in the future')
      if (age - tolerance > options.maxTokenAge) {
        throw new JwtClaimError('ERR_JWT_EXPIRED', 'JWT is older than maxTokenAge ("iat")', 'iat', 'check_failed')
      }
    }
  }

  if (options.issuer !== undefined) {
    const { iss } = claims
    if (iss === undefined) claimError('iss', 'missing', '"iss" claim is missing')
    if (typeof iss !== 'string') claimError('iss', 'invalid', '"iss" claim must be a string')
    if (!listOf(options.issuer).includes(iss)) claimError('iss', 'check_failed', 'unexpected "iss" claim value')
  }
  if (options.audience !== undefined) {
    const { aud } = claims
    if (aud === undefined) claimError('aud', 'missing', '"aud" claim is missing')
    // RFC 7519 §4.1.3: a single string or an array of strings.
    const audiences = typeof aud === 'string' ? [aud] : aud
    if (!Array.isArray(audiences) || !audiences.every((value) => typeof value === 'string')) {
      claimError('aud', 'invalid', '"aud" claim must be a string or an array of strings')
    }
    const accepted = listOf(options.audience)
    if (!audiences.some((value) => accepted.includes(value))) claimError('aud', 'check_failed', 'unexpected "aud" claim value')
  }
  if (options.subject !== undefined) {
    const { sub } = claims
    if (sub === undefined) claimError('sub', 'missing', '"sub" claim is missing')
    if (typeof sub !== 'string') claimError('sub', 'invalid', '"sub" claim must be a string')
    if (sub !== options.subject) claimError('sub', 'check_failed', 'unexpected "sub" claim value')
  }
  for (const claim of ['iss', 'sub', 'jti'] as const) {
    const value = claims[claim]
    if (value !== undefined && typeof value !== 'string') claimError(claim, 'invalid', `"${claim}" claim must be a string`)
  }
}

function claimError(claim: string, reason: 'missing' | 'invalid' | 'check_failed', message: string): never {
  throw new JwtClaimError('ERR_JWT_CLAIM_INVALID', message, claim, reason)
}

function invalidOption(name: string, expected: string): never {
  throw new JoseError('ERR_INVALID_ARGUMENT', `options.${name} must be ${expected}`)
}

/** RFC 7519 §2: a NumericDate is a JSON number of seconds; strings are not accepted. */
function isNumericDate(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value)
}

function isNonNegative(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0
}

function isStringOrList(value: unknown): boolean {
  return typeof value === 'string' || (Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string'))
}

function listOf(value: string | readonly string[]): readonly string[] {
  return typeof value === 'string' ? [value] : value
}
