/**
 * Shared by the key-parsing property tests: settle a call with a hang deadline, check that a
 * failure is a JoseError with an expected code whose message (and the messages of its causes)
 * quote neither the input nor any key material (see ../security/support.ts), and the JWK
 * mutations both importKey and the JWK set tests apply.
 */
import { expect } from 'vitest'
import fc from 'fast-check'
import { JoseError, type JoseErrorCode } from '../../src/errors.ts'
import type { RsaKeyAlgorithm as KeyAlgorithm } from '../helpers/keys.ts'
import { WEB_CRYPTO } from '../helpers/keys.ts'
import { assertNoLeak } from '../security/support.ts'

export type Outcome<T> = { kind: 'resolved'; value: T } | { kind: 'rejected'; error: unknown } | { kind: 'hang' }

/**
 * Settles `run()` (a throw counts as a rejection) or gives up after `ms`: a call still pending then
 * counts as a hang. The deadline only detects hangs, reported with the input that caused them (a
 * test timeout would lose the counterexample); it asserts nothing about speed, these calls take
 * milliseconds.
 */
export async function settle<T>(run: () => T | Promise<T>, ms = 5_000): Promise<Outcome<T>> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const hang = new Promise<Outcome<T>>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'hang' }), ms)
  })
  const outcome = (async (): Promise<Outcome<T>> => {
    try {
      return { kind: 'resolved', value: await run() }
    } catch (error) {
      return { kind: 'rejected', error }
    }
  })()
  try {
    return await Promise.race([outcome, hang])
  } finally {
    clearTimeout(timer)
  }
}

