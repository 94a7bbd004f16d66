/** The shape every command module exports. */
import type { FlagKind, Parsed } from './args.ts'

export interface Command {
  readonly name: string
  readonly summary: string
  /** The --help text after the usage line. */
  readonly help: string
  readonly usage: string
  readonly flags: Readonly<Record<string, FlagKind>>
  /** Resolves to the exit code: 0 success, 1 refused token. Usage errors throw UsageError (exit 2). */
  run(parsed: Parsed): Promise<number>
}

/** Flags most commands share. */
export const JSON_FLAG = { json: 'boolean' } as const
