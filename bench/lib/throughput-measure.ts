/** One throughput run: wall time, the process's CPU by thread, and how much of the machine others used meanwhile. */
import { cpuDelta, cpuSnapshot } from './cpu.ts'
import { machineDelta, machineSnapshot } from './machine.ts'
import type { OpenToken } from './nested.ts'

export interface RunMeasure {
  tokens: number
  perSecond: number
  /** CPU of the whole process (every thread) per token, ns. */
  cpuPerToken: number
  /** Main-thread CPU per token, ns (NaN off Linux). */
  mainPerToken: number
  /** Share of the machine's cores × wall time used by other processes during the run. */
  foreign: number
}

export async function measureRun(tokens: number, body: () => Promise<void>): Promise<RunMeasure> {
  const cpu = cpuSnapshot()
  const machine = machineSnapshot()
  await body()
  const used = machineDelta(machine)
  const threads = cpuDelta(cpu, cpuSnapshot('after'))
  return {
    tokens,
    perSecond: (tokens * 1e9) / used.wallNs,
    cpuPerToken: threads.process / tokens,
    mainPerToken: threads.main / tokens,
    foreign: used.foreign,
  }
}

/** Opens every token keeping exactly `inFlight` calls pending until none is left. */
export function measureLanes(open: OpenToken, tokens: readonly string[], inFlight: number): Promise<RunMeasure> {
  let next = 0
  const lane = async (): Promise<void> => {
    for (let i = next++; i < tokens.length; i = next++) await open(tokens[i]!)
  }
  return measureRun(tokens.length, async () => {
    await Promise.all(Array.from({ length: inFlight }, lane))
  })
}
