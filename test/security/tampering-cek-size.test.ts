/** A CEK of the wrong size wrapped in a valid JWE: never used as it is, never truncated (RFC 7518 §5.3). */
import { describe, it } from 'vitest'
import { constants, publicEncrypt, randomBytes } from 'node:crypto'
import { compactDecrypt } from '../../src/jwe/compact-decrypt.ts'
import { b64, encryptJwe, fileContext, fileTokens, refusals, rejects, setSegment } from './support.ts'

const ctx = fileContext()
const { rejectsJwe } = refusals(ctx)
const valid = fileTokens()

describe('CEK of the wrong size (RFC 7518 §5.3; RFC 7516 §11.5)', () => {
  it('a 16-byte CEK under A256GCM, content sealed with AES-128-GCM under that CEK, is not decrypted', async () => {
    // The downgrade: were the 16-byte CEK used as it is, this token would decrypt.
    const cek = randomBytes(16)
    const token = encryptJwe(valid.jws, { cek, contentKey: cek })
    await rejectsJwe(token, 'ERR_JWE_DECRYPTION_FAILED')
    // Decrypt-only key (no unwrapKey usage): the other code path refuses it too.
    const decryptOnly = await crypto.subtle.importKey(
      'jwk',
      ctx.recipient.privateJwk,
      { name: 'RSA-OAEP', hash: 'SHA-256' },
      false,
      ['decrypt'],
    )
    await rejects(compactDecrypt(token, decryptOnly, ctx.jwe), 'ERR_JWE_DECRYPTION_FAILED', token)
  })

  it('built by hand with publicEncrypt (oaepHash sha256)', async () => {
    const cek = randomBytes(16)
    const encryptedKey = publicEncrypt(
      { key: ctx.recipient.publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
      cek,
    )
    const token = setSegment(encryptJwe(valid.jws, { cek: randomBytes(32) }), 1, b64(encryptedKey))
    await rejectsJwe(token, 'ERR_JWE_DECRYPTION_FAILED')
  })

  for (const size of [0, 1, 15, 17, 24, 31, 33, 64]) {
    it(`a ${size}-byte CEK under A256GCM`, async () => {
      const cek = randomBytes(size)
      const contentKey = [16, 24, 32].includes(size) ? cek : randomBytes(32)
      await rejectsJwe(encryptJwe(valid.jws, { cek, contentKey }), 'ERR_JWE_DECRYPTION_FAILED')
    })
  }

  it('a 32-byte CEK under A128GCM (allowed) is not truncated to 16 bytes', async () => {
    const cek = randomBytes(32)
    const token = encryptJwe(valid.jws, { enc: 'A128GCM', cek, contentKey: cek.subarray(0, 16) })
    const options = { keyManagementAlgorithms: ['RSA-OAEP-256'], contentEncryptionAlgorithms: ['A128GCM'] } as const
    await rejects(compactDecrypt(token, ctx.decryptionKey, options), 'ERR_JWE_DECRYPTION_FAILED', token)
  })
})
