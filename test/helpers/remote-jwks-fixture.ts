/** The createRemoteJwks tests' setting: three signing keys per file, a fresh loopback server and test clock per test. */
import { afterEach, beforeAll, beforeEach } from 'vitest'
import { createRemoteJwks, type RemoteJwks, type RemoteJwksOptions } from '../../src/jwks/remote-jwks.ts'
import { createTestKey, startJwksServer, type JwksServer, type TestKey } from './jwks-server.ts'

export const MINUTE = 60_000
/** createRemoteJwks's default cooldownMs. */
export const COOLDOWN = 30_000
/** createRemoteJwks's default cacheMaxAgeMs. */
export const MAX_AGE = 10 * MINUTE

export const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

export const header = (kid: string): { alg: 'RS256'; kid: string } => ({ alg: 'RS256', kid })

export interface RemoteJwksFixture {
  /** RSA keys with kids "k1", "k2", "k3", made once per file. */
  k1: TestKey
  k2: TestKey
  k3: TestKey
  /** This test's server. */
  server: JwksServer
  /** Test clock for cache age and cooldown; sockets and request timeouts use real time. */
  clock: number
  /** createRemoteJwks on this test's server, on the test clock. */
  remote(options?: RemoteJwksOptions): RemoteJwks
}

/** Registers the hooks that fill in the fixture it returns: read its members inside tests only. */
export function useRemoteJwksFixture(): RemoteJwksFixture {
  const fixture = {
    clock: 0,
    remote: (options: RemoteJwksOptions = {}) => createRemoteJwks(fixture.server.url, { now: () => fixture.clock, ...options }),
  } as RemoteJwksFixture

  beforeAll(async () => {
    ;[fixture.k1, fixture.k2, fixture.k3] = await Promise.all([createTestKey('k1'), createTestKey('k2'), createTestKey('k3')])
  })

  beforeEach(async () => {
    fixture.server = await startJwksServer()
    fixture.clock = 1_700_000_000_000
  })

  afterEach(async () => {
    await fixture.server.close()
  })

  return fixture
}
