/**
 * Runs the CLI as a child process, as a user would: bundled from cli/ and src/ once per test file,
 * then `node cli.mjs ARGS` with stdin given. Every child is killed at its timeout and when the
 * file's tests end, so a hanging command fails its test instead of hanging the run.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect } from 'vitest'
import { bundleCli } from '../../scripts/lib/cli-bundle.mjs'

export interface CliResult {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

const TIMEOUT_MS = 15_000
const running = new Set<ChildProcess>()
let work = ''
let cli = ''

/** Call at the top of a test file: builds the CLI and a scratch directory, cleans both up. */
export function useCli(): { readonly dir: () => string } {
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'webjose-cli-'))
    cli = join(work, 'cli.mjs')
    await bundleCli({ outfile: cli, library: 'bundled' })
  })
  afterAll(() => {
    for (const child of running) child.kill('SIGKILL')
    rmSync(work, { recursive: true, force: true })
  })
  return { dir: () => work }
}

export function runCli(args: readonly string[], input = '', env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: work, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] })
    running.add(child)
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`webjose ${args[0] ?? ''} timed out after ${TIMEOUT_MS} ms`))
    }, TIMEOUT_MS)
    child.on('error', (error) => {
      clearTimeout(timer)
      running.delete(child)
      reject(error)
    })
    child.on('close', (code) => {
      clearTimeout(timer)
      running.delete(child)
      resolve({ code, stdout, stderr })
    })
    child.stdin.on('error', () => {})
    child.stdin.end(input)
  })
}

/**
 * Asserts that no secret, nor any 16-character piece of one, appears in the output: token
 * segments, PEM bodies and private JWK members are all long base64 strings.
 */
export function expectNoSecrets(result: CliResult, secrets: readonly string[]): void {
  const output = `${result.stdout}\n${result.stderr}`
  for (const secret of secrets) {
    for (const piece of secret.split(/[.\s]|-----[A-Z ]+-----/)) {
      for (let start = 0; start + 16 <= piece.length; start += 16) {
        expect(output.includes(piece.slice(start, start + 16)), 'secret material in the output').toBe(false)
      }
    }
  }
}
