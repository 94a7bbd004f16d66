import { algNotSupported } from '../errors.ts'
import { isSignatureAlgorithm, signatureKeySpec, type SignatureAlgorithm } from '../algorithms/signature.ts'
import type { KeySpec, RsaAlgorithmSpec } from '../algorithms/key-spec.ts'
import { isKeyManagementAlgorithm, keyManagementFamily, type KeyManagementAlgorithm } from '../algorithms/key-management.ts'
import { importRsaKey } from './import-rsa.ts'

/** Every JOSE algorithm a key can be imported for: RSA signatures and RSA-OAEP key management. */
export type KeyAlgorithm = SignatureAlgorithm | KeyManagementAlgorithm

/** A JWK, with the members of RFC 9964 "AKP" keys (ML-DSA) that Web Crypto's JsonWebKey type lacks. */
export type Jwk = JsonWebKey & { pub?: string; priv?: string }

export interface ImportKeyOptions {
  /** Whether the CryptoKey may be exported again. Default false. */
  extractable?: boolean
}

/**
 * Imports a key for one algorithm. RSA: a JWK or one PEM block: PRIVATE KEY (PKCS#8),
 * RSA PRIVATE KEY (PKCS#1), PUBLIC KEY (SPKI), RSA PUBLIC KEY (PKCS#1) or CERTIFICATE (its
 * public key; the certificate itself is not validated). HS256/384/512: the secret's bytes
 * (a Uint8Array) or an oct JWK, at least as long as the hash output; never a string, so a public
 * key cannot become an HMAC secret. "dir", A*KW, A*GCMKW and PBES2 (the password): raw bytes or an
 * oct JWK. ML-DSA-44/65/87, where the runtime has ML-DSA: an AKP JWK, or one PEM block: PRIVATE
 * KEY (PKCS#8 with the seed, RFC 9881 §6), PUBLIC KEY (SPKI) or CERTIFICATE, of the alg's OID. ES256/384/512 and
 * EdDSA/Ed25519/Ed448: an EC or OKP JWK, or one PEM block: PRIVATE KEY (PKCS#8), EC PRIVATE KEY
 * (SEC1), PUBLIC KEY (SPKI) or CERTIFICATE, whose curve must be the alg's ("EdDSA": Ed25519 or
 * Ed448; Ed448 where the runtime has it).
 * Private keys get the signing/decryption usages of `alg`, public keys the verify/encryption ones.
 * The key is bound to `alg`'s hash, so RS256 and PS256 need separate imports.
 *
 * Rejects with ERR_ALG_NOT_SUPPORTED for any other alg ("none", "ES256K", ...) or one this
 * runtime lacks (ML-DSA on Node 20 and 22, Ed448 outside Node), ERR_KEY_INVALID for unusable material (including RSA
 * moduli under 2048 bits and short HMAC secrets), ERR_INVALID_ARGUMENT for malformed options.
 *
 * @example
 * const signingKey = await importKey(pkcs8Pem, 'RS256')
 * const decryptionKey = await importKey(privateJwk, 'RSA-OAEP-256')
 * const verificationKey = await importKey(certificatePem, 'PS256')
 * const hmacKey = await importKey(crypto.getRandomValues(new Uint8Array(32)), 'HS256')
 * const keyEncryptionKey = await importKey(crypto.getRandomValues(new Uint8Array(32)), 'A256KW')
 */
export async function importKey(
  material: Jwk | string | Uint8Array,
  alg: KeyAlgorithm,
  options?: ImportKeyOptions,
): Promise<CryptoKey> {
  const spec: KeySpec | false = isSignatureAlgorithm(alg) ? await signatureKeySpec(alg) : isKeyManagementAlgorithm(alg) && (await keyManagementFamily(alg)).specs[alg]!
  if (!spec) throw algNotSupported('unsupported alg')
  // RSA is imported up front (the resource-server path); other key types by their spec's importer.
  return spec.importer ? (await spec.importer()).importKeyFor(material, alg, spec, options) : importRsaKey(material as JsonWebKey, alg, spec as RsaAlgorithmSpec, options)
}

/**
 * Imports key material of one non-RSA "kty" for `alg`, whose `spec` is fixed (see import-rsa.ts
 * for RSA). Each non-RSA spec names its importer (KeySpec.importer), loaded with the first key of
 * that type: an RSA-only application never loads EC, OKP, oct or AKP parsing, and the table that
 * says so lives in the lazily loaded family modules, not in the bytes every path loads.
 */
export interface KeyImporter {
  importKeyFor(material: unknown, alg: string, spec: KeySpec, options?: ImportKeyOptions): Promise<CryptoKey>
}

