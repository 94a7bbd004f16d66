import { jweInvalid } from '../errors.ts'
import type { JweHeader } from '../serialization/header.ts'
import { resolveKey, type KeyInput } from '../keys/resolve-key.ts'
import { resolveJweOptions, type JweDecryptionOptions } from './decrypt-policy.ts'
import { decryptParsed } from './decrypt-parsed.ts'
import { decryptResult, parseJweJson, parseRecipient, readRecipient, readShared, type FlattenedDecryptResult, type JweJsonInput } from './json-jwe.ts'

export type { FlattenedDecryptResult, JweJsonInput } from './json-jwe.ts'

/**
 * Decrypts a JWE in the flattened JSON serialization (RFC 7516 §7.2.2): "protected",
 * "unprotected" (shared) and "header" (the recipient's), which must be disjoint, with "crit" and
 * "zip" only protected; "encrypted_key", "iv", "ciphertext", "tag" and "aad", authenticated with
 * the ciphertext. `jwe` is the parsed object or its JSON text. The allow-lists apply to the
 * joined header, which the key resolver receives; every decryption failure is the one
 * ERR_JWE_DECRYPTION_FAILED (RFC 7516 §11.5), as in compactDecrypt.
 *
 * @example
 * const { plaintext, header, additionalAuthenticatedData } = await flattenedDecrypt(jwe, (header) => keysByKid[header.kid!], {
 *   keyManagementAlgorithms: ['A256KW'],
 *   contentEncryptionAlgorithms: ['A256GCM'],
 * })
 */
export async function flattenedDecrypt(jwe: JweJsonInput, key: KeyInput<JweHeader>, options: JweDecryptionOptions): Promise<FlattenedDecryptResult> {
  const policy = resolveJweOptions(options)
  const object = parseJweJson(jwe, policy)
  if (object.recipients !== undefined) throw jweInvalid('flattened JWE must not have "recipients"')
  const shared = readShared(object, policy)
  const recipient = readRecipient(object, shared)
  const parsed = parseRecipient(recipient, policy)
  const plaintext = await decryptParsed(parsed, [await resolveKey(key, parsed.header)], policy)
  return decryptResult(plaintext, shared, recipient)
}
