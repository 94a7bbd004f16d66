import { decryptionFailed } from '../errors.ts'
import { gcmDecrypt } from '../algorithms/content-encryption.ts'
import { KEY_MANAGEMENT_ALGORITHMS, unwrapCek } from '../algorithms/key-management.ts'
import { assertKeyFor } from '../keys/check-key.ts'
import type { ParsedCompactJwe } from './parse-compact-jwe.ts'
import type { JweDecryptPolicy } from './decrypt-policy.ts'

/**
 * Decrypts with the first candidate key that opens the token. Each attempt makes the same
 * Web Crypto calls whether the unwrap succeeds or not, and every failure is the one
 * uniform ERR_JWE_DECRYPTION_FAILED (RFC 7516 §11.5).
 */
export async function decryptParsed(
  parsed: ParsedCompactJwe,
  keys: readonly unknown[],
  policy: JweDecryptPolicy,
): Promise<Uint8Array> {
  const { header, cekBits, cipher } = parsed
  const spec = KEY_MANAGEMENT_ALGORITHMS[header.alg]
  for (const key of keys) assertKeyFor(key, header.alg, spec, 'decrypt')
  for (const key of keys as readonly CryptoKey[]) {
    const cek = await unwrapCek(key, cipher.encryptedKey, cekBits)
    let plaintext: Uint8Array
    try {
      plaintext = await gcmDecrypt(cek, cipher.iv, cipher.ciphertextAndTag, cipher.aad)
    } catch {
      continue // the uniform failure; the next candidate may still open the token
    }
    // Authenticated by now, so inflating cannot serve as an oracle; parseCompactJwe refused "zip" unless
    // enabled. Compression is opt-in and rare, so its module loads on the first zipped token.
    return header.zip === undefined ? plaintext : (await import('./inflate.ts')).inflateRaw(plaintext, policy.zip!.maxDecompressedBytes)
  }
  throw decryptionFailed()
}
