/** NumericDates (RFC 7519 §2) for people: an ISO instant and its distance from now. Web-safe. */

/** "in 41 min", "3 h ago", "2 d ago", "now". */
export function relative(seconds: number, nowSeconds: number): string {
  const delta = Math.round(seconds - nowSeconds)
  const size = Math.abs(delta)
  const amount =
    size < 60 ? `${size} s` : size < 3600 ? `${Math.round(size / 60)} min` : size < 172_800 ? `${Math.round(size / 3600)} h` : `${Math.round(size / 86_400)} d`
  if (size === 0) return 'now'
  return delta > 0 ? `in ${amount}` : `${amount} ago`
}

/** "2026-12-06T18:36:13Z (in 41 min)"; a value that is not a finite number is said to be invalid. */
export function humanTime(value: unknown, nowSeconds: number): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'not a NumericDate (invalid)'
  const date = new Date(value * 1000)
  if (Number.isNaN(date.getTime())) return 'out of range (invalid)'
  return `${date.toISOString().replace('.000Z', 'Z')} (${relative(value, nowSeconds)})`
}

export const TIME_CLAIMS = ['iat', 'nbf', 'exp'] as const
