/**
 * fast-check over every shared-key alg × enc pair: any plaintext round-trips, and any bit flip or
 * character substitution of a valid token is refused with a JoseError (never accepted, never
 * another exception). Few runs per pair: the pairs multiply.
 */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { compactDecrypt } from '../../src/jwe/compact-decrypt.ts'
import { compactEncrypt } from '../../src/jwe/compact-encrypt.ts'
import { importKey } from '../../src/keys/import-key.ts'
import { JoseError } from '../../src/errors.ts'
import type { KeyManagementAlgorithm } from '../../src/algorithms/key-management.ts'
import type { ContentEncryptionAlgorithm } from '../../src/algorithms/content-encryption.ts'
import { CEK_BYTES } from '../helpers/tokens.ts'

const ENCS: ContentEncryptionAlgorithm[] = ['A128GCM', 'A192GCM', 'A256GCM', 'A128CBC-HS256', 'A192CBC-HS384', 'A256CBC-HS512']
const ALGS: KeyManagementAlgorithm[] = ['dir', 'A128KW', 'A192KW', 'A256KW', 'A128GCMKW', 'A192GCMKW', 'A256GCMKW', 'PBES2-HS256+A128KW', 'PBES2-HS384+A192KW', 'PBES2-HS512+A256KW']
const CHARS = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_', '.', '=', ' ']

function secretFor(alg: KeyManagementAlgorithm, enc: ContentEncryptionAlgorithm): Uint8Array {
  const size = alg === 'dir' ? CEK_BYTES[enc] : alg.startsWith('PBES2') ? 10 : +/A(\d+)/.exec(alg)![1]! / 8
  return crypto.getRandomValues(new Uint8Array(size))
}

describe('shared-key families: round trip and mutation refusal for every pair', () => {
  for (const alg of ALGS) {
    for (const enc of ENCS) {
      it(`${alg} + ${enc}`, async () => {
        const key = await importKey(secretFor(alg, enc), alg)
        const header = { alg, enc, ...(alg.startsWith('PBES2') ? { p2c: 1000 } : {}) }
        const options = { keyManagementAlgorithms: [alg], contentEncryptionAlgorithms: [enc] }
        await fc.assert(
          fc.asyncProperty(fc.uint8Array({ maxLength: 64 }), async (plaintext) => {
            const token = await compactEncrypt(plaintext, key, header)
            expect((await compactDecrypt(token, key, options)).plaintext).toEqual(plaintext)
          }),
          { numRuns: 3 },
        )
        const token = await compactEncrypt('payload', key, header)
        await fc.assert(
          fc.asyncProperty(fc.nat({ max: token.length - 1 }), fc.constantFrom(...CHARS), async (at, char) => {
            fc.pre(token[at] !== char)
            const mutated = token.slice(0, at) + char + token.slice(at + 1)
            const outcome = await compactDecrypt(mutated, key, options).then(
              () => 'accepted',
              (error: unknown) => error,
            )
            // A flip in the last base64url character can leave the decoded bytes unchanged only if
            // the decoder were lenient; webjose's is strict, so every change must be refused.
            expect(outcome).toBeInstanceOf(JoseError)
          }),
          { numRuns: 8 },
        )
      })
    }
  }
})
