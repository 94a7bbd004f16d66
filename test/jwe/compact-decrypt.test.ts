import { describe, expect, it, vi } from 'vitest'
import { createCipheriv, createDecipheriv, privateDecrypt, publicEncrypt, randomBytes, constants } from 'node:crypto'
import { compactDecrypt, type CompactDecryptOptions } from '../../src/jwe/compact-decrypt.ts'
import { compactEncrypt } from '../../src/jwe/compact-encrypt.ts'
import { DECRYPTION_FAILED_MESSAGE } from '../../src/errors.ts'
import type { RsaOaepAlgorithm as KeyManagementAlgorithm } from '../../src/algorithms/key-management/rsa-oaep.ts'
import type { ContentEncryptionAlgorithm } from '../../src/algorithms/content-encryption.ts'
import { expectJoseError } from '../helpers/expect-jose.ts'
import { rsaKey, webCryptoKey } from '../helpers/keys.ts'
import { CEK_BYTES, b64, setSegment } from '../helpers/tokens.ts'

const OAEP_HASH: Record<KeyManagementAlgorithm, string> = {
  'RSA-OAEP': 'sha1',
  'RSA-OAEP-256': 'sha256',
  'RSA-OAEP-384': 'sha384',
  'RSA-OAEP-512': 'sha512',
}
const ALL_ALGS = Object.keys(OAEP_HASH) as KeyManagementAlgorithm[]
const ALL_ENCS: ContentEncryptionAlgorithm[] = ['A128GCM', 'A192GCM', 'A256GCM']
const OPTIONS: CompactDecryptOptions = { keyManagementAlgorithms: ['RSA-OAEP-256'], contentEncryptionAlgorithms: ['A256GCM'] }

/** Builds a JWE with node:crypto only, so the decryptor is checked against an independent encryptor. */
function nodeEncrypt(
  alg: KeyManagementAlgorithm,
  enc: ContentEncryptionAlgorithm,
  plaintext: string,
  overrides: { header?: object; cek?: Uint8Array; iv?: Uint8Array; bits?: number } = {},
): string {
  const header = b64(JSON.stringify(overrides.header ?? { alg, enc }))
  const cek = overrides.cek ?? randomBytes(CEK_BYTES[enc])
  const iv = overrides.iv ?? randomBytes(12)
  const encryptedKey = publicEncrypt(
    { key: rsaKey(overrides.bits).publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: OAEP_HASH[alg] },
    cek,
  )
  // A CEK of a size AES cannot use still gets wrapped; the content is then sealed under another key.
  const contentKey = [16, 24, 32].includes(cek.length) ? cek : randomBytes(32)
  const cipher = createCipheriv(`aes-${contentKey.length * 8}-gcm` as 'aes-256-gcm', contentKey, iv)
  cipher.setAAD(Buffer.from(header, 'ascii'))
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
  return [header, b64(encryptedKey), b64(iv), b64(ciphertext), b64(cipher.getAuthTag())].join('.')
}

describe('compactDecrypt', () => {
  describe('interoperates with node:crypto for every alg × enc', () => {
    for (const alg of ALL_ALGS) {
      for (const enc of ALL_ENCS) {
        it(`${alg} + ${enc}: node:crypto encrypts, webjose decrypts`, async () => {
          const key = await webCryptoKey(alg, 'private')
          const { plaintext, header } = await compactDecrypt(nodeEncrypt(alg, enc, 'héllo'), key, {
            keyManagementAlgorithms: [alg],
            contentEncryptionAlgorithms: [enc],
          })
          expect(new TextDecoder().decode(plaintext)).toBe('héllo')
          expect(header).toEqual({ alg, enc })
        })

        it(`${alg} + ${enc}: webjose encrypts, node:crypto decrypts`, async () => {
          const token = await compactEncrypt('payload', await webCryptoKey(alg, 'public'), { alg, enc, kid: 'k1' })
          const [header, encryptedKey, iv, ciphertext, tag] = token.split('.') as [string, string, string, string, string]
          expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({ alg, enc, kid: 'k1' })
          const cek = privateDecrypt(
            { key: rsaKey().privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: OAEP_HASH[alg] },
            Buffer.from(encryptedKey, 'base64url'),
          )
          expect(cek.length).toBe(CEK_BYTES[enc])
          const decipher = createDecipheriv(`aes-${cek.length * 8}-gcm` as 'aes-256-gcm', cek, Buffer.from(iv, 'base64url'))
          decipher.setAAD(Buffer.from(header, 'ascii'))
          decipher.setAuthTag(Buffer.from(tag, 'base64url'))
          const plaintext = Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()])
          expect(plaintext.toString()).toBe('payload')
        })
      }
    }
  })

  it('works with 3072- and 4096-bit keys', async () => {
    for (const bits of [3072, 4096]) {
      const key = await webCryptoKey('RSA-OAEP-256', 'private', bits)
      const { plaintext } = await compactDecrypt(nodeEncrypt('RSA-OAEP-256', 'A256GCM', 'x', { bits }), key, OPTIONS)
      expect(Buffer.from(plaintext).toString()).toBe('x')
    }
  })

  it('passes the header to a key resolver', async () => {
    const key = await webCryptoKey('RSA-OAEP-256', 'private')
    const seen: unknown[] = []
    const token = nodeEncrypt('RSA-OAEP-256', 'A256GCM', 'x', { header: { alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: 'k7' } })
    await compactDecrypt(token, (header) => (seen.push(header.kid), key), OPTIONS)
    expect(seen).toEqual(['k7'])
  })

  it('decrypts with a key limited to "decrypt" (no unwrapKey)', async () => {
    const key = await webCryptoKey('RSA-OAEP-256', 'private', 2048, ['decrypt'])
    const { plaintext } = await compactDecrypt(nodeEncrypt('RSA-OAEP-256', 'A256GCM', 'x'), key, OPTIONS)
    expect(Buffer.from(plaintext).toString()).toBe('x')
  })

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
