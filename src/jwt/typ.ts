/**
 * RFC 7515 §4.1.9: media type names compare case-insensitively, and "application/" may be
 * omitted when no other "/" appears, so "JWT", "jwt" and "application/jwt" are one type.
 */
export function normalizeMediaType(value: string): string {
  return value.toLowerCase().replace(/^application\/(?=[^/]*$)/, '')
}

export function sameMediaType(a: string, b: string): boolean {
  return normalizeMediaType(a) === normalizeMediaType(b)
}
