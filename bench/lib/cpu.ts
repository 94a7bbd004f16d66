/**
 * Where the time goes, by thread.
 *
 * - Main thread: its event loop's active time (performance.eventLoopUtilization), i.e. wall
 *   time spent running JavaScript and native callbacks rather than waiting in epoll. That
 *   includes time the thread was runnable but preempted, so on a busy machine it reads high.
 *   (Linux's per-thread schedstat is not used for the main thread: read by the running
 *   thread itself it lags by up to a scheduler tick.)
 * - Other threads (libuv threadpool, V8 helpers): CPU from /proc/self/task/<tid>/schedstat,
 *   read while they sleep (before and after a run), so it is exact. NaN off Linux.
 * - The whole process: process.cpuUsage() (getrusage), exact for every thread.
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

/** Nanoseconds the main thread's event loop has been active since it started. */
export function mainBusyNs(): number {
  return performance.eventLoopUtilization().active * 1e6
}

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
  mainBusy: number
  others: number
  process: number
}

export function cpuSnapshot(): CpuSnapshot {
  return { mainBusy: mainBusyNs(), others: otherThreadsNs(), process: processCpuNs() }
}

export function cpuDelta(before: CpuSnapshot, after: CpuSnapshot): CpuSnapshot {
  return { mainBusy: after.mainBusy - before.mainBusy, others: after.others - before.others, process: after.process - before.process }
}

export const perThreadCpuAvailable = perThreadAvailable
