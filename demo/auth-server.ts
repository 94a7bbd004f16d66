/**
 * A minimal authorization server in the shape of Auth0's machine-to-machine flow, on
 * node:http only:
 *
 *   POST /oauth/token            client credentials grant, form body (or JSON) as in Auth0's curl example
 *   GET  /.well-known/jwks.json  the public signing key(s), kid + alg RS256 + use sig
 *   GET  /.well-known/openid-configuration  issuer, jwks_uri and token_endpoint (OIDC Discovery)
 *
 * Access tokens for a registered API are RS256 "at+jwt" JWTs encrypted to that API's key.
 * A request without "audience" gets an opaque token (a "dir" JWE), as Auth0 hands out for
 * /userinfo. Error answers follow Auth0's: 401 access_denied for bad client credentials,
 * 403 access_denied for an audience it does not know or the client may not use.
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { BodyTooLargeError, listen, readBody, sendJson } from './http.ts'
import type { ApiEncryptionKey, SigningKey } from './keys.ts'
import { accessTokenClaims, generateOpaqueTokenKey, mintAccessToken, mintOpaqueToken } from './tokens.ts'

export interface ApiRegistration {
  /** The API identifier, e.g. "https://messages.example.com". */
  audience: string
  /** The key access tokens for this API are encrypted to (Auth0: "JSON Web Encryption" on the API). */
  encryptionKey: ApiEncryptionKey
}

export interface ClientRegistration {
  clientId: string
  clientSecret: string
  /** Client grants: for each audience the client may request, the scope it receives. */
  grants: Readonly<Record<string, string>>
}

export interface AuthServerOptions {
  signingKey: SigningKey
  apis: readonly ApiRegistration[]
  clients: readonly ClientRegistration[]
  /** Default 86 400 s, Auth0's default for APIs. */
  tokenLifetimeSeconds?: number
}

export interface AuthServer {
  /** "http://127.0.0.1:PORT/": the "iss" of every token, with Auth0's trailing slash. */
  readonly issuer: string
  readonly tokenEndpoint: string
  readonly jwksUri: string
  /** How many times the JWKS has been fetched. */
  readonly jwksRequests: number
  close(): Promise<void>
}

export const TOKEN_PATH = '/oauth/token'
export const JWKS_PATH = '/.well-known/jwks.json'
export const DISCOVERY_PATH = '/.well-known/openid-configuration'

/** What the token endpoint answers: a token response or Auth0's { error, error_description }. */
interface TokenAnswer {
  status: 200 | 400 | 401 | 403 | 405 | 413 | 415
  body: Record<string, unknown>
}

function oauthError(status: TokenAnswer['status'], error: string, description: string): TokenAnswer {
  return { status, body: { error, error_description: description } }
}

