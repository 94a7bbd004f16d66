import { checkOptions, checkParsingOptions, isPositiveInteger, type OptionChecks, type SizeLimits } from '../serialization/limits.ts'
import { checkAllowList } from '../algorithms/allow-list.ts'
import type { ContentEncryptionAlgorithm } from '../algorithms/content-encryption.ts'
// Every registered "enc" is implemented (content-encryption.ts).
import { isRegisteredEnc } from '../algorithms/names.ts'
import { isKeyManagementAlgorithm, type KeyManagementAlgorithm } from '../algorithms/key-management.ts'

export interface JweDecryptionOptions extends SizeLimits {
  /** The "alg" values accepted, e.g. ['RSA-OAEP-256']. Anything else fails before decryption. */
  keyManagementAlgorithms: readonly KeyManagementAlgorithm[]
  /** The "enc" values accepted, e.g. ['A256GCM']. */
  contentEncryptionAlgorithms: readonly ContentEncryptionAlgorithm[]
  /** Extension parameter names listed in "crit" that the caller processes itself. */
  crit?: readonly string[]
  /**
   * Accept "zip": "DEF" (compressed plaintext), inflating at most this many bytes.
   * Off by default: without it a compressed token is refused (ERR_JWE_INVALID).
   */
  zip?: { maxDecompressedBytes: number }
  /**
   * The largest PBES2 "p2c" (iteration count) accepted, at least 1000; default 10,000. Each
   * iteration costs an HMAC, so this bounds the CPU a token can demand (RFC 7518 §4.8.1.2).
   * Checked by the PBES2 family when a PBES2 token arrives (ERR_INVALID_ARGUMENT), so that
   * applications without PBES2 carry no code for it.
   */
  maxPbes2Count?: number
}

declare const checked: unique symbol

/**
 * Options that resolveJweOptions has checked: per-token code takes this type and checks
 * nothing again. It is the caller's object itself, never a copy (see resolveJwtOptions).
 */
export type JweDecryptPolicy = JweDecryptionOptions & { readonly [checked]: 'jwe' }

/** "zip": `{ maxDecompressedBytes }`, a positive (safe) integer like the size limits: the inflated plaintext's limit. */
const ZIP_OPTION: OptionChecks = [['zip', (zip) => isPositiveInteger((zip as JweDecryptionOptions['zip'])?.maxDecompressedBytes)]]

/**
 * Checks the caller's JWE options once: verbs call it per call, verifiers at construction, so a
 * bad limit fails every call, not just zipped tokens.
 */
export function resolveJweOptions(options: JweDecryptionOptions): JweDecryptPolicy {
  checkParsingOptions(options)
  checkOptions(options, ZIP_OPTION)
  checkAllowList(options, 'keyManagementAlgorithms', isKeyManagementAlgorithm)
  checkAllowList(options, 'contentEncryptionAlgorithms', isRegisteredEnc)
  return options as JweDecryptPolicy
}
