import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { startWorkerd } from '../../scripts/lib/workerd.mjs'

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

describe('scripts/conformance-workerd.mjs', () => {
  it('exits non-zero by itself when the workerd executable is missing, and conformance.mjs reports it', async () => {
    const alone = await runScript('scripts/conformance-workerd.mjs', [], { WORKERD_PATH: '/nonexistent/workerd' })
    expect(alone.signal).toBeNull()
    expect(alone.code).toBe(1)
    expect(alone.output).toMatch(/workerd: FAILED: .*ENOENT/)
    const matrix = await runScript('scripts/conformance.mjs', ['workerd'], { WORKERD_PATH: '/nonexistent/workerd' })
    expect(matrix.signal).toBeNull()
    expect(matrix.code).toBe(1)
    expect(matrix.output).toMatch(/^workerd +FAIL \(exit 1\)/m)
  }, 70_000)

  it('startWorkerd rejects, with workerd gone, when the Worker fails to load', async () => {
    await expect(startWorkerd({ script: 'throw new Error("broken worker")' })).rejects.toThrow(/workerd did not start: it exited[\s\S]*broken worker/)
  }, 30_000)

  it('startWorkerd serves a Worker on loopback until close()', async () => {
    const server = await startWorkerd({ script: 'export default { fetch: () => new Response("hi") }', bindings: [] })
    try {
      expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      expect(await (await fetch(server.origin)).text()).toBe('hi')
    } finally {
      server.close()
    }
    await expect(fetch(server.origin)).rejects.toThrow()
  }, 30_000)
})
