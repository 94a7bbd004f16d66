/**
 * `webjose/express`: a drop-in for express-oauth2-jwt-bearer that also reads JWE access tokens.
 * Switch by changing the import and adding `decryptionKey`:
 *
 *   import { auth, requiredScopes } from 'webjose/express'
 *   app.use(auth({ issuerBaseURL: 'https://TENANT.auth0.com', audience: 'https://api', decryptionKey: pem }))
 *   app.get('/messages', requiredScopes('read:messages'), (req, res) => res.json(req.auth.payload))
 *
 * Like the original, failures go to `next(error)` as errors with `status`, `statusCode`, `code`
 * and `headers` ({ 'WWW-Authenticate': ... }) for Express's error handler to answer with. Structural
 * types only: express is not a dependency.
 */
import {
  claimCheckCheck,
  claimEqualsCheck,
  claimIncludesCheck,
  createAuthenticate,
  isFailure,
  requiredScopesCheck,
  scopeIncludesAnyCheck,
  type AuthFailure,
  type AuthOptions,
  type AuthResult,
  type ClaimCheck,
} from './core.ts'

export type { AuthOptions, AuthResult } from './core.ts'

// `req.auth` on Express's own Request type, as express-oauth2-jwt-bearer declares it (a no-op without @types/express).
declare global {
  namespace Express {
    interface Request {
      auth?: AuthResult | undefined
    }
  }
}

/** The parts of an Express (or Connect) request, response and next used here. */
export interface Request {
  headers: { authorization?: string | undefined }
  auth?: AuthResult | undefined
}
export type Next = (error?: unknown) => void
export type Handler = (req: Request, res: unknown, next: Next) => void

export interface ExpressAuthOptions extends AuthOptions {
  /** false: a request without a valid token goes on, without `req.auth`. Default true. */
  authRequired?: boolean | undefined
}

/** The error handed to next(), shaped as express-oauth2-jwt-bearer's (same class names). */
export class UnauthorizedError extends Error {
  override name = 'UnauthorizedError'
  readonly status: number
  readonly statusCode: number
  /** The RFC 6750 error code, '' when there is none. */
  readonly code: string
  readonly headers: Record<string, string>

  constructor(answer: AuthFailure) {
    super(answer.description || 'Unauthorized', { cause: answer.cause })
    this.status = this.statusCode = answer.status
    this.code = answer.code ?? ''
    this.headers = answer.wwwAuthenticate ? { 'WWW-Authenticate': answer.wwwAuthenticate } : {}
  }
}
export class InvalidRequestError extends UnauthorizedError {
  override name = 'InvalidRequestError'
}
export class InvalidTokenError extends UnauthorizedError {
  override name = 'InvalidTokenError'
}
export class InsufficientScopeError extends UnauthorizedError {
  override name = 'InsufficientScopeError'
}
/** The issuer's keys could not be had (503): the token was not judged, the client must not drop it. */
export class KeysUnavailableError extends UnauthorizedError {
  override name = 'KeysUnavailableError'
}

function toError(answer: AuthFailure): UnauthorizedError {
  const Class =
    answer.status === 503
      ? KeysUnavailableError
      : answer.status === 400
        ? InvalidRequestError
        : answer.code === 'invalid_token'
          ? InvalidTokenError
          : answer.code === 'insufficient_scope'
            ? InsufficientScopeError
            : UnauthorizedError
  return new Class(answer)
}

/** The middleware: verifies the bearer token and sets `req.auth = { header, payload, token }`. */
export function auth(options: ExpressAuthOptions): Handler {
  const { authenticate } = createAuthenticate(options)
  const authRequired = options.authRequired ?? true
  return (req, _res, next) => {
    authenticate(req.headers.authorization).then((outcome) => {
      if (!isFailure(outcome)) {
        req.auth = outcome
        next()
      } else next(authRequired === false ? undefined : toError(outcome))
    }, next)
  }
}

const handler =
  (check: ClaimCheck): Handler =>
  (req, _res, next) => {
    const answer = check(req.auth?.payload, 'api')
    next(answer === undefined ? undefined : toError(answer))
  }

/** Every scope in `scope`; else 403 insufficient_scope. */
export const requiredScopes = (scopes: string | readonly string[]): Handler => handler(requiredScopesCheck(scopes))
/** At least one of the scopes. */
export const scopeIncludesAny = (scopes: string | readonly string[]): Handler => handler(scopeIncludesAnyCheck(scopes))
/** The claim equals `expected`; else 401 invalid_token. */
export const claimEquals = (claim: string, expected: string | number | boolean | null): Handler => handler(claimEqualsCheck(claim, expected))
/** The claim (space-separated string or array) includes every value. */
export const claimIncludes = (claim: string, ...expected: (string | number | boolean | null)[]): Handler =>
  handler(claimIncludesCheck(claim, ...expected))
/** `fn(payload)` must return true; else 401 invalid_token with `errMsg`. */
export const claimCheck = (fn: (payload: Readonly<Record<string, unknown>>) => boolean, errMsg?: string): Handler => handler(claimCheckCheck(fn, errMsg))
