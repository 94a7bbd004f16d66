/** Strict, unpadded base64url (RFC 4648 §5, as JOSE uses it: RFC 7515 §2). */
import { decode as decodeStrict, encode as encodeBytes } from './encoding/base64url.ts'
import { invalidArgument } from './errors.ts'

/**
 * Bytes, or a string as its UTF-8 bytes, to unpadded base64url. Anything else is
 * ERR_INVALID_ARGUMENT (a Buffer or a Uint8Array from another realm is a Uint8Array).
 */
export function encode(input: Uint8Array | string): string {
  if (typeof input !== 'string' && Object.prototype.toString.call(input) !== '[object Uint8Array]') {
    throw invalidArgument('input must be a string or a Uint8Array')
  }
  return encodeBytes(input)
}

/** Unpadded base64url to bytes: no padding, whitespace or standard alphabet (ERR_BASE64URL). */
export function decode(input: string): Uint8Array {
  return decodeStrict(input)
}
