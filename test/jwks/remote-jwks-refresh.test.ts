/** createRemoteJwks refreshing its set: rotated keys, the refetch ration per cooldown, expired and stale sets. */
import { describe, expect, it, vi } from 'vitest'
import { compactVerify } from '../../src/jws/compact-verify.ts'
import { respondJson, respondStatus } from '../helpers/jwks-server.ts'
import { rejectionCode } from '../helpers/expect-jose.ts'
import { COOLDOWN, MAX_AGE, MINUTE, delay, header, useRemoteJwksFixture } from '../helpers/remote-jwks-fixture.ts'

const fixture = useRemoteJwksFixture()

describe('createRemoteJwks: rotation, cooldown and staleness', () => {
  it('picks up a rotated-in key within the cooldown, and calls a removed key unknown only from a set fetched after the token came', async () => {
    fixture.server.serve({ keys: [fixture.k1.jwk] })
    const jwks = fixture.remote()
    await compactVerify(await fixture.k1.sign('{}'), jwks, { algorithms: ['RS256'] })

    // The issuer swaps k1 for k2 a second later: well within the 30 s cooldown.
    fixture.server.serve({ keys: [fixture.k2.jwk] })
    fixture.clock += 1_000
    await compactVerify(await fixture.k2.sign('{}'), jwks, { algorithms: ['RS256'] })
    expect(fixture.server.hits).toBe(2)
    // That set was fetched after this token came (same instant on the test clock): k1 is gone.
    expect(await rejectionCode(jwks(header('k1')))).toBe('ERR_JWKS_NO_MATCHING_KEY')
    expect(fixture.server.hits).toBe(2)
  })

  it('never calls a new kid unknown from a set older than the token: refetches twice at once, then one per cooldown, else ERR_KEY_UNAVAILABLE', async () => {
    fixture.server.serve({ keys: [fixture.k1.jwk] })
    const jwks = fixture.remote()
    await jwks(header('k1'))
    const unknown = async (kid: string) => {
      fixture.clock += 1
      return rejectionCode(jwks(header(kid)))
    }
    // Two refetches may be made at once; each, begun after its token, proves the kid unknown.
    expect(await unknown('x1')).toBe('ERR_JWKS_NO_MATCHING_KEY')
    expect(await unknown('x2')).toBe('ERR_JWKS_NO_MATCHING_KEY')
    expect(fixture.server.hits).toBe(3)
    // The ration is spent: the set predates these tokens, so they are not judged.
    fixture.server.serve({ keys: [fixture.k1.jwk, fixture.k2.jwk] })
    expect(await unknown('x3')).toBe('ERR_KEY_UNAVAILABLE')
    expect(await unknown('k2')).toBe('ERR_KEY_UNAVAILABLE')
    expect(fixture.server.hits).toBe(3)
    await expect(jwks(header('k1'))).resolves.toBeDefined()
    // One more per cooldown, which finds k2.
    fixture.clock += COOLDOWN
    await expect(jwks(header('k2'))).resolves.toBeDefined()
    expect(fixture.server.hits).toBe(4)
    expect(await unknown('x4')).toBe('ERR_KEY_UNAVAILABLE')
    expect(fixture.server.hits).toBe(4)
  })

  it('lets 50 unknown kids cause at most one extra fetch', async () => {
    fixture.server.serve({ keys: [fixture.k1.jwk] })
    const jwks = fixture.remote()
    await jwks(header('k1'))
    fixture.clock += COOLDOWN + 1
    const random = (): string => `kid-${Math.random().toString(36).slice(2)}`
    const concurrent = await Promise.all(Array.from({ length: 25 }, () => rejectionCode(jwks(header(random())))))
    for (let i = 0; i < 25; i++) expect(await rejectionCode(jwks(header(random())))).toBe('ERR_JWKS_NO_MATCHING_KEY')
    expect(new Set(concurrent)).toEqual(new Set(['ERR_JWKS_NO_MATCHING_KEY']))
    expect(fixture.server.hits).toBe(2)
    await expect(jwks(header('k1'))).resolves.toBeDefined()
  })

  it('a token that joined a request begun before it arrived asks once more, within the ration; tokens waiting together share that request', async () => {
    fixture.server.serve({ keys: [fixture.k1.jwk] })
    const jwks = fixture.remote()
    await jwks(header('k1'))
    /** The next request answers the set as it is now, once released. */
    const hold = () => {
      let release!: () => void
      const held = new Promise<void>((resolve) => (release = resolve))
      const document = { keys: [fixture.k1.jwk] }
      fixture.server.handle((_request, response) => void held.then(() => respondJson(response, document)))
      return release
    }
    let release = hold()
    fixture.clock += 1
    const made = jwks(header('made-up'))
    // k2 is published while that request is out; two tokens signed with it come.
    fixture.clock += 1
    const [a, b] = [jwks(header('k2')), jwks(header('k2'))]
    await vi.waitFor(() => expect(fixture.server.hits).toBe(2))
    fixture.server.serve({ keys: [fixture.k1.jwk, fixture.k2.jwk] })
    release()
    expect(await rejectionCode(made)).toBe('ERR_JWKS_NO_MATCHING_KEY')
    await expect(Promise.all([a, b])).resolves.toHaveLength(2)
    expect(fixture.server.hits).toBe(3)

    // The ration is spent: a token that joined an older request is not judged on it.
    release = hold()
    const reload = jwks.reload()
    fixture.clock += 1
    const late = jwks(header('k3'))
    await vi.waitFor(() => expect(fixture.server.hits).toBe(4))
    release()
    await reload
    expect(await rejectionCode(late)).toBe('ERR_KEY_UNAVAILABLE')
    expect(fixture.server.hits).toBe(4)
  })

  it('serves known keys from an expired set while one background refresh runs', async () => {
    fixture.server.serve({ keys: [fixture.k1.jwk] })
    const jwks = fixture.remote()
    const key = await jwks(header('k1'))
    fixture.server.serve({ keys: [fixture.k1.jwk, fixture.k2.jwk] })
    fixture.clock += MAX_AGE + 1
    // Answered from the expired set; the refresh it starts is not awaited.
    expect(await jwks(header('k1'))).toBe(key)
    await vi.waitFor(() => expect(jwks.export()?.fetchedAt).toBe(fixture.clock), { timeout: 10_000 })
    expect(fixture.server.hits).toBe(2)
    await expect(jwks(header('k2'))).resolves.toBeDefined()
    expect(fixture.server.hits).toBe(2)
  })

  it('refreshes an expired set even when the lookup in it fails, so a fixed set is seen after cacheMaxAgeMs', async () => {
    // Two kid-less keys: every kid-less token is ambiguous until the issuer drops one.
    const [a, b] = [{ ...fixture.k1.jwk, kid: undefined }, { ...fixture.k2.jwk, kid: undefined }]
    fixture.server.serve({ keys: [a, b] })
    const jwks = fixture.remote()
    expect(await rejectionCode(jwks({ alg: 'RS256' }))).toBe('ERR_JWKS_MULTIPLE_MATCHING_KEYS')
    fixture.server.serve({ keys: [a] })
    fixture.clock += MAX_AGE + 1
    // Answered from the expired set, which starts the refresh.
    expect(await rejectionCode(jwks({ alg: 'RS256' }))).toBe('ERR_JWKS_MULTIPLE_MATCHING_KEYS')
    await vi.waitFor(() => expect(jwks.export()?.fetchedAt).toBe(fixture.clock), { timeout: 10_000 })
    expect(fixture.server.hits).toBe(2)
    await expect(jwks({ alg: 'RS256' })).resolves.toBeDefined()
  })

  it('keeps a set whose refresh fails, until maxStaleAgeMs', async () => {
    fixture.server.serve({ keys: [fixture.k1.jwk] })
    const jwks = fixture.remote({ maxStaleAgeMs: 60 * MINUTE })
    await jwks(header('k1'))
    const fetchedAt = fixture.clock
    fixture.server.handle((_request, response) => respondStatus(response, 503))

    fixture.clock += MAX_AGE + 1
    await expect(jwks(header('k1'))).resolves.toBeDefined()
    await vi.waitFor(() => expect(fixture.server.hits).toBe(2), { timeout: 10_000 })
    await delay(10)
    expect(jwks.export()?.fetchedAt).toBe(fetchedAt)
    // The failed refresh began just now: an unknown kid gets its failure, without a new request.
    expect(await rejectionCode(jwks(header('k2')))).toBe('ERR_JWKS_FETCH_FAILED')
    await expect(jwks(header('k1'))).resolves.toBeDefined()
    expect(fixture.server.hits).toBe(2)

    // After the cooldown an unknown kid refetches, and the failure is what it reports.
    fixture.clock += COOLDOWN
    expect(await rejectionCode(jwks(header('k2')))).toBe('ERR_JWKS_FETCH_FAILED')
    expect(fixture.server.hits).toBe(3)
    await expect(jwks(header('k1'))).resolves.toBeDefined()

    // Past maxStaleAgeMs the set is unusable: the fetch error reaches every caller.
    fixture.clock += 60 * MINUTE
    expect(await rejectionCode(jwks(header('k1')))).toBe('ERR_JWKS_FETCH_FAILED')
    expect(fixture.server.hits).toBe(4)
    // ...and is repeated without a request until the cooldown ends.
    expect(await rejectionCode(jwks(header('k1')))).toBe('ERR_JWKS_FETCH_FAILED')
    expect(fixture.server.hits).toBe(4)

    fixture.server.serve({ keys: [fixture.k1.jwk] })
    await jwks.reload()
    await expect(jwks(header('k1'))).resolves.toBeDefined()
    expect(fixture.server.hits).toBe(5)
  })

  it('retries a failed first fetch only after the cooldown', async () => {
    fixture.server.handle((_request, response) => respondStatus(response, 500))
    const jwks = fixture.remote()
    expect(await rejectionCode(jwks(header('k1')))).toBe('ERR_JWKS_FETCH_FAILED')
    expect(await rejectionCode(jwks(header('k1')))).toBe('ERR_JWKS_FETCH_FAILED')
    expect(fixture.server.hits).toBe(1)
    fixture.server.serve({ keys: [fixture.k1.jwk] })
    fixture.clock += COOLDOWN
    await expect(jwks(header('k1'))).resolves.toBeDefined()
    expect(fixture.server.hits).toBe(2)
  })

  it('does not refresh a fresh set for a known kid', async () => {
    fixture.server.serve({ keys: [fixture.k1.jwk] })
    const jwks = fixture.remote()
    await jwks(header('k1'))
    fixture.clock += MAX_AGE - 1
    await jwks(header('k1'))
    await delay(10)
    expect(fixture.server.hits).toBe(1)
  })
})
