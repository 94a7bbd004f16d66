/**
 * `webjose/fastify`: an onRequest hook (or a plugin adding it) that verifies the bearer token and
 * sets `request.auth = { header, payload, token }`; failures are answered at once with the RFC 6750
 * status and challenge and no body (503 without a challenge when the issuer's keys cannot be had).
 * Options as `webjose/express`. Structural types only: fastify is not a dependency.
 *
 *   await app.register(webjoseAuth, { issuerBaseURL: 'https://TENANT.auth0.com', audience, decryptionKey })
 *   app.get('/messages', { onRequest: requiredScopes('read:messages') }, (request) => request.auth.payload)
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

/** The parts of Fastify's request and reply used here. */
export interface FastifyRequestLike {
  headers: { authorization?: string | undefined }
  auth?: AuthResult | null | undefined
}
export interface FastifyReplyLike {
  code(status: number): FastifyReplyLike
  header(name: string, value: string): FastifyReplyLike
  send(payload?: unknown): FastifyReplyLike
}
export type Hook = (request: FastifyRequestLike, reply: FastifyReplyLike) => Promise<FastifyReplyLike | undefined>

export interface FastifyAuthOptions extends AuthOptions {
  /** false: a request without a valid token goes on, with `request.auth` null. Default true. */
  authRequired?: boolean | undefined
}

function answer(reply: FastifyReplyLike, failure: AuthFailure): FastifyReplyLike {
  reply.code(failure.status)
  if (failure.wwwAuthenticate) reply.header('www-authenticate', failure.wwwAuthenticate)
  return reply.send()
}

/** The onRequest hook: `app.addHook('onRequest', auth(options))`. */
export function auth(options: FastifyAuthOptions): Hook {
  const { authenticate } = createAuthenticate(options)
  const authRequired = options.authRequired ?? true
  return async (request, reply) => {
    const outcome = await authenticate(request.headers.authorization)
    if (!isFailure(outcome)) request.auth = outcome
    else if (authRequired !== false) return answer(reply, outcome)
    return undefined
  }
}

/** The parts of a Fastify instance the plugin uses. */
export interface FastifyInstanceLike {
  decorateRequest(name: 'auth', value: null): unknown
  addHook(name: 'onRequest', hook: Hook): unknown
}

/**
 * `app.register(webjoseAuth, options)`: the hook for every route of the instance that registers
 * it (not encapsulated, as fastify-plugin would make it).
 */
export const webjoseAuth = Object.assign(
  async (instance: FastifyInstanceLike, options: FastifyAuthOptions): Promise<void> => {
    instance.decorateRequest('auth', null)
    instance.addHook('onRequest', auth(options))
  },
  { [Symbol.for('skip-override')]: true, [Symbol.for('fastify.display-name')]: 'webjose' },
)

const hook =
  (check: ClaimCheck): Hook =>
  async (request, reply) => {
    const failure = check(request.auth?.payload, 'api')
    return failure === undefined ? undefined : answer(reply, failure)
  }

/** Every scope in `scope`; else 403 insufficient_scope. Use after auth (onRequest or preHandler). */
export const requiredScopes = (scopes: string | readonly string[]): Hook => hook(requiredScopesCheck(scopes))
/** At least one of the scopes. */
export const scopeIncludesAny = (scopes: string | readonly string[]): Hook => hook(scopeIncludesAnyCheck(scopes))
/** `fn(payload)` must return true; else 401 invalid_token with `errMsg`. */
export const claimCheck = (fn: (payload: Readonly<Record<string, unknown>>) => boolean, errMsg?: string): Hook => hook(claimCheckCheck(fn, errMsg))
/** The claim equals `expected`; else 401 invalid_token. */
export const claimEquals = (claim: string, expected: string | number | boolean | null): Hook => hook(claimEqualsCheck(claim, expected))
/** The claim (space-separated string or array) includes every value. */
export const claimIncludes = (claim: string, ...expected: (string | number | boolean | null)[]): Hook => hook(claimIncludesCheck(claim, ...expected))
