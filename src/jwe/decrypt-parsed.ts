import { decryptionFailed } from '../errors.ts'
import { gcmDecrypt } from '../algorithms/content-encryption.ts'
import { KEY_MANAGEMENT_ALGORITHMS, unwrapCek } from '../algorithms/key-management.ts'
import { assertKeyFor } from '../keys/check-key.ts'
import type { ParsedCompactJwe } from './parse-compact-jwe.ts'

/**
 * Decrypts with the first candidate key that opens the token. Each attempt makes the same
 * Web Crypto calls whether the unwrap succeeds or not, and every failure is the one
 * uniform ERR_JWE_DECRYPTION_FAILED (RFC 7516 §11.5).
 */
export async function decryptParsed(parsed: ParsedCompactJwe, keys: readonly unknown[]): Promise<Uint8Array> {
  const { header, cekBits, cipher } = parsed
  const spec = KEY_MANAGEMENT_ALGORITHMS[header.alg]
  for (const key of keys) assertKeyFor(key, header.alg, spec, 'decrypt')
  for (const key of keys as readonly CryptoKey[]) {
    const cek = await unwrapCek(key, cipher.encryptedKey, cekBits)
    try {
      return await gcmDecrypt(cek, cipher.iv, cipher.ciphertextAndTag, cipher.aad)
    } catch {
      // the uniform failure; the next candidate may still open the token
    }
  }
  throw decryptionFailed()
}
