/** createRemoteJwks fetching a set, importing its keys once and sharing requests among concurrent callers. */
import { describe, expect, it, vi } from 'vitest'
import { compactVerify } from '../../src/jws/compact-verify.ts'
import { createTestKey, respondJson } from '../helpers/jwks-server.ts'
import { rejectionCode } from '../helpers/expect-jose.ts'
import { header, useRemoteJwksFixture } from '../helpers/remote-jwks-fixture.ts'

const fixture = useRemoteJwksFixture()

describe('createRemoteJwks: fetching and verifying', () => {
  it('verifies a token with a key fetched from the server, fetching once', async () => {
    fixture.server.serve({ keys: [fixture.k1.jwk, fixture.k2.jwk] })
    const jwks = fixture.remote()
    expect(jwks.export()).toBeUndefined()
    const { payload } = await compactVerify(await fixture.k1.sign('{"sub":"a"}'), jwks, { algorithms: ['RS256'] })
    expect(new TextDecoder().decode(payload)).toBe('{"sub":"a"}')
    await compactVerify(await fixture.k2.sign('{}'), jwks, { algorithms: ['RS256'] })
    expect(await jwks(header('k1'))).toBe(await jwks(header('k1')))
    expect(fixture.server.hits).toBe(1)
    expect(fixture.server.lastHeaders?.accept).toContain('application/jwk-set+json')
    expect(jwks.export()?.fetchedAt).toBe(fixture.clock)
  })

  it('shares one request among concurrent first calls', async () => {
    fixture.server.handle((_request, response) => setTimeout(() => respondJson(response, { keys: [fixture.k1.jwk] }), 50))
    const jwks = fixture.remote()
    const keys = await Promise.all(Array.from({ length: 20 }, () => jwks(header('k1'))))
    expect(fixture.server.hits).toBe(1)
    expect(new Set(keys).size).toBe(1)
  })

  it('works with a response slower than usual but within the timeout', async () => {
    fixture.server.handle((_request, response) => setTimeout(() => respondJson(response, { keys: [fixture.k1.jwk] }), 100))
    await expect(fixture.remote({ timeoutMs: 2_000 })(header('k1'))).resolves.toBeDefined()
  })

  it('follows a redirect on the loopback host', async () => {
    fixture.server.handle((request, response) => {
      if (request.url === '/moved') return respondJson(response, { keys: [fixture.k1.jwk] })
      response.writeHead(302, { location: '/moved' })
      response.end()
    })
    await expect(fixture.remote()(header('k1'))).resolves.toBeDefined()
    expect(fixture.server.hits).toBe(2)
  })

  it('sends configured headers', async () => {
    fixture.server.serve({ keys: [fixture.k1.jwk] })
    await fixture.remote({ headers: { authorization: 'Bearer t', accept: 'application/json' } })(header('k1'))
    expect(fixture.server.lastHeaders?.authorization).toBe('Bearer t')
    expect(fixture.server.lastHeaders?.accept).toBe('application/json')
  })

  it('imports each key of a set once; a refreshed set is imported anew, once', async () => {
    fixture.server.serve({ keys: [fixture.k1.jwk, fixture.k2.jwk] })
    const jwks = fixture.remote()
    const first = await jwks(header('k1'))
    expect(await jwks(header('k1'))).toBe(first)
    await jwks.reload()
    expect(fixture.server.hits).toBe(2)
    const refreshed = await jwks(header('k1'))
    expect(refreshed).not.toBe(first)
    expect(await jwks(header('k1'))).toBe(refreshed)
    fixture.server.serve({ keys: [{ ...fixture.k2.jwk, kid: 'k1' }] })
    await jwks.reload()
    const rotated = await jwks(header('k1'))
    expect(rotated).not.toBe(refreshed)
  })

  it('refuses different keys matching one token with ERR_JWKS_MULTIPLE_MATCHING_KEYS', async () => {
    fixture.server.serve({ keys: [fixture.k1.jwk, { ...fixture.k2.jwk, kid: 'k1' }] })
    expect(await rejectionCode(fixture.remote()(header('k1')))).toBe('ERR_JWKS_MULTIPLE_MATCHING_KEYS')
  })

  it('skips entries that are not RSA objects, and refuses a selected malformed JWK with ERR_KEY_INVALID', async () => {
    fixture.server.serve({
      keys: [null, 'k1', { kty: 'EC', kid: 'k1' }, { ...fixture.k1.jwk, n: 'not base64url!' }, fixture.k2.jwk],
    })
    const jwks = fixture.remote()
    expect(await rejectionCode(jwks(header('k1')))).toBe('ERR_KEY_INVALID')
    await expect(jwks(header('k2'))).resolves.toBeDefined()
    expect(jwks.export()?.jwks.keys.map((key) => key.kid)).toEqual(['k1', 'k2'])
  })

  it('imports a JWK that Web Crypto refuses once, and repeats ERR_KEY_INVALID without retrying', async () => {
    const weak = await createTestKey('weak', {}, 1024)
    fixture.server.serve({ keys: [weak.jwk] })
    const jwks = fixture.remote()
    const importKey = vi.spyOn(crypto.subtle, 'importKey')
    try {
      expect(await rejectionCode(jwks(header('weak')))).toBe('ERR_KEY_INVALID')
      expect(await rejectionCode(jwks(header('weak')))).toBe('ERR_KEY_INVALID')
      expect(importKey).toHaveBeenCalledTimes(1)
    } finally {
      importKey.mockRestore()
    }
    expect(fixture.server.hits).toBe(1)
  })

  it('runs reload() single-flight with concurrent misses', async () => {
    fixture.server.handle((_request, response) => setTimeout(() => respondJson(response, { keys: [fixture.k1.jwk] }), 50))
    const jwks = fixture.remote()
    await Promise.all([jwks.reload(), jwks(header('k1')), jwks.reload(), jwks(header('k1'))])
    expect(fixture.server.hits).toBe(1)
  })
})
