import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tamperCiphertext } from '../../demo/bad-tokens.ts'
import { runDemoFlow } from '../../demo/flow.ts'
import { generateDemoKeys, type DemoKeys } from '../../demo/keys.ts'
import { unexpectedOutcomes, type DemoSummary } from '../../demo/outcomes.ts'
import { API_AUDIENCE, CLIENT_ID, callApi, requestToken, startDemoEnvironment, type DemoEnvironment } from '../../demo/setup.ts'
import { base64url } from '../../src/index.ts'

/** Keys are generated once for the file: RSA key generation is the slow part. */
let keys: DemoKeys
beforeAll(async () => {
  keys = await generateDemoKeys()
})

function decodeSegment(segment: string): Record<string, unknown> {
  return JSON.parse(new TextDecoder().decode(base64url.decode(segment))) as Record<string, unknown>
}

describe('runDemoFlow', () => {
  let summary: DemoSummary
  const lines: string[] = []
  beforeAll(async () => {
    summary = await runDemoFlow((line) => lines.push(line))
  })

  it('gets an access token whose claims the API verified', () => {
    const now = Math.floor(Date.now() / 1000)
    const { claims } = summary
    expect(claims.iss).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
    expect(claims.aud).toBe(API_AUDIENCE)
    expect(claims.sub).toBe(`${CLIENT_ID}@clients`)
    expect(claims.exp).toBeGreaterThan(now)
    expect(claims.iat).toBeLessThanOrEqual(now)
    expect(claims).toMatchObject({ azp: CLIENT_ID, client_id: CLIENT_ID, gty: 'client-credentials', scope: 'read:messages' })
    expect(claims.jti).toEqual(expect.any(String))
  })

  it('reports both headers: the JWE (decrypted) and the inner JWS', () => {
    expect(summary.encryptionHeader).toEqual({ alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: 'messages-api-enc-1', cty: 'JWT' })
    expect(summary.header).toEqual({ alg: 'RS256', kid: 'auth-sig-1', typ: 'at+jwt' })
  })

  it('refuses every bad request with the exact status, error and JoseError code', () => {
    expect(summary.rejections).toEqual([
      { case: 'tampered', status: 401, error: 'invalid_token', code: 'ERR_JWE_DECRYPTION_FAILED' },
      { case: 'expired', status: 401, error: 'invalid_token', code: 'ERR_JWT_EXPIRED' },
      { case: 'wrong-audience', status: 401, error: 'invalid_token', code: 'ERR_JWT_CLAIM_INVALID' },
      { case: 'unknown-kid', status: 401, error: 'invalid_token', code: 'ERR_JWKS_NO_MATCHING_KEY' },
      { case: 'swapped-header', status: 401, error: 'invalid_token', code: 'ERR_JWE_INVALID' },
      { case: 'plain-jws', status: 401, error: 'invalid_token', code: 'ERR_JWE_REQUIRED' },
      { case: 'opaque-token', status: 401, error: 'invalid_token', code: 'ERR_ALG_NOT_ALLOWED' },
      { case: 'missing-authorization', status: 401, error: null, code: null },
      { case: 'malformed-authorization', status: 400, error: 'invalid_request', code: null },
    ])
  })

  it('shows the token endpoint errors', () => {
    expect(summary.tokenEndpointErrors).toEqual([
      { case: 'bad-client-secret', status: 401, error: 'access_denied' },
      { case: 'unknown-audience', status: 403, error: 'access_denied' },
    ])
  })

  it('serves the repeated token from the cache and fetches the JWKS twice: once, then once more to learn the unknown kid is not new', () => {
    expect(summary.servedFromCache).toBe(true)
    expect(summary.jwksRequests).toBe(2)
  })

  it('finds nothing unexpected, and would report a changed outcome (what makes `npm run demo` exit 1)', () => {
    expect(unexpectedOutcomes(summary)).toEqual([])
    const changed: DemoSummary = {
      ...summary,
      servedFromCache: false,
      rejections: summary.rejections.map((r) => (r.case === 'expired' ? { ...r, code: 'ERR_JWT_CLAIM_INVALID' } : r)).filter((r) => r.case !== 'plain-jws'),
    }
    expect(unexpectedOutcomes(changed)).toEqual([
      'the second call with the same token was not served from the verifier cache',
      'expired: expected {"status":401,"error":"invalid_token","code":"ERR_JWT_EXPIRED"}, got {"status":401,"error":"invalid_token","code":"ERR_JWT_CLAIM_INVALID"}',
      'plain-jws: expected {"status":401,"error":"invalid_token","code":"ERR_JWE_REQUIRED"}, got nothing',
    ])
  })

  it('logs compactly, never a whole token or the client secret', () => {
    expect(lines.length).toBeLessThan(70)
    expect(lines.some((line) => line.includes('ERR_JWE_REQUIRED'))).toBe(true)
    expect(lines.every((line) => line.length <= 160)).toBe(true)
    expect(lines.join('\n')).toContain('client_secret=***')
    // No line carries an untruncated compact token (JWS or JWE).
    expect(lines.some((line) => /eyJ[\w-]+\.[\w-]*\.[\w-]+/.test(line))).toBe(false)
  })
})

