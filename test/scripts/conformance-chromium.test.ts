import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

/** Runs a script with a hard kill at 60 s: a script that must be killed has hung. */
function runScript(script: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [`${ROOT}${script}`, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk))
    const kill = setTimeout(() => child.kill('SIGKILL'), 60_000)
    child.on('close', (code, signal) => {
      clearTimeout(kill)
      resolve({ code, signal, output })
    })
  })
}

describe('scripts/conformance-chromium.mjs', () => {
  it('exits non-zero by itself, its server closed, when the Chromium executable is missing', async () => {
    const { code, signal, output } = await runScript('scripts/conformance-chromium.mjs', [], { CHROMIUM_PATH: '/nonexistent/chromium' })
    // Killed (signal set) would mean the script hung on its open server.
    expect(signal).toBeNull()
    expect(code).toBe(1)
    expect(output).toMatch(/chromium: FAILED: .*executable doesn't exist/)
  }, 70_000)

  it('makes conformance.mjs report the Chromium failure and exit non-zero', async () => {
    const { code, signal, output } = await runScript('scripts/conformance.mjs', ['chromium'], { CHROMIUM_PATH: '/nonexistent/chromium' })
    expect(signal).toBeNull()
    expect(code).toBe(1)
    expect(output).toMatch(/^chromium +FAIL \(exit 1\)/m)
  }, 70_000)
})
