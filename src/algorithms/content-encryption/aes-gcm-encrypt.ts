import { aesGcm, importCek } from './aes-gcm.ts'
import type { ContentEncryptionFamily } from './family.ts'

/** RFC 7518 §5.3: a 128-bit authentication tag for every AES-GCM "enc". */
const TAG_BYTES = 16

export async function encrypt(_enc: string, cek: Uint8Array, iv: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): Promise<{ ciphertext: Uint8Array; tag: Uint8Array }> {
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv: iv as BufferSource, additionalData: aad as BufferSource }, await importCek(cek, ['encrypt']), plaintext as BufferSource))
  const split = sealed.length - TAG_BYTES
  return { ciphertext: sealed.subarray(0, split), tag: sealed.subarray(split) }
}

/** Encryption is not on the resource-server path: it loads with the first token encrypted. */
export const aesGcmEncryption: ContentEncryptionFamily = { ...aesGcm, encrypt }
