import { jwsInvalid } from '../errors.ts'
import type { JwsHeader } from '../serialization/header.ts'
import type { KeyInput } from '../keys/resolve-key.ts'
import { resolveJwsVerbOptions, type JwsVerifyOptions } from './verify-policy.ts'
import { detachedBytes } from './payload.ts'
import { parseJwsJson, parseSignatureEntry, transmittedPayload, verifyEntry, type FlattenedVerifyResult, type JwsJsonInput } from './json-jws.ts'

export type { FlattenedVerifyResult, JwsJsonInput } from './json-jws.ts'

/**
 * Verifies a JWS in the flattened JSON serialization (RFC 7515 §7.2.2): `protected` and/or
 * `header` (unprotected, names disjoint from the protected ones; "crit" and "b64" only
 * protected), `payload` and `signature`. `jws` is the parsed object or its JSON text. The
 * allow-list applies to the "alg" of the joined header, which the key resolver receives.
 *
 * @example
 * const { payload, header } = await flattenedVerify(
 *   { protected: 'eyJhbGciOiJSUzI1NiJ9', header: { kid: 'k1' }, payload: 'SXTigJlz', signature: '…' },
 *   (header) => keysByKid[header.kid!],
 *   { algorithms: ['RS256'] },
 * )
 */
export async function flattenedVerify(jws: JwsJsonInput, key: KeyInput<JwsHeader>, options: JwsVerifyOptions): Promise<FlattenedVerifyResult> {
  const policy = resolveJwsVerbOptions(options)
  const object = parseJwsJson(jws, policy)
  if (object.signatures !== undefined) throw jwsInvalid('flattened JWS must not have "signatures"')
  const detached = detachedBytes(policy.payload)
  const entry = parseSignatureEntry(object, policy)
  return verifyEntry(entry, transmittedPayload(object, detached), detached, key, policy)
}
