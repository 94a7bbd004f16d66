/** createRemoteJwks's arguments: which URLs and options it takes, refused at once with ERR_INVALID_ARGUMENT. */
import { describe, expect, it } from 'vitest'
import { createRemoteJwks, type RemoteJwksOptions } from '../../src/jwks/remote-jwks.ts'
import { JoseError } from '../../src/errors.ts'
import { rejectionCode } from '../helpers/expect-jose.ts'
import { MINUTE, useRemoteJwksFixture } from '../helpers/remote-jwks-fixture.ts'

const fixture = useRemoteJwksFixture()

function expectThrow(run: () => unknown): JoseError {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(JoseError)
    return error as JoseError
  }
  return expect.unreachable('expected a throw')
}

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
    fixture.server.serve({ keys: [fixture.k1.jwk] })
    expect(await rejectionCode(fixture.remote()({ alg: 'HS256', kid: 'k1' }))).toBe('ERR_ALG_NOT_SUPPORTED')
    expect(await rejectionCode(fixture.remote()(null as never))).toBe('ERR_ALG_NOT_SUPPORTED')
    expect(fixture.server.hits).toBe(0)
  })
})
