import { isRegisteredEnc } from './names.ts'
import type { ContentEncryptionFamily } from './content-encryption/family.ts'
import { aesGcm } from './content-encryption/aes-gcm.ts'

export type { ContentEncryptionFamily } from './content-encryption/family.ts'

/** RFC 7518 §5.2 (AES-CBC with HMAC-SHA-2) and §5.3 (AES-GCM): every registered "enc". */
export type ContentEncryptionAlgorithm = 'A128GCM' | 'A192GCM' | 'A256GCM' | 'A128CBC-HS256' | 'A192CBC-HS384' | 'A256CBC-HS512'

/** Every registered "enc" is implemented, so the registry's check is this one. */
export const isContentEncryptionAlgorithm = isRegisteredEnc as (enc: unknown) => enc is ContentEncryptionAlgorithm

const isGcm = (enc: string): boolean => enc.endsWith('M')
/** The AES key size "enc" names. */
const aesBits = (enc: string): number => +enc.slice(1, 4)

/** CEK size (RFC 7518 §5.2.3–5.2.5: CBC-HS keys are a MAC key and an AES key of that size; §5.3). */
export const cekBytes = (enc: string): number => aesBits(enc) >>> (isGcm(enc) ? 3 : 2)
/** IV size: 96 bits for AES-GCM (§5.3), one 128-bit AES block for CBC (§5.2.2.1). */
export const ivBytes = (enc: string): number => (isGcm(enc) ? 12 : 16)
/** Tag size: 128 bits for AES-GCM, the MAC key's size for CBC-HS (§5.2.2.1 step 6). */
export const tagBytes = (enc: string): number => (isGcm(enc) ? 16 : aesBits(enc) >>> 3)

/** The family of `enc`: AES-GCM, the resource-server path, in every bundle; CBC-HS loaded on first use (docs/algorithms.md). */
export function contentEncryption(enc: ContentEncryptionAlgorithm): ContentEncryptionFamily | Promise<ContentEncryptionFamily> {
  return isGcm(enc) ? aesGcm : import('./content-encryption/aes-cbc-hs.ts').then((m) => m.aesCbcHs)
}
