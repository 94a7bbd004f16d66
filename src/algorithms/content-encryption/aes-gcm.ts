import { algNotSupported } from '../../errors.ts'
import type { ContentEncryptionFamily } from './family.ts'

export const params = (iv: Uint8Array, aad: Uint8Array): AesGcmParams => ({
  name: 'AES-GCM',
  iv: iv as BufferSource,
  additionalData: aad as BufferSource,
  tagLength: 128,
})

/**
 * Raw CEK → AES-GCM key. Only a runtime without the key size fails here (Chromium has no AES-192),
 * for every token with that "enc" alike, so saying so is no oracle; it stays a JoseError.
 */
export function importCek(raw: Uint8Array, usages: KeyUsage[]): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', raw as BufferSource, { name: 'AES-GCM' }, false, usages).catch(() => {
    throw algNotSupported(`AES-${raw.length * 8} not supported by this runtime`)
  })
}

export const aesGcm: ContentEncryptionFamily = {
  // Web Crypto takes ciphertext and tag as one buffer, which parseCompactJwe decoded without a copy.
  decrypt: async (_enc, cek, iv, ciphertextAndTag, aad) =>
    crypto.subtle
      .decrypt(params(iv, aad), await importCek(cek, ['decrypt']), ciphertextAndTag as BufferSource)
      .then((plaintext) => new Uint8Array(plaintext), () => undefined),
  // Encryption is not on the resource-server path: its code loads with the first token encrypted.
  encrypt: (...args) => import('./aes-gcm-encrypt.ts').then((m) => m.encrypt(...args)),
}
