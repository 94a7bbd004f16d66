/** Reading tokens and keys, writing results. Node only. */
import { existsSync, readFileSync, statSync } from 'node:fs'
import { parseKeyText, type KeyMaterial } from './core/key-material.ts'
import { UsageError, stringFlag, type Parsed } from './args.ts'

const MAX_INPUT_BYTES = 1 << 20

/**
 * The first positional argument (the text itself, or a path to a file holding it), else stdin
 * (never a terminal: that would wait forever).
 */
export async function readInput(parsed: Parsed, what: string): Promise<string> {
  const [value, ...rest] = parsed.positionals
  if (rest.length > 0) throw new UsageError(`one ${what} at most`)
  if (value !== undefined && value !== '-') return (isFile(value) ? readFileSync(value, 'utf8') : value).trim()
  if (process.stdin.isTTY) throw new UsageError(`give the ${what} as an argument or on stdin`)
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > MAX_INPUT_BYTES) throw new UsageError(`the ${what} on stdin is over ${MAX_INPUT_BYTES} bytes`)
    chunks.push(chunk)
  }
  const text = Buffer.concat(chunks).toString('utf8').trim()
  if (text === '') throw new UsageError(`no ${what} given (argument or stdin)`)
  return text
}

/**
 * A key flag's value: PEM, JWK or JWK set text, a JWKS URL, or a path to a file holding one of the
 * first three. Errors name the flag, never the value: it may be a private key.
 */
export function readKey(parsed: Parsed, flag: string): KeyMaterial | undefined {
  const value = stringFlag(parsed, flag)
  if (value === undefined) return undefined
  const inline = parseKeyText(value)
  if (inline !== undefined) return inline
  if (!isFile(value)) {
    throw new UsageError(`--${flag}: not a readable file, nor PEM, JWK, JWK set or JWKS URL`)
  }
  const material = parseKeyText(readFileSync(value, 'utf8'))
  if (material === undefined || material.kind === 'url') throw new UsageError(`--${flag}: the file holds no PEM, JWK or JWK set`)
  return material
}

export function requireKey(parsed: Parsed, flag: string): KeyMaterial {
  const material = readKey(parsed, flag)
  if (material === undefined) throw new UsageError(`--${flag} is required`)
  return material
}

/** The PEM or JWK a producing command imports (not a set, not a URL). */
export function singleKey(material: KeyMaterial, flag: string): string | JsonWebKey {
  if (material.kind === 'pem') return material.pem
  if (material.kind === 'jwk') return material.jwk
  throw new UsageError(`--${flag} must be one key (PEM or JWK), not a JWK set or URL`)
}

/** A compact token is never a path that exists; a path is short. */
const isFile = (value: string): boolean => value.length <= 4096 && existsSync(value) && statSync(value).isFile()

export const print = (text: string): void => {
  process.stdout.write(`${text}\n`)
}

export const printJson = (value: unknown): void => print(JSON.stringify(value, null, 2))

/** `--now SECONDS` sets the clock (reproducible output, tests); default the system clock. */
export function nowSeconds(parsed: Parsed): number {
  const value = stringFlag(parsed, 'now')
  if (value === undefined) return Math.floor(Date.now() / 1000)
  if (!/^\d+$/.test(value)) throw new UsageError('--now must be a NumericDate (seconds since 1970)')
  return Number(value)
}
