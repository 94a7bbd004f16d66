import type { RsaAlgorithmSpec } from '../algorithms/key-spec.ts'
import { readPemKey } from './pem.ts'
import { decode } from '../encoding/base64url.ts'
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
  if (typeof material !== 'string') return importRsaJwk(material, alg, spec, options)
  const extractable = readExtractable(options)
  const [format, der] = await readPemKey(material)
  const usages = format === 'spki' ? spec.publicUsages : spec.privateUsages
  // Web Crypto refuses a key that is not RSA, and reveals n and e only from an extractable key:
  // the weak-key checks (RFC 8017 §3.1, ROCA) read them there, then the key is made as asked.
  const probe = await importChecked(format, der, spec, true, usages)
  const { n, e } = await crypto.subtle.exportKey('jwk', probe)
  ;(await import('./rsa-public-checks.ts')).assertRsaPublicValues(decode(n!), decode(e!))
  return extractable ? probe : importChecked(format, der, spec, false, usages)
}
