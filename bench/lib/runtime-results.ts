/**
 * The results of the portable bench per runtime, kept as JSON in bench/results/ so that a run in
 * one runtime leaves the others' figures in RESULTS.md; and Node's throughput figures (section 4
 * of the full bench), which the per-runtime charts reuse because only Node measures throughput.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { VERIFIERS, type PortableResult } from '../portable/run.ts'
import { RUNTIMES, type RuntimeName } from './launch.ts'

/** What the Node driver adds to a runtime's own report. */
export interface RuntimeRun extends PortableResult {
  /** Wall time of the whole run as the driver saw it (bundle, start, mint, measure, close). */
  driverSeconds: number
  /** The machine's 1-minute load average when the run started and ended. */
  load: { start: number; end: number }
}

export type RuntimeRuns = Partial<Record<RuntimeName, RuntimeRun>>

export interface NodeThroughput {
  /** Measured by `npm run bench --quick`: indicative only. */
  quick: boolean
  date: string
  node: string
  cores: number
  /** The best rate of each webjose variant over the in-flight levels; `noisy` when its section judged it too noisy to trust. */
  variants: { name: string; inFlight: number; perSecond: number; noisy?: boolean }[]
  /** `openssl speed -multi <cores> rsa2048` private-key operations per second (NaN when unavailable). */
  ceiling: { label: string; perSecond: number }
  /** openssl on all cores did under 0.8 × cores × its one-process rate: another process held a core. */
  ceilingNoisy: boolean
  /** The section of RESULTS.md the figures come from (absent in files kept from before: section 4). */
  source?: string
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null
const isSummary = (value: unknown): boolean => isObject(value) && ['median', 'p10', 'p90', 'mad', 'n'].every((key) => typeof value[key] === 'number')
const isEstimate = (value: unknown): boolean => isSummary(value) && Array.isArray((value as { interval?: unknown }).interval) && (value as { interval: unknown[] }).interval.length === 2
/** createVerifier's and the lean verifier's figures: absent in results kept from before, whole when present. */
const hasVerifierFigures = (cold: Record<string, unknown>): boolean =>
  cold.verifiersVsFloor === undefined
    ? cold.createVerifierVsLean === undefined
    : isObject(cold.verifiersVsFloor) &&
      VERIFIERS.every((name) => isEstimate((cold.verifiersVsFloor as Record<string, unknown>)[name])) &&
      isEstimate(cold.createVerifierVsLean) &&
      (cold.leanVsSequence === undefined || (isObject(cold.leanVsSequence) && Object.values(cold.leanVsSequence).every(isEstimate)))

/** Whether a runtime's report has every figure the tables and charts read (it came over a pipe from another process). */
export function isPortableResult(value: unknown): value is PortableResult {
  if (!isObject(value) || !isObject(value.runtime) || !isObject(value.cold) || !isObject(value.warm) || !Array.isArray(value.base64)) return false
  const { cold, warm } = value
  return (
    typeof value.runtime.name === 'string' &&
    Array.isArray(cold.contenders) &&
    cold.contenders.every((c: unknown) => isObject(c) && typeof c.name === 'string' && isSummary(c.summary)) &&
    ['floor', 'vsFloor', 'vsJose'].every((key) => isSummary(cold[key])) &&
    typeof cold.mintSeconds === 'number' &&
    hasVerifierFigures(cold) &&
    isSummary(warm.summary) &&
    value.base64.every((b: unknown) => isObject(b) && typeof b.size === 'number' && isSummary(b.vsNative) && isSummary(b.vsJose) && Array.isArray(b.contenders))
  )
}

/** The stored runs with the fresh ones in place of the same runtime's older run, in RUNTIMES order. */
export function mergeRuns(stored: RuntimeRuns, fresh: RuntimeRuns): RuntimeRuns {
  const merged: RuntimeRuns = {}
  for (const name of RUNTIMES) {
    const run = fresh[name] ?? stored[name]
    if (run !== undefined) merged[name] = run
  }
  return merged
}

export function resultsDirectory(benchDir: string): string {
  return join(benchDir, 'results')
}

export function loadRuns(benchDir: string): RuntimeRuns {
  const runs: RuntimeRuns = {}
  for (const name of RUNTIMES) {
    const file = join(resultsDirectory(benchDir), `${name}.json`)
    if (!existsSync(file)) continue
    const value: unknown = JSON.parse(readFileSync(file, 'utf8'))
    if (isPortableResult(value)) runs[name] = value as RuntimeRun
  }
  return runs
}

export function saveRun(benchDir: string, name: RuntimeName, run: RuntimeRun): void {
  mkdirSync(resultsDirectory(benchDir), { recursive: true })
  writeFileSync(join(resultsDirectory(benchDir), `${name}.json`), `${JSON.stringify(run, null, 1)}\n`)
}

export function loadThroughput(benchDir: string): NodeThroughput | undefined {
  const file = join(resultsDirectory(benchDir), 'node-throughput.json')
  if (!existsSync(file)) return undefined
  const throughput = JSON.parse(readFileSync(file, 'utf8')) as NodeThroughput
  // JSON has no NaN: an unmeasured ceiling comes back as null.
  throughput.ceiling.perSecond ??= Number.NaN
  return throughput
}

export function saveThroughput(benchDir: string, throughput: NodeThroughput): void {
  mkdirSync(resultsDirectory(benchDir), { recursive: true })
  writeFileSync(join(resultsDirectory(benchDir), 'node-throughput.json'), `${JSON.stringify(throughput, null, 1)}\n`)
}

/** The shape of section 4's (or section 7's, adapted) figures that the charts need (structural, so the section may grow). */
export interface ThroughputInput {
  /** Where the figures are in RESULTS.md; default section 4. */
  source?: string
  quick: boolean
  date: string
  node: string
  cores: number
  sweeps: readonly { name: string; levels: readonly { inFlight: number; median: { perSecond: number } }[]; noisy?: boolean }[]
  openssl: readonly ({ processes: number; signPerSecond: number } | { processes: number; error: string })[]
}

/** Each variant's best level, and the openssl rate on all cores (or on the most processes measured). */
export function throughputFrom(input: ThroughputInput): NodeThroughput {
  const variants = input.sweeps.flatMap((sweep) => {
    const best = sweep.levels.reduce<(typeof sweep.levels)[number] | undefined>((a, b) => (a === undefined || b.median.perSecond > a.median.perSecond ? b : a), undefined)
    return best ? [{ name: sweep.name, inFlight: best.inFlight, perSecond: best.median.perSecond, ...(sweep.noisy ? { noisy: true } : {}) }] : []
  })
  const measured = input.openssl.filter((s): s is { processes: number; signPerSecond: number } => 'signPerSecond' in s)
  const ceiling = measured.find((s) => s.processes === input.cores) ?? measured.reduce<(typeof measured)[number] | undefined>((a, b) => (a === undefined || b.processes > a.processes ? b : a), undefined)
  const single = measured.find((s) => s.processes === 1)
  const ceilingNoisy = ceiling !== undefined && single !== undefined && ceiling.processes > 1 && ceiling.signPerSecond < 0.8 * ceiling.processes * single.signPerSecond
  return {
    ceilingNoisy,
    source: input.source ?? 'section 4',
    quick: input.quick,
    date: input.date,
    node: input.node,
    cores: input.cores,
    variants,
    ceiling: ceiling ? { label: `openssl speed -multi ${ceiling.processes} rsa2048`, perSecond: ceiling.signPerSecond } : { label: 'openssl speed: not measured', perSecond: Number.NaN },
  }
}

/** Generated content between the markers spliceBlock finds again. */
export function markedBlock(name: string, content: string): string {
  return `<!-- runtimes:${name}:start -->\n${content.trim()}\n<!-- runtimes:${name}:end -->`
}

/**
 * Replaces the block between `<!-- runtimes:<name>:start -->` and its end marker. A file without
 * the block gets it after the "Generated by" paragraph ('top') or at the end ('end').
 */
export function spliceBlock(markdown: string, name: string, content: string, where: 'top' | 'end'): string {
  const start = `<!-- runtimes:${name}:start -->`
  const end = `<!-- runtimes:${name}:end -->`
  const block = markedBlock(name, content)
  const from = markdown.indexOf(start)
  const to = markdown.indexOf(end)
  if (from !== -1 && to > from) return markdown.slice(0, from) + block + markdown.slice(to + end.length)
  if (where === 'end') return `${markdown.trimEnd()}\n\n${block}\n`
  const generated = markdown.search(/^Generated by .*$/m)
  const paragraphEnd = generated === -1 ? -1 : markdown.indexOf('\n\n', generated)
  if (paragraphEnd === -1) return `${block}\n\n${markdown}`
  return `${markdown.slice(0, paragraphEnd + 2)}${block}\n\n${markdown.slice(paragraphEnd + 2)}`
}
