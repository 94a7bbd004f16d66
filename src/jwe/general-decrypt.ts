import { JoseError, decryptionFailed, invalidArgument, jweInvalid } from '../errors.ts'
import type { JweHeader } from '../serialization/header.ts'
import { keyManagementFamily } from '../algorithms/key-management.ts'
import { resolveKey, type KeyInput } from '../keys/resolve-key.ts'
import { resolveJweOptions, type JweDecryptionOptions } from './decrypt-policy.ts'
import { decryptParsed } from './decrypt-parsed.ts'
import { decryptResult, parseJweJson, parseRecipient, readRecipient, readShared, type FlattenedDecryptResult, type JweJsonInput } from './json-jwe.ts'

export interface GeneralDecryptOptions extends JweDecryptionOptions {
  /** Most recipients a general JWE may carry; more is ERR_JWE_INVALID. Default 8. */
  maxRecipients?: number
}

export interface GeneralDecryptResult extends FlattenedDecryptResult {
  /** Index in "recipients" of the recipient that decrypted. */
  index: number
}

export const DEFAULT_MAX_RECIPIENTS = 8

/**
 * A recipient that no key resolves for, whose key does not fit, or that does not open: the next
 * one is tried. A resolver that cannot reach its keys (fetch failure, timeout) fails the call.
 */
const PASSED_OVER: readonly string[] = ['ERR_JWE_DECRYPTION_FAILED', 'ERR_KEY_INVALID', 'ERR_JWKS_NO_MATCHING_KEY']

/**
 * Decrypts a JWE in the general JSON serialization (RFC 7516 §7.2.1). Every recipient is read
 * and checked first (one malformed recipient fails the JWE), and all must agree on "enc" (there
 * is one ciphertext). Then the recipients whose joined header has an allow-listed "alg" are tried
 * in order, a key resolved for each from its joined header; a recipient with no key
 * (ERR_JWKS_NO_MATCHING_KEY), a key that does not fit, or that does not open is passed over. When none decrypts, the error is the one
 * ERR_JWE_DECRYPTION_FAILED (RFC 7516 §11.5), whichever step failed for which recipient
 * (ERR_ALG_NOT_ALLOWED when no "alg" was allowed).
 *
 * @example
 * const { plaintext, index } = await generalDecrypt(jwe, myPrivateKey, {
 *   keyManagementAlgorithms: ['RSA-OAEP-256', 'A256KW'],
 *   contentEncryptionAlgorithms: ['A256GCM'],
 * })
 */
export async function generalDecrypt(jwe: JweJsonInput, key: KeyInput<JweHeader>, options: GeneralDecryptOptions): Promise<GeneralDecryptResult> {
  const policy = resolveJweOptions(options)
  const { maxRecipients = DEFAULT_MAX_RECIPIENTS } = options
  if (!(Number.isSafeInteger(maxRecipients) && maxRecipients > 0)) throw invalidArgument('options.maxRecipients is invalid')
  const object = parseJweJson(jwe, policy)
  const { recipients } = object
  if (!Array.isArray(recipients) || recipients.length === 0) throw jweInvalid('JWE "recipients" must be a non-empty array')
  if (recipients.length > maxRecipients) throw jweInvalid('JWE has too many recipients')
  if (object.header !== undefined || object.encrypted_key !== undefined) throw jweInvalid('general JWE must keep its recipient members in "recipients"')
  const shared = readShared(object, policy)
  const entries = recipients.map((entry) => readRecipient(entry, shared))
  if (entries.some((entry) => entry.header.enc !== entries[0]!.header.enc)) throw jweInvalid('JWE recipients disagree on "enc"')
  const allowed = entries.filter((entry) => policy.keyManagementAlgorithms.includes(entry.header.alg as never))
  // With no "alg" allowed, the first recipient's checks give the allow-list's error.
  if (allowed.length === 0) parseRecipient(entries[0]!, policy)
  const candidates = []
  for (const entry of allowed) {
    const parsed = parseRecipient(entry, policy)
    // The algorithm's header parameters ("iv"/"tag", "p2c"/"p2s") of every candidate are checked before any key is used.
    ;(await keyManagementFamily(parsed.header.alg)).checkHeader?.(parsed, policy)
    candidates.push(parsed)
  }
  for (const [position, parsed] of candidates.entries()) {
    try {
      const plaintext = await decryptParsed(parsed, [await resolveKey(key, parsed.header)], policy)
      const recipient = allowed[position]!
      return { ...decryptResult(plaintext, shared, recipient), index: entries.indexOf(recipient) }
    } catch (error) {
      if (!(error instanceof JoseError && PASSED_OVER.includes(error.code))) throw error
    }
  }
  throw decryptionFailed()
}
