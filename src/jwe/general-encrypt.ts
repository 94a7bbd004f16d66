import { encryptJson, type GeneralJwe, type JweEncryptOptions, type JweRecipient } from './json-encrypt.ts'

export type { GeneralJwe, JweRecipientMembers } from './json-encrypt.ts'

/**
 * Encrypts one plaintext for several recipients (RFC 7516 §7.2.1): one CEK and one ciphertext,
 * the CEK wrapped for each recipient in order. All recipients share "enc"; "dir" allows only a
 * single recipient (its key is the CEK). Header rules are those of flattenedEncrypt; an
 * algorithm's own parameters ("iv"/"tag" of AES-GCMKW, "p2s" of PBES2) go into each recipient's
 * header.
 *
 * @example
 * const jwe = await generalEncrypt(plaintext, { protectedHeader: { enc: 'A256GCM' } }, [
 *   { key: rsaPublicKey, header: { alg: 'RSA-OAEP-256', kid: 'rsa-1' } },
 *   { key: aesKey, header: { alg: 'A256KW', kid: 'aes-1' } },
 * ])
 */
export function generalEncrypt(plaintext: Uint8Array | string, options: JweEncryptOptions, recipients: readonly JweRecipient[]): Promise<GeneralJwe> {
  return encryptJson(plaintext, options, recipients)
}
