import { JoseError } from '../errors.ts'
import { isSignatureAlgorithm, signatureKeySpec, type SignatureAlgorithm } from '../algorithms/signature.ts'
import type { KeySpec, KeyType, RsaAlgorithmSpec } from '../algorithms/key-spec.ts'
import { isKeyManagementAlgorithm, keyManagementFamily, type KeyManagementAlgorithm } from '../algorithms/key-management.ts'
import { importRsaKey } from './import-rsa.ts'

/** Every JOSE algorithm a key can be imported for: RSA signatures and RSA-OAEP key management. */
export type KeyAlgorithm = SignatureAlgorithm | KeyManagementAlgorithm

export interface ImportKeyOptions {
  /** Whether the CryptoKey may be exported again. Default false. */
  extractable?: boolean
}

/**
 * Imports a key for one algorithm. A symmetric key ("dir", A*KW, A*GCMKW; a PBES2 password) is
 * raw bytes or an oct JWK. An RSA key is an RSA JWK or one PEM block: PRIVATE KEY
 * (PKCS#8), RSA PRIVATE KEY (PKCS#1), PUBLIC KEY (SPKI), RSA PUBLIC KEY (PKCS#1) or
 * CERTIFICATE (its public key; the certificate itself is not validated).
 * Private keys get the signing/decryption usages of `alg`, public keys the verify/encryption ones.
 * The key is bound to `alg`'s hash, so RS256 and PS256 need separate imports.
 *
 * Rejects with ERR_ALG_NOT_SUPPORTED for any other alg ("none", "HS256", "ES256", ...),
 * ERR_KEY_INVALID for unusable material (including RSA moduli under 2048 bits),
 * ERR_INVALID_ARGUMENT for malformed options.
 *
 * @example
 * const signingKey = await importKey(pkcs8Pem, 'RS256')
 * const decryptionKey = await importKey(privateJwk, 'RSA-OAEP-256')
 * const verificationKey = await importKey(certificatePem, 'PS256')
 * const keyEncryptionKey = await importKey(new Uint8Array(32), 'A256KW')
 */
export async function importKey(
  material: JsonWebKey | string | Uint8Array,
  alg: KeyAlgorithm,
  options?: ImportKeyOptions,
): Promise<CryptoKey> {
  const spec: KeySpec | false = isSignatureAlgorithm(alg) ? await signatureKeySpec(alg) : isKeyManagementAlgorithm(alg) && (await keyManagementFamily(alg)).specs[alg]!
  if (!spec) throw new JoseError('ERR_ALG_NOT_SUPPORTED', 'unsupported alg')
  if (spec.kty === 'RSA') return importRsaKey(material as JsonWebKey | string, alg, spec as RsaAlgorithmSpec, options)
  return (await IMPORTERS[spec.kty]!()).importKeyFor(material, alg, spec, options)
}

/** Imports key material of one non-RSA "kty" for `alg`, whose `spec` is fixed (see import-rsa.ts for RSA). */
export interface KeyImporter {
  importKeyFor(material: unknown, alg: string, spec: KeySpec, options: ImportKeyOptions | undefined): Promise<CryptoKey>
}

/**
 * The importer of each non-RSA "kty", loaded with the first key of that type (docs/algorithms.md):
 * an RSA-only application never loads EC, OKP, oct or AKP parsing.
 */
const IMPORTERS: Partial<Record<KeyType, () => Promise<KeyImporter>>> = {
  oct: () => import('./import-oct.ts'),
}
