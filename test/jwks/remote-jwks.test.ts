import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { createRemoteJwks, type JwksFetch, type JwksSnapshot, type RemoteJwksOptions } from '../../src/jwks/remote-jwks.ts'
import { compactVerify } from '../../src/jws/compact-verify.ts'
import { JoseError, type JoseErrorCode } from '../../src/errors.ts'
import {
  closedPort,
  createTestKey,
  respondJson,
  respondStatus,
  startJwksServer,
  type JwksServer,
  type TestKey,
} from '../helpers/jwks-server.ts'
import { joseErrorCode, rejection, rejectionCode } from '../helpers/expect-jose.ts'

const MINUTE = 60_000
const COOLDOWN = 30_000
const MAX_AGE = 10 * MINUTE

function expectThrow(run: () => unknown): JoseError {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(JoseError)
    return error as JoseError
  }
  return expect.unreachable('expected a throw')
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

let k1: TestKey
let k2: TestKey
let k3: TestKey

beforeAll(async () => {
  ;[k1, k2, k3] = await Promise.all([createTestKey('k1'), createTestKey('k2'), createTestKey('k3')])
})

let server: JwksServer
/** Test clock for cache age and cooldown; sockets and request timeouts use real time. */
let clock: number
const now = (): number => clock
const header = (kid: string): { alg: 'RS256'; kid: string } => ({ alg: 'RS256', kid })

beforeEach(async () => {
  server = await startJwksServer()
  clock = 1_700_000_000_000
})

afterEach(async () => {
  await server.close()
})

function remote(options: RemoteJwksOptions = {}): ReturnType<typeof createRemoteJwks> {
  return createRemoteJwks(server.url, { now, ...options })
}

describe('createRemoteJwks: fetching and verifying', () => {
  it('verifies a token with a key fetched from the server, fetching once', async () => {
    server.serve({ keys: [k1.jwk, k2.jwk] })
    const jwks = remote()
    expect(jwks.export()).toBeUndefined()
    const { payload } = await compactVerify(await k1.sign('{"sub":"a"}'), jwks, { algorithms: ['RS256'] })
    expect(new TextDecoder().decode(payload)).toBe('{"sub":"a"}')
    await compactVerify(await k2.sign('{}'), jwks, { algorithms: ['RS256'] })
    expect(await jwks(header('k1'))).toBe(await jwks(header('k1')))
    expect(server.hits).toBe(1)
    expect(server.lastHeaders?.accept).toContain('application/jwk-set+json')
    expect(jwks.export()?.fetchedAt).toBe(clock)
  })

  it('shares one request among concurrent first calls', async () => {
    server.handle((_request, response) => setTimeout(() => respondJson(response, { keys: [k1.jwk] }), 50))
    const jwks = remote()
    const keys = await Promise.all(Array.from({ length: 20 }, () => jwks(header('k1'))))
    expect(server.hits).toBe(1)
    expect(new Set(keys).size).toBe(1)
  })

  it('works with a response slower than usual but within the timeout', async () => {
    server.handle((_request, response) => setTimeout(() => respondJson(response, { keys: [k1.jwk] }), 100))
    await expect(remote({ timeoutMs: 2_000 })(header('k1'))).resolves.toBeDefined()
  })

  it('follows a redirect on the loopback host', async () => {
    server.handle((request, response) => {
      if (request.url === '/moved') return respondJson(response, { keys: [k1.jwk] })
      response.writeHead(302, { location: '/moved' })
      response.end()
    })
    await expect(remote()(header('k1'))).resolves.toBeDefined()
    expect(server.hits).toBe(2)
  })

  it('sends configured headers', async () => {
    server.serve({ keys: [k1.jwk] })
    await remote({ headers: { authorization: 'Bearer t', accept: 'application/json' } })(header('k1'))
    expect(server.lastHeaders?.authorization).toBe('Bearer t')
    expect(server.lastHeaders?.accept).toBe('application/json')
  })

  it('imports each key of a set once; a refreshed set is imported anew, once', async () => {
    server.serve({ keys: [k1.jwk, k2.jwk] })
    const jwks = remote()
    const first = await jwks(header('k1'))
    expect(await jwks(header('k1'))).toBe(first)
    await jwks.reload()
    expect(server.hits).toBe(2)
    const refreshed = await jwks(header('k1'))
    expect(refreshed).not.toBe(first)
    expect(await jwks(header('k1'))).toBe(refreshed)
    server.serve({ keys: [{ ...k2.jwk, kid: 'k1' }] })
    await jwks.reload()
    const rotated = await jwks(header('k1'))
    expect(rotated).not.toBe(refreshed)
  })

  it('refuses different keys matching one token with ERR_JWKS_MULTIPLE_MATCHING_KEYS', async () => {
    server.serve({ keys: [k1.jwk, { ...k2.jwk, kid: 'k1' }] })
    expect(await rejectionCode(remote()(header('k1')))).toBe('ERR_JWKS_MULTIPLE_MATCHING_KEYS')
  })

  it('skips entries that are not RSA objects, and refuses a selected malformed JWK with ERR_KEY_INVALID', async () => {
    server.serve({
      keys: [null, 'k1', { kty: 'EC', kid: 'k1' }, { ...k1.jwk, n: 'not base64url!' }, k2.jwk],
    })
    const jwks = remote()
    expect(await rejectionCode(jwks(header('k1')))).toBe('ERR_KEY_INVALID')
    await expect(jwks(header('k2'))).resolves.toBeDefined()
    expect(jwks.export()?.jwks.keys.map((key) => key.kid)).toEqual(['k1', 'k2'])
  })

  it('imports a JWK that Web Crypto refuses once, and repeats ERR_KEY_INVALID without retrying', async () => {
    const weak = await createTestKey('weak', {}, 1024)
    server.serve({ keys: [weak.jwk] })
    const jwks = remote()
    const importKey = vi.spyOn(crypto.subtle, 'importKey')
    try {
      expect(await rejectionCode(jwks(header('weak')))).toBe('ERR_KEY_INVALID')
      expect(await rejectionCode(jwks(header('weak')))).toBe('ERR_KEY_INVALID')
      expect(importKey).toHaveBeenCalledTimes(1)
    } finally {
      importKey.mockRestore()
    }
    expect(server.hits).toBe(1)
  })

  it('runs reload() single-flight with concurrent misses', async () => {
    server.handle((_request, response) => setTimeout(() => respondJson(response, { keys: [k1.jwk] }), 50))
    const jwks = remote()
    await Promise.all([jwks.reload(), jwks(header('k1')), jwks.reload(), jwks(header('k1'))])
    expect(server.hits).toBe(1)
  })
})

