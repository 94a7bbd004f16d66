import { invalidArgument } from '../errors.ts'
import { verifyAuthorization, type VerifierLike, type VerifyRequestOptions, type VerifyRequestResult } from './verify-authorization.ts'

export type { VerifyRequestOptions, VerifyRequestResult } from './verify-authorization.ts'

/**
 * Authenticates a web-standard Request (Deno, Bun, Workers, Hono, Node's fetch) by its
 * `Authorization: Bearer` token: verifyAuthorization on the header's value.
 *
 * @example
 * const auth = await verifyRequest(request, verifier)
 * if (!auth.ok) return auth.response()
 * console.log(auth.result.claims.sub)
 */
export async function verifyRequest<TClaims extends object = {}>(
  request: Request,
  verifier: VerifierLike,
  options: VerifyRequestOptions = {},
): Promise<VerifyRequestResult<TClaims>> {
  // Node's IncomingMessage has plain-object headers: pass req.headers.authorization to verifyAuthorization instead.
  if (typeof (request as Partial<Request> | null)?.headers?.get !== 'function') throw invalidArgument('request must be a web Request')
  return verifyAuthorization<TClaims>(request.headers.get('authorization'), verifier, options)
}
