/**
 * JWE content encryption (RFC 7518 §5) over Web Crypto, reached through the dispatch functions in
 * ../content-encryption.ts. The CEK arrives raw, its size already checked. The decryption half is
 * its own type so that a static family (AES-GCM) puts no encryption code in a decrypt-only bundle.
 */
export interface ContentDecryption {
  /**
   * The plaintext, or undefined when the token does not authenticate under `cek` (the caller
   * turns that into the one uniform failure, RFC 7516 §11.5). `ciphertextAndTag` ends with the tag.
   * Rejects only for a key size the runtime lacks (ERR_ALG_NOT_SUPPORTED, every such token alike).
   */
  decrypt(enc: string, cek: Uint8Array, iv: Uint8Array, ciphertextAndTag: Uint8Array, aad: Uint8Array): Promise<Uint8Array | undefined>
}

export interface ContentEncryptionFamily extends ContentDecryption {
  encrypt(enc: string, cek: Uint8Array, iv: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): Promise<{ ciphertext: Uint8Array; tag: Uint8Array }>
}