describe('createRemoteJwks: rotation, cooldown and staleness', () => {
  it('picks up a rotated-in key within the cooldown, and calls a removed key unknown only from a set fetched after the token came', async () => {
    server.serve({ keys: [k1.jwk] })
    const jwks = remote()
    await compactVerify(await k1.sign('{}'), jwks, { algorithms: ['RS256'] })

    // The issuer swaps k1 for k2 a second later: well within the 30 s cooldown.
    server.serve({ keys: [k2.jwk] })
    clock += 1_000
    await compactVerify(await k2.sign('{}'), jwks, { algorithms: ['RS256'] })
    expect(server.hits).toBe(2)
    // That set was fetched after this token came (same instant on the test clock): k1 is gone.
    expect(await rejectionCode(jwks(header('k1')))).toBe('ERR_JWKS_NO_MATCHING_KEY')
    expect(server.hits).toBe(2)
  })

  it('never calls a new kid unknown from a set older than the token: refetches twice at once, then one per cooldown, else ERR_KEY_UNAVAILABLE', async () => {
    server.serve({ keys: [k1.jwk] })
    const jwks = remote()
    await jwks(header('k1'))
    const unknown = async (kid: string) => {
      clock += 1
      return rejectionCode(jwks(header(kid)))
    }
    // Two refetches may be made at once; each, begun after its token, proves the kid unknown.
    expect(await unknown('x1')).toBe('ERR_JWKS_NO_MATCHING_KEY')
    expect(await unknown('x2')).toBe('ERR_JWKS_NO_MATCHING_KEY')
    expect(server.hits).toBe(3)
    // The ration is spent: the set predates these tokens, so they are not judged.
    server.serve({ keys: [k1.jwk, k2.jwk] })
    expect(await unknown('x3')).toBe('ERR_KEY_UNAVAILABLE')
    expect(await unknown('k2')).toBe('ERR_KEY_UNAVAILABLE')
    expect(server.hits).toBe(3)
    await expect(jwks(header('k1'))).resolves.toBeDefined()
    // One more per cooldown, which finds k2.
    clock += COOLDOWN
    await expect(jwks(header('k2'))).resolves.toBeDefined()
    expect(server.hits).toBe(4)
    expect(await unknown('x4')).toBe('ERR_KEY_UNAVAILABLE')
    expect(server.hits).toBe(4)
  })

  it('lets 50 unknown kids cause at most one extra fetch', async () => {
    server.serve({ keys: [k1.jwk] })
    const jwks = remote()
    await jwks(header('k1'))
    clock += COOLDOWN + 1
    const random = (): string => `kid-${Math.random().toString(36).slice(2)}`
    const concurrent = await Promise.all(Array.from({ length: 25 }, () => rejectionCode(jwks(header(random())))))
    for (let i = 0; i < 25; i++) expect(await rejectionCode(jwks(header(random())))).toBe('ERR_JWKS_NO_MATCHING_KEY')
    expect(new Set(concurrent)).toEqual(new Set(['ERR_JWKS_NO_MATCHING_KEY']))
    expect(server.hits).toBe(2)
    await expect(jwks(header('k1'))).resolves.toBeDefined()
  })

  it('a token that joined a request begun before it arrived asks once more, within the ration; tokens waiting together share that request', async () => {
    server.serve({ keys: [k1.jwk] })
    const jwks = remote()
    await jwks(header('k1'))
    /** The next request answers the set as it is now, once released. */
    const hold = () => {
      let release!: () => void
      const held = new Promise<void>((resolve) => (release = resolve))
      const document = { keys: [k1.jwk] }
      server.handle((_request, response) => void held.then(() => respondJson(response, document)))
      return release
    }
    let release = hold()
    clock += 1
    const made = jwks(header('made-up'))
    // k2 is published while that request is out; two tokens signed with it come.
    clock += 1
    const [a, b] = [jwks(header('k2')), jwks(header('k2'))]
    await vi.waitFor(() => expect(server.hits).toBe(2))
    server.serve({ keys: [k1.jwk, k2.jwk] })
    release()
    expect(await rejectionCode(made)).toBe('ERR_JWKS_NO_MATCHING_KEY')
    await expect(Promise.all([a, b])).resolves.toHaveLength(2)
    expect(server.hits).toBe(3)

    // The ration is spent: a token that joined an older request is not judged on it.
    release = hold()
    const reload = jwks.reload()
    clock += 1
    const late = jwks(header('k3'))
    await vi.waitFor(() => expect(server.hits).toBe(4))
    release()
    await reload
    expect(await rejectionCode(late)).toBe('ERR_KEY_UNAVAILABLE')
    expect(server.hits).toBe(4)
  })

  it('serves known keys from an expired set while one background refresh runs', async () => {
    server.serve({ keys: [k1.jwk] })
    const jwks = remote()
    const key = await jwks(header('k1'))
    server.serve({ keys: [k1.jwk, k2.jwk] })
    clock += MAX_AGE + 1
    // Answered from the expired set; the refresh it starts is not awaited.
    expect(await jwks(header('k1'))).toBe(key)
    await vi.waitFor(() => expect(jwks.export()?.fetchedAt).toBe(clock), { timeout: 10_000 })
    expect(server.hits).toBe(2)
    await expect(jwks(header('k2'))).resolves.toBeDefined()
    expect(server.hits).toBe(2)
  })

  it('refreshes an expired set even when the lookup in it fails, so a fixed set is seen after cacheMaxAgeMs', async () => {
    // Two kid-less keys: every kid-less token is ambiguous until the issuer drops one.
    const [a, b] = [{ ...k1.jwk, kid: undefined }, { ...k2.jwk, kid: undefined }]
    server.serve({ keys: [a, b] })
    const jwks = remote()
    expect(await rejectionCode(jwks({ alg: 'RS256' }))).toBe('ERR_JWKS_MULTIPLE_MATCHING_KEYS')
    server.serve({ keys: [a] })
    clock += MAX_AGE + 1
    // Answered from the expired set, which starts the refresh.
    expect(await rejectionCode(jwks({ alg: 'RS256' }))).toBe('ERR_JWKS_MULTIPLE_MATCHING_KEYS')
    await vi.waitFor(() => expect(jwks.export()?.fetchedAt).toBe(clock), { timeout: 10_000 })
    expect(server.hits).toBe(2)
    await expect(jwks({ alg: 'RS256' })).resolves.toBeDefined()
  })

  it('keeps a set whose refresh fails, until maxStaleAgeMs', async () => {
    server.serve({ keys: [k1.jwk] })
    const jwks = remote({ maxStaleAgeMs: 60 * MINUTE })
    await jwks(header('k1'))
    const fetchedAt = clock
    server.handle((_request, response) => respondStatus(response, 503))

    clock += MAX_AGE + 1
    await expect(jwks(header('k1'))).resolves.toBeDefined()
    await vi.waitFor(() => expect(server.hits).toBe(2), { timeout: 10_000 })
    await delay(10)
    expect(jwks.export()?.fetchedAt).toBe(fetchedAt)
    // The failed refresh began just now: an unknown kid gets its failure, without a new request.
    expect(await rejectionCode(jwks(header('k2')))).toBe('ERR_JWKS_FETCH_FAILED')
    await expect(jwks(header('k1'))).resolves.toBeDefined()
    expect(server.hits).toBe(2)

    // After the cooldown an unknown kid refetches, and the failure is what it reports.
    clock += COOLDOWN
    expect(await rejectionCode(jwks(header('k2')))).toBe('ERR_JWKS_FETCH_FAILED')
    expect(server.hits).toBe(3)
    await expect(jwks(header('k1'))).resolves.toBeDefined()

    // Past maxStaleAgeMs the set is unusable: the fetch error reaches every caller.
    clock += 60 * MINUTE
    expect(await rejectionCode(jwks(header('k1')))).toBe('ERR_JWKS_FETCH_FAILED')
    expect(server.hits).toBe(4)
    // ...and is repeated without a request until the cooldown ends.
    expect(await rejectionCode(jwks(header('k1')))).toBe('ERR_JWKS_FETCH_FAILED')
    expect(server.hits).toBe(4)

    server.serve({ keys: [k1.jwk] })
    await jwks.reload()
    await expect(jwks(header('k1'))).resolves.toBeDefined()
    expect(server.hits).toBe(5)
  })

  it('retries a failed first fetch only after the cooldown', async () => {
    server.handle((_request, response) => respondStatus(response, 500))
    const jwks = remote()
    expect(await rejectionCode(jwks(header('k1')))).toBe('ERR_JWKS_FETCH_FAILED')
    expect(await rejectionCode(jwks(header('k1')))).toBe('ERR_JWKS_FETCH_FAILED')
    expect(server.hits).toBe(1)
    server.serve({ keys: [k1.jwk] })
    clock += COOLDOWN
    await expect(jwks(header('k1'))).resolves.toBeDefined()
    expect(server.hits).toBe(2)
  })

  it('does not refresh a fresh set for a known kid', async () => {
    server.serve({ keys: [k1.jwk] })
    const jwks = remote()
    await jwks(header('k1'))
    clock += MAX_AGE - 1
    await jwks(header('k1'))
    await delay(10)
    expect(server.hits).toBe(1)
  })
})

