// @ts-check
// `npm run debugger`: builds the token debugger page (web/) with esbuild from the public API and
// serves it on 127.0.0.1. `--port N` picks the port (default: any free one); `--out DIR` writes the
// static files (index.html, app.js, app.css) instead, for hosting anywhere.
import { createServer } from 'node:http'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import * as esbuild from 'esbuild'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

/**
 * Sent as a header as well as the page's meta tag, which cannot carry frame-ancestors. A static
 * policy cannot name the JWKS URL a person will type, so connections are limited to https:; the
 * page's code makes a request only when "Fetch JWKS" is clicked, to the URL in the field.
 */
export const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src https:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

/** @returns {Promise<Record<string, { type: string, body: string | Uint8Array }>>} */
export async function buildDebugger() {
  const bundle = await esbuild.build({
    entryPoints: [`${ROOT}web/main.ts`],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
  })
  const script = bundle.outputFiles[0]?.contents
  if (script === undefined) throw new Error('esbuild produced no output')
  return {
    '/': { type: 'text/html; charset=utf-8', body: readFileSync(`${ROOT}web/index.html`, 'utf8') },
    '/app.js': { type: 'text/javascript; charset=utf-8', body: script },
    '/app.css': { type: 'text/css; charset=utf-8', body: readFileSync(`${ROOT}web/app.css`, 'utf8') },
  }
}

/** Serves the page on 127.0.0.1; resolves once listening. */
export async function startDebugger(port = 0) {
  const files = await buildDebugger()
  const server = createServer((request, response) => {
    const file = request.method === 'GET' ? files[new URL(request.url ?? '/', 'http://x').pathname.replace(/^\/index\.html$/, '/')] : undefined
    if (file === undefined) {
      response.writeHead(404, { 'content-security-policy': CSP }).end()
      return
    }
    response.writeHead(200, {
      'content-type': file.type,
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    })
    response.end(file.body)
  })
  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve(undefined))
  })
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('server has no port')
  return {
    url: `http://127.0.0.1:${address.port}/`,
    close: () => {
      server.closeAllConnections()
      return new Promise((resolve) => server.close(() => resolve(undefined)))
    },
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2)
  const option = (/** @type {string} */ name) => {
    const index = args.indexOf(name)
    return index === -1 ? undefined : args[index + 1]
  }
  const out = option('--out')
  if (out !== undefined) {
    mkdirSync(out, { recursive: true })
    for (const [path, file] of Object.entries(await buildDebugger())) writeFileSync(`${out}/${path === '/' ? 'index.html' : path.slice(1)}`, file.body)
    console.log(`debugger: static page written to ${out}/ (serve it with the header Content-Security-Policy: ${CSP})`)
  } else {
    const { url } = await startDebugger(Number(option('--port') ?? 0))
    console.log(`webjose debugger: ${url}  (keys stay in the page; Ctrl-C to stop)`)
  }
}
