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
}

interface CpuProfile {
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

function kindOf(where: string): string {
  if (where.startsWith('src/')) return 'webjose (src/)'
  if (where.startsWith('node:')) return 'Node internals (Web Crypto bindings, promises, …)'
  if (where === '(garbage collector)') return 'garbage collector'
  if (where === '(idle)') return 'idle (waiting for the threadpool)'
  if (where === '(program)') return 'native code with no JavaScript on the stack'
  if (where.startsWith('bench/')) return 'bench harness'
  return 'other (V8 builtins, native code, packages)'
}

/**
 * Profiles `open` over `tokens`, after `warmup` of them unprofiled (JIT), sampling every
 * `intervalUs` microseconds. Returns the `top` functions by self time (idle left out).
 */
export async function profileCold(name: string, open: OpenToken, tokens: readonly string[], warmup: number, intervalUs: number, top = 40): Promise<ProfileResult> {
  for (const token of tokens.slice(0, warmup)) await open(token)
  const measured = tokens.slice(warmup)
  const session = new Session()
  session.connect()
  let profile: CpuProfile
  let wall: number
  try {
    await session.post('Profiler.enable')
    await session.post('Profiler.setSamplingInterval', { interval: intervalUs })
    await session.post('Profiler.start')
    const start = process.hrtime.bigint()
    for (const token of measured) await open(token)
    wall = Number(process.hrtime.bigint() - start)
    ;({ profile } = (await session.post('Profiler.stop')) as { profile: CpuProfile })
  } finally {
    session.disconnect()
  }
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]))
  const cache = new Map<string, { line: number; module: string }[]>()
  const self = new Map<string, ProfileRow>()
  const byKind: Record<string, number> = {}
  for (const [i, id] of profile.samples.entries()) {
    const frame = frames.get(id)!
    const ns = (profile.timeDeltas[i] ?? 0) * 1000
    const where = locate(frame, cache)
    const kind = kindOf(where)
    byKind[kind] = (byKind[kind] ?? 0) + ns / measured.length
    if (where === '(idle)' || where === '(program)') continue
    const key = `${frame.functionName}\u0000${where}`
    const row = self.get(key) ?? { name: frame.functionName || '(anonymous)', where, selfPerToken: 0 }
    row.selfPerToken += ns / measured.length
    self.set(key, row)
  }
  const rows = [...self.values()].sort((a, b) => b.selfPerToken - a.selfPerToken).slice(0, top)
  return { contender: name, tokens: measured.length, intervalUs, wallPerToken: wall / measured.length, rows, byKind }
}

export interface ProfilePlan {
  tokens: number
  warmup: number
  intervalUs: number
}

/** Profiles webjose's cold path and the floor's (decrypt + importKey) on fresh RSA 2048 tokens. */
export async function runProfile(plan: ProfilePlan, contenders: Record<string, OpenToken>, mint: (count: number) => string[]): Promise<ProfileResult[]> {
  const results: ProfileResult[] = []
  for (const [name, open] of Object.entries(contenders)) results.push(await profileCold(name, open, mint(plan.warmup + plan.tokens), plan.warmup, plan.intervalUs))
  return results
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
