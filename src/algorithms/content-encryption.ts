import { algNotSupported, decryptionFailed } from '../errors.ts'

/** RFC 7518 §5.3: AES-GCM content encryption. */
export type ContentEncryptionAlgorithm = 'A128GCM' | 'A192GCM' | 'A256GCM'

/** CEK size in bits per "enc"; a CEK of any other size is refused (RFC 7518 §5.3). */
export const CEK_BITS: Readonly<Record<ContentEncryptionAlgorithm, 128 | 192 | 256>> = {
  A128GCM: 128,
  A192GCM: 192,
  A256GCM: 256,
}

/** RFC 7518 §5.3: a 96-bit IV and a 128-bit authentication tag for every AES-GCM "enc". */
export const GCM_IV_BYTES = 12
export const GCM_TAG_BYTES = 16

export function isContentEncryptionAlgorithm(enc: unknown): enc is ContentEncryptionAlgorithm {
  return typeof enc === 'string' && Object.hasOwn(CEK_BITS, enc)
}

/**
 * Decrypts `ciphertextAndTag` (the tag is the last 16 bytes, as Web Crypto expects).
 * Every failure is the one uniform decryption error.
 */
export async function gcmDecrypt(
  cek: CryptoKey,
  iv: Uint8Array,
  ciphertextAndTag: Uint8Array,
  aad: Uint8Array,
): Promise<Uint8Array> {
  try {
    const plaintext = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: iv as BufferSource, additionalData: aad as BufferSource, tagLength: 128 },
      cek,
      ciphertextAndTag as BufferSource,
    )
    return new Uint8Array(plaintext)
  } catch {
    throw decryptionFailed()
  }
}

/** Returns ciphertext and tag, split. */
export async function gcmEncrypt(
  cek: CryptoKey,
  iv: Uint8Array,
  plaintext: Uint8Array,
  aad: Uint8Array,
): Promise<{ ciphertext: Uint8Array; tag: Uint8Array }> {
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv: iv as BufferSource, additionalData: aad as BufferSource, tagLength: 128 },
      cek,
      plaintext as BufferSource,
    ),
  )
  const split = sealed.length - GCM_TAG_BYTES
  return { ciphertext: sealed.subarray(0, split), tag: sealed.subarray(split) }
}

/**
 * Raw CEK → AES-GCM key. Only a runtime without the key size fails here (Chromium has no AES-192),
 * for every token with that "enc" alike, so saying so is no oracle; it stays a JoseError.
 */
export function importCek(raw: Uint8Array, usages: KeyUsage[]): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', raw as BufferSource, { name: 'AES-GCM' }, false, usages).catch(() => {
    throw algNotSupported(`AES-${raw.length * 8} not supported by this runtime`)
  })
}
