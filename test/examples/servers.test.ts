/**
 * examples/: each server started as its own process (Express, Fastify and the Hono app on Node, the
 * Hono app on Bun.serve, Deno.serve), configured with the demo authorization server, and asked with its real
 * token (200), an expired one (401), one without the scope (403) and none (401).
 */
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AUDIENCE, bundleExample, startExample, startIssuer, type Issuer } from './fixtures.ts'

const BIN = fileURLToPath(new URL('../../node_modules/.bin/', import.meta.url))
let issuer: Issuer
beforeAll(async () => {
  issuer = await startIssuer()
}, 30_000)
afterAll(() => issuer?.close())

const EXAMPLES: [name: string, entry: string, platform: 'node' | 'neutral', external: string[], run: (file: string) => [string, string[]]][] = [
  ['Express on Node', 'examples/express/server.ts', 'node', ['express'], (file) => [process.execPath, [file]]],
  ['Fastify on Node', 'examples/fastify/server.ts', 'node', ['fastify'], (file) => [process.execPath, [file]]],
  ['Hono on Node (@hono/node-server)', 'examples/hono/node.ts', 'node', ['@hono/node-server', 'hono'], (file) => [process.execPath, [file]]],
  ['Hono on Bun.serve', 'examples/bun/server.ts', 'neutral', [], (file) => [`${BIN}bun`, ['run', '--no-install', file]]],
  [
    'Deno.serve',
    'examples/deno/server.ts',
    'neutral',
    [],
    (file) => [`${BIN}deno`, ['run', '--no-config', '--no-lock', '--no-remote', '--no-npm', '--no-prompt', '--allow-net=127.0.0.1', '--allow-env', file]],
  ],
]

describe('examples/', () => {
  it.each(EXAMPLES)('%s answers 200 / 401 expired / 403 missing scope / 401 without a token', async (_name, entry, platform, external, run) => {
    const bundle = await bundleExample(entry, platform, external)
    const [command, args] = run(bundle.file)
    const env = {
      ISSUER_BASE_URL: issuer.auth.issuer,
      ISSUER: issuer.auth.issuer,
      AUDIENCE,
      API_PRIVATE_KEY: issuer.keys.api.privateKeyPem,
      PORT: '0',
      DENO_NO_UPDATE_CHECK: '1',
      NO_COLOR: '1',
      DO_NOT_TRACK: '1',
    }
    let server: Awaited<ReturnType<typeof startExample>> | undefined
    try {
      server = await startExample(command, args, env)
      const call = (token?: string) =>
        fetch(`${server!.origin}/api/messages`, { headers: token ? { authorization: `Bearer ${token}` } : {}, signal: AbortSignal.timeout(10_000) })
      const ok = await call(issuer.valid)
      expect([ok.status, await ok.json()]).toEqual([200, { sub: 'reader@clients' }])
      const expired = await call(issuer.expired)
      expect(expired.status).toBe(401)
      expect(expired.headers.get('www-authenticate')).toMatch(/error="invalid_token"/)
      const noScope = await call(issuer.withoutScope)
      expect(noScope.status).toBe(403)
      expect(noScope.headers.get('www-authenticate')).toMatch(/error="insufficient_scope", .*scope="read:messages"/)
      expect((await call()).status).toBe(401)
    } finally {
      server?.close()
      bundle.remove()
    }
  }, 60_000)
})
