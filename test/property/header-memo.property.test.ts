/**
 * The verifier's header memo (createVerifier) must never change an outcome: for any sequence of
 * protected-header segments, each decoded as a JWS or a JWE header under one options object
 * (crit understood or not, a header length limit or not), decodeProtectedHeader with the memo
 * returns what it returns without it, or fails with the same code.
 */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { decodeProtectedHeader, HEADER_MEMO, type HeaderOptions } from '../../src/serialization/header.ts'
import { VerifierHeaderMemo } from '../../src/verifier/header-memo.ts'
import { JoseError } from '../../src/errors.ts'

const b64 = (text: string) => Buffer.from(text).toString('base64url')

type Outcome = { header: unknown } | { code: string }

function outcome(segment: string, kind: 'JWS' | 'JWE', options: HeaderOptions): Outcome {
  try {
    // Compared as JSON: the memo's header is frozen, the other not.
    return { header: JSON.parse(JSON.stringify(decodeProtectedHeader(segment, kind as 'JWS', options))) }
  } catch (error) {
    expect(error).toBeInstanceOf(JoseError)
    return { code: (error as JoseError).code }
  }
}

/** Header members: registered ones with right and wrong types, an extension, crit lists. */
const member = fc.oneof(
  fc.constantFrom(['alg', 'RS256'], ['alg', 'RSA-OAEP-256'], ['alg', ''], ['alg', 7], ['enc', 'A256GCM'], ['enc', null]),
  fc.constantFrom(['kid', 'k1'], ['kid', 1], ['typ', 'JWT'], ['cty', 'JWT'], ['b64', false], ['b64', 'false']),
  fc.constantFrom(['ext', 1], ['crit', ['ext']], ['crit', []], ['crit', ['alg']], ['crit', ['ext', 'ext']], ['crit', ['missing']], ['crit', 'ext']),
)

/** Segments: JSON objects of those members, and a few that are no header at all. */
const segment = fc.oneof(
  { weight: 8, arbitrary: fc.array(member, { maxLength: 5 }).map((members) => b64(JSON.stringify(Object.fromEntries(members)))) },
  { weight: 1, arbitrary: fc.constantFrom('', 'e30=', b64('[]'), b64('{"alg":'), b64('{"__proto__":{}}'), 'x'.repeat(200)) },
)

describe('header memo (property)', () => {
  it('decodes every sequence of segments and kinds as decoding without a memo does', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(segment, fc.constantFrom('JWS' as const, 'JWE' as const)), { minLength: 1, maxLength: 12 }),
        fc.record({ crit: fc.constantFrom(undefined, ['ext'], ['missing', 'ext']), maxHeaderLength: fc.constantFrom(undefined, 120) }),
        (calls, base) => {
          const options: HeaderOptions = { ...base }
          const memoized: HeaderOptions = { ...base, [HEADER_MEMO]: new VerifierHeaderMemo() }
          // Each sequence twice over, so every segment is also decoded from the memo.
          for (const [text, kind] of [...calls, ...calls]) {
            expect(outcome(text, kind, memoized)).toEqual(outcome(text, kind, options))
          }
        },
      ),
      { numRuns: 300 },
    )
  })
})