export async function startAuthServer(options: AuthServerOptions): Promise<AuthServer> {
  const lifetime = options.tokenLifetimeSeconds ?? 86_400
  const apis = new Map(options.apis.map((api) => [api.audience, api]))
  const clients = new Map(options.clients.map((client) => [client.clientId, client]))
  const opaqueKey = await generateOpaqueTokenKey()
  const jwks = JSON.stringify({ keys: [options.signingKey.publicJwk] })
  let jwksRequests = 0
  let issuer = ''

  async function token(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const { status, body } = await tokenRequest(request)
    sendJson(response, status, body, status === 405 ? { allow: 'POST' } : {})
  }

  async function tokenRequest(request: IncomingMessage): Promise<TokenAnswer> {
    if (request.method !== 'POST') return oauthError(405, 'invalid_request', 'Use POST')
    let params: URLSearchParams
    try {
      params = parseTokenRequestBody(request.headers['content-type'], await readBody(request))
    } catch (error) {
      if (error instanceof BodyTooLargeError) return oauthError(413, 'invalid_request', 'Request body too large')
      if (error instanceof UnsupportedMediaType) {
        return oauthError(415, 'invalid_request', 'Use application/x-www-form-urlencoded or application/json')
      }
      return oauthError(400, 'invalid_request', 'The request body could not be parsed')
    }
    const grantType = params.get('grant_type')
    if (grantType !== 'client_credentials') {
      return oauthError(400, 'unsupported_grant_type', 'Unsupported grant type: use client_credentials')
    }
    const client = authenticate(params.get('client_id'), params.get('client_secret'))
    if (client === undefined) return oauthError(401, 'access_denied', 'Unauthorized')

    const audience = params.get('audience')
    if (audience === null || audience === '') {
      // Like Auth0 without an audience: an opaque token, only good for /userinfo.
      const opaque = await mintOpaqueToken(opaqueKey, issuer, `${client.clientId}@clients`)
      return { status: 200, body: { access_token: opaque, expires_in: lifetime, token_type: 'Bearer' } }
    }
    const api = apis.get(audience)
    if (api === undefined) return oauthError(403, 'access_denied', `Service not found: ${audience}`)
    const scope = Object.hasOwn(client.grants, audience) ? client.grants[audience] : undefined
    if (scope === undefined) {
      return oauthError(
        403,
        'access_denied',
        `Client is not authorized to access "${audience}". You need to create a "client-grant" associated to this API.`,
      )
    }
    const claims = accessTokenClaims({ issuer, clientId: client.clientId, audience, scope, lifetimeSeconds: lifetime })
    const accessToken = await mintAccessToken(claims, options.signingKey, api.encryptionKey)
    return { status: 200, body: { access_token: accessToken, scope, expires_in: lifetime, token_type: 'Bearer' } }
  }

  function authenticate(clientId: string | null, clientSecret: string | null): ClientRegistration | undefined {
    if (clientId === null || clientSecret === null) return undefined
    const client = clients.get(clientId)
    // Compared as digests so neither the length nor the content leaks through timing.
    const expected = digest(client?.clientSecret ?? '\u0000no such client')
    const ok = timingSafeEqual(expected, digest(clientSecret))
    return ok && client !== undefined ? client : undefined
  }

  const server = await listen(async (request, response) => {
    const path = (request.url ?? '/').split('?', 1)[0]
    if (path === TOKEN_PATH) return token(request, response)
    if (path === JWKS_PATH && (request.method === 'GET' || request.method === 'HEAD')) {
      jwksRequests++
      response.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': String(Buffer.byteLength(jwks)),
        'cache-control': 'public, max-age=600',
      })
      response.end(request.method === 'HEAD' ? undefined : jwks)
      return
    }
    if (path === DISCOVERY_PATH && request.method === 'GET') {
      return sendJson(response, 200, { issuer, jwks_uri: `${issuer.slice(0, -1)}${JWKS_PATH}`, token_endpoint: `${issuer.slice(0, -1)}${TOKEN_PATH}` })
    }
    sendJson(response, 404, { error: 'not_found' })
  })
  issuer = `${server.origin}/`

  return {
    issuer,
    tokenEndpoint: `${server.origin}${TOKEN_PATH}`,
    jwksUri: `${server.origin}${JWKS_PATH}`,
    get jwksRequests() {
      return jwksRequests
    },
    close: () => server.close(),
  }
}

class UnsupportedMediaType extends Error {}

/** Auth0 takes the token request as a form (its curl example) or as JSON. */
function parseTokenRequestBody(contentType: string | undefined, body: string): URLSearchParams {
  const mediaType = (contentType ?? '').split(';', 1)[0]!.trim().toLowerCase()
  if (mediaType === 'application/x-www-form-urlencoded') return new URLSearchParams(body)
  if (mediaType === 'application/json') {
    const parsed: unknown = JSON.parse(body)
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new SyntaxError('not a JSON object')
    const params = new URLSearchParams()
    for (const [name, value] of Object.entries(parsed)) if (typeof value === 'string') params.set(name, value)
    return params
  }
  throw new UnsupportedMediaType()
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest()
}
