/** compactDecrypt against node:crypto for every RSA-OAEP alg × AES-GCM enc, and the key sizes, resolvers and key usages it decrypts with. */
import { describe, expect, it } from 'vitest'
import { createDecipheriv, privateDecrypt, constants } from 'node:crypto'
import { compactDecrypt } from '../../src/jwe/compact-decrypt.ts'
import { compactEncrypt } from '../../src/jwe/compact-encrypt.ts'
import type { RsaOaepAlgorithm as KeyManagementAlgorithm } from '../../src/algorithms/key-management/rsa-oaep.ts'
import type { ContentEncryptionAlgorithm } from '../../src/algorithms/content-encryption.ts'
import { rsaKey, webCryptoKey } from '../helpers/keys.ts'
import { CEK_BYTES } from '../helpers/tokens.ts'
import { OAEP_HASH, OPTIONS, nodeEncrypt } from '../helpers/compact-decrypt-fixture.ts'

const ALL_ALGS = Object.keys(OAEP_HASH) as KeyManagementAlgorithm[]
const ALL_ENCS: ContentEncryptionAlgorithm[] = ['A128GCM', 'A192GCM', 'A256GCM']

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
})
