/**
 * HS256/384/512 properties: any payload signed with any secret at least as long as the hash
 * verifies to the same bytes under that secret, and any single mutation of the token (one
 * character substituted, or one bit of a segment's decoded bytes flipped) is refused with a
 * JoseError, never accepted or thrown as anything else.
 */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { compactSign, compactVerify, importKey, JoseError } from '../../src/index.ts'

const HMAC = ['HS256', 'HS384', 'HS512'] as const
const CHARS = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_', '.', '=', '+', '/', ' ', 'é', '\u0000']

const signed = fc
  .record({
    alg: fc.constantFrom(...HMAC),
    extra: fc.nat({ max: 64 }),
    fill: fc.uint8Array({ minLength: 64, maxLength: 64 }),
    payload: fc.uint8Array({ maxLength: 200 }),
    kid: fc.option(fc.string({ maxLength: 20 }), { nil: undefined }),
  })
  .map(({ alg, extra, fill, payload, kid }) => {
    const secret = new Uint8Array(Number(alg.slice(2)) / 8 + extra)
    secret.set(fill.subarray(0, Math.min(secret.length, fill.length)))
    return { alg, secret, payload, header: kid === undefined ? { alg } : { alg, kid } }
  })

describe('HMAC properties', () => {
  it('sign then verify gives back the payload and header', async () => {
    await fc.assert(
      fc.asyncProperty(signed, async ({ alg, secret, payload, header }) => {
        const key = await importKey(secret, alg)
        const result = await compactVerify(await compactSign(payload, key, header), key, { algorithms: [alg] })
        expect(result.payload).toEqual(payload)
        expect(result.header).toEqual(header)
      }),
      { numRuns: 150 },
    )
  })

  it('any single mutation is refused with a JoseError', async () => {
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('substitute' as const), at: fc.nat(), char: fc.constantFrom(...CHARS) }),
      fc.record({ kind: fc.constant('flip' as const), segment: fc.nat({ max: 2 }), byte: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
    )
    await fc.assert(
      fc.asyncProperty(signed, mutation, async ({ alg, secret, payload, header }, m) => {
        const key = await importKey(secret, alg)
        const token = await compactSign(payload, key, header)
        let mutated: string
        if (m.kind === 'substitute') {
          const at = m.at % token.length
          mutated = token.slice(0, at) + m.char + token.slice(at + 1)
        } else {
          const parts = token.split('.')
          const bytes = Buffer.from(parts[m.segment]!, 'base64url')
          if (bytes.length === 0) parts[m.segment] = Buffer.from([1 << m.bit]).toString('base64url')
          else bytes[m.byte % bytes.length]! ^= 1 << m.bit
          if (bytes.length > 0) parts[m.segment] = bytes.toString('base64url')
          mutated = parts.join('.')
        }
        fc.pre(mutated !== token)
        const outcome = await compactVerify(mutated, key, { algorithms: [alg] }).then(
          () => 'accepted',
          (error: unknown) => error,
        )
        expect(outcome).toBeInstanceOf(JoseError)
      }),
      { numRuns: 300 },
    )
  })
})
