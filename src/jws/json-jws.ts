import { JoseError, jwsInvalid } from '../errors.ts'
import { decode } from '../encoding/base64url.ts'
import { utf8Encode } from '../encoding/utf8.ts'
import { checkCritical, checkParameterTypes, type HeaderOptions, type JwsHeader } from '../serialization/header.ts'
import { isPlainObject, parseJsonObject, type JsonObject } from '../serialization/json.ts'
import { DEFAULT_MAX_HEADER_LENGTH, DEFAULT_MAX_TOKEN_LENGTH } from '../serialization/limits.ts'
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

/**
 * The JSON object of a JWS, re-read through the strict parser whatever the caller passed: the
 * size limit applies to its JSON text, and depth, "__proto__" and duplicate-free parsing are
 * those of every other JSON the library reads. Unknown members are ignored (RFC 7515 §7.2).
 */
export function parseJwsJson(input: unknown, policy: JwsVerifyPolicy): JsonObject {
  let text: unknown = input
  if (typeof input !== 'string') {
    if (!isPlainObject(input)) throw jwsInvalid(`${LABEL} must be an object or its JSON text`)
    try {
      text = JSON.stringify(input)
    } catch {
      throw jwsInvalid(`${LABEL} is not JSON`)
    }
  }
  if ((text as string).length > (policy.maxTokenLength ?? DEFAULT_MAX_TOKEN_LENGTH)) {
    throw new JoseError('ERR_TOKEN_TOO_LARGE', `${LABEL} too long`)
  }
  return parseJsonObject(utf8Encode(text as string), LABEL, 'ERR_JWS_INVALID')
}

/** Reads one signature object: the flattened JWS itself, or an entry of "signatures". */
export function parseSignatureEntry(entry: unknown, policy: JwsVerifyPolicy): JwsSignatureEntry {
  if (!isPlainObject(entry)) throw jwsInvalid('JWS signature entry must be an object')
  const { protected: protectedSegment, header: unprotectedHeader, signature } = entry
  if (protectedSegment === undefined && unprotectedHeader === undefined) throw jwsInvalid('JWS has no header')
  if (typeof signature !== 'string') throw jwsInvalid('JWS "signature" must be a string')
  const protectedHeader = protectedSegment === undefined ? undefined : decodeJsonProtectedHeader(protectedSegment, jwsHeaderOptions(policy))
  if (unprotectedHeader !== undefined) checkUnprotectedHeader(unprotectedHeader, protectedHeader)
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

/** RFC 7515 §7.2.1: "protected" is present only for a non-empty protected header; "alg" may be in either header. */
function decodeJsonProtectedHeader(segment: unknown, options: HeaderOptions): JsonObject {
  const label = 'JWS protected header'
  if (typeof segment !== 'string') throw jwsInvalid(`${label} must be a string`)
  if (segment.length > (options.maxHeaderLength ?? DEFAULT_MAX_HEADER_LENGTH)) throw new JoseError('ERR_TOKEN_TOO_LARGE', `${label} too long`)
  if (segment.length === 0) throw jwsInvalid(`${label} empty`)
  const header = parseJsonObject(decode(segment, label), label, 'ERR_JWS_INVALID')
  checkParameterTypes(header, label, 'ERR_JWS_INVALID')
  if (header.crit !== undefined) checkCritical(header, options.crit!, label, 'ERR_JWS_INVALID')
  return header
}

/**
 * RFC 7515 §7.2.1: names disjoint from the protected header's; §4.1.11 and RFC 7797 §3:
 * "crit" and "b64" must be integrity protected, so never here.
 */
function checkUnprotectedHeader(header: unknown, protectedHeader: JsonObject | undefined): void {
  const label = 'JWS unprotected header'
  if (!isPlainObject(header)) throw jwsInvalid(`${label} must be an object`)
  checkParameterTypes(header, label, 'ERR_JWS_INVALID')
  for (const name of Object.keys(header)) {
    if (name === 'crit' || name === 'b64') throw jwsInvalid(`${label} must not carry "${name}"`)
    if (protectedHeader !== undefined && Object.hasOwn(protectedHeader, name)) {
      throw jwsInvalid(`JWS header parameter "${name}" is both protected and unprotected`)
    }
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
