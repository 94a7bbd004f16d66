/** createRemoteJwks against a failing server: statuses, refused connections, timeouts, bodies that are not a bounded JWK set. */
import { describe, expect, it, vi } from 'vitest'
import { createRemoteJwks } from '../../src/jwks/remote-jwks.ts'
import { closedPort, respondStatus } from '../helpers/jwks-server.ts'
import { rejection, rejectionCode } from '../helpers/expect-jose.ts'
import { header, useRemoteJwksFixture } from '../helpers/remote-jwks-fixture.ts'

const fixture = useRemoteJwksFixture()

describe('createRemoteJwks: failures', () => {
  it('reports a non-2xx status as ERR_JWKS_FETCH_FAILED without the body', async () => {
    fixture.server.handle((_request, response) => respondStatus(response, 500))
    const error = await rejection(fixture.remote()(header('k1')))
    expect(error.code).toBe('ERR_JWKS_FETCH_FAILED')
    expect(error.message).toContain('500')
    expect(error.message).not.toContain('SECRET')
  })

  it('reports a refused connection as ERR_JWKS_FETCH_FAILED', async () => {
    const jwks = createRemoteJwks(`http://127.0.0.1:${await closedPort()}/jwks.json`)
    expect(await rejectionCode(jwks(header('k1')))).toBe('ERR_JWKS_FETCH_FAILED')
  })

  it('times out a server that never answers', async () => {
    fixture.server.handle(() => {})
    expect(await rejectionCode(fixture.remote({ timeoutMs: 200 })(header('k1')))).toBe('ERR_JWKS_TIMEOUT')
  })

  it('times out a body that stops arriving', async () => {
    fixture.server.handle((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' })
      response.write('{"keys":[')
    })
    expect(await rejectionCode(fixture.remote({ timeoutMs: 200 })(header('k1')))).toBe('ERR_JWKS_TIMEOUT')
  })

  it('refuses a body that is not JSON, without quoting it', async () => {
    fixture.server.handle((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' })
      response.end('{"keys": [SECRET-BODY')
    })
    const error = await rejection(fixture.remote()(header('k1')))
    expect(error.code).toBe('ERR_JWKS_INVALID')
    expect(error.message).not.toContain('SECRET')
  })

  it('refuses JSON that is not a JWK set', async () => {
    for (const document of [[], 'keys', 42, null, {}, { keys: {} }, { keys: 'k1' }]) {
      fixture.server.serve(document)
      expect(await rejectionCode(fixture.remote()(header('k1')))).toBe('ERR_JWKS_INVALID')
    }
  })

  it('refuses an empty body', async () => {
    fixture.server.handle((_request, response) => {
      response.writeHead(200)
      response.end()
    })
    expect(await rejectionCode(fixture.remote()(header('k1')))).toBe('ERR_JWKS_INVALID')
    // 204: the Response has no body stream at all.
    fixture.server.handle((_request, response) => {
      response.writeHead(204)
      response.end()
    })
    expect(await rejectionCode(fixture.remote()(header('k1')))).toBe('ERR_JWKS_INVALID')
  })

  it('accepts a chunked body of exactly maxResponseBytes', async () => {
    const body = JSON.stringify({ keys: [fixture.k1.jwk] })
    fixture.server.handle((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' })
      response.write(body.slice(0, 100))
      setTimeout(() => response.end(body.slice(100)), 5)
    })
    const size = Buffer.byteLength(body)
    await expect(fixture.remote({ maxResponseBytes: size })(header('k1'))).resolves.toBeDefined()
    expect(await rejectionCode(fixture.remote({ maxResponseBytes: size - 1 })(header('k1')))).toBe('ERR_JWKS_INVALID')
  })

  it('refuses an oversized body announced by Content-Length', async () => {
    const body = JSON.stringify({ keys: [fixture.k1.jwk], padding: 'x'.repeat(8_000) })
    fixture.server.handle((_request, response) => {
      response.writeHead(200, { 'content-length': Buffer.byteLength(body) })
      response.end(body)
    })
    expect(await rejectionCode(fixture.remote({ maxResponseBytes: 4_096 })(header('k1')))).toBe('ERR_JWKS_INVALID')
    await expect(fixture.remote({ maxResponseBytes: Buffer.byteLength(body) })(header('k1'))).resolves.toBeDefined()
  })

  it('refuses an oversized chunked body while reading it', async () => {
    let ended = false
    fixture.server.handle((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' })
      response.write(`{"keys":[${JSON.stringify(fixture.k1.jwk)}],"padding":"`)
      // Keeps sending until the client gives up; the limit, not the end of the body, stops it.
      const timer = setInterval(() => response.write('x'.repeat(1_024)), 5)
      response.on('close', () => {
        ended = true
        clearInterval(timer)
      })
    })
    expect(await rejectionCode(fixture.remote({ maxResponseBytes: 16_384, timeoutMs: 5_000 })(header('k1')))).toBe(
      'ERR_JWKS_INVALID',
    )
    await vi.waitFor(() => expect(ended).toBe(true), { timeout: 10_000 })
  })

  it('propagates the error to every caller sharing a failed request', async () => {
    fixture.server.handle((_request, response) => setTimeout(() => respondStatus(response, 502), 30))
    const jwks = fixture.remote()
    const codes = await Promise.all(Array.from({ length: 5 }, () => rejectionCode(jwks(header('k1')))))
    expect(codes).toEqual(Array(5).fill('ERR_JWKS_FETCH_FAILED'))
    expect(fixture.server.hits).toBe(1)
  })

  it('rejects reload() with the failure and keeps the previous set', async () => {
    fixture.server.serve({ keys: [fixture.k1.jwk] })
    const jwks = fixture.remote()
    await jwks(header('k1'))
    fixture.server.serve({ keys: 'broken' })
    expect(await rejectionCode(jwks.reload())).toBe('ERR_JWKS_INVALID')
    await expect(jwks(header('k1'))).resolves.toBeDefined()
    expect(jwks.export()?.jwks.keys).toHaveLength(1)
  })
})