describe('authorization server', () => {
  let env: DemoEnvironment
  beforeAll(async () => {
    env = await startDemoEnvironment(keys)
  })
  afterAll(async () => {
    await env?.close()
  })

  const form = (overrides: Record<string, string | undefined> = {}): Record<string, string> => {
    const all: Record<string, string | undefined> = {
      grant_type: 'client_credentials',
      client_id: env.client.clientId,
      client_secret: env.client.clientSecret,
      audience: API_AUDIENCE,
      ...overrides,
    }
    return Object.fromEntries(Object.entries(all).filter((entry): entry is [string, string] => entry[1] !== undefined))
  }

  it('issues an encrypted access token for a form-encoded client credentials request', async () => {
    const { status, body } = await requestToken(env.auth.tokenEndpoint, form())
    expect(status).toBe(200)
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: 'read:messages' })
    const segments = String(body.access_token).split('.')
    expect(segments).toHaveLength(5)
    expect(decodeSegment(segments[0]!)).toEqual({ alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: keys.api.kid, cty: 'JWT' })
  })

  it('accepts the same request as JSON', async () => {
    const response = await fetch(env.auth.tokenEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(form()),
    })
    expect(response.status).toBe(200)
  })

  it('answers 401 access_denied for a wrong client secret or an unknown client', async () => {
    for (const overrides of [{ client_secret: 'wrong' }, { client_id: 'nobody' }, { client_secret: undefined }]) {
      const { status, body } = await requestToken(env.auth.tokenEndpoint, form(overrides))
      expect(status).toBe(401)
      expect(body).toEqual({ error: 'access_denied', error_description: 'Unauthorized' })
    }
  })

  it('answers 403 access_denied for an audience it does not know', async () => {
    const { status, body } = await requestToken(env.auth.tokenEndpoint, form({ audience: 'https://unknown.example.com' }))
    expect(status).toBe(403)
    expect(body).toEqual({ error: 'access_denied', error_description: 'Service not found: https://unknown.example.com' })
  })

  it('issues an opaque "dir" JWE when the audience is missing', async () => {
    const { status, body } = await requestToken(env.auth.tokenEndpoint, form({ audience: undefined }))
    expect(status).toBe(200)
    expect(body).toMatchObject({ token_type: 'Bearer' })
    const segments = String(body.access_token).split('.')
    expect(segments).toHaveLength(5)
    expect(segments[1]).toBe('')
    expect(decodeSegment(segments[0]!)).toEqual({ alg: 'dir', enc: 'A256GCM', iss: env.auth.issuer })
  })

  it('refuses other grant types, media types and methods', async () => {
    expect(await requestToken(env.auth.tokenEndpoint, form({ grant_type: 'password' }))).toEqual({
      status: 400,
      body: { error: 'unsupported_grant_type', error_description: 'Unsupported grant type: use client_credentials' },
    })
    const text = await fetch(env.auth.tokenEndpoint, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' })
    expect(text.status).toBe(415)
    const get = await fetch(env.auth.tokenEndpoint)
    expect(get.status).toBe(405)
    expect(get.headers.get('allow')).toBe('POST')
    const badJson = await fetch(env.auth.tokenEndpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' })
    expect(badJson.status).toBe(400)
  })

  it('publishes only the public signing JWK, with kid, alg and use', async () => {
    const response = await fetch(env.auth.jwksUri)
    expect(response.status).toBe(200)
    const jwks = (await response.json()) as { keys: Record<string, unknown>[] }
    expect(jwks.keys).toHaveLength(1)
    const [jwk] = jwks.keys
    expect(Object.keys(jwk!).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use'])
    expect(jwk).toMatchObject({ kty: 'RSA', kid: keys.signing.kid, alg: 'RS256', use: 'sig' })
  })
})

describe('resource server', () => {
  let env: DemoEnvironment
  beforeAll(async () => {
    env = await startDemoEnvironment(keys)
  })
  afterAll(async () => {
    await env?.close()
  })

  async function accessToken(): Promise<string> {
    const { body } = await requestToken(env.auth.tokenEndpoint, {
      grant_type: 'client_credentials',
      client_id: env.client.clientId,
      client_secret: env.client.clientSecret,
      audience: API_AUDIENCE,
    })
    return String(body.access_token)
  }

  it('serves a repeated token from the verifier cache: one JWKS fetch, the same result object', async () => {
    const token = await accessToken()
    expect(env.auth.jwksRequests).toBe(0)

    const first = await callApi(env.api.messagesUrl, `Bearer ${token}`)
    expect(first.status).toBe(200)
    expect(first.body.caller).toEqual({ sub: `${CLIENT_ID}@clients`, scope: 'read:messages' })
    const firstResult = env.api.lastVerified
    expect(firstResult).toBeDefined()
    expect(env.auth.jwksRequests).toBe(1)

    const second = await callApi(env.api.messagesUrl, `Bearer ${token}`)
    expect(second.status).toBe(200)
    expect(env.api.lastVerified).toBe(firstResult)
    expect(await env.api.verifier.verify(token)).toBe(firstResult)
    expect(Object.isFrozen(firstResult)).toBe(true)
    expect(Object.isFrozen(firstResult!.claims)).toBe(true)
    expect(env.auth.jwksRequests).toBe(1)

    // A second token is a cache miss but reuses the fetched key set.
    const other = await accessToken()
    expect((await callApi(env.api.messagesUrl, `Bearer ${other}`)).status).toBe(200)
    expect(env.api.lastVerified).not.toBe(firstResult)
    expect(env.auth.jwksRequests).toBe(1)
  })

  it('answers a refusal with the challenge and { error, code }', async () => {
    const answer = await callApi(env.api.messagesUrl, `Bearer ${tamperCiphertext(await accessToken())}`)
    expect(answer).toEqual({
      status: 401,
      body: { error: 'invalid_token', code: 'ERR_JWE_DECRYPTION_FAILED' },
      wwwAuthenticate: 'Bearer realm="messages-api", error="invalid_token", error_description="The access token is invalid or expired"',
    })
  })

  it('answers 404 elsewhere and 405 for other methods', async () => {
    const origin = new URL(env.api.messagesUrl).origin
    expect((await fetch(`${origin}/api/other`)).status).toBe(404)
    const post = await fetch(env.api.messagesUrl, { method: 'POST' })
    expect(post.status).toBe(405)
    expect(post.headers.get('allow')).toBe('GET')
  })
})
