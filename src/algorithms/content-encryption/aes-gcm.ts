import { algNotSupported } from '../../errors.ts'
import type { ContentDecryption } from './family.ts'

// RFC 7518 §5.3: the tag is 128 bits, Web Crypto's default tagLength; parseCompactJwe checked its size.


/**
 * Raw CEK → AES-GCM key. Only a runtime without the key size fails here (Chromium has no AES-192),
 * for every token with that "enc" alike, so saying so is no oracle; it stays a JoseError.
 */
export function importCek(raw: Uint8Array, usages: KeyUsage[]): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', raw as BufferSource, { name: 'AES-GCM' }, false, usages).catch(() => {
    throw algNotSupported(`AES-${raw.length * 8} not supported by this runtime`)
  })
}

export const aesGcm: ContentDecryption = {
  // Web Crypto takes ciphertext and tag as one buffer, which parseCompactJwe decoded without a copy.
  decrypt: async (_enc, cek, iv, ciphertextAndTag, aad) =>
    crypto.subtle
      .decrypt(
        { name: 'AES-GCM', iv: iv as BufferSource, additionalData: aad as BufferSource },
        // importCek's import, written out: the resource-server bundle then carries no importCek.
        await crypto.subtle.importKey('raw', cek as BufferSource, 'AES-GCM', false, ['decrypt']).catch(() => {
          throw algNotSupported(`AES-${cek.length * 8} not supported by this runtime`)
        }),
        ciphertextAndTag as BufferSource,
      )
      .then((plaintext) => new Uint8Array(plaintext), () => undefined),
}
