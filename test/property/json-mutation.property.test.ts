/**
 * Any single mutation of a valid flattened or general JWS (RFC 7515 §7.2) is refused with a
 * JoseError: a bit flipped in the decoded protected header, payload or signature, any character
 * of its JSON text replaced, the text cut short, a member removed or given another type. The key
 * resolver knows only kid "k1", so the unprotected "kid" (which no signature covers) cannot be
 * changed either. A general JWS here has one signature: with several, RFC 7515 §7.2.1 lets the
 * recipient accept the first that verifies, so changes to the others are by design not seen.
 */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { JoseError, flattenedVerify, generalVerify, type JwsHeader } from '../../src/index.ts'
import { webCryptoKey } from '../helpers/keys.ts'
import { nodeFlattened, nodeGeneral } from '../jws/json-support.ts'
import { settle } from './support.ts'

type Mutation =
  | { kind: 'flip'; member: number; byte: number; bit: number }
  | { kind: 'substitute'; at: number; char: string }
  | { kind: 'truncate'; at: number }
  | { kind: 'remove'; member: number }
  | { kind: 'retype'; member: number; value: unknown }

const CHARS = [...'ABCZaz09-_', '.', '=', ' ', '\n', 'é', '\u0000', '"', '{', '}', '[', ',', ':', '\\', '\ud800']
const MEMBERS = ['protected', 'payload', 'signature', 'header'] as const

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), member: fc.nat(), byte: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('substitute' as const), at: fc.nat(), char: fc.constantFrom(...CHARS) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('remove' as const), member: fc.nat() }),
  fc.record({ kind: fc.constant('retype' as const), member: fc.nat(), value: fc.constantFrom(1, null, true, [], {}, '') }),
)

/** The object that holds the signature members: the JWS itself, or its only "signatures" entry. */
const holder = (jws: Record<string, unknown>, name: string) =>
  name === 'payload' || !Array.isArray(jws.signatures) ? jws : (jws.signatures[0] as Record<string, unknown>)

/** The mutated JWS as JSON text, or undefined when the mutation would change nothing. */
function mutate(jws: Record<string, unknown>, m: Mutation, unencoded: boolean): string | undefined {
  const copy = JSON.parse(JSON.stringify(jws)) as Record<string, unknown>
  if (m.kind === 'substitute' || m.kind === 'truncate') {
    const text = JSON.stringify(jws)
    if (m.kind === 'truncate') return text.slice(0, m.at % text.length)
    const at = m.at % text.length
    return text[at] === m.char ? undefined : text.slice(0, at) + m.char + text.slice(at + 1)
  }
  const name = MEMBERS[m.member % MEMBERS.length]!
  const target = holder(copy, name)
  if (m.kind === 'remove') delete target[name]
  else if (m.kind === 'retype') {
    // The same value again (an empty payload set to "") changes nothing.
    if (JSON.stringify(target[name]) === JSON.stringify(m.value)) return undefined
    target[name] = m.value
  }
  else {
    if (name === 'header') return undefined
    const raw = name === 'payload' && unencoded
    const bytes = raw ? Buffer.from(target[name] as string) : Buffer.from(target[name] as string, 'base64url')
    if (bytes.length === 0) return undefined
    const at = m.byte % bytes.length
    bytes[at] = bytes[at]! ^ (1 << m.bit)
    target[name] = raw ? bytes.toString('latin1') : bytes.toString('base64url')
  }
  return JSON.stringify(copy)
}

const KEY = webCryptoKey('RS256', 'public')
const resolver = (header: JwsHeader) => {
  if (header.kid !== 'k1') throw new JoseError('ERR_JWKS_NO_MATCHING_KEY', 'no key for this kid')
  return KEY
}

describe('JSON JWS mutations are refused with a JoseError', () => {
  for (const [name, make, verify] of [
    ['flattened', nodeFlattened, flattenedVerify],
    ['general', (payload: string, spec: object, raw: boolean) => nodeGeneral(payload, [spec], raw), generalVerify],
  ] as const) {
    it(`${name}: any single mutation`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.string({ maxLength: 24 }), fc.boolean(), mutation, async (payload, unencoded, m) => {
          const protectedHeader = unencoded ? { alg: 'RS256', b64: false, crit: ['b64'] } : { alg: 'RS256' }
          const jws = make(payload, { protected: protectedHeader, header: { kid: 'k1' } }, unencoded)
          // The unmutated JWS verifies, so a refusal below is the mutation's doing.
          expect((await verify(jws, resolver, { algorithms: ['RS256'] })).header.kid).toBe('k1')
          const mutated = mutate(jws, m, unencoded)
          if (mutated === undefined) return
          const outcome = await settle(() => verify(mutated, resolver, { algorithms: ['RS256'] }))
          expect(outcome.kind, JSON.stringify(m)).toBe('rejected')
          expect((outcome as { error: unknown }).error).toBeInstanceOf(JoseError)
        }),
        { numRuns: 300 },
      )
    })
  }
})
