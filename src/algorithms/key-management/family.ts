import type { KeySpec } from '../key-spec.ts'
import type { JweHeader } from '../../serialization/header.ts'

/** What a family may read of the checked decryption options. */
export interface KeyManagementPolicy {
  /** PBES2 "p2c" ceiling (RFC 7518 §4.8.1.2); default 10,000. */
  readonly maxPbes2Count?: number | undefined
}

/** The result of wrapping a fresh or given CEK for one recipient. */
export interface WrappedCek {
  /** Empty for direct encryption ("dir", RFC 7516 §5.1 step 5). */
  readonly encryptedKey: Uint8Array
  readonly cek: Uint8Array
  /** Header parameters the algorithm defines ("iv"/"tag" for AES-GCMKW, "p2s"/"p2c" for PBES2, "epk" for ECDH-ES). */
  readonly headerParameters?: Readonly<Record<string, string | number | JsonWebKey>>
}

/**
 * One family of JWE key-management algorithms (RFC 7518 §4) over Web Crypto. The dispatch table
 * in ../key-management.ts reaches each family through one entry (docs/algorithms.md).
 */
export interface KeyManagementFamily {
  /** The key each "alg" of the family needs. */
  readonly specs: Readonly<Record<string, KeySpec>>
  /** Key-free checks of the header and encrypted key, made before any key is used (ERR_JWE_INVALID). */
  checkHeader?(token: { header: JweHeader; cipher: { encryptedKey: Uint8Array } }, policy: KeyManagementPolicy): void
  /**
   * The raw CEK of `cekBytes`. Key checks the spec cannot express (an AES key's size) come
   * first, as ERR_KEY_INVALID (wrap makes them too). Never throws for a cryptographic failure: it continues with a
   * random CEK of the right size, so the failure surfaces as the content decryption's (RFC 7516 §11.5).
   */
  unwrap(alg: string, key: CryptoKey, encryptedKey: Uint8Array, header: JweHeader, cekBytes: number): Promise<Uint8Array>
}

/**
 * A family with its encryption half. RSA-OAEP's is a module of its own, so that a decrypt-only
 * bundle carries no encryption code; the other families are loaded whole.
 */
export interface KeyWrapFamily extends KeyManagementFamily {
  /** Wraps `cek` when given (the CEK every recipient of a JSON JWE shares, RFC 7516 §7.2), else a fresh one. */
  wrap(alg: string, key: CryptoKey, cekBytes: number, header: JweHeader, cek?: Uint8Array): Promise<WrappedCek>
}

/** `bytes` when it has the expected size, else random bytes of that size (RFC 7516 §11.5). */
export const cekOrRandom = (bytes: Uint8Array | undefined, size: number): Uint8Array =>
  bytes?.length === size ? bytes : crypto.getRandomValues(new Uint8Array(size))

/** A fresh random CEK. */
export const randomCek = (size: number): Uint8Array => crypto.getRandomValues(new Uint8Array(size))
