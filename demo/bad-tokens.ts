/** Damaged copies of a good access token, for the refusals the flow shows. */
import { base64url } from '../src/index.ts'

/** Flips one character in the middle of the JWE ciphertext segment; the GCM tag no longer matches. */
export function tamperCiphertext(jwe: string): string {
  const segments = jwe.split('.')
  const ciphertext = segments[3]!
  const at = Math.floor(ciphertext.length / 2)
  const flipped = ciphertext[at] === 'A' ? 'B' : 'A'
  segments[3] = ciphertext.slice(0, at) + flipped + ciphertext.slice(at + 1)
  return segments.join('.')
}

/** Rewrites the JWE protected header with "alg" and "enc" exchanged. */
export function swapAlgAndEnc(jwe: string): string {
  const segments = jwe.split('.')
  const header = JSON.parse(new TextDecoder().decode(base64url.decode(segments[0]!))) as Record<string, unknown>
  segments[0] = base64url.encode(JSON.stringify({ ...header, alg: header.enc, enc: header.alg }))
  return segments.join('.')
}
