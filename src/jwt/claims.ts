import { JwtClaimError, invalidArgument, type JwtClaimErrorCode, type JwtClaimFailureReason } from '../errors.ts'
import type { JsonObject } from '../serialization/json.ts'
import { checkOptions, failedCheck, isString, isStrings, type OptionChecks } from '../serialization/limits.ts'

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

/**
 * The claims of a verified token: the registered ones with their types, plus `TClaims`, the
 * claims the caller expects its issuer to add (`{ scope: string }`). `TClaims` is the caller's
 * word, not checked at run time: the signature proves who issued them, not their shape.
 */
export type VerifiedClaims<TClaims extends object = {}> = JwtClaims & TClaims

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

const isNonNegative = (value: unknown): boolean => isNumericDate(value) && value >= 0
/** RFC 7519 §2: a NumericDate is a JSON number of seconds; strings are not accepted. */
const isNumericDate = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value)

/**
 * RFC 7519 §4.1 (and RFC 8693 §4.3 for client_id): the types of the registered claims, checked
 * whether or not a value is expected; "aud" is a single string or an array of strings (§4.1.3).
 */
const CLAIM_TYPES: OptionChecks = [
  ['iss', isString],
  ['sub', isString],
  ['jti', isString],
  ['client_id', isString],
  ['exp', isNumericDate],
  ['nbf', isNumericDate],
  ['iat', isNumericDate],
  ['aud', (value) => isString(value) || isStrings(value)],
]

/** An accepted "iss" or "aud": one string, or a non-empty array of them (an empty one would accept nothing). */
const isAccepted = (value: unknown): boolean => isString(value) || (isStrings(value) && value.length > 0)

/** The claim options' checks, for checkOptions. */
export const CLAIM_OPTIONS: OptionChecks = [
  ['issuer', isAccepted],
  ['audience', isAccepted],
  ['subject', isString],
  ['clockTolerance', isNonNegative],
  ['maxTokenAge', isNonNegative],
  ['requiredClaims', isStrings],
  ['currentDate', (value) => value instanceof Date && Number.isFinite(value.getTime())],
]

/** Checks the caller's options once, so a typo fails loudly instead of disabling a check. */
export const checkClaimOptions = (options: ClaimValidationOptions): void => checkOptions(options, CLAIM_OPTIONS)

/**
 * Validates a claims set (RFC 7519 §4.1, §7.2 step 10). Only ever called on claims whose
 * signature has been verified. Time checks follow RFC 7519: the token is expired from the
 * instant "exp" names on, and usable from the instant "nbf" names on, each widened by
 * `clockTolerance`.
 */
export function validateClaims(
  claims: JsonObject,
  options: ClaimValidationOptions,
  nowMs: number = options.currentDate?.getTime() ?? Date.now(),
): void {
  // RFC 7519 §2 allows a fractional NumericDate: "exp", "nbf" and a future "iat" compare with the
  // exact time, so exp 100.5 is expired at 100.7; the token age under maxTokenAge counts whole seconds.
  const exact = nowMs / 1000
  // A clock that gives no number (createVerifier's now returning undefined) would pass every date check.
  if (!Number.isFinite(exact)) throw invalidArgument('current time not finite')
  const now = Math.floor(exact)
  const tolerance = options.clockTolerance ?? 0
  requireClaims(claims, options.requiredClaims ?? [])
  const invalid = failedCheck(claims, CLAIM_TYPES)
  if (invalid) fail(invalid, 'invalid')
  // Numbers (CLAIM_TYPES) or absent; an absent one makes the comparison NaN, which is false.
  const { exp, nbf, iat } = claims as { exp: number; nbf: number; iat?: number }

  if (exact >= exp + tolerance) fail('exp', 'check_failed', ': expired', 'ERR_JWT_EXPIRED')
  if (exact + tolerance < nbf) fail('nbf', 'check_failed', ': not yet valid', 'ERR_JWT_NOT_YET_VALID')
  if (options.maxTokenAge !== undefined) {
    if (iat === undefined) fail('iat', 'missing')
    if (exact + tolerance < iat) fail('iat', 'check_failed')
    if (now - iat - tolerance > options.maxTokenAge) fail('iat', 'check_failed', ': older than maxTokenAge', 'ERR_JWT_EXPIRED')
  }
  expect(claims, 'iss', options.issuer)
  expect(claims, 'sub', options.subject)
  expect(claims, 'aud', options.audience)
}

/** ERR_JWT_CLAIM_INVALID (reason "missing") unless every claim listed is present. */
export function requireClaims(claims: JsonObject, names: readonly string[]): void {
  // Own members only: "toString" is not a claim of every token.
  for (const claim of names) if (!Object.hasOwn(claims, claim)) fail(claim, 'missing')
}

/** One string as a list of one. (Array.prototype.flat does it some 20 times slower.) */
const asList = <T extends string>(value: T | readonly T[]): readonly T[] => (isString(value) ? [value] : value)

/**
 * A claim the caller gave expected values for: present, and one of its values (a string, or for
 * "aud" an array of them: CLAIM_TYPES) accepted.
 */
function expect(claims: JsonObject, claim: string, expected: string | readonly string[] | undefined): void {
  if (expected === undefined) return
  if (claims[claim] === undefined) fail(claim, 'missing')
  const values = asList(claims[claim] as string | string[])
  // Auth0's issuer is "https://tenant/", with the slash: a mismatch in that slash alone is the
  // usual misconfiguration, named without quoting either value.
  const unslashed = (value: string) => value.replace(/\/$/, '')
  const accepted = asList(expected)
  if (!values.some((value) => accepted.includes(value))) {
    fail(claim, 'check_failed', values.some((value) => accepted.map(unslashed).includes(unslashed(value))) ? ': only a trailing "/" differs' : '')
  }
}

/** The message is the claim, the reason ("missing", "invalid" for a wrong type, "check failed") and a hint. */
function fail(claim: string, reason: JwtClaimFailureReason, hint = '', code: JwtClaimErrorCode = 'ERR_JWT_CLAIM_INVALID'): never {
  throw new JwtClaimError(code, `"${claim}" claim ${reason.replace('_', ' ')}${hint}`, claim, reason)
}
