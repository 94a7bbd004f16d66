/**
 * Runs the portable bench bundle (bench/portable/entry.ts, bundled by esbuild with jose inside)
 * in one runtime and returns the JSON it reports. Node, Deno and Bun run it as a child process
 * that prints the result line; Chromium (Debian's /usr/bin/chromium through playwright-core, as
 * scripts/conformance-chromium.mjs does) loads it from a loopback-only server. Whatever fails, the
 * child, the server and the browser are closed, and a run that reports nothing within the timeout
 * is killed: a failing run ends, it never hangs.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'

export const RUNTIMES = ['node', 'deno', 'bun', 'chromium'] as const
export type RuntimeName = (typeof RUNTIMES)[number]

/** Must match bench/portable/entry.ts. */
const RESULT_MARKER = 'webjose-bench-result'

export interface LaunchOptions {
  root: string
  quick: boolean
  /** A run still going after this is killed and reported as failed. */
  timeoutMs: number
  log: (line: string) => void
}

// esbuild and playwright-core load on use: bench/main.ts, whose child processes and worker threads
// run the same bundle, imports this module.
export async function bundlePortable(root: string, quick: boolean): Promise<string> {
  const { build } = await import('esbuild')
  const result = await build({
    entryPoints: [join(root, 'bench/portable/entry.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    define: { __BENCH_QUICK__: String(quick) },
    logLevel: 'warning',
  })
  const text = result.outputFiles[0]?.text
  if (text === undefined) throw new Error('esbuild produced no output')
  return text
}

/** The JSON of the result line, or undefined when the output has none. */
export function parseResultLine(output: string): unknown {
  const line = output.split('\n').filter((l) => l.startsWith(`${RESULT_MARKER} `)).at(-1)
  return line === undefined ? undefined : JSON.parse(line.slice(RESULT_MARKER.length + 1))
}

function commandFor(name: Exclude<RuntimeName, 'chromium'>, root: string, file: string): { command: string; args: string[]; env: Record<string, string> } {
  const bin = join(root, 'node_modules/.bin')
  switch (name) {
    case 'node':
      return { command: process.execPath, args: [file], env: {} }
    // Nothing remote, no npm, no config or lock file, no update check, no permissions: the bench needs none.
    case 'deno':
      return { command: join(bin, 'deno'), args: ['run', '--no-config', '--no-lock', '--no-remote', '--no-npm', '--no-prompt', file], env: { DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' } }
    case 'bun':
      return { command: join(bin, 'bun'), args: ['run', '--no-install', file], env: { DO_NOT_TRACK: '1' } }
  }
}

function runChild(name: Exclude<RuntimeName, 'chromium'>, script: string, options: LaunchOptions): Promise<unknown> {
  const dir = mkdtempSync(join(tmpdir(), 'webjose-bench-'))
  const file = join(dir, 'bench.mjs')
  writeFileSync(file, script)
  const { command, args, env } = commandFor(name, options.root, file)
  return new Promise<unknown>((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    let pending = ''
    const watchdog = setTimeout(() => {
      options.log(`  ${name}: no result within ${options.timeoutMs / 1000} s, killed`)
      child.kill('SIGKILL')
    }, options.timeoutMs)
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk
      pending += chunk
      const lines = pending.split('\n')
      pending = lines.pop()!
      for (const line of lines) if (!line.startsWith(RESULT_MARKER)) options.log(`  [${name}] ${line}`)
    })
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk))
    child.on('error', (error) => {
      clearTimeout(watchdog)
      rmSync(dir, { recursive: true, force: true })
      reject(new Error(`${name}: ${error.message}`))
    })
    child.on('close', (code, signal) => {
      clearTimeout(watchdog)
      rmSync(dir, { recursive: true, force: true })
      const result = parseResultLine(stdout)
      if (result !== undefined && code === 0) resolve(result)
      else reject(new Error(`${name}: exited with ${signal ?? `code ${code}`} and ${result === undefined ? 'no result' : 'a result'}${stderr.trim() ? `; stderr: ${stderr.trim().slice(-600)}` : ''}`))
    })
  })
}

// Headless and quiet: no GPU, no sandbox (CI runs as root), and none of Chromium's own traffic.
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']

async function runChromium(script: string, options: LaunchOptions): Promise<unknown> {
  const html = '<!doctype html><meta charset="utf-8"><title>webjose bench</title><script type="module" src="/bench.js"></script>'
  // Cross-origin isolation gives performance.now() 5 µs steps instead of 100 µs.
  const isolation = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' }
  const server = createServer((request, response) => {
    if (request.url === '/') response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...isolation }).end(html)
    else if (request.url === '/bench.js') response.writeHead(200, { 'content-type': 'text/javascript', ...isolation }).end(script)
    else response.writeHead(404).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  let browser: Browser | undefined
  try {
    const { chromium } = await import('playwright-core')
    const address = server.address()
    if (address === null || typeof address === 'string') throw new Error('server has no port')
    const origin = `http://127.0.0.1:${address.port}`
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS, timeout: 20_000 })
    const page = await browser.newPage()
    let failPage: (error: Error) => void = () => {}
    const pageFailed = new Promise<never>((_, reject) => (failPage = reject))
    pageFailed.catch(() => {})
    page.on('pageerror', (error) => failPage(new Error(`page error: ${error.message}`)))
    page.on('console', (message) => {
      const text = message.text()
      if (!text.startsWith(RESULT_MARKER)) options.log(`  [chromium] ${text}`)
    })
    // Only the local server may be reached.
    await page.route((url) => url.origin !== origin, (route) => route.abort())
    await page.goto(`${origin}/`)
    const handle = await Promise.race([
      page.waitForFunction(() => (globalThis as { __benchResult?: unknown }).__benchResult, undefined, { timeout: options.timeoutMs, polling: 250 }),
      pageFailed,
    ])
    const result: unknown = await handle.jsonValue()
    // The user agent says 156.0.0.0 (reduced); the browser knows its full version.
    if (typeof result === 'object' && result !== null && 'runtime' in result && typeof result.runtime === 'object' && result.runtime !== null) {
      Object.assign(result.runtime, { version: browser.version() })
    }
    return result
  } finally {
    server.closeAllConnections()
    server.close()
    await browser?.close()
  }
}

/** Runs the portable bench in one runtime; rejects when it fails, reports an error, or times out. */
export async function launchPortable(name: RuntimeName, script: string, options: LaunchOptions): Promise<unknown> {
  const result = name === 'chromium' ? await runChromium(script, options) : await runChild(name, script, options)
  if (typeof result === 'object' && result !== null && 'error' in result) throw new Error(`${name}: ${String(result.error)}`)
  return result
}
