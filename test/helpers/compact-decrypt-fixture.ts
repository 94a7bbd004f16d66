/** What the compactDecrypt tests share: an RSA-OAEP + AES-GCM encryptor written with node:crypto only, and the default allow-lists. */
import { createCipheriv, publicEncrypt, randomBytes, constants } from 'node:crypto'
import type { CompactDecryptOptions } from '../../src/jwe/compact-decrypt.ts'
import type { RsaOaepAlgorithm as KeyManagementAlgorithm } from '../../src/algorithms/key-management/rsa-oaep.ts'
import type { ContentEncryptionAlgorithm } from '../../src/algorithms/content-encryption.ts'
import { rsaKey } from './keys.ts'
import { CEK_BYTES, b64 } from './tokens.ts'

/** The node:crypto OAEP hash of each RSA-OAEP alg. */
export const OAEP_HASH: Record<KeyManagementAlgorithm, string> = {
  'RSA-OAEP': 'sha1',
  'RSA-OAEP-256': 'sha256',
  'RSA-OAEP-384': 'sha384',
  'RSA-OAEP-512': 'sha512',
}

/** The allow-lists of the tokens nodeEncrypt makes by default: RSA-OAEP-256 and A256GCM. */
export const OPTIONS: CompactDecryptOptions = { keyManagementAlgorithms: ['RSA-OAEP-256'], contentEncryptionAlgorithms: ['A256GCM'] }

/** Builds a JWE with node:crypto only, so the decryptor is checked against an independent encryptor. */
export function nodeEncrypt(
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
