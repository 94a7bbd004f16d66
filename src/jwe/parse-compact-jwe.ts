import { jweInvalid, algNotAllowed } from '../errors.ts'
import { byteLength, decode, decodeIntoBuffer } from '../encoding/base64url.ts'
import { asciiBytes } from '../encoding/utf8.ts'
import { splitCompact } from '../serialization/compact.ts'
import { decodeProtectedHeader, type JweHeader } from '../serialization/header.ts'
import { assertAllowed } from '../algorithms/allow-list.ts'
import { isRegisteredEnc } from '../algorithms/names.ts'
import { contentSizes, type ContentEncryptionAlgorithm } from '../algorithms/content-encryption.ts'
import type { KeyManagementAlgorithm } from '../algorithms/key-management.ts'
import type { JweDecryptPolicy } from './decrypt-policy.ts'

export interface ParsedCompactJwe {
  header: JweHeader & { alg: KeyManagementAlgorithm; enc: ContentEncryptionAlgorithm }
  cipher: { encryptedKey: Uint8Array }
  /** IV, ciphertext and tag are checked by readContent, which decryptParsed calls while the first key unwraps. */
  segments: JweSegments
}

/** RFC 7516 §5.1 steps 14–15: IV, ciphertext and tag in the one buffer Web Crypto takes, and the AAD (the ASCII of the protected header segment, and "." and "aad" in JSON). */
export type JweContent = [iv: Uint8Array, ciphertextAndTag: Uint8Array, aad: Uint8Array]

/**
 * The parts of one JWE, in compact order. The first is the text whose ASCII is the AAD (RFC 7516
 * §5.1 step 14): the protected header segment, to which a JSON form appends "." and its "aad".
 */
export type JweSegments = [aadText: string, encryptedKey: string, iv: string, ciphertext: string, tag: string]

/**
 * The checks that need no key, up to the encrypted key: structure, header, allow-lists, under
 * options resolveJweOptions checked (readContent checks the rest). A JSON JWE (RFC 7516 §7.2)
 * passes each recipient's parts as `token` and its JOSE Header (the union of its headers) as
 * `header`, for the same checks.
 */
export function parseCompactJwe(token: unknown, policy: JweDecryptPolicy, header?: JweHeader): ParsedCompactJwe {
  const segments = header
    ? (token as JweSegments)
    : (splitCompact(token, 5, 'ERR_JWE_INVALID', 'JWE', policy.maxTokenLength) as JweSegments)
  const { alg, enc, zip } = (header ??= decodeProtectedHeader(segments[0], 'JWE', policy))
  if (isRegisteredEnc(alg) && !isRegisteredEnc(enc)) throw jweInvalid('JWE "alg" and "enc" look swapped')
  if (alg === 'dir' && !policy.keyManagementAlgorithms.includes(alg)) {
    // Auth0 answers a token request without an "audience" with such an opaque token.
    throw algNotAllowed('JWE "alg" "dir" not allowed (a /userinfo token?)')
  }
  assertAllowed(alg, policy.keyManagementAlgorithms, 'alg', 'JWE header')
  assertAllowed(enc, policy.contentEncryptionAlgorithms, 'enc', 'JWE header')
  if (zip !== undefined) {
    if (!policy.zip) throw jweInvalid('JWE "zip" not enabled')
    if (zip !== 'DEF') throw jweInvalid('JWE "zip" must be "DEF"')
  }
  const encryptedKey = decode(segments[1], 'JWE encrypted key')
  // Direct encryption ("dir", "ECDH-ES") sends an empty one (RFC 7516 §5.1 step 5), which its family checks.
  if (encryptedKey.length === 0 && alg !== 'dir' && alg !== 'ECDH-ES') throw jweInvalid('JWE encrypted key missing')
  return { header: header as ParsedCompactJwe['header'], cipher: { encryptedKey }, segments }
}

/** The key-free checks of the content: IV and tag sizes of "enc", base64url of IV, ciphertext and tag. */
export function readContent([aadText, , ivSegment, ciphertextSegment, tagSegment]: JweSegments, enc: ContentEncryptionAlgorithm): JweContent {
  const [, ivBytes, tagBytes] = contentSizes(enc)
  const iv = decode(ivSegment, 'JWE IV')
  if (iv.length !== ivBytes) throw jweInvalid(`JWE IV must be ${ivBytes * 8} bits`)
  // Ciphertext and tag are decoded side by side into the one buffer Web Crypto wants, without a copy.
  const ciphertextLength = byteLength(ciphertextSegment, 'JWE ciphertext')
  const tagLength = byteLength(tagSegment, 'JWE tag')
  const ciphertextAndTag = new Uint8Array(ciphertextLength + tagLength)
  decodeIntoBuffer(ciphertextSegment, ciphertextAndTag, 0, 'JWE ciphertext')
  decodeIntoBuffer(tagSegment, ciphertextAndTag, ciphertextLength, 'JWE tag')
  if (tagLength !== tagBytes) throw jweInvalid(`JWE tag must be ${tagBytes * 8} bits`)
  return [iv, ciphertextAndTag, asciiBytes(aadText)]
}
