/**
 * Single mutations of a valid JWE, for the JWE property tests: of a compact token, one segment
 * changed (a bit flipped in its decoded bytes, emptied, or one character replaced); of a JSON
 * JWE, one member changed (a bit flipped in a decoded base64url member, removed, given another
 * type) or its JSON text cut short or given another character. Each kind comes as a fast-check
 * arbitrary and, for the tests that must reach every segment or member whatever the seed, as the
 * full list for a given JWE.
 */
import { expect } from 'vitest'
import fc from 'fast-check'
import { JoseError } from '../../src/errors.ts'
import type { Outcome } from './support.ts'

const CHARS = [...'ABCZaz09-_', '.', '=', ' ', '\n', 'é', '\u0000', '"', '{', '}', '[', ',', ':', '\\', '\ud800']

/** Asserts that a mutated JWE was refused with a JoseError: not accepted, no other exception, no hang. */
export function expectRefused(outcome: Outcome<unknown>, mutation: unknown): void {
  const what = JSON.stringify(mutation)
  if (outcome.kind === 'resolved') expect.fail(`a mutated JWE was accepted: ${what}`)
  if (outcome.kind === 'hang') expect.fail(`decryption did not settle within 5 s: ${what}`)
  const { error } = outcome as { error: unknown }
  if (!(error instanceof JoseError)) expect.fail(`not a JoseError (${what}): ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`)
}

// ---------------------------------------------------------------------------------------------
// Compact (RFC 7516 §7.1): five base64url segments.

export type CompactMutation =
  | { kind: 'flip'; segment: number; byte: number; bit: number }
  | { kind: 'empty'; segment: number }
  | { kind: 'substitute'; at: number; char: string }

export const compactMutation: fc.Arbitrary<CompactMutation> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('flip' as const), segment: fc.nat({ max: 4 }), byte: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('empty' as const), segment: fc.nat({ max: 4 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('substitute' as const), at: fc.nat(), char: fc.constantFrom(...CHARS) }) },
)

/** The mutated token, or undefined when the mutation would change nothing. */
export function mutateCompact(token: string, m: CompactMutation): string | undefined {
  if (m.kind === 'substitute') {
    const at = m.at % token.length
    return token[at] === m.char ? undefined : token.slice(0, at) + m.char + token.slice(at + 1)
  }
  const parts = token.split('.')
  if (m.kind === 'empty') {
    if (parts[m.segment] === '') return undefined
    parts[m.segment] = ''
  } else {
    const bytes = Buffer.from(parts[m.segment]!, 'base64url')
    // An empty segment ("dir", direct ECDH-ES) gets a byte instead.
    if (bytes.length === 0) parts[m.segment] = Buffer.from([1 << m.bit]).toString('base64url')
    else {
      const at = m.byte % bytes.length
      bytes[at] = bytes[at]! ^ (1 << m.bit)
      parts[m.segment] = bytes.toString('base64url')
    }
  }
  return parts.join('.')
}

/** Every segment of `token` emptied, and with a bit of its middle byte flipped. */
export function everySegmentMutation(token: string): CompactMutation[] {
  return token.split('.').flatMap((segment, index): CompactMutation[] => [
    { kind: 'empty', segment: index },
    { kind: 'flip', segment: index, byte: Buffer.from(segment, 'base64url').length >>> 1, bit: 0 },
  ])
}

// ---------------------------------------------------------------------------------------------
// JSON (RFC 7516 §7.2): flattened, or general with one recipient.

export type JsonMutation =
  | { kind: 'flip'; member: number; byte: number; bit: number }
  | { kind: 'substitute'; at: number; char: string }
  | { kind: 'truncate'; at: number }
  | { kind: 'remove'; member: number }
  | { kind: 'retype'; member: number; value: unknown }

const MEMBERS = ['protected', 'unprotected', 'header', 'encrypted_key', 'aad', 'iv', 'ciphertext', 'tag', 'recipients'] as const
const BASE64URL = new Set(['protected', 'encrypted_key', 'aad', 'iv', 'ciphertext', 'tag'])
const RETYPED = [1, null, true, [], {}, ''] as const

export const jsonMutation: fc.Arbitrary<JsonMutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), member: fc.nat(), byte: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('substitute' as const), at: fc.nat(), char: fc.constantFrom(...CHARS) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('remove' as const), member: fc.nat() }),
  fc.record({ kind: fc.constant('retype' as const), member: fc.nat(), value: fc.constantFrom(...RETYPED) }),
)

/** The object that holds a member: the JWE itself, or its only recipient for "header" and "encrypted_key". */
const holder = (jwe: Record<string, any>, name: string): Record<string, any> =>
  Array.isArray(jwe.recipients) && (name === 'header' || name === 'encrypted_key') ? jwe.recipients[0] : jwe

/** The mutated JWE as JSON text, or undefined when the mutation would change nothing. */
export function mutateJson(jwe: object, m: JsonMutation): string | undefined {
  const text = JSON.stringify(jwe)
  if (m.kind === 'truncate') return text.slice(0, m.at % text.length)
  if (m.kind === 'substitute') {
    const at = m.at % text.length
    return text[at] === m.char ? undefined : text.slice(0, at) + m.char + text.slice(at + 1)
  }
  const copy = JSON.parse(text) as Record<string, any>
  const name = MEMBERS[m.member % MEMBERS.length]!
  const target = holder(copy, name)
  if (m.kind === 'remove') {
    if (!(name in target)) return undefined
    delete target[name]
  } else if (m.kind === 'retype') {
    if (JSON.stringify(target[name]) === JSON.stringify(m.value)) return undefined
    target[name] = m.value
  } else {
    if (!BASE64URL.has(name) || typeof target[name] !== 'string') return undefined
    const bytes = Buffer.from(target[name], 'base64url')
    // An empty member (a "dir" or direct ECDH-ES "encrypted_key") has no bit to flip.
    if (bytes.length === 0) return undefined
    const at = m.byte % bytes.length
    bytes[at] = bytes[at]! ^ (1 << m.bit)
    target[name] = bytes.toString('base64url')
  }
  return JSON.stringify(copy)
}

/** Every member removed, given each other type, and (a base64url member) with a bit of its middle byte flipped. */
export function everyMemberMutation(jwe: object): JsonMutation[] {
  const members = JSON.parse(JSON.stringify(jwe)) as Record<string, any>
  return MEMBERS.flatMap((name, member): JsonMutation[] => {
    const value = holder(members, name)[name]
    return [
      { kind: 'remove', member },
      ...RETYPED.map((retyped): JsonMutation => ({ kind: 'retype', member, value: retyped })),
      { kind: 'flip', member, byte: typeof value === 'string' ? Buffer.from(value, 'base64url').length >>> 1 : 0, bit: 0 },
    ]
  })
}
