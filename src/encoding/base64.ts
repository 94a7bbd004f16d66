/**
 * Decodes padded standard base64 (RFC 4648 §4, as in PEM bodies), without whitespace: the PEM
 * reader removes it first. Returns undefined on any deviation; the caller owns the message.
 */
export function decodePadded(input: string): Uint8Array | undefined {
  try {
    const binary = atob(input)
    // atob is lenient (whitespace, missing padding, non-zero trailing bits): only the canonical
    // encoding survives the round trip, so one byte string has exactly one accepted encoding.
    if (btoa(binary) === input) return Uint8Array.from(binary, (char) => char.charCodeAt(0))
  } catch {
    // not base64 at all
  }
  return undefined
}
