// @ts-check
// Starts workerd (Cloudflare Workers' runtime, the npm package `workerd`) on a loopback port with a
// minimal config: one ES module Worker, its bindings, and optional loopback HTTP services it may
// reach. close() kills the process and removes its files; so does a start that fails or times out.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
export const WORKERD = process.env.WORKERD_PATH ?? `${ROOT}node_modules/@cloudflare/workerd-linux-64/bin/workerd`
// Older than the binary's own date (workerd refuses a future one), recent enough for every API used.
const COMPATIBILITY_DATE = '2025-09-01'
const START_TIMEOUT_MS = 15_000

/**
 * @param {{
 *   script: string,
 *   bindings?: string[],
 *   services?: { name: string, port: number }[],
 *   loopbackOutbound?: boolean,
 * }} worker `bindings` are capnp binding entries, e.g. `(name = "X", text = "y")`; each service is
 *   an HTTP server on 127.0.0.1 that a binding may name. With `loopbackOutbound`, the Worker's
 *   fetch() may reach loopback addresses only (workerd's default reaches public ones only).
 * @returns {Promise<{ origin: string, output: () => string, close: () => void }>}
 */
export async function startWorkerd({ script, bindings = [], services = [], loopbackOutbound = false }) {
  const dir = mkdtempSync(join(tmpdir(), 'webjose-workerd-'))
  writeFileSync(join(dir, 'worker.js'), script)
  const externals = services.map(({ name, port: p }) => `(name = ${JSON.stringify(name)}, external = (address = "127.0.0.1:${p}", http = ()))`)
  if (loopbackOutbound) externals.push('(name = "loopback", network = (allow = ["local"]))')
  writeFileSync(
    join(dir, 'config.capnp'),
    `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "main", worker = .worker) ${externals.map((e) => `, ${e}`).join(' ')} ],
  sockets = [ (name = "http", address = "127.0.0.1:0", http = (), service = "main") ],
);
const worker :Workerd.Worker = (
  modules = [ (name = "worker.js", esModule = embed "worker.js") ],
  bindings = [ ${bindings.join(', ')} ],
  compatibilityDate = "${COMPATIBILITY_DATE}",
  ${loopbackOutbound ? 'globalOutbound = "loopback",' : ''}
);
`,
  )
  let output = ''
  // The control fd reports the bound port once the Worker has loaded (port 0: no race for a port).
  const child = spawn(WORKERD, ['serve', join(dir, 'config.capnp'), '--control-fd=3'], { stdio: ['ignore', 'pipe', 'pipe', 'pipe'] })
  child.stdout.on('data', (chunk) => (output += chunk))
  child.stderr.on('data', (chunk) => (output += chunk))
  // A test runner killed mid-test must not leave workerd behind.
  const killOnExit = () => child.kill('SIGKILL')
  process.once('exit', killOnExit)
  const close = () => {
    process.removeListener('exit', killOnExit)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    rmSync(dir, { recursive: true, force: true })
  }
  try {
    const port = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no listener within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS)
      let control = ''
      child.stdio[3]?.on('data', (chunk) => {
        control += chunk
        const listen = /\{"event":"listen","socket":"http","port":(\d+)\}/.exec(control)
        if (listen) clearTimeout(timer), resolve(Number(listen[1]))
      })
      child.on('error', (error) => (clearTimeout(timer), reject(error)))
      child.on('exit', () => (clearTimeout(timer), reject(new Error('it exited'))))
    })
    return { origin: `http://127.0.0.1:${port}`, output: () => output, close }
  } catch (error) {
    close()
    // The exit may come before the last of its output: let the pipes drain.
    await new Promise((resolve) => setTimeout(resolve, 50))
    throw new Error(`workerd did not start: ${error instanceof Error ? error.message : String(error)}\n${output}`)
  }
}
