/** The runtime, the machine and the commit a Node bench run measures, as RESULTS.md reports them. */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { availableParallelism, loadavg } from 'node:os'
import { perThreadCpuAvailable } from './cpu.ts'
import type { Environment } from './results.ts'

/** `root` is the repository checkout whose commit is reported (src/ changes not yet committed are flagged). */
export function environment(root: string): Environment {
  let cpu = 'unknown'
  try {
    cpu = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? cpu
  } catch {
    // not Linux
  }
  let commit = 'unknown'
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
    if (dirty.trim() !== '') commit += ' (src/ has uncommitted changes)'
  } catch {
    // not a git checkout
  }
  return {
    date: new Date().toISOString(),
    node: process.version,
    v8: process.versions.v8,
    openssl: process.versions.openssl ?? 'n/a',
    uv: process.versions.uv ?? 'n/a',
    cpu,
    cores: availableParallelism(),
    loadAtStart: loadavg(),
    commit,
    threadpool: process.env.UV_THREADPOOL_SIZE ?? 'default (4)',
    perThreadCpu: perThreadCpuAvailable,
  }
}
