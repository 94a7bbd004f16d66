/**
 * Fault injection against a real JWKS server on 127.0.0.1: what a resource server answers
 * (verifyAuthorization's status) when the issuer's JWKS endpoint fails, hangs, lies, or rotates
 * its keys. The rule: 401 only for a token that was judged; a server-side fault is 503, so
 * clients keep their tokens. The README's table ("When the issuer's JWKS misbehaves") is this file.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createRemoteJwks, createVerifier, verifyAuthorization, type RemoteJwksOptions } from '../../src/index.ts'
import { closedPort, respondStatus, startJwksServer, type JwksServer } from '../helpers/jwks-server.ts'
import { AUDIENCE, ISSUER, cryptoKeyFor, namedKey, nestedToken } from '../helpers/tokens.ts'

const COOLDOWN = 30_000
const MAX_AGE = 600_000

let decryptionKey: CryptoKey
let server: JwksServer
/** The JWKS clock (cache age, cooldown), moved by hand; claims are judged on real time. */
let clock: number

const publishedJwk = (name: string, kid: string) => ({ ...namedKey(name).publicJwk, kid, alg: 'RS256', use: 'sig' })
const K1 = () => publishedJwk('signer', 'k1')
const K2 = () => publishedJwk('signer-2', 'k2')
const tokenBy = (name: string, kid: string) => `Bearer ${nestedToken({ sign: { key: namedKey(name), header: { kid } } })}`
const K1_TOKEN = () => tokenBy('signer', 'k1')
const K2_TOKEN = () => tokenBy('signer-2', 'k2')

beforeAll(async () => {
  decryptionKey = await cryptoKeyFor(namedKey('recipient'), 'RSA-OAEP-256', 'private')
})
beforeEach(async () => {
  server = await startJwksServer()
  clock = Date.now()
})
afterEach(async () => {
  await server.close()
})

function verifierFor(url: string, options: RemoteJwksOptions = {}) {
  const jwks = createRemoteJwks(url, { now: () => clock, timeoutMs: 300, ...options })
  const verifier = createVerifier({
    decryptionKey,
    verificationKey: jwks,
    keyManagementAlgorithms: ['RSA-OAEP-256'],
    contentEncryptionAlgorithms: ['A256GCM'],
    algorithms: ['RS256'],
    issuer: ISSUER,
    audience: AUDIENCE,
    cache: false,
  })
  /** The status and, when refused, the error code behind it. */
  const answer = async (authorization: string) => {
    const auth = await verifyAuthorization(authorization, verifier)
    return auth.ok ? [200] : [auth.status, auth.cause?.code]
  }
  return { jwks, answer }
}

describe('the JWKS endpoint fails: 503, one request per cooldown, recovery on its own', () => {
  it.each([
    ['answers 500', (s: JwksServer) => s.handle((_request, response) => respondStatus(response, 500)), 'ERR_JWKS_FETCH_FAILED'],
    ['hangs', (s: JwksServer) => s.handle(() => {}), 'ERR_JWKS_TIMEOUT'],
    ['sends bad JSON', (s: JwksServer) => s.handle((_request, response) => response.end('{"keys": [')), 'ERR_JWKS_INVALID'],
    ['sends an oversize body', (s: JwksServer) => s.serve({ keys: [K1()], padding: 'x'.repeat(70_000) }), 'ERR_JWKS_INVALID'],
    ['resets the connection', (s: JwksServer) => s.handle((request) => request.socket.destroy()), 'ERR_JWKS_FETCH_FAILED'],
  ])('%s', async (_name, fault, code) => {
    fault(server)
    const { answer } = verifierFor(server.url)
    expect(await answer(K1_TOKEN())).toEqual([503, code])
    // Within the cooldown: the same answer, without a request.
    clock += 1_000
    expect(await answer(K1_TOKEN())).toEqual([503, code])
    expect(server.hits).toBe(1)
    // The endpoint recovers; the first token after the cooldown is verified.
    server.serve({ keys: [K1()] })
    clock += COOLDOWN
    expect(await answer(K1_TOKEN())).toEqual([200])
    expect(server.hits).toBe(2)
  })

  it('keeps verifying known keys from a set it holds while refreshes fail (until maxStaleAgeMs)', async () => {
    server.serve({ keys: [K1()] })
    const { answer } = verifierFor(server.url)
    expect(await answer(K1_TOKEN())).toEqual([200])
    server.handle((_request, response) => respondStatus(response, 500))
    clock += MAX_AGE + 1
    expect(await answer(K1_TOKEN())).toEqual([200])
    // An unknown kid meanwhile is not judged: the refresh failed.
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(await answer(K2_TOKEN())).toEqual([503, 'ERR_JWKS_FETCH_FAILED'])
    clock += 24 * 3_600_000
    expect(await answer(K1_TOKEN())).toEqual([503, 'ERR_JWKS_FETCH_FAILED'])
  })
})

