/**
 * The JSON JWE verbs (RFC 7516 §7.2) under fast-check: any plaintext, aad and header split round
 * trips in the flattened and general forms, for every recipient; and any single mutation of a
 * valid JWE is refused with a JoseError: a bit flipped in a decoded base64url member, any
 * character of its JSON text replaced, the text cut short, a member removed or given another
 * type. The resolver accepts only the exact joined header it expects, so the unprotected headers
 * (which no tag covers) cannot change either. The general JWE has one recipient: with several,
 * RFC 7516 §7.2.1 lets the recipient use the first that decrypts, so changes to the others are by design not seen.
 */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { JoseError, flattenedDecrypt, flattenedEncrypt, generalDecrypt, generalEncrypt, importKey, type JweHeader } from '../../src/index.ts'
import { settle } from './support.ts'
import { jsonMutation as mutation, mutateJson as mutate } from './jwe-mutations.ts'

const OPTIONS = { keyManagementAlgorithms: ['A128KW', 'A256GCMKW', 'RSA-OAEP-256'], contentEncryptionAlgorithms: ['A128GCM', 'A128CBC-HS256'] } as const
const kw = await importKey(crypto.getRandomValues(new Uint8Array(16)), 'A128KW')
const gcmkw = await importKey(crypto.getRandomValues(new Uint8Array(32)), 'A256GCMKW')
const rsa = await crypto.subtle.generateKey({ name: 'RSA-OAEP', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, false, ['encrypt', 'decrypt'])
const RECIPIENTS = [
  { alg: 'A128KW', encryptKey: kw, decryptKey: kw },
  { alg: 'A256GCMKW', encryptKey: gcmkw, decryptKey: gcmkw },
  { alg: 'RSA-OAEP-256', encryptKey: rsa.publicKey, decryptKey: rsa.privateKey },
] as const

describe('JSON JWE round trips', () => {
  it('flattened: any plaintext and aad, "alg"/"enc" in any header', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 64 }),
        fc.option(fc.uint8Array({ minLength: 1, maxLength: 16 }), { nil: undefined }),
        fc.constantFrom('protected', 'unprotected', 'header'),
        fc.constantFrom('A128GCM', 'A128CBC-HS256'),
        fc.nat({ max: 2 }),
        async (plaintext, aad, place, enc, which) => {
          const { alg, encryptKey, decryptKey } = RECIPIENTS[which]!
          const headers = { protected: { enc }, unprotected: { cty: 'x' }, header: { kid: 'k' } } as Record<string, Record<string, unknown>>
          headers[place]!.alg = alg
          const jwe = await flattenedEncrypt(plaintext, { protectedHeader: headers.protected, unprotectedHeader: headers.unprotected, aad }, { key: encryptKey, header: headers.header })
          const result = await flattenedDecrypt(JSON.stringify(jwe), decryptKey, OPTIONS)
          expect(result.plaintext).toEqual(plaintext)
          expect(result.additionalAuthenticatedData).toEqual(aad)
          expect(result.header).toMatchObject({ alg, enc, cty: 'x', kid: 'k' })
        },
      ),
      { numRuns: 60 },
    )
  })

  it('general: every recipient of one to three decrypts the one ciphertext', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 64 }), fc.shuffledSubarray([0, 1, 2], { minLength: 1 }), async (plaintext, order) => {
        const jwe = await generalEncrypt(plaintext, { protectedHeader: { enc: 'A128GCM' } }, order.map((i) => ({ key: RECIPIENTS[i]!.encryptKey, header: { alg: RECIPIENTS[i]!.alg } })))
        for (const [index, i] of order.entries()) {
          const result = await generalDecrypt(jwe, RECIPIENTS[i]!.decryptKey, OPTIONS)
          expect(result.index).toBe(index)
          expect(result.plaintext).toEqual(plaintext)
        }
      }),
      { numRuns: 25 },
    )
  })
})

const EXPECTED_HEADER = { alg: 'A128KW', enc: 'A128GCM', cty: 'c', kid: 'k1' }
const resolver = (header: JweHeader) => {
  if (JSON.stringify(Object.entries(header).sort()) !== JSON.stringify(Object.entries(EXPECTED_HEADER).sort())) {
    throw new JoseError('ERR_JWKS_NO_MATCHING_KEY', 'no key for this header')
  }
  return kw
}

describe('JSON JWE mutations are refused with a JoseError', () => {
  const shared = { protectedHeader: { alg: 'A128KW', enc: 'A128GCM' }, unprotectedHeader: { cty: 'c' }, aad: 'meta' }
  for (const [name, encrypt, decrypt] of [
    ['flattened', (plaintext: string) => flattenedEncrypt(plaintext, shared, { key: kw, header: { kid: 'k1' } }), flattenedDecrypt],
    ['general', (plaintext: string) => generalEncrypt(plaintext, shared, [{ key: kw, header: { kid: 'k1' } }]), generalDecrypt],
  ] as const) {
    it(`${name}: any single mutation`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.string({ minLength: 1, maxLength: 24 }), mutation, async (plaintext, m) => {
          const jwe = await encrypt(plaintext)
          // The unmutated JWE decrypts, so a refusal below is the mutation's doing.
          expect((await decrypt(jwe, resolver, OPTIONS)).header.kid).toBe('k1')
          const mutated = mutate(jwe, m)
          if (mutated === undefined) return
          const outcome = await settle(() => decrypt(mutated, resolver, OPTIONS))
          expect(outcome.kind, JSON.stringify(m)).toBe('rejected')
          expect((outcome as { error: unknown }).error).toBeInstanceOf(JoseError)
        }),
        { numRuns: 300 },
      )
    })
  }
})
