import { keyInvalid } from '../errors.ts'
import type { KeySpec } from '../algorithms/key-spec.ts'
import type { ImportKeyOptions } from './import-key.ts'
import { checkJwk } from './jwk.ts'
import { readExtractable } from './import-rsa-jwk.ts'

/**
 * Imports a secret (kty "oct") for `alg` as its `spec` says: HMAC here, and any other secret
 * whose spec names its Web Crypto algorithm and secretBits (AES key wrap, dir, PBES2).
 * The material is the secret's bytes or an oct JWK, never a string: a PEM or any other text is
 * refused, so an RSA or EC public key can never become an HMAC secret (RFC 8725 §2.1, §3.1).
 */
export async function importKeyFor(material: unknown, alg: string, spec: KeySpec, options: ImportKeyOptions | undefined): Promise<CryptoKey> {
  const extractable = readExtractable(options)
  if (typeof material === 'string') throw keyInvalid(`a ${alg} secret is a Uint8Array or an oct JWK, never a string`)
  let usages = spec.privateUsages
  let format: 'raw' | 'jwk' = 'raw'
  let keyData = material as JsonWebKey | Uint8Array
  if (!(material instanceof Uint8Array)) {
    format = 'jwk'
    ;[keyData, usages] = checkJwk(material, alg, spec, extractable)
  }
  const key = await crypto.subtle.importKey(format as 'jwk', keyData as JsonWebKey, spec, extractable, usages).catch((cause: unknown) => {
    throw keyInvalid(`${alg} secret import failed`, cause)
  })
  // An oct spec always names secretBits; RFC 7518 §3.2: an HMAC key is at least as long as the hash output.
  if (!((key.algorithm as HmacKeyAlgorithm).length >= spec.secretBits!)) throw keyInvalid(`${alg} secret shorter than ${spec.secretBits} bits`)
  return key
}
