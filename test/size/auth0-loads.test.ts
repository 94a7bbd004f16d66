/**
 * Holds AUTH0_LOADS (scripts/lib/size-entries.mjs) to what the Auth0 job really loads: the size
 * script counts those import() targets as up-front bytes of the Auth0 rows, so a lazy module the
 * job needs but the list lacks would hide bytes from the budget, and a stale entry would charge
 * bytes the job never loads.
 *
 * The job (auth0-scenario.ts) is bundled with code splitting, as an application bundler does it,
 * so each import() target becomes a chunk of its own; it runs in a child node with a resolve hook
 * that records every module URL resolved. The chunks loaded beyond the entry's static imports are
 * the ones reached through import(); the metafile maps them back to their src/ modules.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import * as esbuild from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AUTH0_LOADS } from '../../scripts/lib/size-entries.mjs'
import { AUDIENCE, ISSUER, namedKey, nestedToken } from '../helpers/tokens.ts'
import type { Auth0Scenario } from './auth0-scenario.ts'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const SCENARIO = fileURLToPath(new URL('auth0-scenario.ts', import.meta.url))
const HOOK = new URL('record-resolved.mjs', import.meta.url).href
const CHILD_TIMEOUT_MS = 30_000

interface Run {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly stdout: string
  readonly stderr: string
}

let work = ''
let entry = ''
let metafile: esbuild.Metafile
const running = new Set<ChildProcess>()

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'webjose-auth0-loads-'))
  const result = await esbuild.build({
    entryPoints: [SCENARIO],
    absWorkingDir: ROOT,
    outdir: join(work, 'out'),
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'es2022',
    metafile: true,
    logLevel: 'silent',
  })
  metafile = result.metafile
  const [entryOutput] = Object.entries(metafile.outputs).filter(([, output]) => output.entryPoint === 'test/size/auth0-scenario.ts')
  if (entryOutput === undefined) throw new Error('esbuild produced no output for the scenario')
  entry = entryOutput[0]
})

afterAll(() => {
  for (const child of running) child.kill('SIGKILL')
  rmSync(work, { recursive: true, force: true })
})

/** Runs the bundled scenario in a child node, killed after CHILD_TIMEOUT_MS. */
function runScenario(scenario: Auth0Scenario, resolvedLog: string): Promise<Run> {
  const register = `import { register } from 'node:module'; register(${JSON.stringify(HOOK)})`
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(register)}`, resolve(ROOT, entry)], {
      cwd: work,
      env: { ...process.env, WEBJOSE_AUTH0_SCENARIO: JSON.stringify(scenario), WEBJOSE_RESOLVED_LOG: resolvedLog },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    running.add(child)
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      fail(new Error(`the Auth0 scenario did not finish within ${CHILD_TIMEOUT_MS} ms`))
    }, CHILD_TIMEOUT_MS)
    child.on('error', (error) => {
      clearTimeout(timer)
      running.delete(child)
      fail(error)
    })
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      running.delete(child)
      done({ code, signal, stdout, stderr })
    })
  })
}

/** The output files `from` imports statically, itself included: what loads before any import(). */
function staticClosure(from: string): Set<string> {
  const closure = new Set<string>()
  const visit = (file: string): void => {
    if (closure.has(file)) return
    closure.add(file)
    for (const imported of metafile.outputs[file]!.imports) if (imported.kind === 'import-statement' && !imported.external) visit(imported.path)
  }
  visit(from)
  return closure
}

describe('AUTH0_LOADS', () => {
  it('lists exactly the src modules the Auth0 job loads through import()', async () => {
    const signer = namedKey('signer')
    const recipient = namedKey('recipient')
    const scenario: Auth0Scenario = {
      pkcs8Pem: recipient.privatePem,
      jwks: JSON.stringify({ keys: [{ ...signer.publicJwk, kid: 'sig-1', use: 'sig', alg: 'RS256' }] }),
      token: nestedToken({ claims: { sub: 'loads-check' } }),
      issuer: ISSUER,
      audience: AUDIENCE,
    }
    const resolvedLog = join(work, 'resolved.log')
    const run = await runScenario(scenario, resolvedLog)
    expect(run, run.stderr).toMatchObject({ code: 0, signal: null })
    expect(run.stdout.trim()).toBe('sub=loads-check')

    // Output files by URL, as the hook saw them; modules outside the bundle (node:*) are not ours.
    const outputs = new Map(Object.keys(metafile.outputs).map((file) => [pathToFileURL(resolve(ROOT, file)).href, file]))
    const loaded = new Set(
      readFileSync(resolvedLog, 'utf8')
        .split('\n')
        .flatMap((url) => outputs.get(url) ?? []),
    )
    const upFront = staticClosure(entry)
    // The hook saw the static graph load: it records what it should.
    expect([...upFront].filter((file) => !loaded.has(file))).toEqual([])

    const lazy = [...loaded].filter((file) => !upFront.has(file))
    // A chunk reached through import() has the imported module as its entry point; chunks it
    // shares with others (imported statically from those) have none.
    const targets = lazy.flatMap((file) => metafile.outputs[file]!.entryPoint ?? [])
    const lazyModules = lazy.flatMap((file) => Object.keys(metafile.outputs[file]!.inputs))
    expect(targets.sort(), `loaded lazily: ${lazyModules.join(', ') || 'nothing'}`).toEqual([...AUTH0_LOADS].sort())
  }, 60_000)
})
