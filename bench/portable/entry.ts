/**
 * Entry of the portable bench bundle (scripts/bench-runtime.mjs bundles it with esbuild and runs it
 * in Node, Deno, Bun or Chromium). The plan comes in through esbuild's `define`; progress goes to
 * console.log, and the result as one line `RESULT_MARKER <json>` (also left on
 * `globalThis.__benchResult` for the browser driver). A failure is reported the same way, as
 * `{ error }`, so the driver never waits for a result that will not come.
 */
import { PORTABLE_FULL, PORTABLE_QUICK, runPortable, type RuntimeIdentity } from './run.ts'

declare const __BENCH_QUICK__: boolean

export const RESULT_MARKER = 'webjose-bench-result'

interface Globals {
  Deno?: { version: { deno: string } }
  Bun?: { version: string }
  process?: { versions?: { node?: string } }
  navigator?: { userAgent?: string }
  __benchResult?: unknown
}

function identify(): RuntimeIdentity {
  const g = globalThis as Globals
  if (g.Deno) return { name: 'deno', version: g.Deno.version.deno }
  if (g.Bun) return { name: 'bun', version: g.Bun.version }
  if (g.process?.versions?.node) return { name: 'node', version: g.process.versions.node }
  const chrome = /(?:HeadlessChrome|Chrome|Chromium)\/([\d.]+)/.exec(g.navigator?.userAgent ?? '')
  return { name: 'chromium', version: chrome?.[1] ?? 'unknown' }
}

const g = globalThis as Globals
let report: unknown
try {
  report = await runPortable(__BENCH_QUICK__ ? PORTABLE_QUICK : PORTABLE_FULL, __BENCH_QUICK__, identify(), (line) => console.log(line))
} catch (error) {
  report = { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }
}
g.__benchResult = report
console.log(`${RESULT_MARKER} ${JSON.stringify(report)}`)