describe('createRemoteJwks: snapshots', () => {
  it('round-trips through export() and `cached` without a request', async () => {
    // EC entries are kept (their values are checked on import); one without "y" is skipped.
    server.serve({ keys: [k1.jwk, { kty: 'EC', crv: 'P-256', x: 'AA', y: 'AA', kid: 'ec' }, { kty: 'EC', crv: 'P-256', x: 'AA', kid: 'no-y' }] })
    const first = remote()
    await first(header('k1'))
    const snapshot = JSON.parse(JSON.stringify(first.export())) as JwksSnapshot
    expect(snapshot.fetchedAt).toBe(clock)
    expect(snapshot.jwks.keys.map((key) => key.kid)).toEqual(['k1', 'ec'])

    clock += 5_000
    const second = remote({ cached: snapshot })
    await compactVerify(await k1.sign('{}'), second, { algorithms: ['RS256'] })
    expect(server.hits).toBe(1)
    expect(second.export()).toEqual(snapshot)
  })

  it('fetches when the snapshot is older than maxStaleAgeMs', async () => {
    server.serve({ keys: [k2.jwk] })
    const jwks = remote({ cached: { jwks: { keys: [k1.jwk] }, fetchedAt: clock - 25 * 60 * MINUTE } })
    expect(await rejectionCode(jwks(header('k1')))).toBe('ERR_JWKS_NO_MATCHING_KEY')
    expect(server.hits).toBe(1)
  })

  it('exports copies the caller cannot use to change the held set', async () => {
    server.serve({ keys: [k1.jwk] })
    const jwks = remote()
    await jwks(header('k1'))
    const snapshot = jwks.export()!
    snapshot.jwks.keys[0]!.kid = 'changed'
    snapshot.jwks.keys.push({ ...k2.jwk })
    expect(jwks.export()?.jwks.keys.map((key) => key.kid)).toEqual(['k1'])
    await expect(jwks(header('k1'))).resolves.toBeDefined()
  })

  it('does not let a snapshot from the future look younger than now', () => {
    const jwks = remote({ cached: { jwks: { keys: [k1.jwk] }, fetchedAt: clock + 60 * MINUTE } })
    expect(jwks.export()?.fetchedAt).toBe(clock)
  })

  it('refuses a snapshot nested too deep to copy with ERR_JWKS_INVALID', () => {
    const deep = JSON.parse(`{"jwks":{"keys":[{"kty":"RSA","n":"AQAB","e":"AQAB","kid":${'['.repeat(100_000)}${']'.repeat(100_000)}}]},"fetchedAt":1}`)
    expect(joseErrorCode(() => remote({ cached: deep as JwksSnapshot }))).toBe('ERR_JWKS_INVALID')
  })

  it('accepts null and refuses malformed snapshots', () => {
    expect(remote({ cached: null }).export()).toBeUndefined()
    const bad = (cached: unknown): JoseErrorCode | undefined =>
      joseErrorCode(() => remote({ cached: cached as JwksSnapshot }))
    expect(bad('x')).toBe('ERR_INVALID_ARGUMENT')
    expect(bad({ jwks: { keys: [] } })).toBe('ERR_INVALID_ARGUMENT')
    expect(bad({ jwks: { keys: [] }, fetchedAt: Number.NaN })).toBe('ERR_INVALID_ARGUMENT')
    expect(bad({ jwks: { keys: [] }, fetchedAt: -1 })).toBe('ERR_INVALID_ARGUMENT')
    expect(bad({ jwks: { keys: [] }, fetchedAt: null })).toBe('ERR_INVALID_ARGUMENT')
    expect(bad({ jwks: { keys: [] }, fetchedAt: '5' })).toBe('ERR_INVALID_ARGUMENT')
    expect(bad({ jwks: [], fetchedAt: 1 })).toBe('ERR_JWKS_INVALID')
  })
})

