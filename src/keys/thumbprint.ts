import { invalidArgument, keyInvalid } from '../errors.ts'
import { encode } from '../encoding/base64url.ts'
import { utf8Encode } from '../encoding/utf8.ts'
import { isPlainObject } from '../serialization/json.ts'

export type ThumbprintHash = 'sha256' | 'sha384' | 'sha512'

/**
 * The members a thumbprint hashes, per "kty", in lexicographic order (RFC 7638 §3.2, RFC 8037
 * §2, RFC 9964: an AKP key's "alg" is part of the key).
 */
const REQUIRED: Readonly<Record<string, readonly string[]>> = {
  RSA: ['e', 'kty', 'n'],
  EC: ['crv', 'kty', 'x', 'y'],
  OKP: ['crv', 'kty', 'x'],
  oct: ['k', 'kty'],
  AKP: ['alg', 'kty', 'pub'],
}

const HASHES: Readonly<Record<string, string>> = { sha256: 'SHA-256', sha384: 'SHA-384', sha512: 'SHA-512' }

// Key members are base64url (RFC 7518 §6); names ("kty", "crv", "alg") are plain JSON-safe tokens.
const MEMBER_VALUE = /^[\w-]+$/

/**
 * The RFC 7638 thumbprint of a JWK: the base64url hash of its required members, in
 * lexicographic order with no whitespace, for RSA, EC, OKP, oct and AKP keys. Other members
 * ("kid", "use", private members) do not change it, so a private JWK and its public half
 * have the same thumbprint. Rejects with ERR_KEY_INVALID for another kty or a missing or
 * malformed required member, ERR_INVALID_ARGUMENT for a hash other than sha256/384/512.
 *
 * @example
 * const kid = await calculateJwkThumbprint(publicJwk)
 */
export async function calculateJwkThumbprint(jwk: JsonWebKey, hash: ThumbprintHash = 'sha256'): Promise<string> {
  const digest = Object.hasOwn(HASHES, hash) && HASHES[hash]
  if (!digest) throw invalidArgument('hash must be sha256, sha384 or sha512')
  if (!isPlainObject(jwk)) throw keyInvalid('JWK not a plain object')
  const kty = Object.hasOwn(jwk, 'kty') ? jwk.kty : undefined
  const members = typeof kty === 'string' && Object.hasOwn(REQUIRED, kty) && REQUIRED[kty]
  if (!members) throw keyInvalid('JWK "kty" invalid')
  const required: Record<string, unknown> = {}
  for (const name of members) {
    const value = (required[name] = Object.hasOwn(jwk, name) ? jwk[name] : undefined)
    if (typeof value !== 'string' || !MEMBER_VALUE.test(value)) throw keyInvalid(`JWK "${name}" invalid`)
  }
  return encode(new Uint8Array(await crypto.subtle.digest(digest, utf8Encode(JSON.stringify(required)) as BufferSource)))
}

/**
 * The RFC 9278 URI of a JWK's thumbprint: "urn:ietf:params:oauth:jwk-thumbprint:sha-256:…".
 * Fails like calculateJwkThumbprint.
 */
export async function calculateJwkThumbprintUri(jwk: JsonWebKey, hash: ThumbprintHash = 'sha256'): Promise<string> {
  const thumbprint = await calculateJwkThumbprint(jwk, hash)
  return `urn:ietf:params:oauth:jwk-thumbprint:sha-${hash.slice(3)}:${thumbprint}`
}
