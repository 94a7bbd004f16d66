/**
 * A tiny test harness with no dependencies, so the same suite runs unchanged in Node (under
 * vitest), Deno, Bun and a browser page. Tests register at import time; `run()` executes them.
 */

export type TestFn = () => void | Promise<void>

export interface RegisteredTest {
  readonly name: string
  readonly fn?: TestFn
  /** Set for tests that cannot run in this runtime; the reason is printed. */
  readonly skipReason?: string
}

export interface RunResult {
  passed: number
  failed: number
  skipped: number
  failures: { name: string; message: string }[]
}

const registry: RegisteredTest[] = []
const names = new Set<string>()

function register(entry: RegisteredTest): void {
  // Duplicate names would make the per-runtime reports ambiguous.
  if (names.has(entry.name)) throw new Error(`duplicate conformance test name: ${entry.name}`)
  names.add(entry.name)
  registry.push(entry)
}

export function test(name: string, fn: TestFn): void {
  register({ name, fn })
}

export function skip(name: string, reason: string): void {
  register({ name, skipReason: reason })
}

/** Every registered test, in registration order (the vitest runner maps them to `it`). */
export function registeredTests(): readonly RegisteredTest[] {
  return registry
}

/** The closing line CI readers look for: "conformance: N passed, M failed, K skipped". */
export function summaryLine(result: Pick<RunResult, 'passed' | 'failed' | 'skipped'>): string {
  return `conformance: ${result.passed} passed, ${result.failed} failed, ${result.skipped} skipped`
}

/** A run with a failure or with nothing passed (an empty or all-skipped suite proves nothing) fails. */
export function isSuccess(result: Pick<RunResult, 'passed' | 'failed'>): boolean {
  return result.failed === 0 && result.passed > 0
}

export async function run(log: (line: string) => void = (line) => console.log(line)): Promise<RunResult> {
  const result: RunResult = { passed: 0, failed: 0, skipped: 0, failures: [] }
  for (const entry of registry) {
    if (entry.fn === undefined) {
      result.skipped++
      log(`SKIP ${entry.name}: ${entry.skipReason ?? 'skipped'}`)
      continue
    }
    try {
      await entry.fn()
      result.passed++
    } catch (error) {
      result.failed++
      const message = describe(error)
      result.failures.push({ name: entry.name, message })
      log(`FAIL ${entry.name}: ${message}`)
    }
  }
  log(summaryLine(result))
  return result
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code
    return `${error.name}${typeof code === 'string' ? ` [${code}]` : ''}: ${error.message}`
  }
  return String(error)
}

// ---- assertions -------------------------------------------------------------

export class AssertionError extends Error {
  override name = 'AssertionError'
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new AssertionError(message)
}

export function assertEqual<T>(actual: T, expected: T, message = 'values differ'): void {
  if (!Object.is(actual, expected)) {
    throw new AssertionError(`${message}: expected ${show(expected)}, got ${show(actual)}`)
  }
}

export function assertBytesEqual(actual: Uint8Array, expected: Uint8Array, message = 'bytes differ'): void {
  if (actual.length !== expected.length) {
    throw new AssertionError(`${message}: expected ${expected.length} bytes, got ${actual.length}`)
  }
  for (let i = 0; i < actual.length; i++) {
    if (actual[i] !== expected[i]) throw new AssertionError(`${message}: first difference at byte ${i}`)
  }
}

/** Awaits `action` and requires a rejection whose `code` is `code` (a JoseError code). */
export async function assertRejectsWithCode(action: () => unknown, code: string): Promise<void> {
  let error: unknown
  try {
    await action()
  } catch (caught) {
    error = caught
  }
  if (error === undefined) throw new AssertionError(`expected a rejection with ${code}, but it succeeded`)
  const actual = (error as { code?: unknown }).code
  if (actual !== code) {
    throw new AssertionError(`expected ${code}, got ${show(actual)} (${describe(error)})`)
  }
}

function show(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value)
}