describe('createRemoteJwks: failures', () => {
  it('reports a non-2xx status as ERR_JWKS_FETCH_FAILED without the body', async () => {
    server.handle((_request, response) => respondStatus(response, 500))
    const error = await rejection(remote()(header('k1')))
    expect(error.code).toBe('ERR_JWKS_FETCH_FAILED')
    expect(error.message).toContain('500')
    expect(error.message).not.toContain('SECRET')
  })

  it('reports a refused connection as ERR_JWKS_FETCH_FAILED', async () => {
    const jwks = createRemoteJwks(`http://127.0.0.1:${await closedPort()}/jwks.json`)
    expect(await rejectionCode(jwks(header('k1')))).toBe('ERR_JWKS_FETCH_FAILED')
  })

  it('times out a server that never answers', async () => {
    server.handle(() => {})
    expect(await rejectionCode(remote({ timeoutMs: 200 })(header('k1')))).toBe('ERR_JWKS_TIMEOUT')
  })

  it('times out a body that stops arriving', async () => {
    server.handle((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' })
      response.write('{"keys":[')
    })
    expect(await rejectionCode(remote({ timeoutMs: 200 })(header('k1')))).toBe('ERR_JWKS_TIMEOUT')
  })

  it('refuses a body that is not JSON, without quoting it', async () => {
    server.handle((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' })
      response.end('{"keys": [SECRET-BODY')
    })
    const error = await rejection(remote()(header('k1')))
    expect(error.code).toBe('ERR_JWKS_INVALID')
    expect(error.message).not.toContain('SECRET')
  })

  it('refuses JSON that is not a JWK set', async () => {
    for (const document of [[], 'keys', 42, null, {}, { keys: {} }, { keys: 'k1' }]) {
      server.serve(document)
      expect(await rejectionCode(remote()(header('k1')))).toBe('ERR_JWKS_INVALID')
    }
  })

  it('refuses an empty body', async () => {
    server.handle((_request, response) => {
      response.writeHead(200)
      response.end()
    })
    expect(await rejectionCode(remote()(header('k1')))).toBe('ERR_JWKS_INVALID')
    // 204: the Response has no body stream at all.
    server.handle((_request, response) => {
      response.writeHead(204)
      response.end()
    })
    expect(await rejectionCode(remote()(header('k1')))).toBe('ERR_JWKS_INVALID')
  })

  it('accepts a chunked body of exactly maxResponseBytes', async () => {
    const body = JSON.stringify({ keys: [k1.jwk] })
    server.handle((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' })
      response.write(body.slice(0, 100))
      setTimeout(() => response.end(body.slice(100)), 5)
    })
    const size = Buffer.byteLength(body)
    await expect(remote({ maxResponseBytes: size })(header('k1'))).resolves.toBeDefined()
    expect(await rejectionCode(remote({ maxResponseBytes: size - 1 })(header('k1')))).toBe('ERR_JWKS_INVALID')
  })

  it('refuses an oversized body announced by Content-Length', async () => {
    const body = JSON.stringify({ keys: [k1.jwk], padding: 'x'.repeat(8_000) })
    server.handle((_request, response) => {
      response.writeHead(200, { 'content-length': Buffer.byteLength(body) })
      response.end(body)
    })
    expect(await rejectionCode(remote({ maxResponseBytes: 4_096 })(header('k1')))).toBe('ERR_JWKS_INVALID')
    await expect(remote({ maxResponseBytes: Buffer.byteLength(body) })(header('k1'))).resolves.toBeDefined()
  })

  it('refuses an oversized chunked body while reading it', async () => {
    let ended = false
    server.handle((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' })
      response.write(`{"keys":[${JSON.stringify(k1.jwk)}],"padding":"`)
      // Keeps sending until the client gives up; the limit, not the end of the body, stops it.
      const timer = setInterval(() => response.write('x'.repeat(1_024)), 5)
      response.on('close', () => {
        ended = true
        clearInterval(timer)
      })
    })
    expect(await rejectionCode(remote({ maxResponseBytes: 16_384, timeoutMs: 5_000 })(header('k1')))).toBe(
      'ERR_JWKS_INVALID',
    )
    await vi.waitFor(() => expect(ended).toBe(true), { timeout: 10_000 })
  })

  it('propagates the error to every caller sharing a failed request', async () => {
    server.handle((_request, response) => setTimeout(() => respondStatus(response, 502), 30))
    const jwks = remote()
    const codes = await Promise.all(Array.from({ length: 5 }, () => rejectionCode(jwks(header('k1')))))
    expect(codes).toEqual(Array(5).fill('ERR_JWKS_FETCH_FAILED'))
    expect(server.hits).toBe(1)
  })

  it('rejects reload() with the failure and keeps the previous set', async () => {
    server.serve({ keys: [k1.jwk] })
    const jwks = remote()
    await jwks(header('k1'))
    server.serve({ keys: 'broken' })
    expect(await rejectionCode(jwks.reload())).toBe('ERR_JWKS_INVALID')
    await expect(jwks(header('k1'))).resolves.toBeDefined()
    expect(jwks.export()?.jwks.keys).toHaveLength(1)
  })
})

