import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'webjose-run-ts-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function run(file: string, ...args: string[]) {
  return spawnSync(process.execPath, [join(ROOT, 'scripts/run-ts.mjs'), file, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 })
}

describe('scripts/run-ts.mjs', () => {
  it('bundles a TypeScript entry with its .ts imports and forwards argv', () => {
    writeFileSync(join(dir, 'helper.ts'), 'export const greet = (name: string): string => `hello ${name}`\n')
    writeFileSync(
      join(dir, 'entry.ts'),
      [
        "import { greet } from './helper.ts'",
        "import { basename } from 'node:path'",
        'const args: readonly string[] = process.argv.slice(2)',
        'console.log(JSON.stringify({ out: greet(args.join("+")), entry: basename(process.argv[1] ?? "") }))',
      ].join('\n'),
    )
    const result = run(join(dir, 'entry.ts'), 'a', 'b c')
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
    expect(JSON.parse(result.stdout)).toEqual({ out: 'hello a+b c', entry: 'entry.ts' })
  })

  it('exits 1 with the location of a syntax error', () => {
    writeFileSync(join(dir, 'broken.ts'), 'const x: number = (\n')
    const result = run(join(dir, 'broken.ts'))
    expect(result.status).toBe(1)
    expect(result.stderr).toMatch(/broken\.ts:\d+:\d+: error:/)
  })

  it('prints usage and exits 2 without an entry', () => {
    const result = run('--help')
    expect(result.status).toBe(2)
    expect(result.stderr).toContain('usage:')
  })
})
