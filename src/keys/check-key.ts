import { keyInvalid } from '../errors.ts'
import { assertKey } from './jwk.ts'
import { MIN_RSA_MODULUS_BITS, type KeySpec } from '../algorithms/key-spec.ts'

/** True for a Web Crypto CryptoKey from any realm (Node, Deno, Bun, browsers). */
export function isCryptoKey(value: unknown): value is CryptoKey {
  return Object.prototype.toString.call(value) === '[object CryptoKey]'
}

/**
 * Refuses a key that cannot serve `alg` for `usage`: wrong type, Web Crypto algorithm, hash,
 * curve or usages, or an RSA modulus under 2048 bits (RFC 7518 §3.3, §3.5, §4.3).
 * Web Crypto binds the hash into the key, so RS256 and PS256 need different CryptoKeys.
 * A key that fits a spec further down `spec.or` is held to that one ("EdDSA" with an Ed448 key,
 * "ECDH-ES" with a key of any of its curves). An ECDH public key has no usages (Web Crypto):
 * `usage` is then undefined and only the key's type is checked.
 */
export function assertKeyFor(key: unknown, alg: string, spec: KeySpec, usage: KeyUsage | undefined): asserts key is CryptoKey {
  // The per-call verbs import nothing, so a key re-sent with each call is never re-imported.
  assertKey(isCryptoKey(key), 'key must be a CryptoKey or a resolver')
  const algorithm = key.algorithm as Partial<RsaHashedKeyAlgorithm & EcKeyAlgorithm>
  // The first spec of the `or` chain the key fits: an alg that fixes no curve takes the key's.
  for (; algorithm.name !== spec.name || algorithm.hash?.name !== spec.hash || algorithm.namedCurve !== spec.namedCurve; spec = spec.or!) {
    if (!spec.or) throw keyInvalid(`key is not for ${alg}`)
  }
  // A symmetric key (oct: HMAC, AES, a PBES2 password) is "secret" whatever it does.
  const type = spec.kty === 'oct' ? 'secret' : spec.privateUsages.includes(usage!) ? 'private' : 'public'
  if (key.type !== type) {
    throw keyInvalid(`key type is wrong for ${usage}`)
  }
  // RFC 7517 §4.3: "wrapKey"/"unwrapKey" are the key_ops of a key-encryption key, so they do too.
  if (usage && !key.usages.includes(usage) && !key.usages.includes(usage === 'decrypt' ? 'unwrapKey' : usage === 'encrypt' ? 'wrapKey' : usage)) {
    throw keyInvalid(`key usages lack ${usage}`)
  }
  assertKey(spec.kty !== 'RSA' || algorithm.modulusLength! >= MIN_RSA_MODULUS_BITS, 'RSA key under 2048 bits')
}
