import { algNotSupported, invalidArgument } from '../errors.ts'
import { encode } from '../encoding/base64url.ts'
import { asciiBytes, utf8Encode } from '../encoding/utf8.ts'
import { isPlainObject, stringifyJson } from '../serialization/json.ts'
import type { JweHeader } from '../serialization/header.ts'
import { CEK_BITS, GCM_IV_BYTES, gcmEncrypt, importCek, isContentEncryptionAlgorithm } from '../algorithms/content-encryption.ts'
import { KEY_MANAGEMENT_ALGORITHMS, isKeyManagementAlgorithm, wrapCek } from '../algorithms/key-management.ts'
import { quoteAlgorithm } from '../algorithms/names.ts'
import { assertKeyFor } from '../keys/check-key.ts'

/**
 * Encrypts to a compact JWE (RFC 7516 §5.1) with RSA-OAEP key encryption and AES-GCM.
 * `header` is the protected header and must carry "alg" and "enc"; a fresh CEK and IV are
 * drawn for every call.
 *
 * @example
 * const jwe = await compactEncrypt(jwt, recipientPublicKey, { alg: 'RSA-OAEP-256', enc: 'A256GCM', cty: 'JWT' })
 */
export async function compactEncrypt(
  plaintext: Uint8Array | string,
  key: CryptoKey,
  header: JweHeader,
): Promise<string> {
  if (!isPlainObject(header)) throw invalidArgument('header must be a plain object')
  const { alg, enc } = header
  if (!isKeyManagementAlgorithm(alg)) {
    throw algNotSupported(`JWE "alg" ${quoteAlgorithm(alg)} is not supported`)
  }
  if (!isContentEncryptionAlgorithm(enc)) {
    throw algNotSupported(`JWE "enc" ${quoteAlgorithm(enc)} is not supported`)
  }
  if (header.zip !== undefined) throw invalidArgument('JWE "zip" is not supported')
  assertKeyFor(key, alg, KEY_MANAGEMENT_ALGORITHMS[alg], 'encrypt')
  const bytes = typeof plaintext === 'string' ? utf8Encode(plaintext) : plaintext
  if (!(bytes instanceof Uint8Array)) throw invalidArgument('plaintext must be a Uint8Array or a string')

  const rawCek = crypto.getRandomValues(new Uint8Array(CEK_BITS[enc] >>> 3))
  const iv = crypto.getRandomValues(new Uint8Array(GCM_IV_BYTES))
  const protectedSegment = encode(stringifyJson(header, 'header'))
  const [encryptedKey, cek] = await Promise.all([wrapCek(key, rawCek), importCek(rawCek, ['encrypt'])])
  const { ciphertext, tag } = await gcmEncrypt(cek, iv, bytes, asciiBytes(protectedSegment))
  return `${protectedSegment}.${encode(encryptedKey)}.${encode(iv)}.${encode(ciphertext)}.${encode(tag)}`
}