describe('createRemoteJwks: injectable fetch', () => {
  const url = 'https://issuer.example/.well-known/jwks.json'

  it('calls the given fetch with the URL, headers and an abort signal', async () => {
    const calls: Array<[string, RequestInit]> = []
    const fetch: JwksFetch = async (input, init) => {
      calls.push([input, init])
      return new Response(JSON.stringify({ keys: [k3.jwk] }))
    }
    const jwks = createRemoteJwks(new URL(url), { fetch, headers: [['x-client', 'test']] })
    await compactVerify(await k3.sign('{}'), jwks, { algorithms: ['RS256'] })
    expect(calls).toHaveLength(1)
    const [input, init] = calls[0]!
    expect(input).toBe(url)
    expect(init.signal).toBeInstanceOf(AbortSignal)
    const headers = new Headers(init.headers)
    expect(headers.get('x-client')).toBe('test')
    expect(headers.get('accept')).toContain('json')
  })

  it('times out a fetch that ignores its abort signal', async () => {
    const fetch: JwksFetch = () => new Promise(() => {})
    expect(await rejectionCode(createRemoteJwks(url, { fetch, timeoutMs: 100 })(header('k1')))).toBe('ERR_JWKS_TIMEOUT')
  })

  it('maps a throwing fetch and a non-Response to ERR_JWKS_FETCH_FAILED', async () => {
    const throwing: JwksFetch = async () => {
      throw new TypeError('network down')
    }
    const error = await rejection(createRemoteJwks(url, { fetch: throwing })(header('k1')))
    expect(error.code).toBe('ERR_JWKS_FETCH_FAILED')
    expect(error.cause).toBeInstanceOf(TypeError)
    const throwingAtOnce: JwksFetch = () => {
      throw new TypeError('not a fetch')
    }
    expect(await rejectionCode(createRemoteJwks(url, { fetch: throwingAtOnce })(header('k1')))).toBe(
      'ERR_JWKS_FETCH_FAILED',
    )
    for (const odd of ['not a response', null, {}]) {
      const fetch = (async () => odd) as unknown as JwksFetch
      expect(await rejectionCode(createRemoteJwks(url, { fetch })(header('k1')))).toBe('ERR_JWKS_FETCH_FAILED')
    }
  })

  it('maps a body stream that fails midway to ERR_JWKS_FETCH_FAILED', async () => {
    const fetch: JwksFetch = async () =>
      new Response(
        new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"keys":['))
            controller.error(new Error('connection reset'))
          },
        }),
      )
    expect(await rejectionCode(createRemoteJwks(url, { fetch })(header('k1')))).toBe('ERR_JWKS_FETCH_FAILED')
  })

  it('refuses a response without a body with ERR_JWKS_INVALID', async () => {
    const fetch: JwksFetch = async () => new Response(null)
    expect(await rejectionCode(createRemoteJwks(url, { fetch })(header('k1')))).toBe('ERR_JWKS_INVALID')
  })

  it('refuses an announced oversized body without reading it', async () => {
    let pulls = 0
    let cancelled = false
    const fetch: JwksFetch = async () =>
      new Response(
        new ReadableStream<Uint8Array>({
          pull(controller) {
            pulls++
            controller.enqueue(new TextEncoder().encode('{"keys":[]}'))
            controller.close()
          },
          cancel() {
            cancelled = true
          },
        }),
        { headers: { 'content-length': '1000000' } },
      )
    expect(await rejectionCode(createRemoteJwks(url, { fetch })(header('k1')))).toBe('ERR_JWKS_INVALID')
    await vi.waitFor(() => expect(cancelled).toBe(true), { timeout: 10_000 })
    // A stream pulls once on construction to fill its queue; the reader never asked for more.
    expect(pulls).toBeLessThanOrEqual(1)
  })

  it('refuses a response that was redirected off https, and accepts one redirected to https', async () => {
    const redirectedTo =
      (target: string): JwksFetch =>
      async () => {
        const response = new Response(JSON.stringify({ keys: [k1.jwk] }))
        Object.defineProperty(response, 'url', { value: target })
        return response
      }
    for (const target of ['http://attacker.example/jwks.json', 'ftp://attacker.example/jwks.json', 'garbage']) {
      const error = await rejection(createRemoteJwks(url, { fetch: redirectedTo(target) })(header('k1')))
      expect(error.code).toBe('ERR_JWKS_FETCH_FAILED')
      expect(error.message).not.toContain('attacker')
    }
    const jwks = createRemoteJwks(url, { fetch: redirectedTo('https://cdn.example/jwks.json') })
    await expect(jwks(header('k1'))).resolves.toBeDefined()
  })
})

