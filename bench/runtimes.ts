/**
 * `npm run bench -- --runtime node|deno|bun|chromium|all [--quick] [--no-write] [--timeout=SECONDS] [--wait-load=SECONDS]`:
 * the portable part of the bench (bench/portable/) in each runtime named, one after the other.
 * Each result is kept in bench/results/<runtime>.json; then every stored runtime's chart
 * (bench/runtime-<runtime>.svg) and the per-runtime parts of RESULTS.md are regenerated.
 * Exits non-zero if any runtime failed; the others' results are still written. With --wait-load,
 * each runtime waits (up to that long) for a quiet machine first: the one before it still weighs
 * on the load average, which decides whether a run is trusted (runtime-report.ts, noise).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { bundlePortable, launchPortable, RUNTIMES, type RuntimeName } from './lib/launch.ts'
import { runtimeChart } from './lib/runtime-chart.ts'
import { chartFile, chartsBlock, runtimeTitle, tablesSection } from './lib/runtime-report.ts'
import { estimateText } from './lib/runtime-lean.ts'
import {
  isPortableResult,
  loadRuns,
  loadThroughput,
  markedBlock,
  mergeRuns,
  saveRun,
  saveThroughput,
  spliceBlock,
  throughputFrom,
  type RuntimeRun,
  type RuntimeRuns,
  type ThroughputInput,
} from './lib/runtime-results.ts'
import { formatNs, formatRatio } from './lib/stats.ts'
import { waitForQuietMachine } from './lib/machine.ts'

/** The runtimes a command line asks for: `--runtime a,b`, `--runtime=a`, repeated; `all` for every one. */
export function requestedRuntimes(argv: readonly string[]): RuntimeName[] | undefined {
  const values: string[] = []
  argv.forEach((arg, i) => {
    if (arg === '--runtime') values.push(argv[i + 1] ?? '')
    else if (arg.startsWith('--runtime=')) values.push(arg.slice('--runtime='.length))
  })
  if (values.length === 0) return undefined
  const names = values.flatMap((value) => value.split(',')).map((name) => name.trim())
  const unknown = names.filter((name) => name !== 'all' && !(RUNTIMES as readonly string[]).includes(name))
  if (unknown.length > 0 || names.length === 0) throw new Error(`unknown runtime ${unknown.join(', ') || '(none)'}: expected ${RUNTIMES.join(', ')} or all`)
  return names.includes('all') ? [...RUNTIMES] : RUNTIMES.filter((name) => names.includes(name))
}

export interface RuntimeBlocks {
  charts: string
  tables: string
}

/**
 * Rewrites every stored runtime's chart (Node's throughput figures updated first, when given) and
 * returns RESULTS.md's per-runtime blocks, with their markers, for bench/main.ts's report.
 */
export function runtimeBlocks(benchDir: string, throughput?: ThroughputInput): RuntimeBlocks {
  if (throughput !== undefined) saveThroughput(benchDir, throughputFrom(throughput))
  const runs = loadRuns(benchDir)
  writeCharts(benchDir, runs)
  return { charts: markedBlock('charts', chartsBlock(runs, loadThroughput(benchDir))), tables: markedBlock('tables', tablesSection(runs)) }
}

function writeCharts(benchDir: string, runs: RuntimeRuns): void {
  const throughput = loadThroughput(benchDir)
  for (const name of RUNTIMES) {
    const run = runs[name]
    if (run !== undefined) writeFileSync(join(benchDir, chartFile(name)), runtimeChart(run, throughput))
  }
}

function argument(argv: readonly string[], name: string): string | undefined {
  return argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3)
}

export async function runRuntimes(argv: readonly string[], benchDir: string, root: string): Promise<void> {
  const log = (line: string) => process.stdout.write(`${line}\n`)
  const names = requestedRuntimes(argv) ?? []
  const quick = argv.includes('--quick')
  const timeoutMs = Number(argument(argv, 'timeout') ?? 240) * 1000
  const waitLoad = Number(argument(argv, 'wait-load') ?? 0)
  // The last resort if a close itself hangs: the run still ends, non-zero.
  const deadline = setTimeout(() => {
    log(`bench: no end within ${names.length} × the timeout; exiting`)
    process.exit(1)
  }, names.length * (timeoutMs + 60_000))
  deadline.unref()

  log(`bundling bench/portable/entry.ts${quick ? ' (--quick)' : ''}…`)
  const script = await bundlePortable(root, quick)
  const fresh: RuntimeRuns = {}
  const outcomes: { name: RuntimeName; ok: boolean; seconds: number; note: string }[] = []
  for (const name of names) {
    log(`\n=== bench: ${name} ===`)
    if (waitLoad > 0) await waitForQuietMachine(waitLoad, log)
    const started = performance.now()
    const loadStart = loadavg()[0]!
    try {
      const result = await launchPortable(name, script, { root, quick, timeoutMs, log })
      if (!isPortableResult(result)) throw new Error(`${name}: the report lacks figures`)
      const run: RuntimeRun = { ...result, driverSeconds: (performance.now() - started) / 1000, load: { start: loadStart, end: loadavg()[0]! } }
      fresh[name] = run
      outcomes.push({ name, ok: true, seconds: run.driverSeconds, note: `${runtimeTitle(run)}: cold webjose/floor ${formatRatio(run.cold.vsFloor.median)}, createVerifier/floor ${estimateText(run.cold.verifiersVsFloor?.createVerifier)}, lean/floor ${estimateText(run.cold.verifiersVsFloor?.['lean verifier'])}, webjose/jose ${formatRatio(run.cold.vsJose.median)}, warm ${formatNs(run.warm.summary.median)}` })
    } catch (error) {
      outcomes.push({ name, ok: false, seconds: (performance.now() - started) / 1000, note: error instanceof Error ? error.message : String(error) })
    }
  }
  log('\nruntime    result  seconds  summary')
  for (const o of outcomes) log(`${o.name.padEnd(10)} ${(o.ok ? 'ok' : 'FAIL').padEnd(7)} ${o.seconds.toFixed(1).padStart(7)}  ${o.note}`)
  clearTimeout(deadline)

  if (!argv.includes('--no-write')) {
    for (const [name, run] of Object.entries(fresh)) saveRun(benchDir, name as RuntimeName, run)
    const runs = mergeRuns(loadRuns(benchDir), fresh)
    writeCharts(benchDir, runs)
    const file = join(benchDir, 'RESULTS.md')
    const before = existsSync(file) ? readFileSync(file, 'utf8') : '# webjose benchmark results\n\nGenerated by `npm run bench`. Do not edit by hand.\n'
    const throughput = loadThroughput(benchDir)
    const after = spliceBlock(spliceBlock(before, 'charts', chartsBlock(runs, throughput), 'top'), 'tables', tablesSection(runs), 'end')
    writeFileSync(file, after)
    log(`wrote bench/results/{${Object.keys(fresh).join(',')}}.json, ${Object.keys(runs).map((n) => chartFile(n as RuntimeName)).join(', ')} and RESULTS.md's runtime sections`)
  }
  process.exitCode = outcomes.every((o) => o.ok) ? 0 : 1
}
