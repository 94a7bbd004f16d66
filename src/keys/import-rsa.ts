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
  if (typeof material !== 'string') return importRsaJwk(material, alg, spec, options)
  const extractable = readExtractable(options)
  const [format, der] = await readPemKey(material)
  ;(await import('./rsa-public-checks.ts')).assertRsaDerValues(der, format === 'pkcs8')
  return importChecked(format, der, spec, extractable, format === 'spki' ? spec.publicUsages : spec.privateUsages)
}
