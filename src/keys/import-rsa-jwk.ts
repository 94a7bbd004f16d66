import { invalidArgument, keyInvalid } from '../errors.ts'
import { MIN_RSA_MODULUS_BITS, type RsaAlgorithmSpec } from '../algorithms/key-spec.ts'
import { assertKey, checkJwk } from './jwk.ts'
import { decode } from '../encoding/base64url.ts'
import { isPlainObject } from '../serialization/json.ts'

export interface RsaImportOptions {
  /** Defaults to false: key bytes stay inside Web Crypto unless the caller asks otherwise. */
  extractable?: boolean
}

/**
 * Imports an RSA JWK as a CryptoKey bound to `spec`'s algorithm and hash. JWK only: this
 * module pulls in no PEM or DER code. Refusals are ERR_KEY_INVALID (material, see checkJwk)
 * or ERR_INVALID_ARGUMENT (options), with fixed messages that never contain key material.
 */
export async function importRsaJwk(
  jwk: JsonWebKey,
  alg: string,
  spec: RsaAlgorithmSpec,
  options?: RsaImportOptions,
): Promise<CryptoKey> {
  const extractable = readExtractable(options)
  const [keyData, usages] = checkJwk(jwk, alg, spec, extractable)
  // Loaded with the first RSA key, like der-convert.ts: key imports are rare, tokens are not.
  ;(await import('./rsa-public-checks.ts')).assertRsaPublicValues(decode(keyData.n!), decode(keyData.e!))
  return importChecked('jwk', keyData, spec, extractable, usages)
}

/** options.extractable, default false; ERR_INVALID_ARGUMENT unless options is a plain object with an optional boolean. */
export function readExtractable(options: unknown = {}): boolean {
  const { extractable = false } = (
    isPlainObject(options) ? options : { extractable: 0 }
  ) as { extractable?: unknown }
  if (typeof extractable !== 'boolean') throw invalidArgument('invalid options')
  return extractable
}

/** Web Crypto import of checked material, then the RFC 7518 §3.3/§3.5/§4.3 minimum size. */
export const importChecked = (
  format: 'jwk' | 'pkcs8' | 'spki',
  keyData: JsonWebKey | Uint8Array,
  spec: RsaAlgorithmSpec,
  extractable: boolean,
  usages: readonly KeyUsage[],
): Promise<CryptoKey> =>
  // spec carries name and hash; Web Crypto reads only the dictionary members it knows.
  crypto.subtle.importKey(format as 'jwk', keyData as JsonWebKey, spec, extractable, usages).then(
    (key) => (assertKey((key.algorithm as RsaHashedKeyAlgorithm).modulusLength >= MIN_RSA_MODULUS_BITS, 'RSA key under 2048 bits'), key),
    (cause: unknown) => {
      throw keyInvalid('RSA key import failed', cause)
    },
  )
