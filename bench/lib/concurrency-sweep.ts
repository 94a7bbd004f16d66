/**
 * Section 4's measure: throughput of one opener with exactly N tokens in flight, and sweeps of
 * several openers over the in-flight levels, with where the CPU time went (main thread vs the
 * other threads) and how busy the event loop was.
 */
import { performance } from 'node:perf_hooks'
import { cpuDelta, cpuSnapshot } from './cpu.ts'
import type { OpenToken } from './nested.ts'
import { summarize } from './stats.ts'

export const LEVELS = [1, 2, 8, 32] as const

export interface Throughput {
  inFlight: number
  tokens: number
  perSecond: number
  /** Main-thread CPU per token, ns. */
  mainCpu: number
  /** CPU of every other thread of the process per token, ns (threadpool, GC helpers). */
  otherCpu: number
  /** CPU of the whole process per token, ns. */
  processCpu: number
  /** Event-loop utilization of the main thread during the run (0..1). */
  elu: number
}

/** Opens `tokens` keeping exactly `inFlight` operations pending until the pool runs dry. */
export async function measureThroughput(open: OpenToken, tokens: readonly string[], inFlight: number): Promise<Throughput> {
  let next = 0
  const lane = async (): Promise<void> => {
    for (let i = next++; i < tokens.length; i = next++) await open(tokens[i]!)
  }
  const elu = performance.eventLoopUtilization()
  const cpu = cpuSnapshot()
  const start = process.hrtime.bigint()
  await Promise.all(Array.from({ length: inFlight }, lane))
  const wall = Number(process.hrtime.bigint() - start)
  const used = cpuDelta(cpu, cpuSnapshot('after'))
  return {
    inFlight,
    tokens: tokens.length,
    perSecond: (tokens.length * 1e9) / wall,
    mainCpu: used.main / tokens.length,
    otherCpu: used.others / tokens.length,
    processCpu: used.process / tokens.length,
    elu: performance.eventLoopUtilization(elu).utilization,
  }
}

export interface LevelResult {
  inFlight: number
  /** One measurement per repetition; the median is reported. */
  runs: Throughput[]
  median: Throughput
}

function medianRun(runs: Throughput[]): Throughput {
  const pick = (key: keyof Throughput) => summarize(runs.map((run) => run[key])).median
  return {
    inFlight: runs[0]!.inFlight,
    tokens: runs[0]!.tokens,
    perSecond: pick('perSecond'),
    mainCpu: pick('mainCpu'),
    otherCpu: pick('otherCpu'),
    processCpu: pick('processCpu'),
    elu: pick('elu'),
  }
}

export interface Variant {
  name: string
  open: OpenToken
}

export interface Sweep {
  name: string
  levels: LevelResult[]
}

/**
 * Every variant at every level, `reps` times, interleaved (rep by rep, order rotating), each
 * run on its own fresh tokens.
 */
export async function sweepLevels(
  variants: readonly Variant[],
  take: (count: number) => readonly string[],
  perRun: number,
  reps: number,
  levels: readonly number[] = LEVELS,
): Promise<Sweep[]> {
  const cells = variants.flatMap((_, v) => levels.map((_, l) => ({ v, l })))
  const runs = cells.map(() => [] as Throughput[])
  for (let rep = 0; rep < reps; rep++) {
    for (let i = 0; i < cells.length; i++) {
      const index = (i + rep) % cells.length
      const { v, l } = cells[index]!
      runs[index]!.push(await measureThroughput(variants[v]!.open, take(perRun), levels[l]!))
    }
  }
  return variants.map((variant, v) => ({
    name: variant.name,
    levels: levels.map((inFlight, l) => {
      const r = runs[cells.findIndex((cell) => cell.v === v && cell.l === l)]!
      return { inFlight, runs: r, median: medianRun(r) }
    }),
  }))
}
