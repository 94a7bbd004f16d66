/**
 * A CPU profile of the cold path: V8's sampling profiler (node:inspector) runs while fresh
 * tokens go through one contender one at a time with real Web Crypto, and every sample's time
 * is charged to the function on top of the stack (self time). Functions of the bench bundle are
 * mapped back to their source module through the `// src/…` markers esbuild writes into it.
 */
import { readFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'
import { fileURLToPath } from 'node:url'
import type { OpenToken } from './nested.ts'

interface CallFrame {
  functionName: string
  url: string
  lineNumber: number
}

interface ProfileNode {
  id: number
  callFrame: CallFrame
  children?: number[]
}

export interface CpuProfile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

export interface ProfileRow {
  /** Function name ("(anonymous)" when it has none). */
  name: string
  /** Source module (src/…, node:…, a package) or a V8 category such as "(garbage collector)". */
  where: string
  /** Self time per token, nanoseconds. */
  selfPerToken: number
}

export interface ProfileResult {
  contender: string
  tokens: number
  intervalUs: number
  /** Wall time per token while profiled (the profiler slows the JavaScript it samples). */
  wallPerToken: number
  rows: ProfileRow[]
  /** Self time per token by kind: webjose's own code, Node's internals (Web Crypto bindings, promises), the rest. */
  byKind: Record<string, number>
}

/** `// src/x.ts` markers of an esbuild bundle: line (0-based) → module, sorted by line. */
function bundleModules(url: string): { line: number; module: string }[] {
  try {
    const lines = readFileSync(fileURLToPath(url), 'utf8').split('\n')
    const marks: { line: number; module: string }[] = []
    for (const [line, text] of lines.entries()) {
      const match = /^\/\/ ((?:src|bench|node_modules)\/\S+)$/.exec(text)
      if (match) marks.push({ line, module: match[1]! })
    }
    return marks
  } catch {
    return []
  }
}

function locate(frame: CallFrame, cache: Map<string, { line: number; module: string }[]>): string {
  const { url } = frame
  if (url === '') return frame.functionName.startsWith('(') ? frame.functionName : '(native)'
  if (url.startsWith('node:')) return url
  if (!url.startsWith('file:')) return url
  let marks = cache.get(url)
  if (marks === undefined) cache.set(url, (marks = bundleModules(url)))
  let module = url.slice(url.lastIndexOf('/') + 1)
  for (const mark of marks) {
    if (mark.line > frame.lineNumber) break
    module = mark.module
  }
  return module.replace(/^node_modules\/(?:\.pnpm\/)?/, '')
}

/** Time between samples beyond three intervals: the main thread was not running. */
const DESCHEDULED = 'not running (descheduled by the OS; not charged to any function)'

function kindOf(where: string): string {
  if (where.startsWith('src/')) return 'webjose (src/)'
  if (where.startsWith('node:')) return 'Node internals (Web Crypto bindings, promises, …)'
  if (where === '(garbage collector)') return 'garbage collector'
  if (where === '(idle)') return 'idle (waiting for the threadpool)'
  if (where === '(program)') return 'native code with no JavaScript on the stack'
  if (where.startsWith('bench/')) return 'bench harness'
  return 'other (V8 builtins, native code, packages)'
}

/** Self time accumulated over the profiled chunks of one contender. */
export class Tally {
  readonly self = new Map<string, ProfileRow>()
  readonly byKind: Record<string, number> = {}
  readonly #cache = new Map<string, { line: number; module: string }[]>()
  tokens = 0
  wall = 0

  add(profile: CpuProfile, intervalUs: number): void {
    const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]))
    const parents = new Map(profile.nodes.flatMap((node) => (node.children ?? []).map((child) => [child, node.id] as const)))
    // The profiler's own work (starting and stopping it through node:inspector) is no contender's.
    const profiler = new Set<number>()
    for (const node of profile.nodes) {
      for (let id: number | undefined = node.id; id !== undefined; id = parents.get(id)) {
        if (frames.get(id)!.url.startsWith('node:inspector')) profiler.add(node.id)
      }
    }
    for (const [i, id] of profile.samples.entries()) {
      if (profiler.has(id)) continue
      const frame = frames.get(id)!
      // A gap far over the interval is time the thread did not run (another process had the core):
      // the sample lands wherever it was preempted, so only one interval of it is charged there.
      const delta = (profile.timeDeltas[i] ?? 0) * 1000
      const ns = Math.min(delta, 3 * intervalUs * 1000)
      if (delta > ns) this.byKind[DESCHEDULED] = (this.byKind[DESCHEDULED] ?? 0) + delta - ns
      const where = locate(frame, this.#cache)
      const kind = kindOf(where)
      this.byKind[kind] = (this.byKind[kind] ?? 0) + ns
      if (where === '(idle)' || where === '(program)') continue
      const key = `${frame.functionName}\u0000${where}`
      const row = this.self.get(key) ?? { name: frame.functionName || '(anonymous)', where, selfPerToken: 0 }
      row.selfPerToken += ns
      this.self.set(key, row)
    }
  }

  result(contender: string, intervalUs: number, top: number): ProfileResult {
    const perToken = (ns: number) => ns / this.tokens
    const rows = [...this.self.values()]
      .sort((a, b) => b.selfPerToken - a.selfPerToken)
      .slice(0, top)
      .map((row) => ({ ...row, selfPerToken: perToken(row.selfPerToken) }))
    const byKind = Object.fromEntries(Object.entries(this.byKind).map(([kind, ns]) => [kind, perToken(ns)]))
    return { contender, tokens: this.tokens, intervalUs, wallPerToken: this.wall / this.tokens, rows, byKind }
  }
}

