import type { RsaAlgorithmSpec } from '../algorithms/key-spec.ts'
import { readPemKey } from './pem.ts'
import { importChecked, importRsaJwk, readExtractable, type RsaImportOptions } from './import-rsa-jwk.ts'

export type { RsaImportOptions } from './import-rsa-jwk.ts'

/**
 * Imports an RSA key, one PEM block (see readPemKey in pem.ts) or a JWK, as a CryptoKey bound to
 * `spec`'s algorithm and hash. Takes the spec rather than the alg so that signature-only
 * callers never load the JWE table. JWK-only callers should use importRsaJwk, which loads
 * no PEM or DER code.
 */
export async function importRsaKey(
  material: JsonWebKey | string,
  alg: string,
  spec: RsaAlgorithmSpec,
  options?: RsaImportOptions,
): Promise<CryptoKey> {
  if (typeof material === 'string') {
    readExtractable(options)
    const [format, der] = await readPemKey(material)
    // Web Crypto refuses a key that is not RSA, and reveals its members only from an extractable
    // key: the key then goes through the JWK path, with its checks (RFC 8017 §3.1, ROCA), as asked.
    const probe = await importChecked(format, der, spec, true, format === 'spki' ? spec.publicUsages : spec.privateUsages)
    material = await crypto.subtle.exportKey('jwk', probe)
  }
  return importRsaJwk(material, alg, spec, options)
}
