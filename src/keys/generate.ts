import { algNotSupported, invalidArgument } from '../errors.ts'
import { MIN_RSA_MODULUS_BITS, type KeySpec } from '../algorithms/key-spec.ts'
import { isSignatureAlgorithm, signatureKeySpec } from '../algorithms/signature.ts'
import { isKeyManagementAlgorithm, keyManagementFamily } from '../algorithms/key-management.ts'
import { contentSizes, isContentEncryptionAlgorithm, type ContentEncryptionAlgorithm } from '../algorithms/content-encryption.ts'
import type { KeyAlgorithm } from './import-key.ts'
import { readExtractable } from './import-rsa-jwk.ts'

export interface GenerateKeyPairOptions {
  /** Whether the private key may be exported (exportJwk). Default false; public keys always may. */
  extractable?: boolean
  /** RSA only: the modulus size in bits, 2048 (the default) to 16384, a multiple of 8. */
  modulusLength?: number
}

export interface GenerateSecretOptions {
  /** Whether the secret may be exported (exportJwk). Default false. */
  extractable?: boolean
}

// 65537, the exponent every JOSE implementation expects.
const PUBLIC_EXPONENT = new Uint8Array([1, 0, 1])
const MAX_RSA_MODULUS_BITS = 16384

/** The key `alg` needs (as importKey finds it, which keeps its copy inline: it is on the Auth0 path). */
async function keySpec(alg: unknown): Promise<KeySpec> {
  const spec: KeySpec | false = isSignatureAlgorithm(alg) ? await signatureKeySpec(alg) : isKeyManagementAlgorithm(alg) && (await keyManagementFamily(alg)).specs[alg]!
  if (!spec) throw algNotSupported('unsupported alg')
  return spec
}

/** Web Crypto generates a pair from the spec itself (name, hash, namedCurve): one path for every family. */
async function generate(spec: KeySpec, params: object, extractable: boolean): Promise<CryptoKey | CryptoKeyPair> {
  try {
    return await crypto.subtle.generateKey({ ...spec, ...params } as AlgorithmIdentifier, extractable, [...new Set([...spec.privateUsages, ...spec.publicUsages])])
  } catch (cause) {
    throw algNotSupported(`${spec.name} key generation is not available in this runtime`, cause)
  }
}

/**
 * A new key pair for `alg` (RS*, PS*, RSA-OAEP*, ML-DSA-* where the runtime has it, and every
 * other asymmetric alg whose key spec the library has), bound to it like importKey's keys.
 * The private key is non-extractable unless `extractable` is true.
 * Rejects with ERR_ALG_NOT_SUPPORTED for an unsupported alg or a secret-key alg (use
 * generateSecret), ERR_INVALID_ARGUMENT for malformed options or an RSA modulus outside
 * 2048..16384 bits (or not a multiple of 8), or modulusLength for a non-RSA alg.
 *
 * @example
 * const { privateKey, publicKey } = await generateKeyPair('PS256', { modulusLength: 3072 })
 */
export async function generateKeyPair(alg: KeyAlgorithm, options?: GenerateKeyPairOptions): Promise<CryptoKeyPair> {
  const extractable = readExtractable(options)
  const spec = await keySpec(alg)
  if (spec.kty === 'oct') throw algNotSupported(`${alg} keys are secrets: use generateSecret`)
  const { modulusLength = spec.kty === 'RSA' ? MIN_RSA_MODULUS_BITS : undefined } = options ?? {}
  if (
    spec.kty === 'RSA'
      ? !(Number.isSafeInteger(modulusLength) && modulusLength! >= MIN_RSA_MODULUS_BITS && modulusLength! <= MAX_RSA_MODULUS_BITS && modulusLength! % 8 === 0)
      : modulusLength !== undefined
  ) {
    throw invalidArgument(`modulusLength must be an RSA size of ${MIN_RSA_MODULUS_BITS} to ${MAX_RSA_MODULUS_BITS} bits`)
  }
  return (await generate(spec, { modulusLength, publicExponent: PUBLIC_EXPONENT }, extractable)) as CryptoKeyPair
}

/**
 * A new random secret for `alg`, as many bits as its spec's `secretBits`: HS256/384/512 as many as
 * the hash output (RFC 7518 §3.2), A128KW/A192KW/A256KW and A128GCMKW/A192GCMKW/A256GCMKW the AES
 * key size the alg names (§4.4, §4.7). A "dir" key is the CEK itself (§4.5), as long as its "enc"
 * needs, so it is asked for by the enc (as jose does): `generateSecret('A256GCM')` gives a 256-bit
 * "dir" key, `generateSecret('A128CBC-HS256')` a 256-bit one. Non-extractable unless `extractable`
 * is true, except a "dir" key, whose bytes are read for every token (as importKey makes it).
 * Rejects with ERR_ALG_NOT_SUPPORTED for an alg whose key is not a secret (use generateKeyPair),
 * for "dir" itself (name the enc) and PBES2-* (a password is chosen, not generated: importKey its
 * bytes), for an unsupported alg or an AES size the runtime lacks (AES-192 in Chromium);
 * ERR_INVALID_ARGUMENT for malformed options.
 *
 * @example
 * const secret = await generateSecret('HS256', { extractable: true })
 * const keyEncryptionKey = await generateSecret('A256KW')
 * const directKey = await generateSecret('A256GCM') // for { alg: 'dir', enc: 'A256GCM' }
 */
export async function generateSecret(alg: KeyAlgorithm | ContentEncryptionAlgorithm, options?: GenerateSecretOptions): Promise<CryptoKey> {
  const extractable = readExtractable(options)
  if (isContentEncryptionAlgorithm(alg)) {
    const spec = (await keyManagementFamily('dir')).specs.dir!
    return (await generate(spec, { length: contentSizes(alg)[0] * 8 }, true)) as CryptoKey
  }
  const spec = await keySpec(alg)
  if (spec.kty !== 'oct') throw algNotSupported(`${alg} keys are pairs: use generateKeyPair`)
  if (!spec.secretBits) throw algNotSupported(alg === 'dir' ? 'a "dir" key is as long as its "enc" needs: generateSecret(enc)' : `${alg} takes a password: importKey its bytes`)
  return (await generate(spec, { length: spec.secretBits }, extractable)) as CryptoKey
}
