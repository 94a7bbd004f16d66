/** compactDecrypt's one uniform failure for a tampered or mis-addressed token (RFC 7516 §11.5), and on a runtime without AES-192. */
import { describe, expect, it, vi } from 'vitest'
import { randomBytes } from 'node:crypto'
import { compactDecrypt } from '../../src/jwe/compact-decrypt.ts'
import { compactEncrypt } from '../../src/jwe/compact-encrypt.ts'
import { DECRYPTION_FAILED_MESSAGE } from '../../src/errors.ts'
import { expectJoseError } from '../helpers/expect-jose.ts'
import { webCryptoKey } from '../helpers/keys.ts'
import { b64, setSegment } from '../helpers/tokens.ts'
import { OPTIONS, nodeEncrypt } from '../helpers/compact-decrypt-fixture.ts'

describe('compactDecrypt', () => {
  describe('uniform decryption failure (RFC 7516 §11.5)', () => {
    const cases: [string, () => string][] = [
      ['a flipped tag bit', () => {
        const token = nodeEncrypt('RSA-OAEP-256', 'A256GCM', 'x')
        const tag = Buffer.from(token.split('.')[4]!, 'base64url')
        tag[0]! ^= 1
        return setSegment(token, 4, b64(tag))
      }],
      ['a modified ciphertext', () => {
        const token = nodeEncrypt('RSA-OAEP-256', 'A256GCM', 'xyz')
        return setSegment(token, 3, b64(Buffer.from('abc')))
      }],
      ['a modified IV', () => setSegment(nodeEncrypt('RSA-OAEP-256', 'A256GCM', 'x'), 2, b64(randomBytes(12)))],
      ['an encrypted key that does not unwrap', () => setSegment(nodeEncrypt('RSA-OAEP-256', 'A256GCM', 'x'), 1, b64(randomBytes(256)))],
      ['an encrypted key of the wrong length', () => setSegment(nodeEncrypt('RSA-OAEP-256', 'A256GCM', 'x'), 1, b64(randomBytes(17)))],
      ['a 16-byte CEK under A256GCM', () => nodeEncrypt('RSA-OAEP-256', 'A256GCM', 'x', { cek: randomBytes(16) })],
      ['a 32-byte CEK under A128GCM', () => nodeEncrypt('RSA-OAEP-256', 'A128GCM', 'x', { cek: randomBytes(32) })],
      ['a 7-byte CEK', () => nodeEncrypt('RSA-OAEP-256', 'A256GCM', 'x', { cek: randomBytes(7) })],
      ['a token encrypted to another key', () => nodeEncrypt('RSA-OAEP-256', 'A256GCM', 'x', { bits: 3072 })],
    ]
    for (const [name, build] of cases) {
      it(`${name} gives ERR_JWE_DECRYPTION_FAILED with the one message`, async () => {
        const options = { keyManagementAlgorithms: ['RSA-OAEP-256'], contentEncryptionAlgorithms: ['A256GCM', 'A128GCM'] } as const
        for (const usages of [undefined, ['decrypt'] as KeyUsage[]]) {
          const key = await webCryptoKey('RSA-OAEP-256', 'private', 2048, usages)
          const error = await expectJoseError(compactDecrypt(build(), key, options), 'ERR_JWE_DECRYPTION_FAILED')
          expect(error.message).toBe(DECRYPTION_FAILED_MESSAGE)
        }
      })
    }

    it('an unwrap-only key fails the same way under A128GCM and A256GCM (a decoy of the token’s size)', async () => {
      const key = await webCryptoKey('RSA-OAEP-256', 'private', 2048, ['unwrapKey'])
      const options = { keyManagementAlgorithms: ['RSA-OAEP-256'], contentEncryptionAlgorithms: ['A128GCM', 'A256GCM'] } as const
      for (const enc of ['A128GCM', 'A256GCM'] as const) {
        const token = nodeEncrypt('RSA-OAEP-256', enc, 'x')
        expect(Buffer.from((await compactDecrypt(token, key, options)).plaintext).toString()).toBe('x')
        const error = await expectJoseError(compactDecrypt(setSegment(token, 1, b64(randomBytes(256))), key, options), 'ERR_JWE_DECRYPTION_FAILED')
        expect(error.message).toBe(DECRYPTION_FAILED_MESSAGE)
      }
    })

    it('a modified protected header (AAD) fails the tag', async () => {
      const token = nodeEncrypt('RSA-OAEP-256', 'A256GCM', 'x')
      const forged = setSegment(token, 0, b64(JSON.stringify({ enc: 'A256GCM', alg: 'RSA-OAEP-256' })))
      await expectJoseError(compactDecrypt(forged, await webCryptoKey('RSA-OAEP-256', 'private'), OPTIONS), 'ERR_JWE_DECRYPTION_FAILED')
    })
  })

  it('a runtime without AES-192 (Chromium) gives a JoseError for A192GCM, the same for a valid and a forged token', async () => {
    const importKey = crypto.subtle.importKey.bind(crypto.subtle)
    const unwrapKey = crypto.subtle.unwrapKey.bind(crypto.subtle)
    const unsupported = () => Promise.reject(new DOMException('192-bit AES keys are not supported', 'OperationError'))
    const spy = vi.spyOn(crypto.subtle, 'importKey').mockImplementation(((...args: Parameters<typeof importKey>) => {
      const [format, data] = args
      return format === 'raw' && (data as Uint8Array).byteLength === 24 ? unsupported() : importKey(...args)
    }) as typeof importKey)
    const unwrapSpy = vi.spyOn(crypto.subtle, 'unwrapKey').mockImplementation((async (...args: Parameters<typeof unwrapKey>) => {
      const key = await unwrapKey(...args)
      return (key.algorithm as AesKeyAlgorithm).length === 192 ? unsupported() : key
    }) as typeof unwrapKey)
    try {
      const options = { keyManagementAlgorithms: ['RSA-OAEP-256'], contentEncryptionAlgorithms: ['A192GCM'] } as const
      const valid = nodeEncrypt('RSA-OAEP-256', 'A192GCM', 'x')
      // Whether the key may decrypt, or only unwrap (then a failed unwrap continues with a decoy).
      for (const usages of [undefined, ['decrypt'], ['unwrapKey']] as (KeyUsage[] | undefined)[]) {
        const key = await webCryptoKey('RSA-OAEP-256', 'private', 2048, usages)
        for (const token of [valid, setSegment(valid, 1, b64(randomBytes(256)))]) {
          const error = await expectJoseError(compactDecrypt(token, key, options), 'ERR_ALG_NOT_SUPPORTED')
          expect(error.message).toBe('AES-192 not supported by this runtime')
        }
      }
      const publicKey = await webCryptoKey('RSA-OAEP-256', 'public')
      await expectJoseError(compactEncrypt('x', publicKey, { alg: 'RSA-OAEP-256', enc: 'A192GCM' }), 'ERR_ALG_NOT_SUPPORTED')
    } finally {
      spy.mockRestore()
      unwrapSpy.mockRestore()
    }
    // Where AES-192 exists again, an unwrap-only key opens A192GCM: no failed decoy was kept.
    const options = { keyManagementAlgorithms: ['RSA-OAEP-256'], contentEncryptionAlgorithms: ['A192GCM'] } as const
    const unwrapOnly = await webCryptoKey('RSA-OAEP-256', 'private', 2048, ['unwrapKey'])
    const forged = setSegment(nodeEncrypt('RSA-OAEP-256', 'A192GCM', 'x'), 1, b64(randomBytes(256)))
    await expectJoseError(compactDecrypt(forged, unwrapOnly, options), 'ERR_JWE_DECRYPTION_FAILED')
  })
})
