/** A small argument parser: `--name value`, `--name=value`, boolean flags, positionals; unknown flags are usage errors. */
export class UsageError extends Error {
  override name = 'UsageError'
}

export type FlagKind = 'string' | 'boolean'

export interface Parsed {
  readonly flags: Map<string, string | true>
  readonly positionals: string[]
}

export function parseArgs(argv: readonly string[], spec: Readonly<Record<string, FlagKind>>): Parsed {
  const flags = new Map<string, string | true>()
  const positionals: string[] = []
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index]!
    if (argument === '--') {
      positionals.push(...argv.slice(index + 1))
      break
    }
    if (!argument.startsWith('--') || argument === '-') {
      positionals.push(argument)
      continue
    }
    const equals = argument.indexOf('=')
    const name = argument.slice(2, equals === -1 ? undefined : equals)
    const kind = spec[name]
    // The unknown flag's name is echoed, never its value (it may be key material).
    if (kind === undefined) throw new UsageError(`unknown option --${name}`)
    if (kind === 'boolean') {
      if (equals !== -1) throw new UsageError(`--${name} takes no value`)
      flags.set(name, true)
      continue
    }
    const value = equals === -1 ? argv[++index] : argument.slice(equals + 1)
    if (value === undefined) throw new UsageError(`--${name} needs a value`)
    flags.set(name, value)
  }
  return { flags, positionals }
}

export function stringFlag(parsed: Parsed, name: string): string | undefined {
  const value = parsed.flags.get(name)
  return typeof value === 'string' ? value : undefined
}

export function requiredFlag(parsed: Parsed, name: string): string {
  const value = stringFlag(parsed, name)
  if (value === undefined) throw new UsageError(`--${name} is required`)
  return value
}

/** A comma-separated list, e.g. --alg RS256,PS256. */
export function listFlag(parsed: Parsed, name: string, fallback: readonly string[]): string[] {
  const value = stringFlag(parsed, name)
  if (value === undefined) return [...fallback]
  const list = value.split(',').map((item) => item.trim()).filter((item) => item !== '')
  if (list.length === 0) throw new UsageError(`--${name} needs at least one value`)
  return list
}

export function intFlag(parsed: Parsed, name: string, fallback: number, min: number): number {
  const value = stringFlag(parsed, name)
  if (value === undefined) return fallback
  if (!/^\d+$/.test(value) || Number(value) < min) throw new UsageError(`--${name} must be an integer ≥ ${min}`)
  return Number(value)
}
