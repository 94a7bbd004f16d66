import { JoseError } from '../errors.ts'
import { MIN_RSA_MODULUS_BITS, type RsaAlgorithmSpec } from '../algorithms/rsa-spec.ts'

/** True for a Web Crypto CryptoKey from any realm (Node, Deno, Bun, browsers). */
export function isCryptoKey(value: unknown): value is CryptoKey {
  return Object.prototype.toString.call(value) === '[object CryptoKey]'
}

/**
 * Refuses a key that cannot serve `alg` for `usage`: wrong type, Web Crypto algorithm,
 * hash or usages, or an RSA modulus under 2048 bits (RFC 7518 §3.3, §3.5, §4.3).
 * Web Crypto binds the hash into the key, so RS256 and PS256 need different CryptoKeys.
 */
export function assertKeyFor(key: unknown, alg: string, spec: RsaAlgorithmSpec, usage: KeyUsage): asserts key is CryptoKey {
  if (!isCryptoKey(key)) throw new JoseError('ERR_KEY_INVALID', 'key must be a CryptoKey')
  const algorithm = key.algorithm as RsaHashedKeyAlgorithm
  if (algorithm.name !== spec.name || algorithm.hash?.name !== spec.hash) {
    throw new JoseError('ERR_KEY_INVALID', `key is not a ${alg} key`)
  }
  const wantsPrivate = spec.privateUsages.includes(usage)
  if (key.type !== (wantsPrivate ? 'private' : 'public')) {
    throw new JoseError('ERR_KEY_INVALID', `${alg} ${usage} needs a ${wantsPrivate ? 'private' : 'public'} key`)
  }
  if (!key.usages.includes(usage) && !(usage === 'decrypt' && key.usages.includes('unwrapKey'))) {
    throw new JoseError('ERR_KEY_INVALID', `key usages do not include ${usage}`)
  }
  if (!(algorithm.modulusLength >= MIN_RSA_MODULUS_BITS)) {
    throw new JoseError('ERR_KEY_INVALID', `RSA keys must be at least ${MIN_RSA_MODULUS_BITS} bits`)
  }
}
