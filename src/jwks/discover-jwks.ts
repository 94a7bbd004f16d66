import { JoseError, invalidArgument, jwksInvalid } from '../errors.ts'
import { parseJsonObject } from '../serialization/json.ts'
import { readIssuerUrl } from './issuer-url.ts'
import { createRemoteJwks, isAllowedUrl, readBody, type JwksFetch, type RemoteJwks, type RemoteJwksOptions } from './remote-jwks.ts'

/** The options of createRemoteJwks; they govern the metadata request as well as the JWKS one. */
export type DiscoverJwksOptions = RemoteJwksOptions

/**
 * Where an issuer publishes its metadata: OpenID Connect Discovery 1.0 §4 (the issuer's path,
 * then /.well-known/openid-configuration), then RFC 8414 §3.1 (the well-known segment between
 * the host and the issuer's path). Auth0's trailing slash is no path segment of its own.
 */
export function metadataUrls(issuer: URL): [oidc: string, oauth: string] {
  const path = issuer.pathname.replace(/\/$/, '')
  return [`${issuer.origin}${path}/.well-known/openid-configuration`, `${issuer.origin}/.well-known/oauth-authorization-server${path}`]
}

/**
 * The JWK set of `issuer`, found through its metadata: OpenID Connect Discovery first, RFC 8414
 * when that answers with an error status. The result is a createRemoteJwks resolver over the
 * metadata's `jwks_uri`, with its timeout (one limit for the metadata and the set together),
 * cooldown, size limit, stale-while-revalidate, snapshot export and errors. The `jwks_uri` is
 * kept once found, and looked up again only after the set's URL answers with an error status.
 *
 * Rules (RFC 8414 §3.3, OIDC Discovery §4.3): the metadata's `issuer` must equal `issuer`
 * exactly, else ERR_ISSUER_MISMATCH (metadata from another issuer would name another issuer's
 * keys); `jwks_uri` must be https (http on loopback only), else ERR_JWKS_INVALID, as is metadata
 * that is not a JSON object or is larger than `maxResponseBytes`; a metadata request redirected
 * to another origin is ERR_JWKS_FETCH_FAILED. Messages quote neither URLs nor bodies.
 *
 * @example
 * const keys = discoverJwks('https://YOUR_TENANT.auth0.com/')
 */
export function discoverJwks(issuer: string, options?: DiscoverJwksOptions | null): RemoteJwks {
  const base = readIssuerUrl(issuer)
  const o = options ?? {}
  const userFetch = o.fetch
  if (userFetch != null && typeof userFetch !== 'function') throw invalidArgument('invalid fetch')
  const origin = base.origin
  const [oidc, oauth] = metadataUrls(base)
  const fetchFailed = (message: string) => new JoseError('ERR_JWKS_FETCH_FAILED', message)
  let jwksUri: string | undefined

  async function discover(get: JwksFetch, init: RequestInit, maxBytes: number): Promise<string> {
    const headers = new Headers(init.headers)
    headers.set('accept', 'application/json')
    let response: Response | undefined
    for (const url of [oidc, oauth]) {
      response = await get(url, { ...init, headers })
      // Metadata served from elsewhere could name any keys as the issuer's.
      if (response.url && new URL(response.url).origin !== origin) throw fetchFailed('issuer metadata redirected to another origin')
      if (response.status > 199 && response.status < 300) break
      await response.body?.cancel().catch(() => {})
    }
    if (!(response!.status > 199 && response!.status < 300)) throw fetchFailed('issuer metadata HTTP ' + response!.status)
    let bytes: Uint8Array
    try {
      bytes = await readBody(response!, maxBytes)
    } catch (error) {
      throw error instanceof JoseError ? jwksInvalid('issuer metadata too large') : error
    }
    const metadata = parseJsonObject(bytes, 'issuer metadata', 'ERR_JWKS_INVALID')
    if (metadata.issuer !== issuer) throw new JoseError('ERR_ISSUER_MISMATCH', 'issuer metadata names another issuer than the configured one')
    let target: URL | undefined
    try {
      target = new URL(metadata.jwks_uri as string)
    } catch {
      // Judged below.
    }
    if (typeof metadata.jwks_uri !== 'string' || !target || !isAllowedUrl(target)) {
      throw jwksInvalid('issuer metadata: jwks_uri missing or not https (http only on loopback)')
    }
    return target.href
  }

  const maxBytes = o.maxResponseBytes ?? 65536
  // createRemoteJwks races its timer against this whole function: discovery counts against timeoutMs.
  const discoveringFetch: JwksFetch = async (_url, init) => {
    const get = userFetch ?? fetch
    jwksUri ??= await discover(get, init, maxBytes)
    const response = await get(jwksUri, init)
    // The set has moved, or the metadata was wrong: look it up again on the next attempt.
    if (!(response.status > 199 && response.status < 300)) jwksUri = undefined
    return response
  }
  // The metadata URL only stands in for the set's, which is known after the first request.
  return createRemoteJwks(oidc, { ...o, fetch: discoveringFetch })
}
