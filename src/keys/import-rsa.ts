import type { RsaAlgorithmSpec } from '../algorithms/rsa-spec.ts'
import { readPem } from './pem.ts'
import { assertRsaEncryption, certificateSpki, rsaPrivateKeyToPkcs8, rsaPublicKeyToSpki } from './der.ts'
import { keyError } from './jwk.ts'
import { importChecked, importRsaJwk, readExtractable, type RsaImportOptions } from './import-rsa-jwk.ts'

export type { RsaImportOptions } from './import-rsa-jwk.ts'

/**
 * Imports an RSA key (PEM or JWK) as a CryptoKey bound to `spec`'s algorithm and hash.
 * Takes the spec rather than the alg so that signature-only callers never load the JWE table.
 * Every refusal is ERR_KEY_INVALID with a fixed message that never contains key material.
 * JWK-only callers should use importRsaJwk (import-rsa-jwk.ts), which loads no PEM/DER code.
 */
export async function importRsaKey(
  material: JsonWebKey | string,
  alg: string,
  spec: RsaAlgorithmSpec,
  options?: RsaImportOptions,
): Promise<CryptoKey> {
  if (typeof material !== 'string') return importRsaJwk(material, alg, spec, options)
  const extractable = readExtractable(options)
  const { label, der } = readPem(material)
  const privateUsages = [...spec.privateUsages]
  const publicUsages = [...spec.publicUsages]
  switch (label) {
    case 'PRIVATE KEY':
      assertRsaEncryption(der, 'pkcs8')
      return importChecked('pkcs8', der, spec, extractable, privateUsages)
    case 'RSA PRIVATE KEY':
      return importChecked('pkcs8', rsaPrivateKeyToPkcs8(der), spec, extractable, privateUsages)
    case 'PUBLIC KEY':
      assertRsaEncryption(der, 'spki')
      return importChecked('spki', der, spec, extractable, publicUsages)
    case 'RSA PUBLIC KEY':
      return importChecked('spki', rsaPublicKeyToSpki(der), spec, extractable, publicUsages)
    case 'CERTIFICATE': {
      const spki = certificateSpki(der)
      assertRsaEncryption(spki, 'spki')
      return importChecked('spki', spki, spec, extractable, publicUsages)
    }
    default:
      throw keyError('unsupported PEM label')
  }
}
