import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { launchPortable, type LaunchOptions } from '../../bench/lib/launch.ts'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const options = (timeoutMs: number, lines: string[] = []): LaunchOptions => ({ root: ROOT, quick: true, timeoutMs, log: (line) => lines.push(line) })

describe('launchPortable never hangs and fails loudly', () => {
  it('returns the result line of a child that reports', async () => {
    const lines: string[] = []
    const result = await launchPortable('node', 'console.log("working"); console.log(\'webjose-bench-result {"ok":1}\')', options(20_000, lines))
    expect(result).toEqual({ ok: 1 })
    expect(lines).toEqual(['  [node] working'])
  })

  it('rejects a child that exits without a result, with its stderr', async () => {
    await expect(launchPortable('node', 'console.error("broken bundle"); process.exit(3)', options(20_000))).rejects.toThrow(/node: exited with code 3 and no result; stderr: broken bundle/)
  })

  it('rejects a result that reports an error', async () => {
    await expect(launchPortable('node', 'console.log(\'webjose-bench-result {"error":"TypeError: x"}\')', options(20_000))).rejects.toThrow('node: TypeError: x')
  })

  it('kills a child that reports nothing within the timeout', async () => {
    const started = Date.now()
    const lines: string[] = []
    await expect(launchPortable('node', 'setInterval(() => {}, 1000)', options(1_000, lines))).rejects.toThrow(/node: exited with SIGKILL/)
    expect(Date.now() - started).toBeLessThan(15_000)
    expect(lines).toContain('  node: no result within 1 s, killed')
  })

  it('rejects, with the server closed, when Chromium cannot start', async () => {
    const saved = process.env.CHROMIUM_PATH
    process.env.CHROMIUM_PATH = '/nonexistent/chromium'
    try {
      await expect(launchPortable('chromium', '', options(20_000))).rejects.toThrow(/executable doesn't exist/)
    } finally {
      if (saved === undefined) delete process.env.CHROMIUM_PATH
      else process.env.CHROMIUM_PATH = saved
    }
  })

  it('rejects a page that throws instead of waiting for the timeout', async () => {
    const started = Date.now()
    await expect(launchPortable('chromium', 'throw new Error("bundle failed")', options(60_000))).rejects.toThrow(/page error: bundle failed/)
    expect(Date.now() - started).toBeLessThan(40_000)
  }, 60_000)
})
