/**
 * examples/worker under workerd on loopback: the demo's authorization server issues the tokens, a
 * node:http server stands in for Workers KV (workerd's kvNamespace binding speaks HTTP to it), and
 * two workerd processes in turn prove that the JWKS snapshot one isolate stored spares the next
 * one its fetch.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startWorkerd } from '../../scripts/lib/workerd.mjs'
import { AUDIENCE, bundleExample, startIssuer, type Issuer } from './fixtures.ts'

let issuer: Issuer
let kv: Server
let kvPort: number
const store = new Map<string, string>()
let script: string

beforeAll(async () => {
  issuer = await startIssuer()
  kv = createServer((request, response) => {
    const key = decodeURIComponent(new URL(request.url ?? '/', 'http://kv').pathname.slice(1))
    if (request.method === 'PUT') {
      let body = ''
      request.on('data', (chunk: Buffer) => (body += chunk))
      request.on('end', () => {
        store.set(key, body)
        response.end()
      })
    } else if (store.has(key)) response.end(store.get(key))
    else response.writeHead(404).end()
  })
  await new Promise<void>((resolve) => kv.listen(0, '127.0.0.1', resolve))
  kvPort = (kv.address() as AddressInfo).port
  const bundle = await bundleExample('examples/worker/worker.ts', 'neutral')
  script = bundle.text
  bundle.remove()
}, 30_000)

afterAll(async () => {
  kv?.closeAllConnections()
  kv?.close()
  await issuer?.close()
})

const text = (name: string, value: string) => `(name = ${JSON.stringify(name)}, text = ${JSON.stringify(value)})`

function startWorker() {
  return startWorkerd({
    script,
    bindings: [
      text('ISSUER', issuer.auth.issuer),
      text('AUDIENCE', AUDIENCE),
      text('JWKS_URI', issuer.auth.jwksUri),
      text('DECRYPTION_KEY', issuer.keys.api.privateKeyPem),
      '(name = "JWKS_CACHE", kvNamespace = "kv")',
    ],
    services: [{ name: 'kv', port: kvPort }],
    loopbackOutbound: true,
  })
}

const call = (origin: string, token?: string) =>
  fetch(origin, { headers: token === undefined ? {} : { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(10_000) })

describe('examples/worker under workerd', () => {
  it('answers 200 / 401 expired / 403 missing scope, and a second isolate starts from the stored JWKS snapshot', async () => {
    const first = await startWorker()
    try {
      const ok = await call(first.origin, issuer.valid)
      expect(ok.status).toBe(200)
      expect(await ok.json()).toEqual({ sub: 'reader@clients', scope: 'read:messages' })
      const expired = await call(first.origin, issuer.expired)
      expect(expired.status).toBe(401)
      expect(expired.headers.get('www-authenticate')).toBe('Bearer error="invalid_token", error_description="The access token is invalid or expired"')
      const noScope = await call(first.origin, issuer.withoutScope)
      expect(noScope.status).toBe(403)
      expect(noScope.headers.get('www-authenticate')).toMatch(/^Bearer error="insufficient_scope", .*scope="read:messages"$/)
      expect((await call(first.origin)).status).toBe(401)
    } finally {
      first.close()
    }
    expect(issuer.auth.jwksRequests).toBe(1)
    const stored = JSON.parse(store.get('jwks-snapshot') ?? 'null') as { jwks: { keys: { kid: string }[] }; fetchedAt: number }
    expect(stored.jwks.keys.map((key) => key.kid)).toEqual([issuer.keys.signing.kid])

    const second = await startWorker()
    try {
      expect((await call(second.origin, issuer.valid)).status).toBe(200)
      expect((await call(second.origin, issuer.withoutScope)).status).toBe(403)
    } finally {
      second.close()
    }
    // The new isolate verified with the snapshot: the issuer saw no second JWKS request.
    expect(issuer.auth.jwksRequests).toBe(1)
  }, 60_000)
})
