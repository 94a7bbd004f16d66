import { JoseError, invalidArgument, keyInvalid } from '../errors.ts'
import { KEY_MANAGEMENT_ALGORITHMS, type KeyManagementAlgorithm } from '../algorithms/key-management.ts'
import type { RsaOaepAlgorithm } from '../algorithms/key-management/rsa-oaep.ts'
import { MIN_RSA_MODULUS_BITS } from '../algorithms/key-spec.ts'
import { isCryptoKey } from '../keys/check-key.ts'
import { importKey } from '../keys/import-key.ts'
import { importRsaKey } from '../keys/import-rsa.ts'
import { checkJwk } from '../keys/jwk.ts'
import { readPemBlock } from '../keys/pem.ts'
import { assertRsaDerValues, isRsaEncryption } from '../keys/der.ts'
import { assertRsaPublicValues } from '../keys/rsa-public-checks.ts'
import { decode } from '../encoding/base64url.ts'
import { readCurvePem, readEcJwk, readOctJwk } from './decryption-entry-forms.ts'

/** One private key of the set, in any form importKey takes for a JWE decryption algorithm. */
export interface DecryptionKeyEntry {
  /** Matched against the JWE header "kid". Defaults to the JWK's own "kid". */
  kid?: string
  /**
   * RSA-OAEP*: a private PEM (PKCS#8, PKCS#1) or JWK. ECDH-ES*: an EC (P-256/384/521) or OKP
   * (X25519, X448) private JWK or PEM (PKCS#8, SEC1). "dir", A*KW, A*GCMKW: the secret's bytes
   * or an oct JWK; PBES2-*: the password's bytes. Or a CryptoKey imported for one of them.
   */
  key: string | JsonWebKey | CryptoKey | Uint8Array
}

/**
 * What an entry's key can serve, known when the set is made: its type ("RSA" for RSA-OAEP*, "EC"
 * for ECDH-ES* on EC and OKP curves, "oct" for the shared-key algorithms), and what narrows it.
 */
export interface KeyShape {
  readonly kty: 'RSA' | 'EC' | 'oct'
  /** The one "alg" the key serves (a JWK's "alg", a CryptoKey's algorithm); "PBES2" for a password CryptoKey: any of the three. */
  readonly alg?: string | undefined
  /** A "dir" JWK that names the "enc" it serves as its "alg" (RFC 7520 §5.6). */
  readonly enc?: string | undefined
  /** EC and OKP keys: the curve, which the header's "epk" must be on. */
  readonly crv?: string | undefined
  /** Secrets: the size in bytes ("dir": the enc's CEK; A*KW, A*GCMKW: the AES key); a password CryptoKey has none. */
  readonly bytes?: number | undefined
}

export interface Entry extends KeyShape {
  readonly kid: string | undefined
  keyFor(alg: KeyManagementAlgorithm): Promise<CryptoKey>
}

const own = (object: object, name: string): unknown => (Object.hasOwn(object, name) ? (object as Record<string, unknown>)[name] : undefined)

