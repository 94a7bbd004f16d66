import type { JwsHeader } from '../serialization/header.ts'
import type { KeyInput } from '../keys/resolve-key.ts'
import { resolveJwsOptions, type CompactVerifyOptions } from './verify-policy.ts'
import { verifyCompactJws, type CompactVerifyResult } from './verify-compact-jws.ts'

export type { CompactVerifyOptions } from './verify-policy.ts'
export type { CompactVerifyResult } from './verify-compact-jws.ts'

/**
 * Verifies a compact JWS (RFC 7515 §5.2) with an "alg" from `options.algorithms`.
 *
 * @example
 * const { payload, header } = await compactVerify(jws, publicKey, { algorithms: ['RS256'] })
 */
export async function compactVerify(token: string, key: KeyInput<JwsHeader>, options: CompactVerifyOptions): Promise<CompactVerifyResult> {
  return verifyCompactJws(token, key, resolveJwsOptions(options))
}
