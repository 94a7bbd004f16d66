import { invalidArgument } from '../errors.ts'
import { checkParsingOptions, type SizeLimits } from '../serialization/limits.ts'
import { checkAllowList } from '../algorithms/allow-list.ts'
import { isSignatureAlgorithm, type SignatureAlgorithm } from '../algorithms/signature.ts'

export interface CompactVerifyOptions extends SizeLimits {
  /** The "alg" values accepted, e.g. ['RS256']. "none" is never accepted. */
  algorithms: readonly SignatureAlgorithm[]
  /** Extension parameter names listed in "crit" that the caller processes itself. */
  crit?: readonly string[]
}

declare const checked: unique symbol

/**
 * Options that resolveJwsOptions has checked: per-token code takes this type and checks
 * nothing again. It is the caller's object itself, never a copy (see resolveJwtOptions).
 */
export type JwsVerifyPolicy = CompactVerifyOptions & { readonly [checked]: 'jws' }

/** Checks the caller's JWS options once: verbs call it per call, verifiers at construction. */
export function resolveJwsOptions(options: CompactVerifyOptions): JwsVerifyPolicy {
  checkParsingOptions(options)
  checkAllowList(options, 'algorithms', isSignatureAlgorithm)
  return options as JwsVerifyPolicy
}

/** Options of compactVerify, flattenedVerify and generalVerify. */
export interface JwsVerifyOptions extends CompactVerifyOptions {
  /**
   * Detached content (RFC 7515 Appendix F), as bytes or UTF-8 text: the JWS then carries none
   * (an empty compact payload segment; a JSON "payload" member absent or empty) and is verified
   * over this.
   */
  payload?: Uint8Array | string
}

export interface GeneralVerifyOptions extends JwsVerifyOptions {
  /** Most signatures a general JWS may carry; more is ERR_JWS_INVALID. Default 8. */
  maxSignatures?: number
}

export const DEFAULT_MAX_SIGNATURES = 8

/** resolveJwsOptions plus the options only the JWS verbs have. */
export function resolveJwsVerbOptions<T extends GeneralVerifyOptions>(options: T): T & JwsVerifyPolicy {
  const policy = resolveJwsOptions(options)
  const { payload, maxSignatures } = options
  if (payload !== undefined && typeof payload !== 'string' && !(payload instanceof Uint8Array)) {
    throw invalidArgument('options.payload must be a Uint8Array or a string')
  }
  if (maxSignatures !== undefined && !(Number.isSafeInteger(maxSignatures) && maxSignatures > 0)) {
    throw invalidArgument('options.maxSignatures is invalid')
  }
  return policy as T & JwsVerifyPolicy
}
