import { JoseError } from '../errors.ts'
import { createAlphabet, decodedLength, decodeInto, encodeUnpadded } from './base64-core.ts'
import { utf8Encode } from './utf8.ts'

/** RFC 4648 §5 alphabet. JOSE uses it without padding (RFC 7515 §2, "Base64url Encoding"). */
const URL_ALPHABET = /* @__PURE__ */ createAlphabet(
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_',
)

/** Encodes bytes (or a string, as UTF-8) as unpadded base64url. */
export function encode(input: Uint8Array | string): string {
  const bytes = typeof input === 'string' ? utf8Encode(input) : input
  return encodeUnpadded(URL_ALPHABET, bytes)
}

/**
 * Strict decode: only the URL-safe alphabet, no padding, no whitespace, no impossible
 * length, no non-zero trailing bits. Anything else is ERR_BASE64URL.
 */
export function decode(input: string, label = 'input'): Uint8Array {
  if (typeof input !== 'string') throw new JoseError('ERR_BASE64URL', `${label} must be a string`)
  const length = decodedLength(input.length)
  if (length < 0) throw invalid(label)
  const out = new Uint8Array(length)
  if (!decodeInto(URL_ALPHABET, input, out, 0)) throw invalid(label)
  return out
}

/** Byte length `input` will decode to, or ERR_BASE64URL when no valid input has its length. */
export function byteLength(input: string, label: string): number {
  const length = decodedLength(input.length)
  if (length < 0) throw invalid(label)
  return length
}

/** Decodes into `out` at `offset`, for callers that join segments without a copy. */
export function decodeIntoBuffer(input: string, out: Uint8Array, offset: number, label: string): void {
  if (!decodeInto(URL_ALPHABET, input, out, offset)) throw invalid(label)
}

function invalid(label: string): JoseError {
  return new JoseError('ERR_BASE64URL', `${label} is not valid base64url`)
}
