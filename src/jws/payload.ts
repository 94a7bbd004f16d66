import { jwsInvalid } from '../errors.ts'
import { decode, encode } from '../encoding/base64url.ts'
import { asciiBytes, utf8Encode } from '../encoding/utf8.ts'
import type { HeaderOptions, JwsHeader } from '../serialization/header.ts'

/**
 * Header options for the JWS verbs: webjose itself processes "b64" (RFC 7797), so a "crit"
 * listing it is understood without the caller naming it in options.crit (RFC 7797 §6).
 */
export function jwsHeaderOptions(policy: HeaderOptions): HeaderOptions {
  return { maxHeaderLength: policy.maxHeaderLength, crit: policy.crit ? [...policy.crit, 'b64'] : B64 }
}
const B64 = ['b64']

/**
 * RFC 7797 §3 and §6: true for an unencoded payload. "b64": false counts only in the protected
 * header and only when its "crit" lists "b64", so a recipient unaware of RFC 7797 rejects it.
 */
export function isUnencoded(protectedHeader: JwsHeader | Record<string, unknown>): boolean {
  if (protectedHeader.b64 !== false) return false
  if (!(protectedHeader.crit as string[] | undefined)?.includes('b64')) throw jwsInvalid('JWS "b64": false without "crit": ["b64"]')
  return true
}

/** A lone surrogate has no UTF-8 form: TextEncoder would replace it, so two strings would sign alike. */
const LONE_SURROGATE = /\p{Cs}/u

/** The payload bytes and the signing input of one signature (RFC 7515 §5.2 step 8, RFC 7797 §3). */
export interface SignedPayload {
  payload: Uint8Array
  signingInput: Uint8Array
}

/**
 * `transmitted` is the payload as the JWS carries it (base64url, or the unencoded text),
 * `detached` the content the caller holds for a JWS that carries none (RFC 7515 Appendix F).
 */
export function signedPayload(
  protectedSegment: string,
  transmitted: string,
  detached: Uint8Array | undefined,
  unencoded: boolean,
): SignedPayload {
  if (unencoded) {
    if (LONE_SURROGATE.test(transmitted)) throw jwsInvalid('JWS payload is not valid Unicode')
    const payload = detached ?? utf8Encode(transmitted)
    return { payload, signingInput: concat(asciiBytes(`${protectedSegment}.`), payload) }
  }
  const segment = detached ? encode(detached) : transmitted
  return { payload: detached ?? decode(segment, 'JWS payload'), signingInput: asciiBytes(`${protectedSegment}.${segment}`) }
}

export function concat(head: Uint8Array, tail: Uint8Array): Uint8Array {
  const out = new Uint8Array(head.length + tail.length)
  out.set(head)
  out.set(tail, head.length)
  return out
}

/** The caller's detached content as bytes (a string is UTF-8). */
export function detachedBytes(payload: Uint8Array | string | undefined): Uint8Array | undefined {
  return typeof payload === 'string' ? utf8Encode(payload) : payload
}
