import { jwsInvalid } from '../errors.ts'
import type { JwsHeader } from '../serialization/header.ts'
import { isPlainObject, type JsonObject } from '../serialization/json.ts'
import { checkUnprotectedHeader, decodeJsonProtectedHeader, parseJsonSerialization } from '../serialization/json-serialization.ts'
import type { KeyInput } from '../keys/resolve-key.ts'
import type { JwsVerifyPolicy } from './verify-policy.ts'
import { verifySignature } from './verify-signature.ts'
import { isUnencoded, jwsHeaderOptions, signedPayload } from './payload.ts'

/**
 * A JWS in a JSON serialization (RFC 7515 §7.2): the parsed object (e.g. what flattenedSign or
 * generalSign return), or its JSON text. Its members are checked at run time, whatever its type.
 */
export type JwsJsonInput = string | object

/** One signature of a JSON JWS, checked and ready to verify. */
export interface JwsSignatureEntry {
  protectedSegment: string
  /** The JOSE Header: the union of both headers (RFC 7515 §7.2.1). */
  header: JwsHeader
  protectedHeader: JsonObject | undefined
  unprotectedHeader: JsonObject | undefined
  signature: string
  unencoded: boolean
}

export interface FlattenedVerifyResult {
  payload: Uint8Array
  /** The JOSE Header: protected and unprotected parameters together. */
  header: JwsHeader
  protectedHeader?: JsonObject
  unprotectedHeader?: JsonObject
}

const LABEL = 'JWS JSON'

/** The JSON object of a JWS, as parseJsonSerialization reads it. */
export const parseJwsJson = (input: unknown, policy: JwsVerifyPolicy): JsonObject =>
  parseJsonSerialization(input, policy.maxTokenLength, LABEL, 'ERR_JWS_INVALID')

/** Reads one signature object: the flattened JWS itself, or an entry of "signatures". */
export function parseSignatureEntry(entry: unknown, policy: JwsVerifyPolicy): JwsSignatureEntry {
  if (!isPlainObject(entry)) throw jwsInvalid('JWS signature entry must be an object')
  const { protected: protectedSegment, header: unprotectedHeader, signature } = entry
  if (protectedSegment === undefined && unprotectedHeader === undefined) throw jwsInvalid('JWS has no header')
  if (typeof signature !== 'string') throw jwsInvalid('JWS "signature" must be a string')
  const protectedHeader =
    protectedSegment === undefined ? undefined : decodeJsonProtectedHeader(protectedSegment, jwsHeaderOptions(policy), 'JWS protected header', 'ERR_JWS_INVALID')
  // RFC 7515 §4.1.11 and RFC 7797 §3: "crit" and "b64" must be integrity protected.
  if (unprotectedHeader !== undefined) checkUnprotectedHeader(unprotectedHeader, 'JWS unprotected header', 'ERR_JWS_INVALID', ['crit', 'b64'], [protectedHeader])
  const header = { ...protectedHeader, ...(unprotectedHeader as JsonObject | undefined) } as JwsHeader
  if (typeof header.alg !== 'string' || header.alg.length === 0) throw jwsInvalid('JWS header "alg" missing')
  return {
    protectedSegment: (protectedSegment as string | undefined) ?? '',
    header,
    protectedHeader,
    unprotectedHeader: unprotectedHeader as JsonObject | undefined,
    signature,
    unencoded: protectedHeader !== undefined && isUnencoded(protectedHeader),
  }
}

/**
 * The payload member (RFC 7515 §7.2.1): a string. For detached content, which the caller passes
 * as options.payload, it is absent (RFC 7515 Appendix F) or empty, as jose writes it and as the
 * compact form has it.
 */
export function transmittedPayload(jws: JsonObject, detached: Uint8Array | undefined): string {
  const { payload } = jws
  if (detached) {
    if (payload !== undefined && payload !== '') throw jwsInvalid('JWS "payload" must be absent or empty when options.payload is given')
    return ''
  }
  if (typeof payload !== 'string') throw jwsInvalid('JWS "payload" must be a string')
  return payload
}

/** Verifies one entry against the payload; the result names its headers. */
export async function verifyEntry(
  entry: JwsSignatureEntry,
  transmitted: string,
  detached: Uint8Array | undefined,
  key: KeyInput<JwsHeader>,
  policy: JwsVerifyPolicy,
): Promise<FlattenedVerifyResult> {
  const { payload, signingInput } = signedPayload(entry.protectedSegment, transmitted, detached, entry.unencoded)
  await verifySignature(entry.header, signingInput, entry.signature, key, policy)
  const result: FlattenedVerifyResult = { payload, header: entry.header }
  if (entry.protectedHeader) result.protectedHeader = entry.protectedHeader
  if (entry.unprotectedHeader) result.unprotectedHeader = entry.unprotectedHeader
  return result
}