/** Reads one entry: refuses now, with ERR_KEY_INVALID, every key that could never decrypt. */
export function toEntry(entry: DecryptionKeyEntry, index: number, copies: number): Entry {
  if (typeof entry !== 'object' || entry === null) throw invalidArgument(`decryption key ${index} must be an object`)
  const { key } = entry
  const kid = entry.kid ?? (typeof key === 'object' && key !== null && !isCryptoKey(key) && typeof own(key, 'kid') === 'string' ? (own(key, 'kid') as string) : undefined)
  if (kid !== undefined && typeof kid !== 'string') throw invalidArgument(`decryption key ${index} kid must be a string`)
  if (isCryptoKey(key)) {
    const shape = cryptoKeyShape(key)
    if (shape === undefined) {
      throw keyInvalid(`decryption key ${index} is not a private or secret key for a JWE algorithm, with its decryption usage (RSA keys of ${MIN_RSA_MODULUS_BITS} bits or more)`)
    }
    const ready = Promise.resolve(key)
    return { ...shape, kid, keyFor: () => ready }
  }
  if (key instanceof Uint8Array) {
    if (key.length === 0) throw keyInvalid(`decryption key ${index} is empty`)
    // A copy: the caller may reuse its buffer. Unbound bytes serve every shared-key alg of their size.
    const bytes = key.slice()
    return withImports({ kty: 'oct', bytes: bytes.length }, kid, index, bytes, 1)
  }
  if (typeof key !== 'string' && (typeof key !== 'object' || key === null)) {
    throw keyInvalid(`decryption key ${index} must be a PEM string, a JWK, a Uint8Array or a CryptoKey`)
  }
  // The checks the import will make (RFC 7517 §4, RFC 7468), made now: material that could never
  // decrypt (a JWK bound to RS256, to signing, to key_ops without decryption; a public key; a
  // malformed PEM or JWK) fails the set, not each token. Only Web Crypto's own parse waits.
  if (typeof key === 'string') {
    const [kind, der] = readPemBlock(key, /^(RSA |EC )?(PRIVATE|PUBLIC) KEY$|^CERTIFICATE$/)
    assertPrivate(kind[2] === 'PRIVATE', index)
    // A PKCS#1 key is checked when its conversion has loaded, on import; a PKCS#8 one whole now.
    if (kind[1] === 'RSA ') return withImports({ kty: 'RSA' }, kid, index, key, copies)
    // PKCS#8 holds an RSA or a curve key; SEC1 ("EC PRIVATE KEY") a curve key.
    if (kind[1] || !isRsaEncryption(der, true)) return withImports(readCurvePem(der, !!kind[1]), kid, index, key, 1)
    assertRsaDerValues(der, true)
    return withImports({ kty: 'RSA' }, kid, index, key, copies)
  }
  const kty = own(key, 'kty')
  if (kty === 'oct') {
    const [shape, bytes] = readOctJwk(key)
    return withImports(shape, kid, index, bytes, 1)
  }
  if (kty === 'EC' || kty === 'OKP') {
    const [shape, jwk] = readEcJwk(key)
    assertPrivate(jwk.d !== undefined, index)
    return withImports(shape, kid, index, jwk, 1)
  }
  // Any other "kty" is checked as RSA's, which refuses it.
  const fixedAlg = Object.hasOwn(KEY_MANAGEMENT_ALGORITHMS, own(key, 'alg') as string) ? (own(key, 'alg') as RsaOaepAlgorithm) : undefined
  const [checked] = checkJwk(key, fixedAlg ?? 'RSA-OAEP-256', KEY_MANAGEMENT_ALGORITHMS[fixedAlg ?? 'RSA-OAEP-256'], false)
  assertPrivate(checked.d !== undefined, index)
  assertRsaPublicValues(decode(checked.n!), decode(checked.e!))
  return withImports({ kty: 'RSA', alg: fixedAlg }, kid, index, key, copies)
}

function assertPrivate(isPrivate: boolean, index: number): void {
  if (!isPrivate) throw keyInvalid(`decryption key ${index} is a public key; a private key is needed`)
}

/**
 * The entry of key material imported on first use, once per "alg", and reused (RFC 7518 binds
 * the hash of RSA-OAEP into the key, so each alg has its own CryptoKey).
 *
 * `copies` is more than one for RSA keys only: Node runs the private-key operations of one RSA
 * CryptoKey one at a time, and a token's RSA decryption is most of its cost (bench/RESULTS.md).
 * A secret (AES-KW, AES-GCM, a PBES2 password, a "dir" CEK) is bytes with no private-key state
 * to serialize on, and an ECDH agreement costs a fraction of an RSA decryption among a token's
 * other steps (the "epk" import, Concat KDF, the unwrap); no measurement showed copies to help them.
 */
