import { JoseError } from '../errors.ts'
import { MIN_RSA_MODULUS_BITS, type RsaAlgorithmSpec } from '../algorithms/rsa-spec.ts'
import { readPem } from './pem.ts'
import { assertRsaEncryption, certificateSpki, rsaPrivateKeyToPkcs8, rsaPublicKeyToSpki } from './der.ts'
import { checkRsaJwk } from './jwk.ts'

export interface RsaImportOptions {
  /** Defaults to false: key bytes stay inside Web Crypto unless the caller asks otherwise. */
  extractable?: boolean
}

type Prepared =
  | { readonly format: 'jwk'; readonly keyData: JsonWebKey; readonly usages: KeyUsage[] }
  | { readonly format: 'pkcs8' | 'spki'; readonly keyData: Uint8Array; readonly usages: KeyUsage[] }

/**
 * Imports an RSA key (PEM or JWK) as a CryptoKey bound to `spec`'s algorithm and hash.
 * Takes the spec rather than the alg so that signature-only callers never load the JWE table.
 * Every refusal is ERR_KEY_INVALID with a fixed message that never contains key material.
 */
export async function importRsaKey(
  material: JsonWebKey | string,
  alg: string,
  spec: RsaAlgorithmSpec,
  options?: RsaImportOptions,
): Promise<CryptoKey> {
  const extractable = readExtractable(options)
  const prepared = prepare(material, alg, spec, extractable)
  const algorithm: RsaHashedImportParams = { name: spec.name, hash: spec.hash }
  let key: CryptoKey
  try {
    key =
      prepared.format === 'jwk'
        ? await crypto.subtle.importKey('jwk', prepared.keyData, algorithm, extractable, prepared.usages)
        : await crypto.subtle.importKey(
            prepared.format,
            prepared.keyData as BufferSource,
            algorithm,
            extractable,
            prepared.usages,
          )
  } catch (cause) {
    throw new JoseError('ERR_KEY_INVALID', `the RSA key could not be imported for ${alg}`, { cause })
  }
  // RFC 7518 §3.3, §3.5, §4.3.
  if (!((key.algorithm as RsaHashedKeyAlgorithm).modulusLength >= MIN_RSA_MODULUS_BITS)) {
    throw new JoseError('ERR_KEY_INVALID', `RSA keys must be at least ${MIN_RSA_MODULUS_BITS} bits`)
  }
  return key
}

function prepare(material: unknown, alg: string, spec: RsaAlgorithmSpec, extractable: boolean): Prepared {
  if (typeof material === 'object' && material !== null) {
    const { jwk, usages } = checkRsaJwk(material, alg, spec, extractable)
    return { format: 'jwk', keyData: jwk, usages }
  }
  if (typeof material !== 'string') throw new JoseError('ERR_KEY_INVALID', 'key must be a PEM string or a JWK object')
  const { label, der } = readPem(material)
  const privateUsages = [...spec.privateUsages]
  const publicUsages = [...spec.publicUsages]
  switch (label) {
    case 'PRIVATE KEY':
      assertRsaEncryption(der, 'pkcs8')
      return { format: 'pkcs8', keyData: der, usages: privateUsages }
    case 'RSA PRIVATE KEY':
      return { format: 'pkcs8', keyData: rsaPrivateKeyToPkcs8(der), usages: privateUsages }
    case 'PUBLIC KEY':
      assertRsaEncryption(der, 'spki')
      return { format: 'spki', keyData: der, usages: publicUsages }
    case 'RSA PUBLIC KEY':
      return { format: 'spki', keyData: rsaPublicKeyToSpki(der), usages: publicUsages }
    case 'CERTIFICATE': {
      const spki = certificateSpki(der)
      assertRsaEncryption(spki, 'spki')
      return { format: 'spki', keyData: spki, usages: publicUsages }
    }
    default:
      throw new JoseError(
        'ERR_KEY_INVALID',
        `unsupported PEM label "${label}" (expected PRIVATE KEY, RSA PRIVATE KEY, PUBLIC KEY, RSA PUBLIC KEY or CERTIFICATE)`,
      )
  }
}

function readExtractable(options: unknown): boolean {
  if (options === undefined) return false
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new JoseError('ERR_INVALID_ARGUMENT', 'options must be an object')
  }
  const { extractable } = options as { extractable?: unknown }
  if (extractable === undefined) return false
  if (typeof extractable !== 'boolean') throw new JoseError('ERR_INVALID_ARGUMENT', 'options.extractable must be a boolean')
  return extractable
}
