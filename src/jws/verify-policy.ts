import { requireOptions } from '../errors.ts'
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
  requireOptions(options)
  checkParsingOptions(options)
  checkAllowList(options.algorithms, isSignatureAlgorithm, 'algorithms')
  return options as JwsVerifyPolicy
}
