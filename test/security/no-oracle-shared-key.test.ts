/** A*KW, A*GCMKW, PBES2 and dir with GCM and CBC-HS: every decryption failure throws the same error and wrong keys and bad tags make the same calls. */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { randomBytes } from 'node:crypto'
import { compactDecrypt } from '../../src/jwe/compact-decrypt.ts'
import { JoseError } from '../../src/errors.ts'
import { countSubtleCalls, expectIndistinguishable } from '../helpers/decryption-failures.ts'
import { b64, flipBit, rejects } from './support.ts'

afterEach(() => {
  vi.restoreAllMocks()
})

describe('one failure for the shared-key families and CBC-HS (RFC 7516 §11.5)', () => {
  const plaintext = new TextEncoder().encode('{"sub":"alice"}')

  /** A dir + A128CBC-HS256 token whose MAC is valid but whose plaintext padding is not (RFC 7518 §5.2.2.2). */
  async function badPadding(cek: Uint8Array): Promise<string> {
    const { createCipheriv, createHmac } = await import('node:crypto')
    const protectedSegment = b64(Buffer.from(JSON.stringify({ alg: 'dir', enc: 'A128CBC-HS256' })))
    const iv = randomBytes(16)
    const cipher = createCipheriv('aes-128-cbc', cek.subarray(16), iv).setAutoPadding(false)
    const ciphertext = Buffer.concat([cipher.update(Buffer.alloc(16, 0)), cipher.final()])
    const aad = Buffer.from(protectedSegment, 'ascii')
    const al = Buffer.alloc(8)
    al.writeUInt32BE(aad.length * 8, 4)
    const tag = createHmac('sha256', cek.subarray(0, 16)).update(Buffer.concat([aad, iv, ciphertext, al])).digest().subarray(0, 16)
    return [protectedSegment, '', b64(iv), b64(ciphertext), b64(tag)].join('.')
  }

  const cases = [
    ['A256KW', 'A256GCM', 32],
    ['A256KW', 'A256CBC-HS512', 32],
    ['A256GCMKW', 'A128CBC-HS256', 32],
    ['PBES2-HS256+A128KW', 'A256CBC-HS512', 8],
    ['dir', 'A128CBC-HS256', 32],
    ['dir', 'A256GCM', 32],
  ] as const
  for (const [alg, enc, secretBytes] of cases) {
    it(`${alg} + ${enc}: failed unwrap, wrong key, bad tag, bad ciphertext${alg === 'dir' && enc.includes('CBC') ? ', bad padding' : ''} are indistinguishable`, async () => {
      const { importKey } = await import('../../src/keys/import-key.ts')
      const { compactEncrypt } = await import('../../src/jwe/compact-encrypt.ts')
      const secret = new Uint8Array(randomBytes(secretBytes))
      const key = await importKey(secret, alg)
      const other = await importKey(new Uint8Array(randomBytes(secretBytes)), alg)
      const header = { alg, enc, ...(alg.startsWith('PBES2') ? { p2c: 1000 } : {}) }
      const valid = await compactEncrypt(plaintext, key, header)
      const options = { keyManagementAlgorithms: [alg], contentEncryptionAlgorithms: [enc] }
      await expect(compactDecrypt(valid, key, options)).resolves.toBeDefined()
      const failing: [string, CryptoKey][] = [
        [valid, other],
        [flipBit(valid, 4), key],
        [flipBit(valid, 3), key],
        [flipBit(valid, 2), key],
      ]
      if (alg !== 'dir') failing.push([flipBit(valid, 1), key])
      const badPaddingToken = alg === 'dir' && enc.includes('CBC') ? await badPadding(secret) : undefined
      if (badPaddingToken) failing.push([badPaddingToken, key])
      const errors: JoseError[] = []
      for (const [token, k] of failing) errors.push(await rejects(compactDecrypt(token, k, options), 'ERR_JWE_DECRYPTION_FAILED', token))
      expectIndistinguishable(errors)
      // A wrong key and a bad tag make the same Web Crypto calls. (Bad padding needs a valid MAC, so only
      // the key holder can produce it; the padding is never examined before the MAC verifies.)
      const wrongKey = await countSubtleCalls(() => compactDecrypt(valid, other, options))
      expect(await countSubtleCalls(() => compactDecrypt(flipBit(valid, 4), key, options))).toEqual(wrongKey)
      if (enc.includes('CBC')) {
        // Unauthenticated ciphertext is never decrypted: a wrong key or a bad tag stops at the MAC;
        // only a valid MAC reaches AES-CBC, where bad padding fails (one decryption more, README).
        const decryptions = { ...wrongKey, decrypt: wrongKey.decrypt! + 1 }
        expect(await countSubtleCalls(() => compactDecrypt(valid, key, options))).toMatchObject({ decrypt: decryptions.decrypt })
        if (alg === 'dir') expect(await countSubtleCalls(() => compactDecrypt(badPaddingToken!, key, options))).toEqual(decryptions)
      }
    })
  }
})
