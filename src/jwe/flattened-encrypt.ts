import { invalidArgument } from '../errors.ts'
import { isPlainObject } from '../serialization/json.ts'
import { encryptJson, type FlattenedJwe, type JweEncryptOptions, type JweRecipient } from './json-encrypt.ts'

export type { FlattenedJwe, JweEncryptOptions, JweRecipient } from './json-encrypt.ts'

/**
 * Encrypts to the flattened JSON serialization (RFC 7516 §7.2.2), for one recipient. The
 * protected header, the shared unprotected header and the recipient's header must be disjoint,
 * and together carry "alg" and "enc"; "crit" only protected, "zip" is refused. `aad` is
 * authenticated with the ciphertext and sent as "aad". A fresh CEK (except for "dir") and IV are
 * drawn for every call.
 *
 * @example
 * const jwe = await flattenedEncrypt('hello', { protectedHeader: { alg: 'A256KW', enc: 'A256GCM' }, aad: 'v1' }, { key, header: { kid: 'k1' } })
 * // { protected: 'eyJ…', header: { kid: 'k1' }, encrypted_key: '…', aad: 'djE', iv: '…', ciphertext: '…', tag: '…' }
 */
export async function flattenedEncrypt(plaintext: Uint8Array | string, options: JweEncryptOptions, recipient: JweRecipient): Promise<FlattenedJwe> {
  if (!isPlainObject(recipient)) throw invalidArgument('recipient must be a plain object')
  const { recipients: [members], ...rest } = await encryptJson(plaintext, options, [recipient])
  // Member order as in RFC 7516 §7.2.2: the recipient's members in place of "recipients".
  const { protected: protectedSegment, unprotected, ...content } = rest
  const jwe = {} as FlattenedJwe
  if (protectedSegment !== undefined) jwe.protected = protectedSegment
  if (unprotected !== undefined) jwe.unprotected = unprotected
  return Object.assign(jwe, members, content)
}
