import { JoseError } from '../errors.ts'
import { hasOwn } from '../algorithms/rsa-spec.ts'
import { SIGNATURE_ALGORITHMS, type SignatureAlgorithm } from '../algorithms/signature.ts'
import { isPlainObject } from '../serialization/json.ts'
import { importRsaKey } from '../keys/import-rsa.ts'

/** A JWK as found in a set: the Web Crypto JsonWebKey members plus "kid" (RFC 7517 §4.5). */
export interface JwkSetKey extends JsonWebKey {
  kid?: string
}

/** A JWK Set (RFC 7517 §5). */
export interface JsonWebKeySet {
  readonly keys: readonly JwkSetKey[]
}

/**
 * The public part of an RSA JWK from a set: kty, n, e and the members that steer selection
 * (kid, alg, use, key_ops). Frozen, so a cache keyed by the object cannot go stale.
 */
export type PublicRsaJwk = JwkSetKey & { readonly kty: 'RSA'; readonly n: string; readonly e: string }

/** Most entries a set may list; bounds the work one document can cause. */
export const MAX_JWKS_KEYS = 100

/**
 * Validates a JWK Set document and returns its usable RSA entries as public JWKs.
 * Fails with ERR_JWKS_INVALID when the document is not `{ "keys": [...] }` or lists more than
 * MAX_JWKS_KEYS entries. Entries that are not plain objects, are not RSA, or have malformed
 * members are skipped rather than failing the set (RFC 7517 §5: ignore JWKs that are not
 * understood), so one exotic key published by an issuer does not disable the others.
 * Private members are dropped: a set published with private keys by mistake still only
 * ever yields verification keys.
 */
export function readJwkSet(document: unknown, label = 'JWK set'): PublicRsaJwk[] {
  if (!isPlainObject(document)) throw new JoseError('ERR_JWKS_INVALID', `${label} must be a JSON object`)
  const keys = hasOwn(document, 'keys') ? document.keys : undefined
  if (!Array.isArray(keys)) throw new JoseError('ERR_JWKS_INVALID', `${label} member "keys" must be an array`)
  if (keys.length > MAX_JWKS_KEYS) {
    throw new JoseError('ERR_JWKS_INVALID', `${label} lists more than ${MAX_JWKS_KEYS} keys`)
  }
  const usable: PublicRsaJwk[] = []
  for (const entry of keys) {
    const jwk = publicRsaJwk(entry)
    if (jwk !== undefined) usable.push(jwk)
  }
  return usable
}

const fingerprints = /* @__PURE__ */ new WeakMap<PublicRsaJwk, string>()

function publicRsaJwk(entry: unknown): PublicRsaJwk | undefined {
  if (!isPlainObject(entry)) return undefined
  const member = (name: string): unknown => (hasOwn(entry, name) ? entry[name] : undefined)
  const n = member('n')
  const e = member('e')
  const kid = member('kid')
  const alg = member('alg')
  const use = member('use')
  const keyOps = member('key_ops')
  if (member('kty') !== 'RSA' || !isNonEmptyString(n) || !isNonEmptyString(e)) return undefined
  if (!isOptionalString(kid) || !isOptionalString(alg) || !isOptionalString(use)) return undefined
  if (keyOps !== undefined && !(Array.isArray(keyOps) && keyOps.every((op) => typeof op === 'string'))) return undefined

  const jwk: { -readonly [K in keyof PublicRsaJwk]: PublicRsaJwk[K] } = { kty: 'RSA', n, e }
  if (kid !== undefined) jwk.kid = kid
  if (alg !== undefined) jwk.alg = alg
  if (use !== undefined) jwk.use = use
  if (keyOps !== undefined) jwk.key_ops = Object.freeze([...(keyOps as string[])]) as string[]
  Object.freeze(jwk)
  // Two sets listing a key with the same fingerprint share its imported CryptoKeys.
  fingerprints.set(jwk, JSON.stringify([n, e, kid ?? null, alg ?? null, use ?? null, jwk.key_ops ?? null]))
  return jwk
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0
}

function isOptionalString(value: unknown): value is string | undefined {
  return value === undefined || typeof value === 'string'
}

/** A mutable copy of a public JWK, for callers (import, export) that must not see the frozen original. */
export function copyJwk(jwk: PublicRsaJwk): JwkSetKey {
  const copy: JwkSetKey = { ...jwk }
  if (jwk.key_ops !== undefined) copy.key_ops = [...jwk.key_ops]
  return copy
}

/**
 * CryptoKey promises per (JWK, alg): each pair is imported at most once. Failed imports are
 * cached too, since the same JWK fails the same way every time and a token should not be
 * able to make the library redo the work.
 */
export interface KeyCache {
  get(jwk: PublicRsaJwk, alg: SignatureAlgorithm): Promise<CryptoKey>
  /** Forgets every key not in `keys`, so a rotating set does not grow the cache. */
  retainOnly(keys: readonly PublicRsaJwk[]): void
}

export function createKeyCache(): KeyCache {
  const byFingerprint = new Map<string, Map<SignatureAlgorithm, Promise<CryptoKey>>>()
  const fingerprintOf = (jwk: PublicRsaJwk): string => {
    const known = fingerprints.get(jwk)
    if (known === undefined) throw new JoseError('ERR_INVALID_ARGUMENT', 'JWK did not come from readJwkSet')
    return known
  }
  return {
    get(jwk, alg) {
      const fingerprint = fingerprintOf(jwk)
      let perAlg = byFingerprint.get(fingerprint)
      if (perAlg === undefined) {
        perAlg = new Map()
        byFingerprint.set(fingerprint, perAlg)
      }
      let key = perAlg.get(alg)
      if (key === undefined) {
        key = importRsaKey(copyJwk(jwk), alg, SIGNATURE_ALGORITHMS[alg], { extractable: false })
        perAlg.set(alg, key)
      }
      return key
    },
    retainOnly(keys) {
      const keep = new Set(keys.map(fingerprintOf))
      for (const fingerprint of [...byFingerprint.keys()]) {
        if (!keep.has(fingerprint)) byFingerprint.delete(fingerprint)
      }
    },
  }
}
