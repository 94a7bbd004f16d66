/**
 * `webjose/hono`: middleware that verifies the bearer token of the web Request and puts
 * `{ header, payload, token }` in `c.get('auth')`; failures are answered at once with the RFC 6750
 * status and challenge and no body (503 without a challenge when the issuer's keys cannot be had).
 * Options as `webjose/express`. Runs wherever Hono does (Workers, Deno, Bun, Node). Structural
 * types only: hono is not a dependency.
 *
 *   const app = new Hono<{ Variables: AuthVariables }>()
 *   app.use('/api/*', auth({ issuerBaseURL: 'https://TENANT.auth0.com', audience, decryptionKey }))
 *   app.get('/api/messages', requiredScopes('read:messages'), (c) => c.json(c.get('auth').payload))
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

/** For `new Hono<{ Variables: AuthVariables }>()`: types `c.get('auth')`. */
export type AuthVariables = { auth: AuthResult }

/** The parts of Hono's Context used here. */
export interface ContextLike {
  req: { header(name: string): string | undefined }
  set(key: 'auth', value: AuthResult): void
  get(key: 'auth'): AuthResult | undefined
}
export type Middleware = (c: any, next: () => Promise<void>) => Promise<Response | undefined>

export interface HonoAuthOptions extends AuthOptions {
  /** false: a request without a valid token goes on, without `auth`. Default true. */
  authRequired?: boolean | undefined
}

const answer = (failure: AuthFailure): Response =>
  new Response(null, { status: failure.status, headers: failure.wwwAuthenticate ? { 'www-authenticate': failure.wwwAuthenticate } : {} })

/** The middleware: `app.use('/api/*', auth(options))`. */
export function auth(options: HonoAuthOptions): Middleware {
  const { authenticate } = createAuthenticate(options)
  const authRequired = options.authRequired ?? true
  return async (c: ContextLike, next) => {
    const outcome = await authenticate(c.req.header('authorization'))
    if (!isFailure(outcome)) c.set('auth', outcome)
    else if (authRequired !== false) return answer(outcome)
    await next()
    return undefined
  }
}

const middleware =
  (check: ClaimCheck): Middleware =>
  async (c: ContextLike, next) => {
    const failure = check(c.get('auth')?.payload, 'api')
    if (failure !== undefined) return answer(failure)
    await next()
    return undefined
  }

/** Every scope in `scope`; else 403 insufficient_scope. Use after auth. */
export const requiredScopes = (scopes: string | readonly string[]): Middleware => middleware(requiredScopesCheck(scopes))
/** At least one of the scopes. */
export const scopeIncludesAny = (scopes: string | readonly string[]): Middleware => middleware(scopeIncludesAnyCheck(scopes))
/** `fn(payload)` must return true; else 401 invalid_token with `errMsg`. */
export const claimCheck = (fn: (payload: Readonly<Record<string, unknown>>) => boolean, errMsg?: string): Middleware => middleware(claimCheckCheck(fn, errMsg))
/** The claim equals `expected`; else 401 invalid_token. */
export const claimEquals = (claim: string, expected: string | number | boolean | null): Middleware => middleware(claimEqualsCheck(claim, expected))
/** The claim (space-separated string or array) includes every value. */
export const claimIncludes = (claim: string, ...expected: (string | number | boolean | null)[]): Middleware => middleware(claimIncludesCheck(claim, ...expected))
