/**
 * Whether Debian's python3-jwcrypto can run here, for the jwcrypto interop files. Where it
 * cannot, the file gets one test that skips with the reason, or fails under
 * WEBJOSE_REQUIRE_INTEROP=1 (CI sets it), so a missing peer never passes silently. Where it can,
 * runPython runs a file's helper script.
 */
import { spawn, spawnSync } from 'node:child_process'
import { expect, it } from 'vitest'

/** Debian's, where apt-get installs python3-jwcrypto (not a pyenv python3 on PATH). */
export const PYTHON = '/usr/bin/python3'

/** Registers the availability test when jwcrypto cannot run; returns why, or undefined when it can. */
export function requireJwcrypto(): string | undefined {
  const probe = spawnSync(PYTHON, ['-c', 'import jwcrypto'], { encoding: 'utf8', timeout: 10_000 })
  const unavailable = probe.error
    ? `${PYTHON} cannot run (${probe.error.message})`
    : probe.status !== 0
      ? `${PYTHON} cannot import jwcrypto (${probe.stderr.trim().split('\n').pop()})`
      : undefined
  if (unavailable === undefined) return undefined
  const required = process.env.WEBJOSE_REQUIRE_INTEROP === '1'
  const reason = `python3-jwcrypto interop: ${unavailable}; install it with apt-get install python3-jwcrypto`
  if (!required) console.warn(`SKIPPED ${reason}`)
  it(`python3-jwcrypto is available${required ? ' (WEBJOSE_REQUIRE_INTEROP=1)' : ''}`, (context) => {
    if (required) expect.fail(`${reason}. WEBJOSE_REQUIRE_INTEROP=1 requires it.`)
    context.skip(reason)
  })
  return unavailable
}

/** Runs the Python `script` with `input` as JSON on stdin; resolves with its stdout parsed as JSON. */
export function runPython<T>(script: string, input: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, [script], { stdio: ['pipe', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`${script.split('/').pop()} exited with ${code}: ${stderr}`))
      else resolve(JSON.parse(stdout) as T)
    })
    child.stdin.end(JSON.stringify(input))
  })
}
