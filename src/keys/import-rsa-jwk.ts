import { JoseError } from '../errors.ts'
import type { RsaAlgorithmSpec } from '../algorithms/rsa-spec.ts'
import { checkRsaJwk, keyError } from './jwk.ts'

export interface RsaImportOptions {
  /** Defaults to false: key bytes stay inside Web Crypto unless the caller asks otherwise. */
  extractable?: boolean
}

/**
 * Imports an RSA JWK as a CryptoKey bound to `spec`'s algorithm and hash. JWK only: this
 * module pulls in no PEM or DER code. Refusals are ERR_KEY_INVALID (material) or
 * ERR_INVALID_ARGUMENT (options), with fixed messages that never contain key material.
 */
export async function importRsaJwk(
  jwk: JsonWebKey,
  alg: string,
  spec: RsaAlgorithmSpec,
  options?: RsaImportOptions,
): Promise<CryptoKey> {
  const extractable = readExtractable(options)
  const { jwk: keyData, usages } = checkRsaJwk(jwk, alg, spec, extractable)
  return importChecked('jwk', keyData, spec, extractable, usages)
}

/** options.extractable, default false; ERR_INVALID_ARGUMENT for anything but an object with an optional boolean. */
export function readExtractable(options: unknown): boolean {
  const value: unknown =
    options === undefined
      ? false
      : typeof options == 'object' && options && !Array.isArray(options)
        ? (options as { extractable?: unknown }).extractable
        : 0
  if (value !== undefined && typeof value != 'boolean') throw new JoseError('ERR_INVALID_ARGUMENT', 'invalid options.extractable')
  return value === true
}

/** Web Crypto import of checked material, then the RFC 7518 §3.3/§3.5/§4.3 minimum size. */
export async function importChecked(
  format: 'jwk' | 'pkcs8' | 'spki',
  keyData: JsonWebKey | Uint8Array,
  spec: RsaAlgorithmSpec,
  extractable: boolean,
  usages: KeyUsage[],
): Promise<CryptoKey> {
  let key: CryptoKey
  try {
    // spec carries name and hash; Web Crypto reads only the members it knows.
    key = await crypto.subtle.importKey(format as 'jwk', keyData as JsonWebKey, spec, extractable, usages)
  } catch (cause) {
    throw new JoseError('ERR_KEY_INVALID', 'Web Crypto refused the RSA key', { cause })
  }
  if (!((key.algorithm as RsaHashedKeyAlgorithm).modulusLength >= 2048)) throw keyError('RSA key under 2048 bits')
  return key
}