export interface ProfilePlan {
  tokens: number
  warmup: number
  /** Tokens per profiled turn of a contender. */
  chunk: number
  intervalUs: number
}

/**
 * Profiles each contender over fresh tokens, one at a time, after `warmup` tokens each
 * unprofiled (JIT). The contenders take turns in chunks of `chunk` tokens, so that machine noise
 * lands on all of them alike. Each keeps its top 40 functions by self time (idle left out).
 */
export async function runProfile(plan: ProfilePlan, contenders: Record<string, OpenToken>, mint: (count: number) => string[]): Promise<ProfileResult[]> {
  const entries = Object.entries(contenders).map(([name, open]) => ({ name, open, pool: mint(plan.warmup + plan.tokens), tally: new Tally() }))
  for (const { open, pool } of entries) for (const token of pool.splice(0, plan.warmup)) await open(token)
  const session = new Session()
  session.connect()
  try {
    await session.post('Profiler.enable')
    await session.post('Profiler.setSamplingInterval', { interval: plan.intervalUs })
    for (let done = 0; done < plan.tokens; done += plan.chunk) {
      for (const { open, pool, tally } of entries) {
        const chunk = pool.splice(0, plan.chunk)
        await session.post('Profiler.start')
        const start = process.hrtime.bigint()
        for (const token of chunk) await open(token)
        tally.wall += Number(process.hrtime.bigint() - start)
        tally.tokens += chunk.length
        tally.add(((await session.post('Profiler.stop')) as { profile: CpuProfile }).profile, plan.intervalUs)
      }
    }
  } finally {
    session.disconnect()
  }
  return entries.map(({ name, tally }) => tally.result(name, plan.intervalUs, 40))
}

/** A profile recorded earlier by the same code (`--profile-baseline`), shown beside this run's. */
export interface ProfileBaseline {
  commit: string
  date: string
  profiles: ProfileResult[]
}

/** Functions shown per profile (each profile keeps its top 40, so a function that fell out still has a number). */
const SHOWN = 15

const fmt = (ns: number): string => (Number.isFinite(ns) ? `${(ns / 1e3).toFixed(2)} µs` : '–')

/** The profile as markdown: self time by kind, then the top functions, beside the baseline's when there is one. */
export function profileSection(profiles: readonly ProfileResult[], baseline: ProfileBaseline | undefined): string[] {
  const out: string[] = []
  const before = (name: string) => baseline?.profiles.find((p) => p.contender === name)
  const header = (what: string) => (baseline ? [what, `before (${baseline.commit})`, 'now'] : [what, 'per token'])
  for (const profile of profiles) {
    const old = before(profile.contender)
    const kinds = [...new Set([...Object.keys(profile.byKind), ...Object.keys(old?.byKind ?? {})])].sort(
      (a, b) => (profile.byKind[b] ?? 0) - (profile.byKind[a] ?? 0),
    )
    out.push(
      `**${profile.contender}**: ${profile.tokens} fresh tokens one at a time, sampled every ${profile.intervalUs} µs; ${fmt(profile.wallPerToken)} wall per token while profiled${old ? ` (before: ${fmt(old.wallPerToken)})` : ''}.`,
      '',
      `| ${header('self time by kind').join(' | ')} |`,
      `| --- | ${header('').slice(1).map(() => '---:').join(' | ')} |`,
      ...kinds.map((kind) => `| ${[kind, ...(old ? [fmt(old.byKind[kind] ?? 0)] : []), fmt(profile.byKind[kind] ?? 0)].join(' | ')} |`),
      '',
      `| ${header('function (module), self time').join(' | ')} |`,
      `| --- | ${header('').slice(1).map(() => '---:').join(' | ')} |`,
      ...mergedRows(profile, old).map(([label, was, now]) => `| ${[label, ...(old ? [fmt(was)] : []), fmt(now)].join(' | ')} |`),
      '',
    )
  }
  return out
}

/** This run's top functions, then the baseline's top functions that are gone or fell out of the top. */
function mergedRows(profile: ProfileResult, old: ProfileResult | undefined): [string, number, number][] {
  const label = (row: ProfileRow) => `\`${row.name}\` (${row.where})`
  const find = (rows: readonly ProfileRow[] | undefined, key: string) => rows?.find((row) => label(row) === key)?.selfPerToken ?? Number.NaN
  const keys = [...new Set([...profile.rows.slice(0, SHOWN), ...(old?.rows.slice(0, SHOWN) ?? [])].map(label))]
  return keys.map((key): [string, number, number] => [key, find(old?.rows, key), find(profile.rows, key)])
}
