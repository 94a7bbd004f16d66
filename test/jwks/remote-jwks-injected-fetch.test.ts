/** createRemoteJwks with the `fetch` option: how it is called, and what it may answer. */
import { describe, expect, it, vi } from 'vitest'
import { createRemoteJwks, type JwksFetch } from '../../src/jwks/remote-jwks.ts'
import { compactVerify } from '../../src/jws/compact-verify.ts'
import { rejection, rejectionCode } from '../helpers/expect-jose.ts'
import { header, useRemoteJwksFixture } from '../helpers/remote-jwks-fixture.ts'

const fixture = useRemoteJwksFixture()

describe('createRemoteJwks: injectable fetch', () => {
  const url = 'https://issuer.example/.well-known/jwks.json'

  it('calls the given fetch with the URL, headers and an abort signal', async () => {
    const calls: Array<[string, RequestInit]> = []
    const fetch: JwksFetch = async (input, init) => {
      calls.push([input, init])
      return new Response(JSON.stringify({ keys: [fixture.k3.jwk] }))
    }
    const jwks = createRemoteJwks(new URL(url), { fetch, headers: [['x-client', 'test']] })
    await compactVerify(await fixture.k3.sign('{}'), jwks, { algorithms: ['RS256'] })
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
        const response = new Response(JSON.stringify({ keys: [fixture.k1.jwk] }))
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