function withImports(shape: KeyShape, kid: string | undefined, index: number, material: string | JsonWebKey | Uint8Array, copies: number): Entry {
  const imported = new Map<KeyManagementAlgorithm, Promise<CryptoKey[]>>()
  let turn = 0
  return {
    ...shape,
    kid,
    async keyFor(alg) {
      let pending = imported.get(alg)
      if (pending === undefined) {
        // RSA keys go straight to the RSA importer (the specs are up front); the others through
        // importKey, which loads their family and importer with the first key of their type.
        const importOne = () =>
          shape.kty === 'RSA' ? importRsaKey(material as string, alg, KEY_MANAGEMENT_ALGORITHMS[alg as RsaOaepAlgorithm]) : importKey(material, alg)
        pending = Promise.all(Array.from({ length: copies }, importOne)).catch((cause: unknown) => {
          // A runtime without the alg (AES-192 in Chromium, X448 outside Node and Deno) says so.
          if (cause instanceof JoseError && cause.code === 'ERR_ALG_NOT_SUPPORTED') throw cause
          // The set is the server's own configuration: a key Web Crypto refuses says nothing about
          // the token, so it is ERR_KEY_UNAVAILABLE (a 503 answer), not a verdict on the token.
          throw new JoseError('ERR_KEY_UNAVAILABLE', `decryption key ${index} could not be imported`, { cause })
        })
        // A failed import is not cached, so a transient failure does not poison the entry.
        pending.catch(() => imported.delete(alg))
        imported.set(alg, pending)
      }
      const keys = await pending
      return keys[turn++ % keys.length]!
    },
  }
}

/**
 * The usages with which a key of each Web Crypto algorithm decrypts: one of them is needed. RSA-OAEP
 * unwraps with either (RFC 7517 §4.3), AES-GCM key wrap decrypts, AES-KW unwraps, PBES2 and ECDH
 * derive; a "dir" key (an extractable SHA-1 HMAC key, key-management/dir.ts) is held to "sign".
 */
const DECRYPTION_USAGES: Readonly<Record<string, readonly KeyUsage[]>> = {
  'RSA-OAEP': ['decrypt', 'unwrapKey'],
  'AES-KW': ['unwrapKey'],
  'AES-GCM': ['decrypt'],
  PBKDF2: ['deriveBits'],
  HMAC: ['sign'],
  ECDH: ['deriveBits'],
  X25519: ['deriveBits'],
  X448: ['deriveBits'],
}

/**
 * What a CryptoKey serves, from its Web Crypto algorithm: an RSA-OAEP private key its hash's
 * alg, an AES key the alg of its size, a PBKDF2 key PBES2, an extractable SHA-1 HMAC key "dir"
 * with an enc of its size, an ECDH, X25519 or X448 private key ECDH-ES* on its curve.
 * Undefined for any other key, or one without its decryption usage. The usage makes the key a
 * private one: Web Crypto gives an RSA-OAEP public key only "encrypt" and "wrapKey", and an ECDH one none.
 */
function cryptoKeyShape(key: CryptoKey): KeyShape | undefined {
  const algorithm = key.algorithm as Partial<RsaHashedKeyAlgorithm & AesKeyAlgorithm & EcKeyAlgorithm>
  const { name } = algorithm
  if (!Object.hasOwn(DECRYPTION_USAGES, name!) || !DECRYPTION_USAGES[name!]!.some((usage) => key.usages.includes(usage))) return undefined
  const bytes = algorithm.length! / 8
  switch (name) {
    case 'RSA-OAEP':
      // Web Crypto's RSA-OAEP hashes (SHA-1, SHA-256, SHA-384, SHA-512) each name one "alg".
      return algorithm.modulusLength! >= MIN_RSA_MODULUS_BITS
        ? { kty: 'RSA', alg: (Object.keys(KEY_MANAGEMENT_ALGORITHMS) as RsaOaepAlgorithm[]).find((alg) => KEY_MANAGEMENT_ALGORITHMS[alg].hash === algorithm.hash!.name) }
        : undefined
    case 'AES-KW':
      return { kty: 'oct', alg: `A${algorithm.length}KW`, bytes }
    case 'AES-GCM':
      return { kty: 'oct', alg: `A${algorithm.length}GCMKW`, bytes }
    case 'PBKDF2':
      return { kty: 'oct', alg: 'PBES2' }
    case 'HMAC':
      // The CEK is read out of a "dir" key for every token.
      return algorithm.hash!.name === 'SHA-1' && key.extractable ? { kty: 'oct', alg: 'dir', bytes } : undefined
  }
  return { kty: 'EC', crv: algorithm.namedCurve ?? name }
}
