/**
 * What the demo's story must end with: each refusal's HTTP status, RFC 6750 error and JoseError
 * code, each token endpoint error, and the check of a run's summary against them.
 */
import type { VerifyResult } from '../src/index.ts'

export type RejectionCase =
  | 'tampered'
  | 'expired'
  | 'wrong-audience'
  | 'unknown-kid'
  | 'swapped-header'
  | 'plain-jws'
  | 'opaque-token'
  | 'missing-authorization'
  | 'malformed-authorization'

export interface Rejection {
  case: RejectionCase
  status: number
  /** RFC 6750 error code from the body; null when the request carried no credentials. */
  error: string | null
  /** JoseError code from the body; null when no token was verified. */
  code: string | null
}

export type TokenErrorCase = 'bad-client-secret' | 'unknown-audience'

export interface TokenEndpointError {
  case: TokenErrorCase
  status: number
  error: string | null
}

export interface DemoSummary {
  claims: VerifyResult['claims']
  header: VerifyResult['header']
  encryptionHeader: NonNullable<VerifyResult['encryptionHeader']>
  /** True when the second call with the same token got the very result object of the first. */
  servedFromCache: boolean
  /** JWKS requests the API made during the whole flow. */
  jwksRequests: number
  tokenEndpointErrors: TokenEndpointError[]
  rejections: Rejection[]
}

/** What every rejection should look like; main.ts compares against it. */
export const EXPECTED_REJECTIONS: Readonly<Record<RejectionCase, Omit<Rejection, 'case'>>> = {
  tampered: { status: 401, error: 'invalid_token', code: 'ERR_JWE_DECRYPTION_FAILED' },
  expired: { status: 401, error: 'invalid_token', code: 'ERR_JWT_EXPIRED' },
  'wrong-audience': { status: 401, error: 'invalid_token', code: 'ERR_JWT_CLAIM_INVALID' },
  'unknown-kid': { status: 401, error: 'invalid_token', code: 'ERR_JWKS_NO_MATCHING_KEY' },
  'swapped-header': { status: 401, error: 'invalid_token', code: 'ERR_JWE_INVALID' },
  'plain-jws': { status: 401, error: 'invalid_token', code: 'ERR_JWE_REQUIRED' },
  'opaque-token': { status: 401, error: 'invalid_token', code: 'ERR_ALG_NOT_ALLOWED' },
  'missing-authorization': { status: 401, error: null, code: null },
  'malformed-authorization': { status: 400, error: 'invalid_request', code: null },
}

export const EXPECTED_TOKEN_ENDPOINT_ERRORS: Readonly<Record<TokenErrorCase, Omit<TokenEndpointError, 'case'>>> = {
  'bad-client-secret': { status: 401, error: 'access_denied' },
  'unknown-audience': { status: 403, error: 'access_denied' },
}

/** Every way the summary differs from the expected story, as readable lines (empty when none). */
export function unexpectedOutcomes(summary: DemoSummary): string[] {
  const problems: string[] = []
  if (!summary.servedFromCache) problems.push('the second call with the same token was not served from the verifier cache')
  const compare = <T extends { case: string }>(actual: readonly T[], expected: Readonly<Record<string, Omit<T, 'case'>>>) => {
    for (const [name, want] of Object.entries(expected)) {
      const got = actual.find((item) => item.case === name)
      const { case: _, ...outcome } = got ?? ({ case: name } as T)
      if (JSON.stringify(outcome) !== JSON.stringify(want)) problems.push(`${name}: expected ${JSON.stringify(want)}, got ${got ? JSON.stringify(outcome) : 'nothing'}`)
    }
  }
  compare(summary.rejections, EXPECTED_REJECTIONS)
  compare(summary.tokenEndpointErrors, EXPECTED_TOKEN_ENDPOINT_ERRORS)
  return problems
}
