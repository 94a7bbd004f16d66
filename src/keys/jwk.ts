import { JoseError } from '../errors.ts'
import type { RsaAlgorithmSpec } from '../algorithms/key-spec.ts'
import { decode } from '../encoding/base64url.ts'
import { isPlainObject } from '../serialization/json.ts'

/** Throws ERR_KEY_INVALID with `message` (fixed text, never key material) unless `ok`. */
export function assertKey(ok: unknown, message: string): asserts ok {
  if (!ok) throw new JoseError('ERR_KEY_INVALID', message)
}

type Members = Record<string, unknown>


/**
 * RFC 7518 §6.3: key members are non-empty base64urlUInt. Strict, because a lenient decoder
 * (Node's) reads a corrupted member as a different key.
 */
const isBase64url = (value: unknown): value is string => {
  try {
    return decode(value as string).length > 0
  } catch {
    return false
  }
}

/**
 * Predicate for filtering JWK Set entries: a plain object whose own "kty" is "RSA" and whose
 * "n" and "e" are strict base64url. Says nothing about "alg", "use", "key_ops" or private members.
 */
export const isRsaJwk = (value: unknown): value is Members & { kty: 'RSA'; n: string; e: string } =>
  isPlainObject(value) && Object.hasOwn(value, 'kty') && value.kty === 'RSA' && ['n', 'e'].every((name) => Object.hasOwn(value, name) && isBase64url(value[name]))

/**
 * An RSA JWK that passed checkRsaJwk: [kty, n, e and, for a private key, d, p, q, dp, dq, qi
 * (nothing Web Crypto could object to); the spec's usages for the key type, narrowed by "key_ops"].
 */
export type CheckedRsaJwk = [jwk: JsonWebKey, usages: readonly KeyUsage[]]

// RFC 7518 §6.3.2: any one of these makes the key private, and then Web Crypto needs them all.
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi']

/**
 * Validates an RSA JWK (RFC 7517 §4, RFC 7518 §6.3) for `alg`. Refusals are ERR_KEY_INVALID
 * naming the member, never its value: `JWK "n" invalid` for a malformed or missing key member,
 * `JWK "alg" mismatch` when "alg", "use", "ext" or "key_ops" contradicts the import (or
 * "key_ops" is not an array of distinct strings), or a private key has "oth" (multi-prime).
 */
export function checkRsaJwk(input: unknown, alg: string, spec: RsaAlgorithmSpec, extractable: boolean): CheckedRsaJwk {
  // A JSON "__proto__" member becomes an own property; refuse it rather than guess what it meant.
  assertKey(isPlainObject(input) && !Object.hasOwn(input, '__proto__'), 'JWK not a plain object')
  // Own members only: an inherited "kty" or "alg" must not count.
  const get = (name: string): unknown => (Object.hasOwn(input, name) ? input[name] : undefined)
  const isPrivate = PRIVATE_MEMBERS.some((name) => get(name) !== undefined)
  const jwk: Members = {}
  for (const name of ['kty', 'n', 'e', ...(isPrivate ? PRIVATE_MEMBERS : [])]) {
    const value = (jwk[name] = get(name))
    assertKey(name === 'kty' ? value === 'RSA' : isBase64url(value), `JWK "${name}" invalid`)
  }
  let usages = isPrivate ? spec.privateUsages : spec.publicUsages
  const ext = get('ext')
  const keyOps = get('key_ops')
  // Each member, when present, must be consistent with the import.
  const consistent: Members = {
    alg: get('alg') === alg,
    use: get('use') === spec.use,
    ext: ext === true || ext === extractable,
    // RFC 7517 §4.3: strings, no duplicates, and beside "use" only operations of that use (the
    // two MUST agree); the usages are the ones it allows.
    key_ops:
      Array.isArray(keyOps) &&
      keyOps.every((op) => typeof op === 'string' && (get('use') === undefined || [...spec.privateUsages, ...spec.publicUsages].includes(op as KeyUsage))) &&
      new Set(keyOps).size === keyOps.length &&
      (usages = usages.filter((usage) => keyOps.includes(usage))).length,
    oth: !isPrivate,
  }
  for (const name in consistent) assertKey(get(name) === undefined || consistent[name], `JWK "${name}" mismatch`)
  return [jwk, usages]
}
