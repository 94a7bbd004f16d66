/**
 * Where the CPU time goes, by thread.
 *
 * - The whole process: process.cpuUsage() (getrusage), exact, all threads.
 * - Other threads (libuv threadpool, V8 GC/compiler helpers): the sum of their
 *   /proc/self/task/<tid>/schedstat, read when the measured work is done and they sleep, so
 *   it is exact too. NaN off Linux.
 * - Main thread: the difference. (The main thread's own schedstat is not used: read by the
 *   running thread itself it lags by up to a scheduler tick.)
 * - Event-loop utilization (performance.eventLoopUtilization): the share of wall time the
 *   main thread was not waiting for I/O, i.e. how close it is to saturation.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'

function safe<T>(read: () => T): T | undefined {
  try {
    return read()
  } catch {
    return undefined
  }
}

const perThreadAvailable =
  process.platform === 'linux' && safe(() => readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'latin1')) !== undefined


/** CPU nanoseconds of every thread but the main one (threads that exited are not counted). */
export function otherThreadsNs(): number {
  if (!perThreadAvailable) return Number.NaN
  let total = 0
  for (const tid of readdirSync('/proc/self/task')) {
    if (tid === String(process.pid)) continue
    const text = safe(() => readFileSync(`/proc/self/task/${tid}/schedstat`, 'latin1'))
    if (text !== undefined) total += Number(text.slice(0, text.indexOf(' ')))
  }
  return total
}

/** CPU nanoseconds of the whole process, all threads. */
export function processCpuNs(): number {
  const { user, system } = process.cpuUsage()
  return (user + system) * 1000
}

export interface CpuSnapshot {
  /** Event loop active time, ns. */
  loopActive: number
  others: number
  process: number
}

/**
 * Before the measured work the process CPU is read last, after it first, so that reading
 * /proc itself is not counted as the main thread's work.
 */
export function cpuSnapshot(when: 'before' | 'after' = 'before'): CpuSnapshot {
  if (when === 'after') {
    const process = processCpuNs()
    return { process, loopActive: performance.eventLoopUtilization().active * 1e6, others: otherThreadsNs() }
  }
  const others = otherThreadsNs()
  const loopActive = performance.eventLoopUtilization().active * 1e6
  return { others, loopActive, process: processCpuNs() }
}

export interface CpuUse {
  /** CPU of the main thread (process minus other threads), ns. */
  main: number
  others: number
  process: number
  /** Event-loop active time, ns. */
  loopActive: number
}

export function cpuDelta(before: CpuSnapshot, after: CpuSnapshot): CpuUse {
  const process = after.process - before.process
  const others = after.others - before.others
  return { main: process - others, others, process, loopActive: after.loopActive - before.loopActive }
}

export const perThreadCpuAvailable = perThreadAvailable
