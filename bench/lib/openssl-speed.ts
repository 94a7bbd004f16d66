/**
 * The machine's RSA 2048 private-key rate as OpenSSL measures it: `openssl speed -elapsed
 * -seconds N -multi P rsa2048`, the sign phase (one private-key operation each, the dominant
 * step of a token), per second of wall time like the tokens/s it is compared with, so a busy
 * machine slows both alike (opensslRate, section 7). Section 4 keeps its older figure, without
 * -elapsed: openssl then divides by its own CPU user time (opensslSpeed).
 */
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { machineDelta, machineSnapshot, type MachineUse } from './machine.ts'

export interface OpensslRate {
  processes: number
  /** RSA 2048 private-key operations per second of wall time, all processes together. */
  perSecond: number
  machine: MachineUse
}

export type OpensslResult = OpensslRate | { processes: number; error: string }

/**
 * The sum of the per-process "+R1:<count>:2048:<seconds>" lines (the sign phase), or, when they
 * are missing, the summed table row ("rsa 2048 bits 0.000135s 0.000008s 7381.6 132377.0").
 */
export function parseOpensslSpeed(text: string): number | undefined {
  const runs = [...text.matchAll(/\+R1:(\d+):2048:([\d.]+)/g)].map((m) => Number(m[1]) / Number(m[2]))
  if (runs.length > 0 && runs.every(Number.isFinite)) return runs.reduce((sum, rate) => sum + rate, 0)
  const row = /^rsa\s+2048\s+bits\s+[\d.]+s\s+[\d.]+s\s+([\d.]+)\s+[\d.]+\s*$/m.exec(text)
  return row ? Number(row[1]) : undefined
}

export async function opensslRate(processes: number, seconds: number): Promise<OpensslResult> {
  const before = machineSnapshot()
  try {
    const { stdout, stderr } = await promisify(execFile)(
      'openssl',
      ['speed', '-elapsed', '-seconds', String(seconds), '-multi', String(processes), 'rsa2048'],
      { timeout: (seconds * 3 + 30) * 1000, maxBuffer: 1 << 20 },
    )
    const machine = machineDelta(before)
    const perSecond = parseOpensslSpeed(`${stdout}\n${stderr}`)
    if (perSecond === undefined || !(perSecond > 0)) return { processes, error: 'unrecognized openssl speed output' }
    return { processes, perSecond, machine }
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException
    return { processes, error: code === 'ENOENT' ? 'openssl is not installed (no `openssl` on PATH)' : message.split('\n')[0]! }
  }
}

export interface OpensslSpeed {
  processes: number
  /** RSA 2048 private-key operations per second (the "sign/s" column), all processes together. */
  signPerSecond: number
  raw: string
}

export async function opensslSpeed(processes: number, seconds: number): Promise<OpensslSpeed | { processes: number; error: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      'openssl',
      ['speed', '-seconds', String(seconds), '-multi', String(processes), 'rsa2048'],
      { timeout: (seconds * 2 + 30) * 1000, maxBuffer: 1 << 20 },
    )
    const signPerSecond = parseOpensslSpeed(`${stdout}\n${stderr}`)
    if (signPerSecond !== undefined) return { processes, signPerSecond, raw: `openssl speed -multi ${processes}: ${signPerSecond}` }
    return { processes, error: 'unrecognized openssl speed output' }
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException
    return { processes, error: code === 'ENOENT' ? 'openssl is not installed (no `openssl` on PATH)' : message.split('\n')[0]! }
  }
}
