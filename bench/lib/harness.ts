/**
 * The interleaved runner every comparison uses: all contenders live in one process and take
 * turns, round after round, so that machine noise (other processes, frequency changes, GC)
 * lands on all of them alike. Within a round the order rotates, so no contender always runs
 * first or last. Each sample times a batch of operations, long enough that the timer's
 * resolution does not matter.
 */
import { cpuDelta, cpuSnapshot } from './cpu.ts'
import { summarize, type Summary } from './stats.ts'

export interface Contender {
  name: string
  /** Runs `count` operations back to back (awaiting each one when they are asynchronous). */
  batch(count: number): unknown
  /** Multiplies the batch size for this contender (cheap operations next to expensive ones). Default 1. */
  scale?: number
}

export interface InterleaveOptions {
  /** Rounds before timing starts, not recorded (JIT warm-up, first-use setup). */
  warmupRounds: number
  rounds: number
  /** Operations per sample. */
  batch: number
  /** Also record the main thread's CPU time per operation (reads /proc around each sample; Linux). */
  mainThreadCpu?: boolean
}

export interface ContenderResult {
  name: string
  /** Nanoseconds per operation, one sample per round. */
  samples: number[]
  summary: Summary
  /** Main-thread CPU nanoseconds per operation, when requested. */
  mainCpu?: Summary
}

export interface InterleaveResult {
  contenders: ContenderResult[]
  options: InterleaveOptions
}

export async function interleave(contenders: readonly Contender[], options: InterleaveOptions): Promise<InterleaveResult> {
  const samples = contenders.map(() => [] as number[])
  const cpu = contenders.map(() => [] as number[])
  const total = options.warmupRounds + options.rounds
  for (let round = 0; round < total; round++) {
    for (let turn = 0; turn < contenders.length; turn++) {
      const index = (round + turn) % contenders.length
      const contender = contenders[index]!
      const count = options.batch * (contender.scale ?? 1)
      const before = options.mainThreadCpu ? cpuSnapshot() : undefined
      const start = process.hrtime.bigint()
      const pending = contender.batch(count)
      if (pending instanceof Promise) await pending
      const elapsed = Number(process.hrtime.bigint() - start)
      const used = before ? cpuDelta(before, cpuSnapshot('after')) : undefined
      if (round >= options.warmupRounds) {
        samples[index]!.push(elapsed / count)
        if (used) cpu[index]!.push(used.main / count)
      }
    }
  }
  return {
    options,
    contenders: contenders.map((contender, index) => {
      const result: ContenderResult = { name: contender.name, samples: samples[index]!, summary: summarize(samples[index]!) }
      if (options.mainThreadCpu) result.mainCpu = summarize(cpu[index]!)
      return result
    }),
  }
}

/** Ratio a/b per round (the two ran back to back in that round), summarized. */
export function pairedRatio(result: InterleaveResult, a: string, b: string): Summary {
  const left = byName(result, a).samples
  const right = byName(result, b).samples
  return summarize(left.map((value, round) => value / right[round]!))
}

/**
 * The fastest of `names`: the sequence with the lowest median over the whole run. Not the
 * faster sample of each round: the smaller of two noisy samples is biased low, a floor no
 * sequence achieves.
 */
export function fastestSequence(result: InterleaveResult, names: readonly string[]): string {
  return names.reduce((best, name) => (byName(result, name).summary.median < byName(result, best).summary.median ? name : best))
}

/** `a` over the fastest of `bs` (fastestSequence), per round, summarized. */
export function ratioToFastest(result: InterleaveResult, a: string, bs: readonly string[]): Summary {
  return pairedRatio(result, a, fastestSequence(result, bs))
}

export function byName(result: InterleaveResult, name: string): ContenderResult {
  const found = result.contenders.find((contender) => contender.name === name)
  if (found === undefined) throw new Error(`no contender named ${name}`)
  return found
}

/** Consumes a value so that the optimizer cannot drop the work that produced it. */
export let sink = 0
export function consume(value: number): void {
  sink = (sink + value) | 0
}
