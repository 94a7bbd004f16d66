import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { discoverJwks, metadataUrls } from '../../src/jwks/discover-jwks.ts'
import { discoverJwks as publicDiscoverJwks, JOSE_ERROR_CODES } from '../../src/index.ts'
import { generateSigningKey, type SigningKey } from '../../demo/keys.ts'
import { expectJoseError, expectJoseErrorSync } from '../helpers/expect-jose.ts'

type Route = (request: IncomingMessage, response: ServerResponse) => void

/** A loopback server whose routes a test sets; it records every path requested. */
async function startServer() {
  let routes: Record<string, Route> = {}
  const paths: string[] = []
  const server: Server = createServer((request, response) => {
    const path = request.url ?? '/'
    paths.push(path)
    const route = routes[path]
    if (route) route(request, response)
    else response.writeHead(404).end('{"error":"not_found"}')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    origin,
    paths,
    route(next: Record<string, Route>) {
      routes = next
      paths.length = 0
    },
    close() {
      server.closeAllConnections()
      return new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

const json = (document: unknown): Route => (_request, response) => {
  response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(document))
}
const text = (body: string): Route => (_request, response) => response.writeHead(200).end(body)

let server: Awaited<ReturnType<typeof startServer>>
let elsewhere: Awaited<ReturnType<typeof startServer>>
let signer: SigningKey
let issuer: string
const header = () => ({ alg: 'RS256' as const, kid: signer.kid })

beforeAll(async () => {
  ;[server, elsewhere, signer] = await Promise.all([startServer(), startServer(), generateSigningKey('sig-1')])
  issuer = `${server.origin}/`
})
afterAll(() => Promise.all([server.close(), elsewhere.close()]))
afterEach(() => server.route({}))

describe('metadataUrls', () => {
  it('puts the well-known segment after the issuer path (OIDC) and before it (RFC 8414 §3.1)', () => {
    expect(metadataUrls(new URL('https://tenant.example/'))).toEqual([
      'https://tenant.example/.well-known/openid-configuration',
      'https://tenant.example/.well-known/oauth-authorization-server',
    ])
    expect(metadataUrls(new URL('https://idp.example/realms/a/'))).toEqual([
      'https://idp.example/realms/a/.well-known/openid-configuration',
      'https://idp.example/.well-known/oauth-authorization-server/realms/a',
    ])
  })
})

describe('discoverJwks', () => {
  it('finds the JWKS through OpenID Connect Discovery and keeps jwks_uri across refreshes', async () => {
    server.route({
      '/.well-known/openid-configuration': json({ issuer, jwks_uri: `${server.origin}/keys` }),
      '/keys': json({ keys: [signer.publicJwk] }),
    })
    const jwks = discoverJwks(issuer)
    const key = await jwks(header())
    expect(key.type).toBe('public')
    expect(server.paths).toEqual(['/.well-known/openid-configuration', '/keys'])
    await jwks.reload()
    expect(server.paths).toEqual(['/.well-known/openid-configuration', '/keys', '/keys'])
    expect(jwks.export()?.jwks.keys).toEqual([signer.publicJwk])
  })

  it('falls back to RFC 8414 metadata when OpenID Connect Discovery answers 404 (issuer with a path)', async () => {
    const tenant = `${server.origin}/tenant`
    server.route({
      '/.well-known/oauth-authorization-server/tenant': json({ issuer: tenant, jwks_uri: `${server.origin}/keys` }),
      '/keys': json({ keys: [signer.publicJwk] }),
    })
    await discoverJwks(tenant)(header())
    expect(server.paths).toEqual(['/tenant/.well-known/openid-configuration', '/.well-known/oauth-authorization-server/tenant', '/keys'])
  })

  it('looks jwks_uri up again after the set answers with an error status', async () => {
    let moved = false
    server.route({
      '/.well-known/openid-configuration': (request, response) => json({ issuer, jwks_uri: `${server.origin}${moved ? '/new-keys' : '/keys'}` })(request, response),
      '/keys': (request, response) => (moved ? response.writeHead(404).end() : json({ keys: [signer.publicJwk] })(request, response)),
      '/new-keys': json({ keys: [signer.publicJwk] }),
    })
    const jwks = discoverJwks(issuer, { cooldownMs: 0 })
    await jwks.reload()
    moved = true
    await expectJoseError(jwks.reload(), 'ERR_JWKS_FETCH_FAILED')
    await jwks.reload()
    expect(server.paths).toEqual(['/.well-known/openid-configuration', '/keys', '/keys', '/.well-known/openid-configuration', '/new-keys'])
  })

  it('refuses metadata naming another issuer with ERR_ISSUER_MISMATCH (exact match: a trailing slash matters), answered 503-class', async () => {
    expect(JOSE_ERROR_CODES).toContain('ERR_ISSUER_MISMATCH')
    server.route({ '/.well-known/openid-configuration': json({ issuer: server.origin, jwks_uri: `${server.origin}/keys` }) })
    const error = await expectJoseError(discoverJwks(issuer).reload(), 'ERR_ISSUER_MISMATCH')
    expect(error.message).not.toContain(server.origin)
    expect(server.paths).toEqual(['/.well-known/openid-configuration'])
  })

  it.each([
    ['not JSON', text('<html>secret-body</html>')],
    ['a JSON array', text('["secret-body"]')],
    ['without jwks_uri', json({ issuer: 'ISSUER', note: 'secret-body' })],
    ['with a jwks_uri that is not a URL', json({ issuer: 'ISSUER', jwks_uri: 'secret-body' })],
    ['with a jwks_uri over http to another host', json({ issuer: 'ISSUER', jwks_uri: 'http://secret-body.example/keys' })],
    ['with a jwks_uri that is not a string', json({ issuer: 'ISSUER', jwks_uri: 42 })],
  ])('refuses metadata %s with ERR_JWKS_INVALID, quoting nothing of it', async (_name, route) => {
    // The route writes ISSUER where the configured issuer goes.
    server.route({
      '/.well-known/openid-configuration': (request, response) => {
        const end = response.end.bind(response)
        response.end = ((body: string) => end(body.replace('ISSUER', issuer))) as typeof response.end
        route(request, response)
      },
    })
    const error = await expectJoseError(discoverJwks(issuer).reload(), 'ERR_JWKS_INVALID')
    expect(error.message).not.toMatch(/secret-body/)
  })

  it('refuses metadata larger than maxResponseBytes with ERR_JWKS_INVALID', async () => {
    server.route({ '/.well-known/openid-configuration': json({ issuer, jwks_uri: `${server.origin}/keys`, padding: 'x'.repeat(2000) }) })
    const error = await expectJoseError(discoverJwks(issuer, { maxResponseBytes: 1000 }).reload(), 'ERR_JWKS_INVALID')
    expect(error.message).toBe('issuer metadata too large')
  })

  it('refuses a metadata redirect to another origin, and follows one within the origin', async () => {
    const redirect = (location: string): Route => (_request, response) => response.writeHead(302, { location }).end()
    elsewhere.route({ '/.well-known/openid-configuration': json({ issuer, jwks_uri: `${server.origin}/keys` }) })
    server.route({ '/.well-known/openid-configuration': redirect(`${elsewhere.origin}/.well-known/openid-configuration`) })
    const error = await expectJoseError(discoverJwks(issuer).reload(), 'ERR_JWKS_FETCH_FAILED')
    expect(error.message).toBe('issuer metadata redirected to another origin')
    server.route({
      '/.well-known/openid-configuration': redirect('/moved'),
      '/moved': json({ issuer, jwks_uri: `${server.origin}/keys` }),
      '/keys': json({ keys: [signer.publicJwk] }),
    })
    await discoverJwks(issuer).reload()
    expect(server.paths).toEqual(['/.well-known/openid-configuration', '/moved', '/keys'])
  })

  it('fails with ERR_JWKS_FETCH_FAILED when neither metadata document exists, and repeats it within the cooldown without a request', async () => {
    const jwks = discoverJwks(issuer)
    const error = await expectJoseError(jwks(header()), 'ERR_JWKS_FETCH_FAILED')
    expect(error.message).toBe('issuer metadata HTTP 404')
    expect(server.paths).toEqual(['/.well-known/openid-configuration', '/.well-known/oauth-authorization-server'])
    await expectJoseError(jwks(header()), 'ERR_JWKS_FETCH_FAILED')
    expect(server.paths).toHaveLength(2)
  })

  it('reports a metadata body cut off mid-stream as ERR_JWKS_FETCH_FAILED (an outage, not bad metadata)', async () => {
    server.route({
      '/.well-known/openid-configuration': (_request, response) => {
        response.writeHead(200, { 'content-length': '1000' })
        response.write('{"issuer":')
        setTimeout(() => response.destroy(), 20)
      },
    })
    await expectJoseError(discoverJwks(issuer).reload(), 'ERR_JWKS_FETCH_FAILED')
  })

  it('counts the metadata request against timeoutMs (ERR_JWKS_TIMEOUT)', async () => {
    server.route({ '/.well-known/openid-configuration': () => {} })
    await expectJoseError(discoverJwks(issuer, { timeoutMs: 100 }).reload(), 'ERR_JWKS_TIMEOUT')
  })

  it('starts from a snapshot without any request', async () => {
    const jwks = discoverJwks(issuer, { cached: { jwks: { keys: [signer.publicJwk] }, fetchedAt: Date.now() } })
    await jwks(header())
    expect(server.paths).toEqual([])
  })

  it('sends the caller headers with Accept: application/json through the caller fetch', async () => {
    const seen: [string, string | null, string | null][] = []
    server.route({
      '/.well-known/openid-configuration': json({ issuer, jwks_uri: `${server.origin}/keys` }),
      '/keys': json({ keys: [signer.publicJwk] }),
    })
    const jwks = discoverJwks(issuer, {
      headers: { 'x-tenant': 't1' },
      fetch: (url, init) => {
        const headers = new Headers(init.headers)
        seen.push([new URL(url).pathname, headers.get('accept'), headers.get('x-tenant')])
        return fetch(url, init)
      },
    })
    await jwks.reload()
    expect(seen).toEqual([
      ['/.well-known/openid-configuration', 'application/json', 't1'],
      ['/keys', 'application/jwk-set+json, application/json', 't1'],
    ])
  })

  it.each([
    ['a number', 42],
    ['not a URL', 'tenant.example'],
    ['http to another host', 'http://tenant.example/'],
    ['with credentials', 'https://user:pass@tenant.example/'],
    ['with a query', 'https://tenant.example/?a=1'],
    ['with a fragment', 'https://tenant.example/#a'],
  ])('refuses an issuer %s with ERR_INVALID_ARGUMENT at once', (_name, bad) => {
    const error = expectJoseErrorSync(() => discoverJwks(bad as string), 'ERR_INVALID_ARGUMENT')
    expect(error.message).not.toContain('user:pass')
  })

  it('refuses bad options with ERR_INVALID_ARGUMENT at once', () => {
    expectJoseErrorSync(() => discoverJwks(issuer, { fetch: 'yes' as never }), 'ERR_INVALID_ARGUMENT')
    expectJoseErrorSync(() => discoverJwks(issuer, { timeoutMs: -1 }), 'ERR_INVALID_ARGUMENT')
    expectJoseErrorSync(() => discoverJwks(issuer, { maxResponseBytes: 0 }), 'ERR_INVALID_ARGUMENT')
  })

  it('is exported behind the public boundary', async () => {
    const throwing = new Proxy({}, { get: () => { throw new Error('trap') } })
    await expectJoseError(async () => publicDiscoverJwks(issuer, throwing), 'ERR_INVALID_ARGUMENT')
  })
})
