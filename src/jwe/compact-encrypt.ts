import { algNotSupported, invalidArgument, keyInvalid } from '../errors.ts'
import { encode } from '../encoding/base64url.ts'
import { asciiBytes, utf8Encode } from '../encoding/utf8.ts'
import { isPlainObject, stringifyJson } from '../serialization/json.ts'
import type { JweHeader } from '../serialization/header.ts'
import { contentEncryption, contentSizes, isContentEncryptionAlgorithm } from '../algorithms/content-encryption.ts'
import { isKeyManagementAlgorithm, keyWrapFamily } from '../algorithms/key-management.ts'
import { quoteAlgorithm } from '../algorithms/names.ts'
import { assertKeyFor } from '../keys/check-key.ts'

/**
 * Encrypts to a compact JWE (RFC 7516 §5.1). `header` is the protected header and must carry
 * "alg" and "enc"; a fresh CEK (except for "dir", whose key is the CEK) and IV are drawn for
 * every call. Header parameters of the algorithm ("iv"/"tag" of AES-GCMKW, "p2s"/"p2c" of
 * PBES2, which the caller may set) are added to it.
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
  const family = await keyWrapFamily(alg)
  const spec = family.specs[alg]!
  // Web Crypto gives an ECDH public key no usages, so its spec lists none and only the key's type says it is one.
  if (spec.publicUsages.length === 0 && (key as Partial<CryptoKey> | undefined)?.type === 'private') throw keyInvalid(`${alg} encrypts to the recipient's public key`)
  assertKeyFor(key, alg, spec, spec.publicUsages[0])
  const bytes = typeof plaintext === 'string' ? utf8Encode(plaintext) : plaintext
  if (!(bytes instanceof Uint8Array)) throw invalidArgument('plaintext must be a Uint8Array or a string')

  const [cekBytes, ivBytes] = contentSizes(enc)
  const { encryptedKey, cek, headerParameters } = await family.wrap(alg, key, cekBytes, header)
  const protectedSegment = encode(stringifyJson(headerParameters ? { ...header, ...headerParameters } : header, 'header'))
  const iv = crypto.getRandomValues(new Uint8Array(ivBytes))
  const { ciphertext, tag } = await (await contentEncryption(enc)).encrypt(enc, cek, iv, bytes, asciiBytes(protectedSegment))
  return `${protectedSegment}.${encode(encryptedKey)}.${encode(iv)}.${encode(ciphertext)}.${encode(tag)}`
}
