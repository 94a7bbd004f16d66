import { jwsInvalid } from '../errors.ts'
import { splitCompact } from '../serialization/compact.ts'
import { decodeProtectedHeader, type JwsHeader } from '../serialization/header.ts'
import type { KeyInput } from '../keys/resolve-key.ts'
import { resolveJwsVerbOptions, type JwsVerifyOptions } from './verify-policy.ts'
import type { CompactVerifyResult } from './verify-compact-jws.ts'
import { verifySignature } from './verify-signature.ts'
import { detachedBytes, isUnencoded, jwsHeaderOptions, signedPayload } from './payload.ts'

export type { CompactVerifyOptions, JwsVerifyOptions } from './verify-policy.ts'
export type { CompactVerifyResult } from './verify-compact-jws.ts'

/**
 * Verifies a compact JWS (RFC 7515 §5.2) with an "alg" from `options.algorithms`. An
 * unencoded payload ("b64": false with "crit": ["b64"], RFC 7797) is understood; detached
 * content (RFC 7515 Appendix F) goes in `options.payload`, the token's payload segment empty.
 *
 * @example
 * const { payload, header } = await compactVerify(jws, publicKey, { algorithms: ['RS256'] })
 * // detached content: the token is "header..signature"
 * await compactVerify(detachedJws, publicKey, { algorithms: ['PS256'], payload: documentBytes })
 */
export async function compactVerify(token: string, key: KeyInput<JwsHeader>, options: JwsVerifyOptions): Promise<CompactVerifyResult> {
  const policy = resolveJwsVerbOptions(options)
  const [protectedSegment, payloadSegment, signatureSegment] = splitCompact(
    token,
    3,
    'ERR_JWS_INVALID',
    'JWS',
    policy.maxTokenLength,
  ) as [string, string, string]
  const header = decodeProtectedHeader(protectedSegment, 'JWS', jwsHeaderOptions(policy))
  const detached = detachedBytes(policy.payload)
  if (detached && payloadSegment !== '') throw jwsInvalid('JWS payload must be empty when options.payload is given')
  const { payload, signingInput } = signedPayload(protectedSegment, payloadSegment, detached, isUnencoded(header))
  await verifySignature(header, signingInput, signatureSegment, key, policy)
  return { payload, header }
}
