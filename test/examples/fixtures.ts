/**
 * What the example tests share: the demo's authorization server with a client granted the
 * examples' scope and one granted another, real tokens from its token endpoint, an expired token
 * from the same keys, and each example bundled by esbuild with `webjose` resolved to src/.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { spawn } from 'node:child_process'
import * as esbuild from 'esbuild'
import { startAuthServer, type AuthServer } from '../../demo/auth-server.ts'
import { generateDemoKeys, type DemoKeys } from '../../demo/keys.ts'
import { requestToken } from '../../demo/setup.ts'
import { accessTokenClaims, mintAccessToken } from '../../demo/tokens.ts'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
export const AUDIENCE = 'https://messages.example.com'
export const SCOPE = 'read:messages'

export interface Issuer {
  auth: AuthServer
  keys: DemoKeys
  /** From the token endpoint, with scope read:messages. */
  valid: string
  /** From the token endpoint, for a client granted only write:other. */
  withoutScope: string
  /** Same keys and claims shape, expired an hour ago. */
  expired: string
  close(): Promise<void>
}

export async function startIssuer(): Promise<Issuer> {
  const keys = await generateDemoKeys()
  const reader = { clientId: 'reader', clientSecret: 'reader-secret', grants: { [AUDIENCE]: SCOPE } }
  const writer = { clientId: 'writer', clientSecret: 'writer-secret', grants: { [AUDIENCE]: 'write:other' } }
  const auth = await startAuthServer({ signingKey: keys.signing, apis: [{ audience: AUDIENCE, encryptionKey: keys.api }], clients: [reader, writer] })
  try {
    const token = async (client: typeof reader) => {
      const { status, body } = await requestToken(auth.tokenEndpoint, {
        grant_type: 'client_credentials',
        client_id: client.clientId,
        client_secret: client.clientSecret,
        audience: AUDIENCE,
      })
      if (status !== 200 || typeof body.access_token !== 'string') throw new Error(`token endpoint answered ${status}`)
      return body.access_token
    }
    const issuedAt = Math.floor(Date.now() / 1000) - 7200
    const expiredClaims = accessTokenClaims({ issuer: auth.issuer, clientId: 'reader', audience: AUDIENCE, scope: SCOPE, lifetimeSeconds: 3600, issuedAt })
    return {
      auth,
      keys,
      valid: await token(reader),
      withoutScope: await token(writer),
      expired: await mintAccessToken(expiredClaims, keys.signing, keys.api),
      close: () => auth.close(),
    }
  } catch (error) {
    await auth.close()
    throw error
  }
}

/**
 * The example bundled into one ES module file; remove() deletes it. With `external` packages the
 * file goes under .cache/ in the repository, so they resolve from its node_modules.
 */
export async function bundleExample(entry: string, platform: 'node' | 'neutral', external: string[] = []): Promise<{ file: string; text: string; remove(): void }> {
  const parent = external.length > 0 ? join(ROOT, '.cache') : tmpdir()
  mkdirSync(parent, { recursive: true })
  const dir = mkdtempSync(join(parent, 'webjose-example-'))
  const result = await esbuild.build({
    entryPoints: [`${ROOT}${entry}`],
    bundle: true,
    write: false,
    format: 'esm',
    platform,
    target: 'es2022',
    external,
    alias: {
      webjose: `${ROOT}src/index.ts`,
      'webjose/express': `${ROOT}src/adapters/express.ts`,
      'webjose/fastify': `${ROOT}src/adapters/fastify.ts`,
      'webjose/hono': `${ROOT}src/adapters/hono.ts`,
    },
    logLevel: 'warning',
  })
  const text = result.outputFiles[0]!.text
  const file = join(dir, 'example.mjs')
  writeFileSync(file, text)
  return { file, text, remove: () => rmSync(dir, { recursive: true, force: true }) }
}

/** A server example run as a child process until it prints "listening on <origin>"; close() kills it. */
export async function startExample(command: string, args: string[], env: Record<string, string>): Promise<{ origin: string; close(): void }> {
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  // A test runner that dies mid-test must not leave the server behind.
  const kill = () => child.kill('SIGKILL')
  process.once('exit', kill)
  const close = () => {
    process.removeListener('exit', kill)
    if (child.exitCode === null && child.signalCode === null) kill()
  }
  let output = ''
  try {
    const origin = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no "listening on" line within 20 s')), 20_000)
      const read = (chunk: Buffer) => {
        output += chunk
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)
        if (match) clearTimeout(timer), resolve(match[1]!)
      }
      child.stdout.on('data', read)
      child.stderr.on('data', read)
      child.on('error', (error) => (clearTimeout(timer), reject(error)))
      child.on('exit', (code) => (clearTimeout(timer), reject(new Error(`exited with ${code}`))))
    })
    return { origin, close }
  } catch (error) {
    close()
    throw new Error(`${command} ${args.join(' ')}: ${(error as Error).message}\n${output}`)
  }
}
