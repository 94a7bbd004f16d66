import { JoseError, jwsInvalid } from '../errors.ts'
import type { JwsHeader } from '../serialization/header.ts'
import type { KeyInput } from '../keys/resolve-key.ts'
import { DEFAULT_MAX_SIGNATURES, resolveJwsVerbOptions, type GeneralVerifyOptions } from './verify-policy.ts'
import { detachedBytes } from './payload.ts'
import { parseJwsJson, parseSignatureEntry, transmittedPayload, verifyEntry, type FlattenedVerifyResult, type JwsJsonInput } from './json-jws.ts'

export type { GeneralVerifyOptions } from './verify-policy.ts'

export interface GeneralVerifyResult extends FlattenedVerifyResult {
  /** Index in "signatures" of the signature that verified. */
  index: number
}

/**
 * Verifies a JWS in the general JSON serialization (RFC 7515 §7.2.1). Every entry of
 * "signatures" is read and checked first (one malformed entry fails the JWS); then the
 * signatures are tried in order, a key resolved for each from its joined header, and the first
 * that verifies with an allow-listed "alg" is the result. When none does, the error is that of
 * the first signature whose "alg" was allowed (ERR_ALG_NOT_ALLOWED when none was).
 *
 * @example
 * const { payload, index, header } = await generalVerify(jws, (header) => keysByKid[header.kid!], {
 *   algorithms: ['RS256', 'PS256'],
 * })
 */
export async function generalVerify(jws: JwsJsonInput, key: KeyInput<JwsHeader>, options: GeneralVerifyOptions): Promise<GeneralVerifyResult> {
  const policy = resolveJwsVerbOptions(options)
  const object = parseJwsJson(jws, policy)
  const { signatures } = object
  if (!Array.isArray(signatures) || signatures.length === 0) throw jwsInvalid('JWS "signatures" must be a non-empty array')
  if (signatures.length > (policy.maxSignatures ?? DEFAULT_MAX_SIGNATURES)) throw jwsInvalid('JWS has too many signatures')
  if (object.signature !== undefined || object.protected !== undefined || object.header !== undefined) {
    throw jwsInvalid('general JWS must keep its signature members in "signatures"')
  }
  const entries = signatures.map((entry) => parseSignatureEntry(entry, policy))
  // RFC 7797 §3: every signature reads the payload the same way.
  if (entries.some((entry) => entry.unencoded !== entries[0]!.unencoded)) throw jwsInvalid('JWS signatures disagree on "b64"')
  const detached = detachedBytes(policy.payload)
  const transmitted = transmittedPayload(object, detached)
  let failure: JoseError | undefined
  for (let index = 0; index < entries.length; index++) {
    try {
      return { ...(await verifyEntry(entries[index]!, transmitted, detached, key, policy)), index }
    } catch (error) {
      if (!(error instanceof JoseError)) throw error
      if (failure === undefined || (failure.code === 'ERR_ALG_NOT_ALLOWED' && error.code !== 'ERR_ALG_NOT_ALLOWED')) failure = error
    }
  }
  throw failure!
}