const describeError = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}\n${error.stack?.split('\n').slice(1, 4).join('\n')}` : String(error)

/**
 * Asserts that `outcome` is a rejection by a JoseError whose code is one of `codes`, and that
 * neither its message nor that of any cause quotes `inputs` or registered key material.
 */
export function expectJoseFailure(outcome: Outcome<unknown>, codes: readonly JoseErrorCode[], inputs: readonly string[]): JoseError {
  if (outcome.kind === 'hang') expect.fail('the call did not settle within 5 s')
  if (outcome.kind === 'resolved') expect.fail(`expected a JoseError ${codes.join(' or ')}, but the call succeeded`)
  const { error } = outcome
  if (!(error instanceof JoseError)) expect.fail(`not a JoseError: ${describeError(error)}`)
  if (!codes.includes(error.code)) expect.fail(`code ${error.code} (${error.message}), expected ${codes.join(' or ')}`)
  // A cause is reachable by any caller that logs the error, so it is held to the same rule.
  for (let cause: unknown = error; cause instanceof Error; cause = cause.cause) assertNoLeak(cause.message, inputs)
  return error
}

/** True for a Web Crypto CryptoKey (the library's own isCryptoKey is what is under test). */
export const isCryptoKey = (value: unknown): value is CryptoKey => Object.prototype.toString.call(value) === '[object CryptoKey]'

// ---------------------------------------------------------------------------------------------
// Vocabulary of the generators.

/** The RSA algorithms these properties exercise (other key types have their own tests). */
export const ALGS = Object.keys(WEB_CRYPTO) as KeyAlgorithm[]
/** Algorithm names nobody implements here, or spelt wrongly, or inherited from Object.prototype. */
export const UNSUPPORTED = ['none', 'ES256K', 'Ed', 'RSA1_5', 'rs256', 'RSA-OAEP-1', '', 'toString', '__proto__']
export const isSupported = (name: string): name is KeyAlgorithm => (ALGS as string[]).includes(name)

export const pick = <T>(list: readonly T[], n: number): T => list[n % list.length]!

/** `arbitrary` once in `odds` runs, null otherwise. */
export const rarely = <T>(arbitrary: fc.Arbitrary<T>, odds: number): fc.Arbitrary<T | null> =>
  fc.oneof({ weight: odds - 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary })

export const json = fc.jsonValue({ maxDepth: 2 })

// ---------------------------------------------------------------------------------------------
// JWK mutations.

type Member = 'kty' | 'n' | 'e' | 'd' | 'p' | 'q' | 'dp' | 'dq' | 'qi' | 'alg' | 'use' | 'key_ops' | 'ext' | 'kid' | 'oth'
/** RFC 7518 §6.3: the public members, then the private ones. */
export const KEY_MEMBERS = ['n', 'e', 'd', 'p', 'q', 'dp', 'dq', 'qi'] as const
const MEMBERS: Member[] = ['kty', ...KEY_MEMBERS, 'alg', 'use', 'key_ops', 'ext', 'kid', 'oth']

type Corruption =
  | { how: 'char'; at: number; char: string }
  | { how: 'truncate'; at: number }
  | { how: 'pad' | 'standard' | 'trailingBits' | 'leadingZero' | 'empty' | 'repeat' | 'dropLast' }
  | { how: 'other'; from: number }

export type JwkEdit =
  | { kind: 'delete'; member: Member }
  | { kind: 'set'; member: Member; value: unknown }
  | { kind: 'corrupt'; member: (typeof KEY_MEMBERS)[number]; corruption: Corruption }
  | { kind: 'extra'; name: string; value: unknown }

const KEY_OPS = ['sign', 'verify', 'encrypt', 'decrypt', 'wrapKey', 'unwrapKey', 'deriveKey', 'deriveBits', 'Sign', '']

/** Values that a member may take, plausible and not. */
export const memberValue = {
  alg: fc.constantFrom<unknown>(...ALGS, ...UNSUPPORTED, null, 256),
  use: fc.constantFrom<unknown>('sig', 'enc', 'SIG', 'enc ', '', null, ['sig']),
  key_ops: fc.oneof(
    fc.array(fc.constantFrom(...KEY_OPS), { maxLength: 4 }),
    fc.array(fc.oneof(fc.constantFrom(...KEY_OPS), json), { maxLength: 3 }),
    fc.constantFrom<unknown>('sign', 'verify', null, {}, { 0: 'verify', length: 1 }),
  ),
  ext: fc.constantFrom<unknown>(true, false, 'true', 'false', 0, 1, null, []),
  kty: fc.constantFrom<unknown>('RSA', 'rsa', 'RSA ', 'EC', 'oct', 'OKP', '', null, ['RSA']),
  kid: fc.oneof(fc.constantFrom<unknown>('k1', 'k2', 'K1', ''), json),
}

const corruption: fc.Arbitrary<Corruption> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      how: fc.constant('char' as const),
      at: fc.nat(),
      char: fc.constantFrom('+', '/', '=', ' ', '\n', '.', 'é', '\u0000', '\ud800', 'A', '_', '-', '%'),
    }),
  },
  { weight: 2, arbitrary: fc.record({ how: fc.constant('truncate' as const), at: fc.nat() }) },
  {
    weight: 4,
    arbitrary: fc.record({
      how: fc.constantFrom(
        'pad' as const,
        'standard' as const,
        'trailingBits' as const,
        'leadingZero' as const,
        'empty' as const,
        'repeat' as const,
        'dropLast' as const,
      ),
    }),
  },
  { weight: 2, arbitrary: fc.record({ how: fc.constant('other' as const), from: fc.nat() }) },
)

const memberOf = fc.constantFrom(...MEMBERS)

/** One edit of a JWK: a member deleted, set to another value or type, corrupted, or an extra member. */
export const jwkEdit: fc.Arbitrary<JwkEdit> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), member: memberOf }) },
  {
    weight: 3,
    arbitrary: memberOf.chain((member) =>
      fc.record({
        kind: fc.constant('set' as const),
        member: fc.constant(member),
        value: member in memberValue ? fc.oneof({ weight: 3, arbitrary: memberValue[member as keyof typeof memberValue] }, { weight: 1, arbitrary: json }) : json,
      }),
    ),
  },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('corrupt' as const), member: fc.constantFrom(...KEY_MEMBERS), corruption }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('extra' as const),
      name: fc.oneof(fc.constantFrom('x5c', 'x5t', 'crv', 'x', 'k', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'toJSON'), fc.string({ maxLength: 8 })),
      value: json,
    }),
  },
)

function corrupt(value: unknown, c: Corruption, donors: readonly JsonWebKey[]): unknown {
  // An absent or non-string member stays as it is: "set" and "delete" cover those.
  if (typeof value !== 'string') return value
  const text = value
  switch (c.how) {
    case 'char': {
      const at = c.at % (text.length + 1)
      return text.slice(0, at) + c.char + text.slice(at + 1)
    }
    case 'truncate':
      return text.slice(0, c.at % (text.length + 1))
    case 'pad':
      return `${text}=`
    case 'standard':
      return Buffer.from(text, 'base64url').toString('base64')
    case 'trailingBits':
      // The last character with all its bits set: non-zero trailing bits unless the length is 4n.
      return text.slice(0, -1) + (text.length % 4 === 0 ? 'A' : '_')
    case 'leadingZero':
      return `AAAA${text}`
    case 'empty':
      return ''
    case 'repeat':
      return text.repeat(3)
    case 'dropLast':
      return text.slice(0, -1)
    case 'other': {
      // The same member or another one of another key.
      const donor = pick(donors, c.from) as Record<string, unknown>
      return pick(KEY_MEMBERS.map((name) => donor[name]).filter((v) => v !== undefined), c.from)
    }
  }
}

/** `jwk` after `edit`, as a new object; `donors` supply members of other keys. */
export function editJwk(jwk: Record<string, unknown>, edit: JwkEdit, donors: readonly JsonWebKey[]): Record<string, unknown> {
  const out = { ...jwk }
  switch (edit.kind) {
    case 'delete':
      delete out[edit.member]
      break
    case 'set':
      out[edit.member] = edit.value
      break
    case 'corrupt':
      out[edit.member] = corrupt(out[edit.member], edit.corruption, donors)
      break
    case 'extra':
      // defineProperty: "toJSON" or "__proto__" stay data members, as JSON.parse would make them.
      Object.defineProperty(out, edit.name, { value: edit.value, enumerable: true, writable: true, configurable: true })
      break
  }
  return out
}

/** `value` re-parsed from JSON text with a leading "__proto__" member, which JSON.parse makes an own property. */
export function withProtoMember(value: object, proto: unknown): Record<string, unknown> {
  const text = JSON.stringify(value)
  return JSON.parse(`{"__proto__":${JSON.stringify(proto)}${text === '{}' ? '' : ','}${text.slice(1)}`) as Record<string, unknown>
}
