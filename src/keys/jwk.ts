import { keyInvalid } from '../errors.ts'
import type { KeySpec } from '../algorithms/key-spec.ts'
import { decode } from '../encoding/base64url.ts'
import { isPlainObject } from '../serialization/json.ts'
import { isStrings } from '../serialization/limits.ts'

/** Throws ERR_KEY_INVALID with `message` (fixed text, never key material) unless `ok`. */
export function assertKey(ok: unknown, message: string): asserts ok {
  if (!ok) throw keyInvalid(message)
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
 * A JWK that passed checkJwk: [kty and the key members of its type, for a private (or secret)
 * key the private ones too (nothing Web Crypto could object to); the spec's usages for the key
 * type, narrowed by "key_ops"].
 */
export type CheckedJwk = [jwk: JsonWebKey, usages: readonly KeyUsage[]]

/**
 * The key members of a "kty": public ones ("crv" first for a key type that has one: it must
 * be the spec's), then private ones. Any private member makes the key
 * private, and then Web Crypto needs them all. An oct key has no public part: its "k" is
 * required, and its spec's usages are all one.
 */
export type KeyMembers = readonly [publicMembers: readonly string[], privateMembers: readonly string[]]

/**
 * RSA's key members (RFC 7518 §6.3), the default of checkJwk. The importers of the other key
 * types, loaded on first use, pass their own (import-ec-okp.ts, import-oct.ts, import-akp.ts).
 */
const RSA_MEMBERS: KeyMembers = [['n', 'e'], ['d', 'p', 'q', 'dp', 'dq', 'qi']]

/**
 * Validates a JWK (RFC 7517 §4, RFC 7518 §6) for `alg`, whose key `spec` fixes "kty" and "crv",
 * and whose key type has the key `members` (RSA's unless given).
 * Refusals are ERR_KEY_INVALID naming the member, never its value: `JWK "n" invalid` for a
 * malformed or missing key member, `JWK "alg" mismatch` when "alg", "use", "ext" or "key_ops"
 * contradicts the import (or "key_ops" is not an array of distinct strings), or a private RSA
 * key has "oth" (multi-prime).
 */
export function checkJwk(input: unknown, alg: string, spec: KeySpec, extractable: boolean, [publicMembers, privateMembers]: KeyMembers = RSA_MEMBERS): CheckedJwk {
  // A JSON "__proto__" member becomes an own property; refuse it rather than guess what it meant.
  assertKey(isPlainObject(input) && !Object.hasOwn(input, '__proto__'), 'JWK not a plain object')
  // Own members only: an inherited "kty" or "alg" must not count.
  const get = (name: string): unknown => (Object.hasOwn(input, name) ? input[name] : undefined)
  const isPrivate = privateMembers.some((name) => get(name) !== undefined)
  const jwk: Members = {}
  for (const name of ['kty', ...publicMembers, ...(isPrivate ? privateMembers : [])]) {
    const value = (jwk[name] = get(name))
    assertKey(name === 'kty' ? value === spec.kty : name === 'crv' ? value === spec.crv : isBase64url(value), `JWK "${name}" invalid`)
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
      isStrings(keyOps) &&
      (get('use') === undefined || keyOps.every((op) => [...spec.privateUsages, ...spec.publicUsages].includes(op as KeyUsage))) &&
      new Set(keyOps).size === keyOps.length &&
      (usages = usages.filter((usage) => keyOps.includes(usage))).length,
    oth: !isPrivate,
  }
  for (const name in consistent) assertKey(get(name) === undefined || consistent[name], `JWK "${name}" mismatch`)
  return [jwk, usages]
}
