/**
 * How much of the machine a measurement had to itself: the CPU time every process spent
 * (from /proc/stat) minus this process's own (its threads, and its children that were waited
 * for), over the cores × wall time of the measurement. Another helper's build or test run shows
 * up here even when the load average has not caught up yet. NaN off Linux.
 */
import { readFileSync } from 'node:fs'
import { availableParallelism, loadavg } from 'node:os'
import { formatPercent } from './stats.ts'

/** /proc/stat and /proc/self/stat count in clock ticks; USER_HZ is 100 on every Linux build that matters. */
const TICK_NS = 1e7

function machineBusyNs(): number {
  try {
    const fields = readFileSync('/proc/stat', 'latin1').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number)
    // user nice system idle iowait irq softirq steal: busy is everything but idle and iowait.
    const busy = fields.slice(0, 8).reduce((sum, value, index) => (index === 3 || index === 4 ? sum : sum + value), 0)
    return busy * TICK_NS
  } catch {
    return Number.NaN
  }
}

/** CPU of this process's threads plus its waited-for children (cutime + cstime), ns. */
function ownNs(): number {
  const { user, system } = process.cpuUsage()
  let children = 0
  try {
    // Fields after the ")" of the command name: state is field 3, cutime and cstime are 16 and 17.
    const stat = readFileSync('/proc/self/stat', 'latin1')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    children = (Number(fields[13]) + Number(fields[14])) * TICK_NS
  } catch {
    children = Number.NaN
  }
  return (user + system) * 1000 + children
}

export interface MachineSnapshot {
  wall: bigint
  busy: number
  own: number
}

export function machineSnapshot(): MachineSnapshot {
  return { busy: machineBusyNs(), own: ownNs(), wall: process.hrtime.bigint() }
}

export interface MachineUse {
  wallNs: number
  /** CPU of this process (threads and waited-for children) over the interval, ns. */
  ownNs: number
  /** Share of the machine's cores × wall time that other processes used (0..1; NaN off Linux). */
  foreign: number
}

export function machineDelta(before: MachineSnapshot, after: MachineSnapshot = machineSnapshot()): MachineUse {
  const wallNs = Number(after.wall - before.wall)
  const own = after.own - before.own
  const foreign = (after.busy - before.busy - own) / (wallNs * availableParallelism())
  // Tick granularity can push a quiet interval slightly below zero.
  return { wallNs, ownNs: own, foreign: Math.max(0, foreign) }
}

/**
 * Waits, up to `maxSeconds`, for a 1-minute load average under 1 and other processes using at
 * most a tenth of the machine over 3 s (the load average lags: a run that just ended still
 * counts in it for a minute).
 */
export async function waitForQuietMachine(maxSeconds: number, log: (line: string) => void): Promise<void> {
  const deadline = Date.now() + maxSeconds * 1000
  for (;;) {
    const before = machineSnapshot()
    await new Promise((resolve) => setTimeout(resolve, 3000))
    const others = machineDelta(before).foreign
    const load = loadavg()[0]!
    if ((load < 1 && !(others > 0.1)) || Date.now() >= deadline) return
    log(`  load average ${load.toFixed(2)}, other processes ${Number.isFinite(others) ? formatPercent(others) : 'n/a'} of the machine over 3 s: waiting for a quiet machine (up to ${Math.ceil((deadline - Date.now()) / 1000)} s more)…`)
    await new Promise((resolve) => setTimeout(resolve, 7000))
  }
}
