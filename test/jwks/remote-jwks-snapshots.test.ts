/** createRemoteJwks snapshots: export() and the `cached` option, their age and their validation. */
import { describe, expect, it } from 'vitest'
import type { JwksSnapshot } from '../../src/jwks/remote-jwks.ts'
import { compactVerify } from '../../src/jws/compact-verify.ts'
import type { JoseErrorCode } from '../../src/errors.ts'
import { joseErrorCode, rejectionCode } from '../helpers/expect-jose.ts'
import { MINUTE, header, useRemoteJwksFixture } from '../helpers/remote-jwks-fixture.ts'

const fixture = useRemoteJwksFixture()

describe('createRemoteJwks: snapshots', () => {
  it('round-trips through export() and `cached` without a request', async () => {
    // EC entries are kept (their values are checked on import); one without "y" is skipped.
    fixture.server.serve({ keys: [fixture.k1.jwk, { kty: 'EC', crv: 'P-256', x: 'AA', y: 'AA', kid: 'ec' }, { kty: 'EC', crv: 'P-256', x: 'AA', kid: 'no-y' }] })
    const first = fixture.remote()
    await first(header('k1'))
    const snapshot = JSON.parse(JSON.stringify(first.export())) as JwksSnapshot
    expect(snapshot.fetchedAt).toBe(fixture.clock)
    expect(snapshot.jwks.keys.map((key) => key.kid)).toEqual(['k1', 'ec'])

    fixture.clock += 5_000
    const second = fixture.remote({ cached: snapshot })
    await compactVerify(await fixture.k1.sign('{}'), second, { algorithms: ['RS256'] })
    expect(fixture.server.hits).toBe(1)
    expect(second.export()).toEqual(snapshot)
  })

  it('fetches when the snapshot is older than maxStaleAgeMs', async () => {
    fixture.server.serve({ keys: [fixture.k2.jwk] })
    const jwks = fixture.remote({ cached: { jwks: { keys: [fixture.k1.jwk] }, fetchedAt: fixture.clock - 25 * 60 * MINUTE } })
    expect(await rejectionCode(jwks(header('k1')))).toBe('ERR_JWKS_NO_MATCHING_KEY')
    expect(fixture.server.hits).toBe(1)
  })

  it('exports copies the caller cannot use to change the held set', async () => {
    fixture.server.serve({ keys: [fixture.k1.jwk] })
    const jwks = fixture.remote()
    await jwks(header('k1'))
    const snapshot = jwks.export()!
    snapshot.jwks.keys[0]!.kid = 'changed'
    snapshot.jwks.keys.push({ ...fixture.k2.jwk })
    expect(jwks.export()?.jwks.keys.map((key) => key.kid)).toEqual(['k1'])
    await expect(jwks(header('k1'))).resolves.toBeDefined()
  })

  it('does not let a snapshot from the future look younger than now', () => {
    const jwks = fixture.remote({ cached: { jwks: { keys: [fixture.k1.jwk] }, fetchedAt: fixture.clock + 60 * MINUTE } })
    expect(jwks.export()?.fetchedAt).toBe(fixture.clock)
  })

  it('refuses a snapshot nested too deep to copy with ERR_JWKS_INVALID', () => {
    const deep = JSON.parse(`{"jwks":{"keys":[{"kty":"RSA","n":"AQAB","e":"AQAB","kid":${'['.repeat(100_000)}${']'.repeat(100_000)}}]},"fetchedAt":1}`)
    expect(joseErrorCode(() => fixture.remote({ cached: deep as JwksSnapshot }))).toBe('ERR_JWKS_INVALID')
  })

  it('accepts null and refuses malformed snapshots', () => {
    expect(fixture.remote({ cached: null }).export()).toBeUndefined()
    const bad = (cached: unknown): JoseErrorCode | undefined =>
      joseErrorCode(() => fixture.remote({ cached: cached as JwksSnapshot }))
    expect(bad('x')).toBe('ERR_INVALID_ARGUMENT')
    expect(bad({ jwks: { keys: [] } })).toBe('ERR_INVALID_ARGUMENT')
    expect(bad({ jwks: { keys: [] }, fetchedAt: Number.NaN })).toBe('ERR_INVALID_ARGUMENT')
    expect(bad({ jwks: { keys: [] }, fetchedAt: -1 })).toBe('ERR_INVALID_ARGUMENT')
    expect(bad({ jwks: { keys: [] }, fetchedAt: null })).toBe('ERR_INVALID_ARGUMENT')
    expect(bad({ jwks: { keys: [] }, fetchedAt: '5' })).toBe('ERR_INVALID_ARGUMENT')
    expect(bad({ jwks: [], fetchedAt: 1 })).toBe('ERR_JWKS_INVALID')
  })
})
