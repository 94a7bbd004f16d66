/** The public base64url namespace: strict, unpadded base64url (RFC 4648 §5, as JOSE uses it: RFC 7515 §2) over the codec in encoding/base64url.ts. */
import { decode as decodeStrict, encode as encodeBytes } from './encoding/base64url.ts'
import { atBoundary, invalidArgument } from './errors.ts'

/**
 * Bytes, or a string as its UTF-8 bytes, to unpadded base64url. Anything else is
 * ERR_INVALID_ARGUMENT (a Buffer or a Uint8Array from another realm is a Uint8Array).
 */
export const encode = /* @__PURE__ */ atBoundary((input: Uint8Array | string): string => {
  if (typeof input !== 'string' && Object.prototype.toString.call(input) !== '[object Uint8Array]') {
    throw invalidArgument('input must be a string or a Uint8Array')
  }
  return encodeBytes(input)
})

/** Unpadded base64url to bytes: no padding, whitespace or standard alphabet (ERR_BASE64URL). */
export const decode = /* @__PURE__ */ atBoundary((input: string): Uint8Array => decodeStrict(input))
