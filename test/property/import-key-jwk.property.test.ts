/**
 * importKey over RSA JWKs with members deleted, retyped, corrupted, added or contradicting the
 * import, a "__proto__" member, a non-object in place of the JWK, and malformed options.
 *
 * Property: the call resolves to a CryptoKey that fits the algorithm (name, hash, usages, RSA
 * modulus of at least 2048 bits, not extractable unless asked, and every JWK member that
 * constrains the import agreeing with it) or rejects with a JoseError whose code is the one
 * importKey documents for the input (ERR_KEY_INVALID; ERR_ALG_NOT_SUPPORTED for an alg it does
 * not implement, ERR_INVALID_ARGUMENT for malformed options); never another error, never a
 * hang, and no message quotes the input or key material. fast-check prints the seed and the
 * shrunk counterexample on failure.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { importKey } from '../../src/keys/import-key.ts'
import type { RsaKeyAlgorithm as KeyAlgorithm } from '../helpers/keys.ts'
import type { JoseErrorCode } from '../../src/errors.ts'
import { namedKey, WEB_CRYPTO, type TestRsaKey } from '../helpers/keys.ts'
import { editJwk, expectJoseFailure, isSupported, json, KEY_MEMBERS, jwkEdit, pick, rarely, settle, withProtoMember, type JwkEdit, type Outcome } from './support.ts'
import { alg, expectKeyFor, usagesFor } from './import-key-checks.ts'

let main: TestRsaKey
let weak: TestRsaKey

beforeAll(() => {
  main = namedKey('main')
  weak = namedKey('weak', 1024)
})

/** Public and private JWKs of the keys above, some with alg/use/key_ops/ext that fit. */
let jwkSeeds: JsonWebKey[]

interface JwkCase {
  seed: number
  /** Give the seed "alg", "use" and "key_ops" that fit the import before editing, so the edits meet the later checks. */
  fit: boolean
  edits: JwkEdit[]
  /** A "__proto__" member, added as JSON.parse adds it: an own data property. */
  proto: { value: unknown } | null
  /** Replaces the whole JWK (a non-object, an array, ...). */
  replace: { value: unknown } | null
  alg: string
  options: { value: unknown } | null
}

const jwkCase: fc.Arbitrary<JwkCase> = fc.record({
  seed: fc.nat(),
  fit: fc.boolean(),
  edits: fc.array(jwkEdit, { maxLength: 3 }),
  proto: rarely(fc.record({ value: json }), 10),
  replace: rarely(fc.record({ value: fc.oneof(json, fc.constantFrom(null, undefined, [], 'RSA', 0)) }), 30),
  alg,
  options: rarely(
    fc.record({
      value: fc.oneof(
        { weight: 6, arbitrary: fc.record({ extractable: fc.boolean() }) },
        { weight: 1, arbitrary: fc.constantFrom({}, undefined, { extractable: 'yes' }, { extractable: 1 }, null, 'x', [], 0) },
      ),
    }),
    3,
  ),
})

function buildJwk({ seed, fit, edits, proto, replace, alg: name }: JwkCase): unknown {
  if (replace) return replace.value
  const start: Record<string, unknown> = { ...pick(jwkSeeds, seed) }
  if (fit && isSupported(name)) {
    const type = start.d === undefined ? 'public' : 'private'
    Object.assign(start, { alg: name, use: WEB_CRYPTO[name].name === 'RSA-OAEP' ? 'enc' : 'sig', key_ops: usagesFor(name, type) })
  }
  const jwk = edits.reduce((edited, edit) => editJwk(edited, edit, jwkSeeds), start)
  return proto ? withProtoMember(jwk, proto.value) : jwk
}

const own = (jwk: object, name: string): unknown => (Object.prototype.hasOwnProperty.call(jwk, name) ? (jwk as Record<string, unknown>)[name] : undefined)
const isCanonicalBase64url = (value: unknown): boolean =>
  typeof value === 'string' && value.length > 0 && Buffer.from(value, 'base64url').toString('base64url') === value

