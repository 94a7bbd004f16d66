import { decryptionFailed } from '../errors.ts'
import { contentDecryption, contentSizes } from '../algorithms/content-encryption.ts'
import { keyManagementFamily } from '../algorithms/key-management.ts'
import { assertKeyFor } from '../keys/check-key.ts'
import { readContent, type ParsedCompactJwe } from './parse-compact-jwe.ts'
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
  const { header, cipher } = parsed
  const { alg, enc } = header
  const family = await keyManagementFamily(alg)
  const content = await contentDecryption(enc)
  // Header parameters of the algorithm ("iv"/"tag", "p2c"/"p2s") are checked before any key is used.
  family.checkHeader?.(parsed, policy)
  const spec = family.specs[alg]!
  // What the spec cannot say (an AES key's size) the family checks before its first Web Crypto call.
  for (const key of keys) assertKeyFor(key, alg, spec, spec.privateUsages[0]!)
  let tried = 0
  const unwrapNext = () => (keys[tried] as CryptoKey | undefined) && family.unwrap(alg, keys[tried++] as CryptoKey, cipher.encryptedKey, header, contentSizes(enc)[0])
  // The content's key-free checks run while the first key unwraps: a token they refuse costs no
  // more than one with a garbage encrypted key, and the unwrap it drops is caught.
  let cek = unwrapNext()
  cek?.catch(() => {})
  const [iv, ciphertextAndTag, aad] = readContent(parsed.segments, enc)
  for (; cek; cek = unwrapNext()) {
    const plaintext = await content.decrypt(enc, await cek, iv, ciphertextAndTag, aad)
    // The uniform failure; the next candidate may still open the token.
    if (plaintext === undefined) continue
    // Authenticated by now, so inflating cannot serve as an oracle; parseCompactJwe refused "zip" unless
    // enabled. Compression is opt-in and rare, so its module loads on the first zipped token.
    return header.zip === undefined ? plaintext : (await import('./inflate.ts')).inflateRaw(plaintext, policy.zip!.maxDecompressedBytes)
  }
  throw decryptionFailed()
}
