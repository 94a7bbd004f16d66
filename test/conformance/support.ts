/** Helpers shared by the conformance areas. Web APIs only: no Node, Deno or Bun globals. */
import { base64url, importKey, type KeyAlgorithm } from '../../src/index.ts'

const encoder = new TextEncoder()
const decoder = new TextDecoder('utf-8', { fatal: true })

export const utf8 = (text: string): Uint8Array => encoder.encode(text)
export const text = (bytes: Uint8Array): string => decoder.decode(bytes)

/** The public half of an RSA, EC or OKP JWK: RFC 7517 public members only, so importKey yields a public key. */
export function publicJwk(jwk: Record<string, unknown>): JsonWebKey {
  const { kty, crv, n, e, x, y, kid, use, alg } = jwk as Record<string, string | undefined>
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries({ kty, crv, n, e, x, y, kid, use, alg })) {
    if (value !== undefined) out[name] = value
  }
  return out as JsonWebKey
}

/** Private and public CryptoKeys for `alg`, both imported through the library from one JWK. */
export async function importPair(jwk: Record<string, unknown>, alg: KeyAlgorithm): Promise<CryptoKeyPair> {
  const [privateKey, publicKey] = await Promise.all([
    importKey(jwk as JsonWebKey, alg),
    importKey(publicJwk(jwk), alg),
  ])
  return { privateKey, publicKey }
}

/** Replaces segment `index` of a compact token. */
export function withSegment(token: string, index: number, segment: string): string {
  const parts = token.split('.')
  parts[index] = segment
  return parts.join('.')
}

/** Flips one bit of a segment's decoded bytes and re-encodes it, so the segment stays valid base64url. */
export function flipBit(token: string, index: number, byte = 0): string {
  const bytes = base64url.decode(token.split('.')[index] ?? '')
  bytes[byte] = (bytes[byte] ?? 0) ^ 0x01
  return withSegment(token, index, base64url.encode(bytes))
}

/**
 * Chromium's Web Crypto has no 192-bit AES keys, so A192GCM is probed rather than assumed;
 * a runtime without it reports those tests as skipped instead of failing them.
 */
let aes192: Promise<boolean> | undefined
export function supportsAes192(): Promise<boolean> {
  aes192 ??= crypto.subtle
    .importKey('raw', new Uint8Array(24), 'AES-GCM', false, ['encrypt', 'decrypt'])
    .then(
      () => true,
      () => false,
    )
  return aes192
}
export const AES192_UNSUPPORTED = 'AES-192 not supported by this runtime'

/**
 * ML-DSA (RFC 9964) is in the Web Crypto of Deno, Bun and Chromium, not of Node 20: probed, so a
 * runtime without it reports its ML-DSA round trips as skipped and checks the refusal instead.
 */
export const ML_DSA_SUPPORTED: boolean = await crypto.subtle.generateKey('ML-DSA-44', false, ['sign', 'verify']).then(
  () => true,
  () => false,
)
export const ML_DSA_UNSUPPORTED = 'ML-DSA not in this runtime\'s Web Crypto'

/**
 * Ed448 exists in Node's Web Crypto only (not in Deno, Bun or browsers), so it is probed rather
 * than assumed; importKey and the JWS verbs refuse it with ERR_ALG_NOT_SUPPORTED elsewhere.
 */
let ed448: Promise<boolean> | undefined
export function supportsEd448(): Promise<boolean> {
  ed448 ??= crypto.subtle.generateKey({ name: 'Ed448' }, false, ['sign', 'verify']).then(
    () => true,
    () => false,
  )
  return ed448
}
export const ED448_UNSUPPORTED = 'Ed448 not supported by this runtime'
