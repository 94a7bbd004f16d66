import type { KeySpec } from '../key-spec.ts'

/**
 * One family of JWS algorithms (RFC 7518 §3, RFC 8037, RFC 9964) over Web Crypto. The dispatch
 * table in ../signature.ts reaches each family through one entry, so adding a family costs the
 * other paths nothing (docs/algorithms.md).
 */
export interface SignatureFamily {
  /** The key each "alg" of the family needs. */
  readonly specs: Readonly<Record<string, KeySpec>>
  sign(alg: string, key: CryptoKey, data: Uint8Array): Promise<Uint8Array>
  /** False for a signature that does not verify, a malformed one included; never throws for one. */
  verify(alg: string, key: CryptoKey, signature: Uint8Array, data: Uint8Array): Promise<boolean>
}
