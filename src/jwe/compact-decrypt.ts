import type { JweHeader } from '../serialization/header.ts'
import { resolveKey, type KeyInput } from '../keys/resolve-key.ts'
import { parseCompactJwe } from './parse-compact-jwe.ts'
import { resolveJweOptions, type JweDecryptionOptions } from './decrypt-policy.ts'
import { decryptParsed } from './decrypt-parsed.ts'

export type CompactDecryptOptions = JweDecryptionOptions

export interface CompactDecryptResult {
  plaintext: Uint8Array
  header: JweHeader
}

/**
 * Decrypts a compact JWE (RFC 7516 §5.2) with an RSA-OAEP private key and AES-GCM.
 *
 * A failed key unwrap, a CEK of the wrong size and a failed tag all reject with
 * ERR_JWE_DECRYPTION_FAILED and one message (RFC 7516 §11.5).
 *
 * @example
 * const { plaintext, header } = await compactDecrypt(token, privateKey, {
 *   keyManagementAlgorithms: ['RSA-OAEP-256'],
 *   contentEncryptionAlgorithms: ['A256GCM'],
 * })
 */
export async function compactDecrypt(
  token: string,
  key: KeyInput<JweHeader>,
  options: CompactDecryptOptions,
): Promise<CompactDecryptResult> {
  const policy = resolveJweOptions(options)
  const parsed = parseCompactJwe(token, policy)
  const plaintext = await decryptParsed(parsed, [await resolveKey(key, parsed.header)], policy)
  return { plaintext, header: parsed.header }
}
