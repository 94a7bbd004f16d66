/**
 * webjose/fastify and webjose/hono in the real frameworks (Fastify 5 through inject(), Hono 4
 * through app.request()), with real tokens from the demo authorization server found by discovery.
 */
import Fastify from 'fastify'
import { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as forFastify from '../../src/adapters/fastify.ts'
import * as forHono from '../../src/adapters/hono.ts'
import { AUDIENCE, startIssuer, type Issuer } from '../examples/fixtures.ts'

let issuer: Issuer
beforeAll(async () => {
  issuer = await startIssuer()
}, 30_000)
afterAll(() => issuer?.close())

const options = () => ({ issuerBaseURL: issuer.auth.issuer, audience: AUDIENCE, decryptionKey: issuer.keys.api.privateKeyPem })
const EXPIRED = 'Bearer realm="api", error="invalid_token", error_description="\'exp\' claim timestamp check failed"'
const NO_SCOPE = 'Bearer realm="api", error="insufficient_scope", error_description="Insufficient Scope", scope="read:messages"'

describe('webjose/fastify', () => {
  async function build() {
    const app = Fastify()
    await app.register(async (scope) => {
      await scope.register(forFastify.webjoseAuth, options())
      scope.get('/messages', { onRequest: forFastify.requiredScopes('read:messages') }, async (request) => ({ sub: (request as forFastify.FastifyRequestLike).auth?.payload.sub }))
      scope.get('/any', { onRequest: forFastify.scopeIncludesAny(['write:other', 'admin']) }, async () => 'ok')
      scope.get('/azp', { onRequest: [forFastify.claimEquals('azp', 'reader'), forFastify.claimIncludes('scope', 'read:messages')] }, async () => 'ok')
      scope.get('/check', { onRequest: forFastify.claimCheck((payload) => payload.azp === 'nobody', 'wrong client') }, async () => 'ok')
    })
    app.get('/optional', { onRequest: forFastify.auth({ ...options(), authRequired: false }) }, async (request) => ({ auth: (request as forFastify.FastifyRequestLike).auth ?? null }))
    app.get('/public', async () => 'open')
    return app
  }

  it('answers 200 / 401 expired / 403 missing scope / 401 without a token, with RFC 6750 challenges and no body', async () => {
    const app = await build()
    try {
      const get = (url: string, token?: string) => app.inject({ url, headers: token ? { authorization: `Bearer ${token}` } : {} })
      const ok = await get('/messages', issuer.valid)
      expect([ok.statusCode, ok.json()]).toEqual([200, { sub: 'reader@clients' }])
      const expired = await get('/messages', issuer.expired)
      expect([expired.statusCode, expired.headers['www-authenticate'], expired.body]).toEqual([401, EXPIRED, ''])
      const noScope = await get('/messages', issuer.withoutScope)
      expect([noScope.statusCode, noScope.headers['www-authenticate'], noScope.body]).toEqual([403, NO_SCOPE, ''])
      const none = await get('/messages')
      expect([none.statusCode, none.headers['www-authenticate']]).toEqual([401, 'Bearer realm="api"'])
      expect((await get('/any', issuer.withoutScope)).statusCode).toBe(200)
      expect((await get('/any', issuer.valid)).statusCode).toBe(403)
      expect((await get('/azp', issuer.valid)).statusCode).toBe(200)
      expect((await get('/azp', issuer.withoutScope)).headers['www-authenticate']).toBe('Bearer realm="api", error="invalid_token", error_description="Unexpected \'azp\' value"')
      const check = await get('/check', issuer.valid)
      expect([check.statusCode, check.headers['www-authenticate']]).toEqual([401, 'Bearer realm="api", error="invalid_token", error_description="wrong client"'])
      // The plugin covers the scope that registered it, not its sibling routes.
      expect((await get('/public')).statusCode).toBe(200)
      expect((await get('/optional', issuer.expired)).json()).toEqual({ auth: null })
      expect((await get('/optional', issuer.valid)).json().auth.payload.sub).toBe('reader@clients')
    } finally {
      await app.close()
    }
  })
})

describe('webjose/hono', () => {
  function build() {
    const app = new Hono<{ Variables: forHono.AuthVariables }>()
    app.use('/api/*', forHono.auth(options()))
    app.get('/api/messages', forHono.requiredScopes('read:messages'), (c) => c.json({ sub: c.get('auth').payload.sub }))
    app.get('/api/any', forHono.scopeIncludesAny('write:other admin'), (c) => c.text('ok'))
    app.get('/api/azp', forHono.claimEquals('azp', 'reader'), forHono.claimIncludes('scope', 'read:messages'), (c) => c.text('ok'))
    app.get('/api/check', forHono.claimCheck((payload) => payload.azp === 'nobody'), (c) => c.text('ok'))
    app.get('/optional', forHono.auth({ ...options(), authRequired: false }), (c) => c.json({ sub: c.get('auth')?.payload.sub ?? null }))
    app.get('/open', forHono.requiredScopes('read:messages'), (c) => c.text('never'))
    return app
  }

  it('answers 200 / 401 expired / 403 missing scope / 401 without a token, with RFC 6750 challenges and no body', async () => {
    const app = build()
    const get = (path: string, token?: string) => app.request(path, { headers: token ? { authorization: `Bearer ${token}` } : {} })
    const ok = await get('/api/messages', issuer.valid)
    expect([ok.status, await ok.json()]).toEqual([200, { sub: 'reader@clients' }])
    const expired = await get('/api/messages', issuer.expired)
    expect([expired.status, expired.headers.get('www-authenticate'), await expired.text()]).toEqual([401, EXPIRED, ''])
    const noScope = await get('/api/messages', issuer.withoutScope)
    expect([noScope.status, noScope.headers.get('www-authenticate')]).toEqual([403, NO_SCOPE])
    expect((await get('/api/messages')).status).toBe(401)
    expect((await get('/api/any', issuer.withoutScope)).status).toBe(200)
    expect((await get('/api/azp', issuer.valid)).status).toBe(200)
    expect((await get('/api/azp', issuer.withoutScope)).headers.get('www-authenticate')).toBe('Bearer realm="api", error="invalid_token", error_description="Unexpected \'azp\' value"')
    const check = await get('/api/check', issuer.valid)
    expect([check.status, check.headers.get('www-authenticate')]).toEqual([401, 'Bearer realm="api", error="invalid_token", error_description="Invalid Token"'])
    expect(await (await get('/optional', issuer.expired)).json()).toEqual({ sub: null })
    expect(await (await get('/optional', issuer.valid)).json()).toEqual({ sub: 'reader@clients' })
    const down = new Hono().use(forHono.auth({ ...options(), issuerBaseURL: 'http://127.0.0.1:9/' })).get('/', (c) => c.text('never'))
    const unavailable = await down.request('/', { headers: { authorization: `Bearer ${issuer.valid}` } })
    expect([unavailable.status, unavailable.headers.get('www-authenticate'), await unavailable.text()]).toEqual([503, null, ''])
    // A scope check with no auth before it: 401, never the resource.
    const open = await get('/open', issuer.valid)
    expect([open.status, open.headers.get('www-authenticate')]).toEqual([401, 'Bearer realm="api"'])
  })
})
