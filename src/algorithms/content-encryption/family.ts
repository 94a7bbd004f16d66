/**
 * One family of JWE content encryption algorithms (RFC 7518 §5) over Web Crypto, reached through
 * the dispatch table in ../content-encryption.ts. The CEK arrives raw; sizes are checked by then.
 */
export interface ContentEncryptionFamily {
  /**
   * The plaintext, or undefined when the token does not authenticate under `cek` (the caller
   * turns that into the one uniform failure, RFC 7516 §11.5). `ciphertextAndTag` ends with the tag.
   * Rejects only for a key size the runtime lacks (ERR_ALG_NOT_SUPPORTED, every such token alike).
   */
  decrypt(enc: string, cek: Uint8Array, iv: Uint8Array, ciphertextAndTag: Uint8Array, aad: Uint8Array): Promise<Uint8Array | undefined>
  encrypt(enc: string, cek: Uint8Array, iv: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): Promise<{ ciphertext: Uint8Array; tag: Uint8Array }>
}
