/**
 * The protected API: GET /api/messages, on node:http only. Every request is authenticated
 * with verifyAuthorization (on the Authorization header node:http hands over) against one
 * verifier made at startup, which
 *
 * - decrypts with the API's private key, given as a PEM string (imported once),
 * - verifies the inner JWT with the authorization server's keys, fetched from its JWKS
 *   (over http: here, which createRemoteJwks allows for loopback hosts only),
 * - checks the RFC 9068 profile (typ "at+jwt"), issuer and audience,
 * - caches verified tokens, so a repeated token costs no RSA operation,
 * - and requires the scope read:messages of the caller (403 insufficient_scope without it).
 *
 * A refusal is answered with verifyAuthorization's status and WWW-Authenticate challenge and a
 * JSON body { error, code }, code being the JoseError code behind it (null when there is none).
 */
import { createRemoteJwks, createVerifier, verifyAuthorization, type Verifier, type VerifyResult } from '../src/index.ts'
import { listen, sendJson } from './http.ts'

export interface ResourceServerOptions {
  /** The API's identifier, which access tokens must name in "aud". */
  audience: string
  /** The authorization server's issuer, "http://127.0.0.1:PORT/". */
  issuer: string
  jwksUri: string
  /** The API's RSA-OAEP-256 private key as PKCS#8 PEM. */
  decryptionKeyPem: string
  /** The realm of the WWW-Authenticate challenge. */
  realm?: string
  /** The scope GET /api/messages needs; a token without it gets 403 insufficient_scope. */
  scope?: string
}

export interface ResourceServer {
  /** "http://127.0.0.1:PORT/api/messages" */
  readonly messagesUrl: string
  readonly verifier: Verifier
  /** The verifier's result for the last accepted request (the cached object on a cache hit). */
  readonly lastVerified: VerifyResult | undefined
  close(): Promise<void>
}

export const MESSAGES_PATH = '/api/messages'

const MESSAGES = [
  { id: 1, text: 'Hello from a resource server that only accepts encrypted access tokens.' },
  { id: 2, text: 'The token was decrypted, its signature verified against the JWKS, and its claims checked.' },
]

export async function startResourceServer(options: ResourceServerOptions): Promise<ResourceServer> {
  const verifier = createVerifier({
    decryptionKey: options.decryptionKeyPem,
    verificationKey: createRemoteJwks(options.jwksUri),
    keyManagementAlgorithms: ['RSA-OAEP-256'],
    contentEncryptionAlgorithms: ['A256GCM'],
    algorithms: ['RS256'],
    profile: 'at+jwt',
    issuer: options.issuer,
    audience: options.audience,
  })
  const { realm, scope: requiredScope } = options
  let lastVerified: VerifyResult | undefined

  const server = await listen(async (request, response) => {
    const path = (request.url ?? '/').split('?', 1)[0]
    if (path !== MESSAGES_PATH) return sendJson(response, 404, { error: 'not_found' })
    if (request.method !== 'GET') return sendJson(response, 405, { error: 'method_not_allowed' }, { allow: 'GET' })

    // node:http has no web Request: the header's value is all verifyAuthorization needs.
    const auth = await verifyAuthorization(request.headers.authorization, verifier, { realm, scope: requiredScope })
    if (!auth.ok) {
      const challenge = auth.wwwAuthenticate === undefined ? {} : { 'www-authenticate': auth.wwwAuthenticate }
      sendJson(response, auth.status, { error: auth.error ?? null, code: auth.cause?.code ?? null }, challenge)
      return
    }
    lastVerified = auth.result
    const { sub, scope } = auth.result.claims
    sendJson(response, 200, { messages: MESSAGES, caller: { sub, scope } })
  })
  const origin = server.origin

  return {
    messagesUrl: `${origin}${MESSAGES_PATH}`,
    verifier,
    get lastVerified() {
      return lastVerified
    },
    close: () => server.close(),
  }
}
