import { keyInvalid } from '../errors.ts'
import type { KeySpec } from '../algorithms/key-spec.ts'
import type { ImportKeyOptions } from './import-key.ts'
import { checkJwk } from './jwk.ts'
import { readExtractable } from './import-rsa-jwk.ts'

/**
 * Imports an "AKP" JWK (RFC 9964: "pub", and "priv" for a private key) for an ML-DSA `alg`.
 * Only runtimes whose Web Crypto has ML-DSA get here: the family refuses to load elsewhere.
 * PEM (SPKI, PKCS#8) is not read for these keys yet.
 */
export async function importKeyFor(material: unknown, alg: string, spec: KeySpec, options: ImportKeyOptions | undefined): Promise<CryptoKey> {
  const extractable = readExtractable(options)
  if (typeof material === 'string') throw keyInvalid(`a ${alg} key is imported from a JWK`)
  const [jwk, usages] = checkJwk(material, alg, spec, extractable, [['pub'], ['priv']])
  // AKP keys name their algorithm in the key itself (RFC 9964): Web Crypto reads it.
  jwk.alg = alg
  return crypto.subtle.importKey('jwk', jwk, spec, extractable, usages).catch((cause: unknown) => {
    throw keyInvalid(`${alg} key import failed`, cause)
  })
}
