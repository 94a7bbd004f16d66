/** Failure output: the error code, one line on its meaning, the likely fix. Never key or token material. */
import { JoseError } from '../src/index.ts'
import { explain } from './core/explain.ts'

export interface Failure {
  readonly code: string
  readonly message: string
}

export function toFailure(error: unknown): Failure | undefined {
  return error instanceof JoseError ? { code: error.code, message: error.message } : undefined
}

export function reportFailure(failure: Failure, json: boolean): void {
  const [meaning, fix] = explain(failure.code)
  if (json) {
    process.stdout.write(`${JSON.stringify({ ok: false, error: { ...failure, meaning, fix } }, null, 2)}\n`)
    return
  }
  process.stderr.write(`error: ${failure.code}: ${failure.message}\n  means: ${meaning}\n  fix:   ${fix}\n`)
}