/** What an imported JWK must have been: RFC 7517 §4 members that agree with the import (README: "refused" otherwise). */
function expectJwkFits(jwk: unknown, key: CryptoKey, name: KeyAlgorithm, extractable: boolean): void {
  expect(typeof jwk === 'object' && jwk !== null && !Array.isArray(jwk)).toBe(true)
  const input = jwk as object
  expect(Object.prototype.hasOwnProperty.call(input, '__proto__')).toBe(false)
  expect(own(input, 'kty')).toBe('RSA')
  const isPrivate = KEY_MEMBERS.slice(2).some((member) => own(input, member) !== undefined)
  expect(key.type).toBe(isPrivate ? 'private' : 'public')
  for (const member of isPrivate ? KEY_MEMBERS : KEY_MEMBERS.slice(0, 2)) expect(isCanonicalBase64url(own(input, member)), member).toBe(true)
  const [algMember, use, ext, keyOps] = ['alg', 'use', 'ext', 'key_ops'].map((member) => own(input, member))
  if (algMember !== undefined) expect(algMember).toBe(name)
  if (use !== undefined) expect(use).toBe(WEB_CRYPTO[name].name === 'RSA-OAEP' ? 'enc' : 'sig')
  if (ext !== undefined && ext !== true) expect(ext).toBe(extractable)
  if (keyOps !== undefined) {
    expect(Array.isArray(keyOps)).toBe(true)
    for (const usage of key.usages) expect(keyOps).toContain(usage)
  }
  if (isPrivate) expect(own(input, 'oth')).toBeUndefined()
}

// ---------------------------------------------------------------------------------------------

/** The documented code for a refused import: alg first, then options, then the material. */
function expectedCode(name: string, options: JwkCase['options']): JoseErrorCode {
  if (!isSupported(name)) return 'ERR_ALG_NOT_SUPPORTED'
  const value = options?.value
  const isObject = typeof value === 'object' && value !== null && !Array.isArray(value)
  const valid = value === undefined || (isObject && [undefined, true, false].includes((value as { extractable?: unknown }).extractable as undefined))
  return valid ? 'ERR_KEY_INVALID' : 'ERR_INVALID_ARGUMENT'
}

describe('importKey never fails with anything but a JoseError', () => {
  beforeAll(() => {
    const sig = (jwk: JsonWebKey, fields: JsonWebKey) => ({ ...jwk, ...fields })
    jwkSeeds = [
      main.privateJwk,
      main.publicJwk,
      sig(main.publicJwk, { alg: 'RS256', use: 'sig', key_ops: ['verify'] }),
      sig(main.privateJwk, { alg: 'RSA-OAEP-256', use: 'enc', key_ops: ['decrypt', 'unwrapKey'], ext: true }),
      weak.privateJwk,
      weak.publicJwk,
    ]
  })

  it('JWK with members deleted, retyped, corrupted, added, contradicting, or "__proto__"', async () => {
    let resolved = 0
    await fc.assert(
      fc.asyncProperty(jwkCase, async (input) => {
        const jwk = buildJwk(input)
        const args = input.options ? [input.options.value] : []
        const outcome: Outcome<CryptoKey> = await settle(() =>
          (importKey as (...args: unknown[]) => Promise<CryptoKey>)(jwk, input.alg, ...args),
        )
        const code = expectedCode(input.alg, input.options)
        if (outcome.kind === 'resolved') {
          resolved++
          // Only the material could have been refused: alg and options were fine.
          expect(code).toBe('ERR_KEY_INVALID')
          const extractable = (input.options?.value as { extractable?: boolean } | undefined)?.extractable ?? false
          expectKeyFor(outcome.value, input.alg as KeyAlgorithm, extractable)
          expectJwkFits(jwk, outcome.value, input.alg as KeyAlgorithm, extractable)
        } else {
          const text = JSON.stringify(jwk) ?? ''
          const values = typeof jwk === 'object' && jwk ? Object.values(jwk).filter((v): v is string => typeof v === 'string') : []
          expectJoseFailure(outcome, [code], [text, ...values])
        }
      }),
      { numRuns: 2000 },
    )
    expect(resolved).toBeGreaterThan(0)
  }, 60_000)
})
