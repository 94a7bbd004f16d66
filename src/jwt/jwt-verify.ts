import { JwtClaimError, invalidArgument } from '../errors.ts'
import { parseJsonObject } from '../serialization/json.ts'
import { checkOptions, isString, type OptionChecks } from '../serialization/limits.ts'
import type { JwsHeader } from '../serialization/header.ts'
import { resolveJwsOptions, type CompactVerifyOptions, type JwsVerifyPolicy } from '../jws/verify-policy.ts'
import { verifyCompactJws } from '../jws/verify-compact-jws.ts'
import type { KeyInput } from '../keys/resolve-key.ts'
import { ACCESS_TOKEN_CLAIMS, CLAIM_OPTIONS, requireClaims, validateClaims, type ClaimValidationOptions, type JwtClaims, type VerifiedClaims } from './claims.ts'
import { sameMediaType } from './typ.ts'

export interface JwtVerifyOptions extends CompactVerifyOptions, ClaimValidationOptions {
  /** Required "typ" header value, compared as RFC 7515 §4.1.9 says. */
  typ?: string
  /**
   * "at+jwt" applies the RFC 9068 access-token profile: typ "at+jwt", the claims
   * iss, exp, aud, sub, client_id, iat and jti required, issuer and audience checked.
   */
  profile?: 'at+jwt'
}

export interface JwtVerifyResult<TClaims extends object = {}> {
  claims: VerifiedClaims<TClaims>
  header: JwsHeader
}

/**
 * Verifies a signed JWT: the signature first (RFC 7519 §7.2 step 6), then the claims.
 * `TClaims` types the claims the issuer adds (see VerifiedClaims).
 *
 * @example
 * const { claims } = await jwtVerify<{ scope: string }>(token, jwks, {
 *   algorithms: ['RS256'], issuer: 'https://tenant.auth0.com/', audience: 'https://api.example.com',
 * })
 */
export async function jwtVerify<TClaims extends object = {}>(
  token: string,
  key: KeyInput<JwsHeader>,
  options: JwtVerifyOptions,
): Promise<JwtVerifyResult<TClaims>> {
  const { payload, header } = await verifyCompactJws(token, key, resolveJwtOptions(options))
  return { claims: validateJwt(header, payload, options) as VerifiedClaims<TClaims>, header }
}

/** "typ" and "profile", then the claim options. */
const JWT_OPTIONS: OptionChecks = [['typ', isString], ['profile', (profile) => profile === 'at+jwt'], ...CLAIM_OPTIONS]

/**
 * Checks every option once (verifiers call it at construction) and returns the JWS policy; the
 * claim options are read as given, and the profile is applied by validateJwt. Never a copy of
 * the options: in V8 11 (Node 20) each `{ ...options, extra }` made by optimized code gets a map
 * of its own, and every property read downstream then misses its inline cache (about 6 µs more
 * JavaScript per token, a third of it; bench/RESULTS.md, JS per token with Web Crypto stubbed).
 */
export function resolveJwtOptions(options: JwtVerifyOptions, accessToken?: boolean): JwsVerifyPolicy {
  resolveJwsOptions(options)
  checkOptions(options, JWT_OPTIONS)
  // RFC 9068 §4: the resource server of an access token must check the issuer and that it is an audience.
  if ((accessToken || options.profile) && (options.issuer === undefined || options.audience === undefined)) {
    throw invalidArgument('options.issuer and audience are required')
  }
  return options as JwsVerifyPolicy
}

/**
 * Claims from a verified JWS payload: a JSON object (RFC 7519 §7.2 step 10), validated at
 * `nowMs` (default: options.currentDate, else now). `mustHave` lists claims the caller's API
 * requires whatever the options say; the at+jwt profile adds its own (RFC 9068 §2.2) and
 * its "typ" unless options.typ names another.
 */
export function validateJwt(
  header: JwsHeader,
  payload: Uint8Array,
  options: JwtVerifyOptions,
  nowMs?: number,
  mustHave: readonly string[] = [],
): JwtClaims {
  const accessToken = options.profile === 'at+jwt'
  const typ = options.typ ?? (accessToken ? 'at+jwt' : undefined)
  if (typ !== undefined && (!isString(header.typ) || !sameMediaType(header.typ, typ))) {
    throw new JwtClaimError('ERR_JWT_CLAIM_INVALID', '"typ" header check failed', 'typ', 'check_failed')
  }
  const claims = parseJsonObject(payload, 'JWT claims set', 'ERR_JWT_INVALID')
  requireClaims(claims, mustHave)
  if (accessToken) requireClaims(claims, ACCESS_TOKEN_CLAIMS)
  validateClaims(claims, options, nowMs)
  return claims as JwtClaims
}

