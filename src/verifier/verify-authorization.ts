import { JoseError, invalidArgument, requireOptions, type JoseErrorCode } from '../errors.ts'
import type { Verifier, VerifyResult } from './create-verifier.ts'

/** What is used of a verifier: a createVerifier result, or a test double without TClaims. */
export interface VerifierLike {
  verify(token: string): Promise<VerifyResult>
}

/** `TClaims` types the claims the issuer adds (see VerifiedClaims); failures carry no claims. */
export type VerifyRequestResult<TClaims extends object = {}> =
  | { ok: true; token: string; result: VerifyResult<TClaims> }
  | {
      ok: false
      /** 400 for a malformed request, 403 for a valid token without the scope asked for, 401 otherwise (RFC 6750 §3.1). */
      status: 400 | 401 | 403
      /** RFC 6750 §3.1 error code; absent when the request carried no credentials at all. */
      error?: 'invalid_request' | 'invalid_token' | 'insufficient_scope'
      /** The JoseError behind an invalid_token answer, for logs. */
      cause?: JoseError
      /** The WWW-Authenticate challenge (RFC 6750 §3). */
      wwwAuthenticate: string
      /** A ready answer with the status and challenge and no body. */
      response(): Response
    }
  | {
      ok: false
      /**
       * The keys could not be had (the issuer's JWKS fetch failed, timed out, or was not a valid
       * set; the server's decryption key could not be imported; a new "kid" could not be looked
       * up yet: ERR_KEY_UNAVAILABLE): the token was never judged, so the client must not be told
       * to discard it.
       */
      status: 503
      error?: undefined
      cause: JoseError
      wwwAuthenticate?: undefined
      /** A ready 503 answer with no body and no challenge. */
      response(): Response
    }

export interface VerifyRequestOptions {
  /** The realm in the challenge: printable ASCII without `"` or `\`. */
  realm?: string | undefined
  /**
   * Scopes the token must all carry in its space-delimited "scope" claim (RFC 9068 §2.2.3),
   * as a list or as one space-delimited string like the claim; a valid token without them gets
   * 403 insufficient_scope naming them (RFC 6750 §3.1).
   */
  scope?: string | readonly string[] | undefined
}

/**
 * Authenticates a request by the value of its `Authorization` header (RFC 6750 §2.1), for any
 * server: Node's `req.headers.authorization`, Express, Fastify, or a web Request through
 * verifyRequest. A missing header is `undefined` or `null`. With `scope`, a verified token must
 * also carry those scopes (else 403 insufficient_scope). Failures come back as a result, not an
 * exception, with the RFC 6750 challenge to answer with; the descriptions in it are fixed
 * texts, so token contents and key details never reach the client.
 *
 * @example
 * const auth = await verifyAuthorization(req.headers.authorization, verifier)
 * if (!auth.ok) {
 *   if (auth.wwwAuthenticate) res.setHeader('www-authenticate', auth.wwwAuthenticate)
 *   return res.writeHead(auth.status).end()
 * }
 */
export async function verifyAuthorization<TClaims extends object = {}>(
  authorization: string | null | undefined,
  verifier: VerifierLike,
  options: VerifyRequestOptions = {},
): Promise<VerifyRequestResult<TClaims>> {
  // An object only: a bare realm string would otherwise be dropped without a word.
  requireOptions(options)
  if (authorization != null && typeof authorization !== 'string') throw invalidArgument('authorization must be a string')
  if (typeof (verifier as Partial<Verifier> | null)?.verify !== 'function') throw invalidArgument('verifier must come from createVerifier')
  const realm = options.realm
  // The realm becomes part of a header value: printable ASCII only, no quote or backslash.
  if (realm !== undefined && !(typeof realm === 'string' && /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/.test(realm))) {
    throw invalidArgument('options.realm is invalid')
  }
  const scopes = typeof options.scope === 'string' ? options.scope.split(' ') : (options.scope ?? [])
  // RFC 6749 §3.3: each scope is one or more NQCHAR (printable ASCII without space, quote or backslash).
  if (!Array.isArray(scopes) || !scopes.every((scope) => typeof scope === 'string' && /^[\x21\x23-\x5b\x5d-\x7e]+$/.test(scope))) {
    throw invalidArgument('options.scope is invalid')
  }
  // RFC 6750 §3.1: no credentials, or another scheme, gets a bare challenge without an error code.
  if (authorization == null || !/^bearer(?:\s|$)/i.test(authorization)) return failure(401, undefined, realm)
  // RFC 6750 §2.1: credentials = "Bearer" 1*SP b64token; the scheme is case-insensitive (RFC 7235 §2.1).
  const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(authorization)
  if (match === null) return failure(400, 'invalid_request', realm)
  const token = match[1]!
  let result: VerifyResult<TClaims>
  try {
    result = (await verifier.verify(token)) as VerifyResult<TClaims>
  } catch (error) {
    if (!(error instanceof JoseError)) throw error
    if (KEYS_UNAVAILABLE.has(error.code)) {
      return { ok: false, status: 503, cause: error, response: () => new Response(null, { status: 503 }) }
    }
    return failure(401, 'invalid_token', realm, error)
  }
  const granted = typeof result.claims.scope === 'string' ? result.claims.scope.split(' ') : []
  if (!scopes.every((scope) => granted.includes(scope))) return failure(403, 'insufficient_scope', realm, undefined, scopes.join(' '))
  return { ok: true, token, result }
}

// An outage of the issuer's JWKS says nothing about the token; a 401 invalid_token would make
// clients throw away good tokens and stampede the authorization server for new ones.
// The same holds for a key the server cannot use now (ERR_KEY_UNAVAILABLE): its own decryption key
// failing to import, or a new signing key id the JWKS may not be asked about yet.
export const KEYS_UNAVAILABLE: ReadonlySet<JoseErrorCode> = new Set(['ERR_JWKS_FETCH_FAILED', 'ERR_JWKS_TIMEOUT', 'ERR_JWKS_INVALID', 'ERR_KEY_UNAVAILABLE', 'ERR_ISSUER_MISMATCH'])

const DESCRIPTIONS = {
  invalid_request: 'The Authorization header is not a Bearer token',
  invalid_token: 'The access token is invalid or expired',
  insufficient_scope: 'The access token lacks the scope this request needs',
} as const

function failure(
  status: 400 | 401 | 403,
  error: keyof typeof DESCRIPTIONS | undefined,
  realm: string | undefined,
  cause?: JoseError,
  scope?: string,
): VerifyRequestResult<never> {
  const params: string[] = []
  if (realm !== undefined) params.push(`realm="${realm}"`)
  if (error !== undefined) params.push(`error="${error}"`, `error_description="${DESCRIPTIONS[error]}"`)
  // RFC 6750 §3: the scope attribute names what the request needs; its values were checked.
  if (scope !== undefined) params.push(`scope="${scope}"`)
  const wwwAuthenticate = params.length === 0 ? 'Bearer' : `Bearer ${params.join(', ')}`
  return {
    ok: false,
    status,
    ...(error !== undefined ? { error } : {}),
    ...(cause !== undefined ? { cause } : {}),
    wwwAuthenticate,
    response: () => new Response(null, { status, headers: { 'www-authenticate': wwwAuthenticate } }),
  }
}
