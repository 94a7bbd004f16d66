import { isRegisteredEnc } from './names.ts'
import type { ContentDecryption, ContentEncryptionFamily } from './content-encryption/family.ts'
import { aesGcm } from './content-encryption/aes-gcm.ts'

export type { ContentDecryption, ContentEncryptionFamily } from './content-encryption/family.ts'

/** RFC 7518 §5.2 (AES-CBC with HMAC-SHA-2) and §5.3 (AES-GCM): every registered "enc". */
export type ContentEncryptionAlgorithm = 'A128GCM' | 'A192GCM' | 'A256GCM' | 'A128CBC-HS256' | 'A192CBC-HS384' | 'A256CBC-HS512'

/** Every registered "enc" is implemented, so the registry's check is this one. */
export const isContentEncryptionAlgorithm = isRegisteredEnc as (enc: unknown) => enc is ContentEncryptionAlgorithm

/**
 * [CEK, IV, tag] sizes in bytes of "enc" (RFC 7518 §5.2.2.1, §5.2.3–5.2.5: a CBC-HS CEK is a MAC key
 * and an AES key of the named size, the tag as long as the MAC key; §5.3: AES-GCM, 96-bit IV, 128-bit tag).
 */
export function contentSizes(enc: ContentEncryptionAlgorithm): [cek: number, iv: number, tag: number] {
  const bits = +enc.slice(1, 4)
  return enc.endsWith('GCM') ? [bits >>> 3, 12, 16] : [bits >>> 2, 16, bits >>> 3]
}

/** The decryption of `enc`: AES-GCM, the resource-server path, in every bundle; CBC-HS loaded on first use (docs/algorithms.md). */
export function contentDecryption(enc: ContentEncryptionAlgorithm): ContentDecryption | Promise<ContentDecryption> {
  return enc.endsWith('GCM') ? aesGcm : import('./content-encryption/aes-cbc-hs.ts').then((m) => m.aesCbcHs)
}

/** The family of `enc` with its encryption, loaded with the first token encrypted. */
export function contentEncryption(enc: ContentEncryptionAlgorithm): Promise<ContentEncryptionFamily> {
  return enc.endsWith('GCM') ? import('./content-encryption/aes-gcm-encrypt.ts').then((m) => m.aesGcmEncryption)
    : import('./content-encryption/aes-cbc-hs.ts').then((m) => m.aesCbcHs)
}
