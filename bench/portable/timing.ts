/**
 * The interleaved runner of the portable bench: the same method as bench/lib/harness.ts (all
 * contenders in one process, taking turns round after round, order rotating, batches timed,
 * warm-up rounds discarded) with nothing but `performance.now()`, so that it runs unchanged in
 * Node, Deno, Bun and a browser. No main-thread CPU split here: that needs /proc.
 */
import { medianInterval, summarize, type Summary } from '../lib/stats.ts'

export interface PortableContender {
  name: string
  /** Runs `count` operations back to back (awaiting each one when they are asynchronous). */
  batch(count: number): unknown
}

export interface RoundPlan {
  warmupRounds: number
  rounds: number
  /** Operations per sample. */
  batch: number
}

export interface ContenderSamples {
  name: string
  /** Nanoseconds per operation, one sample per recorded round. */
  samples: number[]
  summary: Summary
}

export interface Interleaved {
  plan: RoundPlan
  contenders: ContenderSamples[]
}

export async function interleave(contenders: readonly PortableContender[], plan: RoundPlan, now: () => number = () => performance.now()): Promise<Interleaved> {
  const samples = contenders.map(() => [] as number[])
  for (let round = 0; round < plan.warmupRounds + plan.rounds; round++) {
    for (let turn = 0; turn < contenders.length; turn++) {
      const index = (round + turn) % contenders.length
      const start = now()
      const pending = contenders[index]!.batch(plan.batch)
      if (pending instanceof Promise) await pending
      const elapsedMs = now() - start
      if (round >= plan.warmupRounds) samples[index]!.push((elapsedMs * 1e6) / plan.batch)
    }
  }
  return { plan, contenders: contenders.map((c, i) => ({ name: c.name, samples: samples[i]!, summary: summarize(samples[i]!) })) }
}

export function samplesOf(result: Interleaved, name: string): number[] {
  const found = result.contenders.find((c) => c.name === name)
  if (found === undefined) throw new Error(`no contender named ${name}`)
  return found.samples
}

/** a / b per round (the two ran back to back in that round), summarized. */
export function ratioPerRound(a: readonly number[], b: readonly number[]): Summary {
  if (a.length !== b.length) throw new Error(`ratioPerRound: ${a.length} rounds against ${b.length}`)
  return summarize(a.map((value, round) => value / b[round]!))
}

/** A per-round ratio's summary with a 95% confidence interval of its median. */
export interface RatioEstimate extends Summary {
  interval: [number, number]
}

/** a / b per round, summarized, with a 95% CI of the median (order statistics: medianInterval). */
export function ratioWithInterval(a: readonly number[], b: readonly number[]): RatioEstimate {
  const summary = ratioPerRound(a, b)
  return { ...summary, interval: medianInterval(a.map((value, round) => value / b[round]!)) }
}

/**
 * The floor: of the Web Crypto sequences that do the same work (a runtime may be faster with
 * `unwrapKey`, another with `decrypt` + `importKey`), the one with the lowest median over the
 * run, and its samples. Not the faster sample of each round: the smaller of two noisy samples
 * is biased low, a floor no sequence achieves. `fasterPerRound` says which sequence was faster
 * in each round, for the record. Sequences a runtime cannot run are absent from `bySequence`.
 */
export function fastestSequence(bySequence: Readonly<Record<string, readonly number[]>>): { name: string; samples: readonly number[]; fasterPerRound: string[] } {
  const entries = Object.entries(bySequence)
  if (entries.length === 0) throw new Error('fastestSequence: no floor sequence ran')
  const rounds = entries[0]![1].length
  if (entries.some(([, samples]) => samples.length !== rounds)) throw new Error('fastestSequence: sequences with different round counts')
  const [name, samples] = entries.reduce((best, entry) => (summarize([...entry[1]]).median < summarize([...best[1]]).median ? entry : best))
  const fasterPerRound: string[] = []
  for (let round = 0; round < rounds; round++) {
    let best = entries[0]!
    for (const entry of entries) if (entry[1][round]! < best[1][round]!) best = entry
    fasterPerRound.push(best[0])
  }
  return { name, samples, fasterPerRound }
}

/** How often each name occurs (which floor sequence won how many rounds). */
export function tally(names: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const name of names) counts[name] = (counts[name] ?? 0) + 1
  return counts
}

/** The smallest step `performance.now()` shows: browsers coarsen it (5 µs when cross-origin isolated, 100 µs otherwise). */
export function timerResolutionNs(now: () => number = () => performance.now(), tries = 200_000): number {
  let smallest = Number.POSITIVE_INFINITY
  let last = now()
  for (let i = 0; i < tries; i++) {
    const t = now()
    if (t > last) {
      smallest = Math.min(smallest, t - last)
      last = t
    }
  }
  return smallest * 1e6
}
