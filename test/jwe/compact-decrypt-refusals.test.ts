/** compactDecrypt's refusals before any cryptography (options, allow-lists, header, segment sizes, base64url, length) and of unsuitable keys. */
import { describe, expect, it } from 'vitest'
import { randomBytes } from 'node:crypto'
import { compactDecrypt, type CompactDecryptOptions } from '../../src/jwe/compact-decrypt.ts'
import { expectJoseError } from '../helpers/expect-jose.ts'
import { webCryptoKey } from '../helpers/keys.ts'
import { b64, setSegment } from '../helpers/tokens.ts'
import { OPTIONS, nodeEncrypt } from '../helpers/compact-decrypt-fixture.ts'

describe('compactDecrypt', () => {
  describe('rejects before any cryptography', () => {
    const valid = () => nodeEncrypt('RSA-OAEP-256', 'A256GCM', 'x')
    const key = () => webCryptoKey('RSA-OAEP-256', 'private')
    const header = (value: object) => b64(JSON.stringify(value))

    it.each([
      ['no options', undefined],
      ['an empty keyManagementAlgorithms', { keyManagementAlgorithms: [], contentEncryptionAlgorithms: ['A256GCM'] }],
      ['a missing contentEncryptionAlgorithms', { keyManagementAlgorithms: ['RSA-OAEP-256'] }],
    ])('%s: ERR_INVALID_ARGUMENT', async (_name, options) => {
      await expectJoseError(compactDecrypt(valid(), await key(), options as unknown as CompactDecryptOptions), 'ERR_INVALID_ARGUMENT')
    })

    it.each([
      ['RSA1_5', { keyManagementAlgorithms: ['RSA1_5'], contentEncryptionAlgorithms: ['A256GCM'] }],
      ['ECDH-1PU', { keyManagementAlgorithms: ['ECDH-1PU'], contentEncryptionAlgorithms: ['A256GCM'] }],
      ['RSA1_5', { keyManagementAlgorithms: ['RSA1_5'], contentEncryptionAlgorithms: ['A256GCM'] }],
    ])('an allow-list naming unsupported %s: ERR_ALG_NOT_SUPPORTED', async (_name, options) => {
      await expectJoseError(compactDecrypt(valid(), await key(), options as unknown as CompactDecryptOptions), 'ERR_ALG_NOT_SUPPORTED')
    })

    it('an alg outside the allow-list: ERR_ALG_NOT_ALLOWED, without calling the key resolver', async () => {
      let called = false
      const token = nodeEncrypt('RSA-OAEP', 'A256GCM', 'x')
      await expectJoseError(compactDecrypt(token, () => ((called = true), key()), OPTIONS), 'ERR_ALG_NOT_ALLOWED')
      expect(called).toBe(false)
    })

    it('an enc outside the allow-list: ERR_ALG_NOT_ALLOWED', async () => {
      await expectJoseError(compactDecrypt(nodeEncrypt('RSA-OAEP-256', 'A128GCM', 'x'), await key(), OPTIONS), 'ERR_ALG_NOT_ALLOWED')
    })

    it('an unregistered alg is not quoted in the message', async () => {
      const token = setSegment(valid(), 0, header({ alg: 'evil\nlog line', enc: 'A256GCM' }))
      const error = await expectJoseError(compactDecrypt(token, await key(), OPTIONS), 'ERR_ALG_NOT_ALLOWED')
      expect(error.message).not.toContain('evil')
    })

    it('swapped alg and enc get a message that says so', async () => {
      const token = setSegment(valid(), 0, header({ alg: 'A256GCM', enc: 'RSA-OAEP-256' }))
      const error = await expectJoseError(compactDecrypt(token, await key(), OPTIONS), 'ERR_JWE_INVALID')
      expect(error.message).toMatch(/look swapped/)
    })

    it('zip: ERR_JWE_INVALID', async () => {
      const token = setSegment(valid(), 0, header({ alg: 'RSA-OAEP-256', enc: 'A256GCM', zip: 'DEF' }))
      await expectJoseError(compactDecrypt(token, await key(), OPTIONS), 'ERR_JWE_INVALID')
    })

    it.each([0, 8, 11, 13, 16])('an IV of %i bytes: ERR_JWE_INVALID', async (length) => {
      await expectJoseError(compactDecrypt(setSegment(valid(), 2, b64(randomBytes(length))), await key(), OPTIONS), 'ERR_JWE_INVALID')
    })

    it.each([0, 1, 4, 8, 15, 17, 32])('a tag of %i bytes: ERR_JWE_INVALID', async (length) => {
      await expectJoseError(compactDecrypt(setSegment(valid(), 4, b64(randomBytes(length))), await key(), OPTIONS), 'ERR_JWE_INVALID')
    })

    it('an empty encrypted key: ERR_JWE_INVALID', async () => {
      await expectJoseError(compactDecrypt(setSegment(valid(), 1, ''), await key(), OPTIONS), 'ERR_JWE_INVALID')
    })

    it.each([1, 2, 3, 4])('non-canonical base64url in segment %i: ERR_BASE64URL', async (index) => {
      const token = valid()
      const segment = token.split('.')[index]!
      await expectJoseError(compactDecrypt(setSegment(token, index, segment + '='), await key(), OPTIONS), 'ERR_BASE64URL')
    })

    it.each([['4 segments', 'a.b.c.d'], ['6 segments', 'a.b.c.d.e.f'], ['a JWS', 'a.b.c']])('%s: ERR_JWE_INVALID', async (_n, token) => {
      await expectJoseError(compactDecrypt(token, await key(), OPTIONS), 'ERR_JWE_INVALID')
    })

    it('a token over maxTokenLength: ERR_TOKEN_TOO_LARGE', async () => {
      await expectJoseError(compactDecrypt(valid(), await key(), { ...OPTIONS, maxTokenLength: 100 }), 'ERR_TOKEN_TOO_LARGE')
    })
  })

  describe('refuses unsuitable keys with ERR_KEY_INVALID', () => {
    const token = () => nodeEncrypt('RSA-OAEP-256', 'A256GCM', 'x')
    it.each([
      ['a public key', () => webCryptoKey('RSA-OAEP-256', 'public')],
      ['a key for another OAEP hash', () => webCryptoKey('RSA-OAEP-384', 'private')],
      ['a signing key', () => webCryptoKey('RS256', 'private')],
      ['a 1024-bit key', () => webCryptoKey('RSA-OAEP-256', 'private', 1024)],
      ['not a key', async () => ({ type: 'private' }) as unknown as CryptoKey],
      ['an AES key', () => crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['decrypt']) as Promise<CryptoKey>],
    ])('%s', async (_name, makeKey) => {
      await expectJoseError(compactDecrypt(token(), await makeKey(), OPTIONS), 'ERR_KEY_INVALID')
    })

    it('a resolver that throws', async () => {
      const error = await expectJoseError(compactDecrypt(token(), () => { throw new Error('boom') }, OPTIONS), 'ERR_KEY_INVALID')
      expect(error.cause).toBeInstanceOf(Error)
    })

    it('a resolver that returns nothing', async () => {
      await expectJoseError(compactDecrypt(token(), (() => undefined) as unknown as () => CryptoKey, OPTIONS), 'ERR_KEY_INVALID')
    })
  })
})
