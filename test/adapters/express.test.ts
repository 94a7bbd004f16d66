/**
 * webjose/express side by side with the real express-oauth2-jwt-bearer: the same Express app
 * twice, one per middleware, against the demo authorization server (discovery, JWKS), given the
 * same tokens. Plain JWS tokens must get the same status, challenge and req.auth from both; JWE
 * tokens, which the original cannot read, get what the JWS inside them gets.
 */
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import express from 'express'
import * as original from 'express-oauth2-jwt-bearer'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as webjose from '../../src/adapters/express.ts'
import { accessTokenClaims, encryptAccessToken, signAccessToken } from '../../demo/tokens.ts'
import { AUDIENCE, startIssuer, type Issuer } from '../examples/fixtures.ts'
import { expectJoseErrorSync } from '../helpers/expect-jose.ts'

type Middleware = typeof original | typeof webjose

let issuer: Issuer
const servers: Server[] = []
let originalUrl: string
let webjoseUrl: string
let webjoseJweUrl: string

function app(m: Middleware, options: Record<string, unknown>): Promise<string> {
  const a = express()
  const protect = m.auth({ issuerBaseURL: issuer.auth.issuer.slice(0, -1), audience: AUDIENCE, ...options } as never) as express.RequestHandler
  const optional = m.auth({ issuerBaseURL: issuer.auth.issuer.slice(0, -1), audience: AUDIENCE, authRequired: false, ...options } as never) as express.RequestHandler
  const reply: express.RequestHandler = (req, res) => res.json((req as unknown as { auth?: unknown }).auth ?? null)
  const h = (x: unknown) => x as express.RequestHandler
  a.get('/api', protect, reply)
  a.get('/scoped', protect, h(m.requiredScopes('read:messages')), reply)
  a.get('/scoped-list', protect, h(m.requiredScopes(['read:messages', 'write:messages'])), reply)
  a.get('/any', protect, h(m.scopeIncludesAny('write:messages read:messages')), reply)
  a.get('/azp', protect, h(m.claimEquals('azp', 'reader')), reply)
  a.get('/missing-claim', protect, h(m.claimEquals('org_id', 'x')), reply)
  a.get('/includes', protect, h(m.claimIncludes('scope', 'read:messages')), reply)
  a.get('/check', protect, h(m.claimCheck((payload) => payload.gty === 'password', 'custom "check" failed')), reply)
  a.get('/optional', optional, reply)
  a.get('/optional-scoped', optional, h(m.requiredScopes('read:messages')), reply)
  return new Promise((resolve) => {
    const server = a.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`))
    servers.push(server)
  })
}

beforeAll(async () => {
  issuer = await startIssuer()
  // Bearer tokens only: webjose has no DPoP (RFC 9449), which the original enables by default.
  originalUrl = await app(original, { dpop: { enabled: false } })
  webjoseUrl = await app(webjose, {})
  webjoseJweUrl = await app(webjose, { decryptionKey: issuer.keys.api.privateKeyPem })
}, 30_000)

afterAll(async () => {
  for (const server of servers) server.closeAllConnections(), server.close()
  await issuer?.close()
})

async function call(base: string, path: string, authorization?: string) {
  const response = await fetch(`${base}${path}`, { headers: authorization === undefined ? {} : { authorization }, signal: AbortSignal.timeout(10_000) })
  const body = await response.text()
  return { status: response.status, challenge: response.headers.get('www-authenticate'), auth: response.status === 200 ? JSON.parse(body) : undefined, body }
}

const now = () => Math.floor(Date.now() / 1000)
const claims = (overrides: Record<string, unknown> = {}) => ({
  ...accessTokenClaims({ issuer: issuer.auth.issuer, clientId: 'reader', audience: AUDIENCE, scope: 'read:messages', lifetimeSeconds: 3600 }),
  ...overrides,
})
const jws = (overrides?: Record<string, unknown>, signer = issuer.keys.signing) => signAccessToken(claims(overrides), signer)

const CASES: [string, () => Promise<string | undefined>][] = [
  ['a valid token', () => jws()],
  ['no Authorization header', async () => undefined],
  ['an expired token', async () => `Bearer ${await jws({ iat: now() - 7200, exp: now() - 3600 })}`],
  ['another audience', async () => `Bearer ${await jws({ aud: 'https://billing.example.com' })}`],
  ['another issuer', async () => `Bearer ${await jws({ iss: 'https://evil.example/' })}`],
  ['a tampered signature', async () => `Bearer ${(await jws()).slice(0, -4)}AAAA`],
  ['the scope write:other only', async () => `Bearer ${await jws({ scope: 'write:other' })}`],
  ['no scope claim', async () => `Bearer ${await jws({ scope: undefined })}`],
  ['another scheme', async () => 'Basic dXNlcjpwYXNz'],
  ['a header with three parts', async () => `Bearer ${await jws()} extra`],
]

describe('webjose/express next to express-oauth2-jwt-bearer, plain JWS tokens', () => {
  const paths = ['/api', '/scoped', '/scoped-list', '/any', '/azp', '/missing-claim', '/includes', '/check', '/optional', '/optional-scoped']
  it.each(CASES)('%s: the same status, WWW-Authenticate and req.auth on every route', async (_name, make) => {
    const made = await make()
    const authorization = made === undefined || made.includes(' ') ? made : `Bearer ${made}`
    for (const path of paths) {
      const [theirs, ours] = await Promise.all([call(originalUrl, path, authorization), call(webjoseUrl, path, authorization)])
      expect({ path, status: ours.status, challenge: ours.challenge, auth: ours.auth }).toEqual({ path, status: theirs.status, challenge: theirs.challenge, auth: theirs.auth })
    }
  })
})

describe('webjose/express with decryptionKey: JWE tokens', () => {
  it('gives a JWE what its inner JWS gets from express-oauth2-jwt-bearer, and req.auth.encryptionHeader', async () => {
    const inner = await jws()
    const jwe = await encryptAccessToken(inner, issuer.keys.api)
    const theirs = await call(originalUrl, '/scoped', `Bearer ${inner}`)
    const ours = await call(webjoseJweUrl, '/scoped', `Bearer ${jwe}`)
    expect(ours.status).toBe(200)
    expect(ours.auth.payload).toEqual(theirs.auth.payload)
    expect(ours.auth.header).toEqual(theirs.auth.header)
    expect(ours.auth.token).toBe(jwe)
    expect(ours.auth.encryptionHeader).toMatchObject({ alg: 'RSA-OAEP-256', enc: 'A256GCM', cty: 'JWT' })
    // The original cannot read it.
    expect((await call(originalUrl, '/api', `Bearer ${jwe}`)).status).toBe(401)
  })

  it('answers a real token from the token endpoint 200, an expired one 401, one without the scope 403', async () => {
    expect((await call(webjoseJweUrl, '/scoped', `Bearer ${issuer.valid}`)).status).toBe(200)
    const expired = await call(webjoseJweUrl, '/scoped', `Bearer ${issuer.expired}`)
    expect(expired).toMatchObject({ status: 401, challenge: 'Bearer realm="api", error="invalid_token", error_description="\'exp\' claim timestamp check failed"' })
    const noScope = await call(webjoseJweUrl, '/scoped', `Bearer ${issuer.withoutScope}`)
    expect(noScope).toMatchObject({ status: 403, challenge: 'Bearer realm="api", error="insufficient_scope", error_description="Insufficient Scope", scope="read:messages"' })
  })

  it('requires encryption once decryptionKey is given: a bare JWS is 401 invalid_token', async () => {
    expect((await call(webjoseJweUrl, '/api', `Bearer ${await jws()}`)).status).toBe(401)
  })

  it('answers 503 without a challenge when the issuer cannot be reached, and leaks no detail in any answer', async () => {
    const down = await app(webjose, { issuerBaseURL: 'http://127.0.0.1:9/', decryptionKey: issuer.keys.api.privateKeyPem })
    const answer = await call(down, '/api', `Bearer ${issuer.valid}`)
    expect(answer.status).toBe(503)
    expect(answer.challenge).toBeNull()
    for (const token of [issuer.valid, issuer.expired, issuer.withoutScope]) {
      const { body, challenge } = await call(webjoseJweUrl, '/scoped', `Bearer ${token.slice(0, -2)}xx`)
      expect(body + challenge).not.toContain(token.slice(0, 40))
      expect(body + challenge).not.toContain('reader@clients')
    }
  })
})

describe('webjose/express options and helpers', () => {
  it('refuses bad arguments at once with ERR_INVALID_ARGUMENT', () => {
    expectJoseErrorSync(() => webjose.auth(null as never), 'ERR_INVALID_ARGUMENT')
    expectJoseErrorSync(() => webjose.auth({ issuerBaseURL: 'not a url', audience: AUDIENCE }), 'ERR_INVALID_ARGUMENT')
    expectJoseErrorSync(() => webjose.auth({ issuerBaseURL: issuer.auth.issuer, audience: AUDIENCE, realm: 'a"b' }), 'ERR_INVALID_ARGUMENT')
    expectJoseErrorSync(() => webjose.requiredScopes(42 as never), 'ERR_INVALID_ARGUMENT')
    expectJoseErrorSync(() => webjose.requiredScopes([42] as never), 'ERR_INVALID_ARGUMENT')
    expectJoseErrorSync(() => webjose.claimCheck('no' as never), 'ERR_INVALID_ARGUMENT')
    expectJoseErrorSync(() => webjose.claimEquals(42 as never, 'x'), 'ERR_INVALID_ARGUMENT')
    expectJoseErrorSync(() => webjose.claimEquals('azp', {} as never), 'ERR_INVALID_ARGUMENT')
    expectJoseErrorSync(() => webjose.claimIncludes('scope', [] as never), 'ERR_INVALID_ARGUMENT')
  })

  it('takes issuer with jwksUri or publicKey instead of discovery, and a realm', async () => {
    const viaJwks = await app(webjose, { issuerBaseURL: undefined, issuer: issuer.auth.issuer, jwksUri: issuer.auth.jwksUri, realm: 'messages' })
    expect((await call(viaJwks, '/api', `Bearer ${await jws()}`)).status).toBe(200)
    expect((await call(viaJwks, '/api')).challenge).toBe('Bearer realm="messages"')
    const viaKey = await app(webjose, { issuerBaseURL: undefined, issuer: issuer.auth.issuer, publicKey: issuer.keys.signing.publicJwk, maxTokenAge: 60 })
    expect((await call(viaKey, '/api', `Bearer ${await jws()}`)).status).toBe(200)
    expect((await call(viaKey, '/api', `Bearer ${await jws({ iat: now() - 600 })}`)).status).toBe(401)
  })

  it('passes an unexpected (non-JOSE) failure to next()', async () => {
    const handler = webjose.auth({ issuer: issuer.auth.issuer, audience: AUDIENCE, publicKey: () => Promise.reject(new TypeError('boom')) } as never)
    const seen = await new Promise((resolve) => handler({ headers: { authorization: `Bearer ${issuer.valid.split('.').slice(0, 3).join('.')}` } }, {}, resolve))
    expect(seen).toBeInstanceOf(Error)
  })
})
