/**
 * The throughput mechanism webjose ships (README Performance): a verifier given a PEM imports the
 * RSA key as copiesPerKey CryptoKeys used in turn. Under many tokens at once, every caller must
 * get its own token's claims exactly once, a bad token among them its own JoseError, and the
 * RSA-OAEP work must be spread over the copies.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createVerifier } from '../../src/verifier/create-verifier.ts'
import { JoseError } from '../../src/errors.ts'
import { NESTED_TOKEN_POLICY, cryptoKeyFor, namedKey, nestedToken, segments } from '../helpers/tokens.ts'

const T = 2_000_000_000

let verificationKey: CryptoKey
beforeAll(async () => {
  verificationKey = await cryptoKeyFor(namedKey('signer'), 'RS256', 'public')
})
afterEach(() => {
  vi.restoreAllMocks()
})

describe('key copies under concurrent tokens', () => {
  it('64 tokens in flight at once: each caller gets its own claims once, each bad token its own error, the copies share the work', async () => {
    const verifier = createVerifier({
      decryptionKey: namedKey('recipient').privatePem,
      verificationKey,
      ...NESTED_TOKEN_POLICY,
      now: () => T * 1000,
      cache: false,
    })
    const token = (sub: string, claims: Record<string, unknown> = {}) => nestedToken({ claims: { iat: T, exp: T + 600, sub, ...claims } })
    // Every eighth token is bad in its own way: another audience, expired, or a tampered tag.
    const expected: (string | JoseError['code'])[] = []
    const tokens = Array.from({ length: 64 }, (_, i) => {
      if (i % 8 === 3) return expected.push('ERR_JWT_CLAIM_INVALID'), token(`user-${i}`, { aud: 'https://other.example' })
      if (i % 8 === 5) return expected.push('ERR_JWT_EXPIRED'), token(`user-${i}`, { exp: T - 1 })
      if (i % 8 === 7) {
        expected.push('ERR_JWE_DECRYPTION_FAILED')
        const parts = segments(token(`user-${i}`))
        parts[4] = (parts[4]![0] === 'A' ? 'B' : 'A') + parts[4]!.slice(1)
        return parts.join('.')
      }
      return expected.push(`user-${i}`), token(`user-${i}`)
    })
    // The first token imports the copies; the 64 then run at once.
    await verifier.verify(token('warm-up'))
    const decrypt = vi.spyOn(crypto.subtle, 'decrypt')
    const outcomes = await Promise.all(
      tokens.map((t) => verifier.verify(t).then((result) => result.claims.sub, (error: unknown) => (error instanceof JoseError ? error.code : `not a JoseError: ${String(error)}`))),
    )
    expect(outcomes).toEqual(expected)
    const rsaKeys = decrypt.mock.calls.filter(([algorithm]) => (algorithm as Algorithm).name === 'RSA-OAEP').map(([, key]) => key)
    expect(rsaKeys).toHaveLength(64)
    // copiesPerKey defaults to 4, used in turn: 16 tokens each.
    const perCopy = [...new Set(rsaKeys)].map((key) => rsaKeys.filter((k) => k === key).length)
    expect(perCopy).toEqual([16, 16, 16, 16])
  })
})