describe('key rotation and removal', () => {
  it('a key rotated in within the cooldown is verified at once, and a flood of unknown kids never gets it 401', async () => {
    server.serve({ keys: [K1()] })
    const { answer } = verifierFor(server.url)
    expect(await answer(K1_TOKEN())).toEqual([200])
    // Random kids on a moving clock spend the refetch ration; each is 401 or not judged (503).
    const flood = async (count: number) => {
      const answers = []
      for (let i = 0; i < count; i++) {
        clock += 10
        answers.push(await answer(tokenBy('signer', `random-${i}-${Math.random()}`)))
      }
      return answers
    }
    const first = await flood(20)
    expect(first.slice(0, 2)).toEqual([[401, 'ERR_JWKS_NO_MATCHING_KEY'], [401, 'ERR_JWKS_NO_MATCHING_KEY']])
    expect(new Set(first.slice(2).map(String))).toEqual(new Set(['503,ERR_KEY_UNAVAILABLE']))
    expect(server.hits).toBe(3)

    // The issuer publishes k2 and signs with it at once, within the cooldown, mid-flood.
    server.serve({ keys: [K1(), K2()] })
    const k2Answers = []
    for (let second = 0; second <= 30; second++) {
      clock += 1_000
      await flood(3)
      k2Answers.push(await answer(K2_TOKEN()))
    }
    // Never told invalid_token: 503 until a refetch is allowed (at most one cooldown), then 200.
    const firstVerified = k2Answers.findIndex(([status]) => status === 200)
    expect(k2Answers.slice(0, firstVerified).every(([status, code]) => status === 503 && code === 'ERR_KEY_UNAVAILABLE')).toBe(true)
    expect(firstVerified).toBeLessThanOrEqual(COOLDOWN / 1_000)
    expect(k2Answers.slice(firstVerified).every(([status]) => status === 200)).toBe(true)
    // The flood of 113 unknown kids over 31 s cost the first fetch, two refetches at once, then one per cooldown (SECURITY.md).
    expect(server.hits).toBe(4)
    expect(await answer(K1_TOKEN())).toEqual([200])
  })

  it('without a flood, a rotated-in key is verified at once even right after a fetch', async () => {
    server.serve({ keys: [K1()] })
    const { answer } = verifierFor(server.url)
    expect(await answer(K1_TOKEN())).toEqual([200])
    server.serve({ keys: [K1(), K2()] })
    clock += 1_000
    expect(await answer(K2_TOKEN())).toEqual([200])
    expect(server.hits).toBe(2)
  })

  it('a removed key verifies until the set is refreshed, then is 401', async () => {
    server.serve({ keys: [K1(), K2()] })
    const { answer } = verifierFor(server.url)
    expect(await answer(K1_TOKEN())).toEqual([200])
    server.serve({ keys: [K2()] })
    clock += 1_000
    expect(await answer(K1_TOKEN())).toEqual([200])
    expect(server.hits).toBe(1)
    // Past cacheMaxAgeMs the set is refreshed; a token after that is judged on the new set.
    clock += MAX_AGE
    await answer(K2_TOKEN())
    await new Promise((resolve) => setTimeout(resolve, 50))
    clock += 1
    expect(await answer(K1_TOKEN())).toEqual([401, 'ERR_JWKS_NO_MATCHING_KEY'])
    expect(await answer(K2_TOKEN())).toEqual([200])
  })
})

describe('a snapshot start with the server down', () => {
  it('verifies known keys from the snapshot, answers 503 for what needs the server', async () => {
    const down = `http://127.0.0.1:${await closedPort()}/jwks`
    const snapshot = { jwks: { keys: [K1()] }, fetchedAt: clock - 1_000 }
    const { answer } = verifierFor(down, { cached: snapshot })
    expect(await answer(K1_TOKEN())).toEqual([200])
    expect(await answer(K2_TOKEN())).toEqual([503, 'ERR_JWKS_FETCH_FAILED'])
    // A snapshot older than maxStaleAgeMs is never used.
    const stale = verifierFor(down, { cached: { ...snapshot, fetchedAt: clock - 25 * 3_600_000 } })
    expect(await stale.answer(K1_TOKEN())).toEqual([503, 'ERR_JWKS_FETCH_FAILED'])
  })
})

