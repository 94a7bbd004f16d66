/**
 * Flattened JSON serializations (RFC 7515 §7.2.2, RFC 7516 §7.2.2) of a compact token, and back:
 * with no unprotected header and no aad, both forms carry the same segments.
 */
import { UsageError } from './args.ts'

const JWS_MEMBERS = ['protected', 'payload', 'signature'] as const
const JWE_MEMBERS = ['protected', 'encrypted_key', 'iv', 'ciphertext', 'tag'] as const

export function toJson(compact: string): Record<string, string> {
  const segments = compact.split('.')
  const members = segments.length === 5 ? JWE_MEMBERS : JWS_MEMBERS
  return Object.fromEntries(members.map((name, index) => [name, segments[index]!]))
}

/** A compact token from compact text or a flattened JSON serialization that has only protected members. */
export function toCompact(input: string): string {
  if (!input.startsWith('{')) return input
  let value: unknown
  try {
    value = JSON.parse(input)
  } catch {
    throw new UsageError('the input starts with "{" but is not JSON')
  }
  const object = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>
  const members = 'ciphertext' in object ? JWE_MEMBERS : JWS_MEMBERS
  const extra = Object.keys(object).filter((name) => !(members as readonly string[]).includes(name))
  if (extra.length > 0) throw new UsageError(`only a flattened JSON serialization with protected members converts to compact (has ${extra.join(', ')})`)
  if (!members.every((name) => typeof object[name] === 'string')) throw new UsageError('the JSON serialization lacks a member')
  return members.map((name) => object[name]).join('.')
}
