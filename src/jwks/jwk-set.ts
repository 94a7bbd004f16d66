import { jwksInvalid } from '../errors.ts'
import { signatureKeySpec, type SignatureAlgorithm } from '../algorithms/signature.ts'
import type { RsaAlgorithmSpec } from '../algorithms/key-spec.ts'
import { isPlainObject } from '../serialization/json.ts'
import { MAX_JSON_DEPTH, isString } from '../serialization/limits.ts'
import { importRsaJwk } from '../keys/import-rsa-jwk.ts'

/** A JWK as found in a set: the Web Crypto JsonWebKey members plus "kid" (RFC 7517 §4.5) and AKP's "pub" (RFC 9964). */
export interface JwkSetKey extends JsonWebKey {
  kid?: string
  pub?: string
}

/** A JWK Set (RFC 7517 §5). */
export interface JsonWebKeySet {
  readonly keys: readonly JwkSetKey[]
}

/** Most entries a set may list; bounds the work one document can cause. */
export const MAX_JWKS_KEYS = 100

/**
 * The public key members of the key types a set yields (RFC 7518 §6.2, §6.3, RFC 8037 §2, RFC 9964).
 * A Map: a "kty" of ["RSA"] or "toString" finds nothing.
 */
export const KEY_MEMBERS: ReadonlyMap<unknown, readonly string[]> = new Map([['RSA', ['n', 'e']], ['EC', ['x', 'y']], ['OKP', ['x']], ['AKP', ['pub']]])

/** The members kept from each entry: the public key and what steers selection. */
const PUBLIC_MEMBERS = ['kty', 'crv', 'kid', 'alg', 'use', 'key_ops', 'n', 'e', 'x', 'y', 'pub']

/**
 * Whether arrays and objects nest more than `levels` deep in `value` (itself one level); a cycle
 * does. A set built in code can share objects, so each one is walked again only with more
 * levels to spare than before: the work stays within levels × members, never exponential.
 */
function nestsDeeper(value: unknown, levels: number, cleared = new Map<object, number>(), path = new Set<object>()): boolean {
  if (typeof value !== 'object' || value === null) return false
  if (levels < 1 || path.has(value)) return true
  if ((cleared.get(value) ?? 0) >= levels) return false
  path.add(value)
  const deeper = Object.values(value).some((member) => nestsDeeper(member, levels - 1, cleared, path))
  path.delete(value)
  cleared.set(value, levels)
  return deeper
}

/**
 * Reads a JWK Set document: ERR_JWKS_INVALID unless it is `{ "keys": [...] }` with at most
 * MAX_JWKS_KEYS entries, nested at most MAX_JSON_DEPTH levels. Returns copies of its RSA, EC,
 * OKP and AKP entries (plain objects whose public key members, "n" and "e", "x" and "y", "x",
 * or "pub", are strings) reduced to PUBLIC_MEMBERS, so a
 * set published with private keys by mistake still only yields verification keys. Other
 * entries are skipped (RFC 7517 §5: ignore JWKs that are not understood or miss required
 * members), so a broken entry cannot make a kid-less token ambiguous; the values of the kept
 * ones are checked when one is imported.
 */
export function readJwkSet(document: unknown): JwkSetKey[] {
  const keys = isPlainObject(document) ? document.keys : 0
  // A fetched set is held to MAX_JSON_DEPTH when parsed; one passed in is too.
  if (!Array.isArray(keys) || keys.length > MAX_JWKS_KEYS || nestsDeeper(document, MAX_JSON_DEPTH)) {
    throw jwksInvalid('invalid JWKS')
  }
  return keys
    .filter(
      // A public key type with its public members: a symmetric ("oct") key has no business in a
      // set of public keys.
      (entry) =>
        isPlainObject(entry) && KEY_MEMBERS.get(entry.kty)?.every((name) => isString(entry[name])),
    )
    // The entry's PUBLIC_MEMBERS as they are; below them only strings (the items of "key_ops"),
    // anything else null. A set built in code can share one array at every level under a member:
    // copied whole, that expands exponentially (ten arrays of ten, 13 deep: 10^13 items).
    .map((entry) => JSON.parse(JSON.stringify(entry, function (this: unknown, name, value) {
      return this === entry ? (PUBLIC_MEMBERS.includes(name) ? value : undefined) : name && !isString(value) ? null : value
    })) as JwkSetKey)
}

/** importJwk's CryptoKeys, by JWK object and algorithm. */
export type JwkKeyCache = WeakMap<JwkSetKey, Partial<Record<SignatureAlgorithm, Promise<CryptoKey>>>>

/**
 * The CryptoKey for a JWK from readJwkSet and an algorithm, imported (non-extractable) at most
 * once per JWK object: a failed import is cached as well, since the same JWK fails the same way
 * every time and a token should not make the library redo the work. Keyed by the object, not
 * its content: a token's lookup is one WeakMap read (the key's JSON as the key cost 1.5 µs per
 * token on Node 20), and the entries go when the set that held the JWK is dropped.
 */
export function importJwk(cache: JwkKeyCache, jwk: JwkSetKey, alg: SignatureAlgorithm): Promise<CryptoKey> {
  let byAlg = cache.get(jwk)
  // A plain record is safe: `alg` is a supported signature algorithm (readKeyRequest), never "__proto__".
  if (!byAlg) cache.set(jwk, (byAlg = {}))
  // RSA is imported up front (the resource-server path); other key types by their spec's importer.
  return (byAlg[alg] ??= signatureKeySpec(alg).then(async (spec) =>
    spec.importer ? (await spec.importer()).importKeyFor(jwk, alg, spec) : importRsaJwk(jwk, alg, spec as RsaAlgorithmSpec),
  ))
}
