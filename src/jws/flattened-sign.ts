import { invalidArgument } from '../errors.ts'
import { utf8Encode } from '../encoding/utf8.ts'
import { isPlainObject, type JsonObject } from '../serialization/json.ts'
import { signEntry } from './sign-signature.ts'

/** The headers of one signature (RFC 7515 §7.2.1); "alg" goes in either, usually the protected one. */
export interface JwsSignerHeaders {
  protectedHeader?: JsonObject
  unprotectedHeader?: JsonObject
}

/** A flattened JSON JWS (RFC 7515 §7.2.2). */
export interface FlattenedJws {
  payload: string
  protected?: string
  header?: JsonObject
  signature: string
}

export function payloadBytes(payload: Uint8Array | string): Uint8Array {
  return typeof payload === 'string' ? utf8Encode(payload) : payload
}

export function requireHeaders(headers: unknown): asserts headers is JwsSignerHeaders {
  if (!isPlainObject(headers)) throw invalidArgument('headers must be a plain object')
}

/** The JSON members of one signature: "protected" and "header" only when non-empty (RFC 7515 §7.2.1). */
export function signatureMembers(protectedSegment: string, unprotectedHeader: JsonObject | undefined, signature: string): Omit<FlattenedJws, 'payload'> {
  // Member order as in RFC 7515 §7.2 and RFC 7520: protected, header, signature.
  const members = {} as Omit<FlattenedJws, 'payload'>
  if (protectedSegment !== '') members.protected = protectedSegment
  if (unprotectedHeader !== undefined) members.header = unprotectedHeader
  members.signature = signature
  return members
}

/**
 * Signs to the flattened JSON serialization (RFC 7515 §7.2.2). The header rules are those of
 * verification; "b64": false with "crit": ["b64"] in the protected header leaves the payload
 * unencoded (RFC 7797). For detached content (RFC 7515 Appendix F), delete `payload` before
 * sending. The unprotected header goes into the result as a JSON copy.
 *
 * @example
 * const jws = await flattenedSign('hello', privateKey, { protectedHeader: { alg: 'PS256' }, unprotectedHeader: { kid: 'k1' } })
 * // { payload: 'aGVsbG8', protected: 'eyJhbGciOiJQUzI1NiJ9', header: { kid: 'k1' }, signature: '…' }
 */
export async function flattenedSign(payload: Uint8Array | string, key: CryptoKey, headers: JwsSignerHeaders): Promise<FlattenedJws> {
  requireHeaders(headers)
  const { protectedHeader, unprotectedHeader } = headers
  const entry = await signEntry(payloadBytes(payload), key, protectedHeader, unprotectedHeader)
  return { payload: entry.transmitted, ...signatureMembers(entry.protectedSegment, entry.header, entry.signature) }
}