describe('createRemoteJwks: arguments', () => {
  it('accepts https URLs and http URLs on loopback hosts', () => {
    for (const url of [
      'https://issuer.example/jwks',
      'http://localhost:8080/jwks',
      'http://127.0.0.1/jwks',
      'http://127.1/jwks',
      'http://127.255.0.9/jwks',
      'http://[::1]:9/jwks',
      'http://[0:0:0:0:0:0:0:1]/jwks',
      'HTTP://LOCALHOST/jwks',
      'https://issuer.example',
      'https://issuer.example/jwks?contact=a@b.example',
      new URL('https://issuer.example/jwks'),
    ]) {
      expect(() => createRemoteJwks(url)).not.toThrow()
    }
  })

  it('refuses other URLs with ERR_INVALID_ARGUMENT', () => {
    for (const url of [
      'http://issuer.example/jwks',
      'http://128.0.0.1/jwks',
      'http://localhost.attacker.example/jwks',
      'http://10.0.0.1/jwks',
      'ftp://issuer.example/jwks',
      'file:///etc/jwks.json',
      'data:application/json,{"keys":[]}',
      'http://127.0.0.1.attacker.example/jwks',
      'http://[::2]/jwks',
      'http://issuer.example/jwks?secret=S3CR3T',
    ]) {
      const error = expectThrow(() => createRemoteJwks(url as string))
      expect(error.code).toBe('ERR_INVALID_ARGUMENT')
      expect(error.message).toBe('JWKS URL: https (http on loopback) without credentials')
      expect(error.cause).toBeUndefined()
    }
    for (const url of [42, null, 'not a url', '/relative/jwks']) {
      const error = expectThrow(() => createRemoteJwks(url as string))
      expect([error.code, error.message, error.cause]).toEqual(['ERR_INVALID_ARGUMENT', 'invalid URL', undefined])
    }
  })

  it('refuses any URL with credentials, judging the parsed host, and never carries the URL in the error', () => {
    for (const url of [
      // The loopback regex once read the userinfo: with a custom fetch this sent plain http to evil.example.
      'http://localhost:x@evil.example/jwks',
      'http://127.0.0.1:80@evil.example/jwks',
      'https://user:S3CR3T@issuer.example/jwks',
      'https://user@issuer.example/jwks',
      'https://:S3CR3T@issuer.example/jwks',
      'http://user@127.0.0.1/jwks',
      new URL('https://user:S3CR3T@issuer.example/jwks'),
    ]) {
      const error = expectThrow(() => createRemoteJwks(url))
      expect([error.code, error.message, error.cause]).toEqual(['ERR_INVALID_ARGUMENT', 'JWKS URL: https (http on loopback) without credentials', undefined])
      expect(JSON.stringify(error) + String(error.stack)).not.toContain('S3CR3T')
    }
  })

  it('refuses malformed options with ERR_INVALID_ARGUMENT', () => {
    const url = 'https://issuer.example/jwks'
    for (const [options, name] of [
      [{ timeoutMs: 0 }, 'timeoutMs'],
      [{ timeoutMs: -1 }, 'timeoutMs'],
      [{ timeoutMs: 2 ** 31 }, 'timeoutMs'],
      [{ timeoutMs: Number.POSITIVE_INFINITY }, 'timeoutMs'],
      [{ cacheMaxAgeMs: Number.NaN }, 'cacheMaxAgeMs'],
      [{ cooldownMs: '30' }, 'cooldownMs'],
      [{ cooldownMs: -1 }, 'cooldownMs'],
      [{ maxResponseBytes: 0 }, 'maxResponseBytes'],
      [{ maxResponseBytes: null, maxStaleAgeMs: '1' }, 'maxStaleAgeMs'],
      [{ cacheMaxAgeMs: 2 * MINUTE, maxStaleAgeMs: MINUTE }, 'maxStaleAgeMs'],
      [{ headers: [['bad header name', 'x']] }, 'headers'],
      [{ headers: 5 }, 'headers'],
      // Not left to fail later as a TypeError at each request.
      [{ now: 1_700_000_000_000 }, 'now'],
      [{ now: 1, cached: { jwks: { keys: [] }, fetchedAt: 1 } }, 'now'],
      [{ fetch: 'https://proxy.example' }, 'fetch'],
    ] as const) {
      const error = expectThrow(() => createRemoteJwks(url, options as unknown as RemoteJwksOptions))
      expect(error.code).toBe('ERR_INVALID_ARGUMENT')
      expect(error.message).toBe(`invalid ${name}`)
    }
  })

  it('accepts absent, null and unbounded options', () => {
    const url = 'https://issuer.example/jwks'
    for (const options of [
      undefined,
      null,
      {},
      { timeoutMs: 2 ** 31 - 1, cooldownMs: 0, maxResponseBytes: 1 },
      // A long cache lifetime raises the default stale limit instead of conflicting with it.
      { cacheMaxAgeMs: 48 * 60 * MINUTE },
      { cacheMaxAgeMs: Number.POSITIVE_INFINITY },
      { maxStaleAgeMs: Number.POSITIVE_INFINITY, maxResponseBytes: Number.POSITIVE_INFINITY },
    ]) {
      expect(() => createRemoteJwks(url, options)).not.toThrow()
    }
  })

  it('refuses unsupported header algorithms before any request', async () => {
    server.serve({ keys: [k1.jwk] })
    expect(await rejectionCode(remote()({ alg: 'HS256', kid: 'k1' }))).toBe('ERR_ALG_NOT_SUPPORTED')
    expect(await rejectionCode(remote()(null as never))).toBe('ERR_ALG_NOT_SUPPORTED')
    expect(server.hits).toBe(0)
  })
})
