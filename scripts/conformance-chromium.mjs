// @ts-check
// Chromium runner: bundles test/conformance/run-browser.ts with esbuild, serves it from a
// loopback-only node:http server, and drives Debian's /usr/bin/chromium through playwright-core.
// It never downloads a browser: executablePath is fixed (CHROMIUM_PATH overrides it), and
// playwright-core ships none. Whatever fails, the server and the browser are closed and the
// process exits non-zero well within 60 s (a launch failure, a page that never reports).
import { createServer } from 'node:http'
import { fileURLToPath } from 'node:url'
import * as esbuild from 'esbuild'
import { chromium } from 'playwright-core'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const EXECUTABLE = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
// The suite reports in about 3 s; the bounds leave room for a cold start on a loaded machine.
const LAUNCH_TIMEOUT_MS = 20_000
const TIMEOUT_MS = 30_000
// Headless and quiet: no GPU, no sandbox (CI runs as root), and none of Chromium's own traffic.
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

/** Exit code 0 only when the page reports a run with passes and no failures. */
export async function runChromium() {
  const bundle = await esbuild.build({
    entryPoints: [`${ROOT}test/conformance/run-browser.ts`],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    loader: { '.json': 'json' },
    // The package says "sideEffects": false (true of src/), which would let esbuild drop the suite's
    // side-effect imports (each area registers its tests on import); this bundle is tests only.
    ignoreAnnotations: true,
    logLevel: 'warning',
  })
  const script = bundle.outputFiles[0]?.contents
  if (script === undefined) throw new Error('esbuild produced no output')
  const html = '<!doctype html><meta charset="utf-8"><title>webjose conformance</title><script type="module" src="/suite.js"></script>'

  const server = createServer((request, response) => {
    if (request.url === '/') response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html)
    else if (request.url === '/suite.js') response.writeHead(200, { 'content-type': 'text/javascript' }).end(script)
    else response.writeHead(404).end()
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)))
  /** @type {import('playwright-core').Browser | undefined} */
  let browser
  try {
    const address = server.address()
    if (address === null || typeof address === 'string') throw new Error('server has no port')
    const origin = `http://127.0.0.1:${address.port}`
    browser = await chromium.launch({ executablePath: EXECUTABLE, headless: true, args: ARGS, timeout: LAUNCH_TIMEOUT_MS })
    const page = await browser.newPage()
    console.log(`runtime: chromium ${browser.version()} (${await page.evaluate(() => navigator.userAgent)})`)
    // An uncaught error (say, a module that fails to load) ends the wait at once instead of at the timeout.
    let failPage = (/** @type {Error} */ _error) => {}
    const pageFailed = new Promise((_, reject) => (failPage = reject))
    // The error can come during goto(), before the race below listens: not an unhandled rejection.
    pageFailed.catch(() => {})
    page.on('pageerror', (error) => failPage(new Error(`page error: ${error.message}`)))
    page.on('console', (message) => console.log(message.text()))
    // Only the local server may be reached; anything else would be a bug in the suite.
    await page.route(
      (url) => url.origin !== origin,
      (route) => {
        console.log(`blocked request: ${route.request().url()}`)
        return route.abort()
      },
    )
    await page.goto(`${origin}/`)
    const handle = await Promise.race([
      page.waitForFunction(() => /** @type {any} */ (globalThis).__conformance, undefined, {
        timeout: TIMEOUT_MS,
        polling: 100,
      }),
      pageFailed,
    ])
    const report = await handle.jsonValue()
    if (report.error !== undefined) console.log(`suite error: ${report.error}`)
    return report.ok === true ? 0 : 1
  } finally {
    // Keep-alive sockets would hold server.close() open: drop them too.
    server.closeAllConnections()
    server.close()
    await browser?.close()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // The last resort if a close itself hangs: a failing run must still end, non-zero.
  setTimeout(() => {
    console.error('chromium: FAILED: no result within 55 s')
    process.exit(1)
  }, 55_000).unref()
  process.exitCode = await runChromium().catch((error) => {
    console.error(`chromium: FAILED: ${error instanceof Error ? error.message : String(error)}`)
    return 1
  })
}
