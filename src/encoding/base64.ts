import { createAlphabet, decodedLength, decodeInto } from './base64-core.ts'

/** RFC 4648 §4 alphabet, as used in PEM bodies (RFC 7468). */
const STANDARD_ALPHABET = /* @__PURE__ */ createAlphabet(
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/',
)

/**
 * Decodes padded standard base64 (no whitespace: the PEM reader removes line breaks first).
 * Returns undefined on any deviation; the caller owns the error message.
 */
export function decodePadded(input: string): Uint8Array | undefined {
  if (input.length % 4 !== 0) return undefined
  let end = input.length
  if (input.charCodeAt(end - 1) === 61) end--
  if (input.charCodeAt(end - 1) === 61) end--
  const body = end === input.length ? input : input.slice(0, end)
  const length = decodedLength(body.length)
  if (length < 0) return undefined
  const out = new Uint8Array(length)
  return decodeInto(STANDARD_ALPHABET, body, out, 0) ? out : undefined
}
