/**
 * The two properties every JWE alg × enc pair is held to, in the compact, flattened and general
 * serializations: any plaintext (and aad) round-trips, and every single mutation of a valid JWE
 * (jwe-mutations.ts) is refused with a JoseError. Each serialization gets every segment or member
 * mutation (so every one is reached whatever the seed), then `runs` random ones.
 *
 * In the flattened JWE "alg" (and so an ECDH-ES "epk", the algorithm's parameters) is protected,
 * in the general one it is in the recipient's unprotected header. The resolver gives the key
 * only for the exact joined header the unmutated JWE has, so a change to an unprotected header,
 * which no tag covers (RFC 7516 §7.2.1), is refused too.
 */
import { expect } from 'vitest'
import fc from 'fast-check'
import {
  compactDecrypt,
  compactEncrypt,
  flattenedDecrypt,
  flattenedEncrypt,
  generalDecrypt,
  generalEncrypt,
  JoseError,
  type ContentEncryptionAlgorithm,
  type JweHeader,
  type KeyManagementAlgorithm,
} from '../../src/index.ts'
import { settle } from './support.ts'
import {
  compactMutation,
  everyMemberMutation,
  everySegmentMutation,
  expectRefused,
  jsonMutation,
  mutateCompact,
  mutateJson,
  type CompactMutation,
  type JsonMutation,
} from './jwe-mutations.ts'

export interface PairKeys {
  encrypt: CryptoKey
  decrypt: CryptoKey
}

const allow = (alg: KeyManagementAlgorithm, enc: ContentEncryptionAlgorithm) => ({ keyManagementAlgorithms: [alg], contentEncryptionAlgorithms: [enc] })

/** The three serializations of one plaintext, with "kid" k1, a shared "cty" and aad in the JSON forms. */
async function encryptAll(alg: KeyManagementAlgorithm, enc: ContentEncryptionAlgorithm, key: CryptoKey, plaintext: Uint8Array | string, aad?: Uint8Array | string) {
  const shared = { unprotectedHeader: { cty: 'c' }, ...(aad && { aad }) }
  return {
    compact: await compactEncrypt(plaintext, key, { alg, enc, kid: 'k1' }),
    flattened: await flattenedEncrypt(plaintext, { ...shared, protectedHeader: { alg, enc } }, { key, header: { kid: 'k1' } }),
    general: await generalEncrypt(plaintext, { ...shared, protectedHeader: { enc } }, [{ key, header: { alg, kid: 'k1' } }]),
  }
}

/** Any plaintext and aad round-trip in each serialization (`runs` runs of all three). */
export async function assertRoundTrips(alg: KeyManagementAlgorithm, enc: ContentEncryptionAlgorithm, keys: PairKeys, runs: number): Promise<void> {
  const options = allow(alg, enc)
  await fc.assert(
    fc.asyncProperty(fc.uint8Array({ maxLength: 64 }), fc.option(fc.uint8Array({ minLength: 1, maxLength: 16 }), { nil: undefined }), async (plaintext, aad) => {
      const { compact, flattened, general } = await encryptAll(alg, enc, keys.encrypt, plaintext, aad)
      const json = [await flattenedDecrypt(flattened, keys.decrypt, options), await generalDecrypt(general, keys.decrypt, options)]
      for (const result of [await compactDecrypt(compact, keys.decrypt, options), ...json]) {
        expect(result.plaintext).toEqual(plaintext)
        expect(result.header).toMatchObject({ alg, enc, kid: 'k1' })
      }
      for (const result of json) expect(result.additionalAuthenticatedData).toEqual(aad)
    }),
    { numRuns: runs },
  )
}

/** A resolver with the key for `expected` only, exactly: any other joined header has no key. */
const exactly = (expected: JweHeader, key: CryptoKey) => (header: JweHeader) => {
  if (JSON.stringify(header) !== JSON.stringify(expected)) throw new JoseError('ERR_JWKS_NO_MATCHING_KEY', 'no key for this header')
  return key
}

/** Every segment or member mutation, then `runs` random ones, of each serialization is refused with a JoseError. */
export async function assertMutationsRefused(alg: KeyManagementAlgorithm, enc: ContentEncryptionAlgorithm, keys: PairKeys, runs: number): Promise<void> {
  const options = allow(alg, enc)
  const { compact, flattened, general } = await encryptAll(alg, enc, keys.encrypt, 'payload', 'meta')
  // The unmutated JWEs decrypt, so every refusal below is the mutation's doing.
  expect((await compactDecrypt(compact, keys.decrypt, options)).header.kid).toBe('k1')
  /** Whether the mutation changed the JWE (and so was tried). */
  const refusesCompact = async (m: CompactMutation): Promise<boolean> => {
    const mutated = mutateCompact(compact, m)
    if (mutated !== undefined) expectRefused(await settle(() => compactDecrypt(mutated, keys.decrypt, options)), m)
    return mutated !== undefined
  }
  let tried = 0
  for (const m of everySegmentMutation(compact)) tried += +(await refusesCompact(m))
  // Every segment flipped, and every one emptied but the empty encrypted key of direct ECDH-ES.
  expect(tried).toBe(5 + compact.split('.').filter(Boolean).length)
  await fc.assert(fc.asyncProperty(compactMutation, async (m) => void (await refusesCompact(m))), { numRuns: runs })

  for (const [jwe, decrypt] of [
    [flattened, flattenedDecrypt],
    [general, generalDecrypt],
  ] as const) {
    const key = exactly((await decrypt(jwe, keys.decrypt, options)).header, keys.decrypt)
    const refusesJson = async (m: JsonMutation): Promise<boolean> => {
      const mutated = mutateJson(jwe, m)
      if (mutated !== undefined) expectRefused(await settle(() => decrypt(mutated, key, options)), m)
      return mutated !== undefined
    }
    const every = everyMemberMutation(jwe)
    tried = 0
    for (const m of every) tried += +(await refusesJson(m))
    // Only removals of absent members and flips of non-base64url ones change nothing.
    expect(tried).toBeGreaterThan(every.length * 0.7)
    await fc.assert(fc.asyncProperty(jsonMutation, async (m) => void (await refusesJson(m))), { numRuns: runs })
  }
}
