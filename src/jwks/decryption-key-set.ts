import { JoseError, atBoundary, invalidArgument, keyInvalid, requireOptions } from '../errors.ts'
import type { JweHeader } from '../serialization/header.ts'
import { KEY_MANAGEMENT_ALGORITHMS, isKeyManagementAlgorithm, type KeyManagementAlgorithm } from '../algorithms/key-management.ts'
import type { RsaOaepAlgorithm } from '../algorithms/key-management/rsa-oaep.ts'
import { isCryptoKey } from '../keys/check-key.ts'
import { MIN_RSA_MODULUS_BITS } from '../algorithms/key-spec.ts'
import { importRsaKey } from '../keys/import-rsa.ts'
import { checkJwk } from '../keys/jwk.ts'
import { readPemBlock } from '../keys/pem.ts'
import { assertRsaDerValues, assertRsaEncryption } from '../keys/der.ts'
import { assertRsaPublicValues } from '../keys/rsa-public-checks.ts'
import { decode } from '../encoding/base64url.ts'

/** One private key of the set: a PEM string, a private JWK, or an imported CryptoKey. */
export interface DecryptionKeyEntry {
  /** Matched against the JWE header "kid". Defaults to the JWK's own "kid". */
  kid?: string
  key: string | JsonWebKey | CryptoKey
}

export interface DecryptionKeySetOptions {
  /**
   * How many keys a token without a usable "kid" may be tried against. Each try costs an
   * RSA private-key operation, so the bound keeps a flood of kid-less tokens cheap to refuse.
   * Default 3.
   */
  maxKeysPerToken?: number
  /**
   * How many separate CryptoKeys each PEM or JWK entry is imported as, handed out in turn.
   * Node runs the RSA private-key operations of one CryptoKey one at a time (the key holds a
   * mutex for the whole operation), so concurrent tokens only use several cores with several
   * copies (bench/RESULTS.md). Default 4; 1 imports each key once.
   */
  copiesPerKey?: number
}

/**
 * The private keys a resource server decrypts with, selected by the JWE header "kid" so
 * keys can be rotated: publish the new key, keep the old one in the set until its tokens
 * have expired, then drop it.
 *
 * Selection: the entries whose kid equals the header's; when the header has no kid, or no
 * entry carries it, the entries without a kid. An entry bound to an algorithm (a JWK with
 * "alg", or a CryptoKey, whose OAEP hash is fixed) is skipped for other algorithms. When
 * several entries remain they are tried in order, at most `maxKeysPerToken` of them, and
 * every failure is the one uniform decryption error. PEM and JWK entries are imported on
 * first use, once per algorithm, and reused.
 */
export class DecryptionKeySet {
  readonly #entries: readonly Entry[]
  readonly #maxKeysPerToken: number

  constructor(entries: readonly DecryptionKeyEntry[], options: DecryptionKeySetOptions = {}) {
    // Everything the caller passed is read here, once (atBoundary: a getter that throws is a caller error).
    ;[this.#entries, this.#maxKeysPerToken] = atBoundary(readEntries)(entries, options)
  }

  /** The keys to try for this header, imported and checked; ERR_JWKS_NO_MATCHING_KEY when none fits. */
  async candidates(header: JweHeader): Promise<CryptoKey[]> {
    // decryptAndVerifyJwt passes a checked header; a call by hand may not.
    const { alg, kid } = atBoundary(() => ({ alg: header?.alg, kid: header?.kid }))()
    if (!isKeyManagementAlgorithm(alg)) throw new JoseError('ERR_ALG_NOT_SUPPORTED', 'unsupported alg')
    const fitting = this.#entries.filter((entry) => entry.alg === undefined || entry.alg === alg || entry.alg === alg.slice(0, 5))
    const byKid = kid === undefined ? [] : fitting.filter((entry) => entry.kid === kid)
    const chosen = byKid.length > 0 ? byKid : fitting.filter((entry) => entry.kid === undefined)
    if (chosen.length === 0) throw new JoseError('ERR_JWKS_NO_MATCHING_KEY', 'no decryption key matches the JWE header')
    if (chosen.length > this.#maxKeysPerToken) {
      throw new JoseError(
        'ERR_JWKS_MULTIPLE_MATCHING_KEYS',
        `${chosen.length} decryption keys match the JWE header and at most ${this.#maxKeysPerToken} are tried; give the keys a kid`,
      )
    }
    return Promise.all(chosen.map((entry) => entry.keyFor(alg)))
  }
}

function readEntries(entries: readonly DecryptionKeyEntry[], options: DecryptionKeySetOptions): [readonly Entry[], number] {
  requireOptions(options)
  if (!Array.isArray(entries) || entries.length === 0) {
    throw invalidArgument('a decryption key set needs at least one key')
  }
  const max = options.maxKeysPerToken ?? 3
  if (!Number.isInteger(max) || max < 1) throw invalidArgument('options.maxKeysPerToken must be a positive integer')
  const copies = options.copiesPerKey ?? 4
  if (!Number.isInteger(copies) || copies < 1 || copies > 64) throw invalidArgument('options.copiesPerKey is invalid')
  return [entries.map((entry, index) => toEntry(entry, index, copies)), max]
}

/** Convenience constructor, e.g. `createDecryptionKeySet([{ kid: '2026-11', key: pem }])`. */
export function createDecryptionKeySet(entries: readonly DecryptionKeyEntry[], options?: DecryptionKeySetOptions): DecryptionKeySet {
  return new DecryptionKeySet(entries, options)
}

interface Entry {
  readonly kid: string | undefined
  /** The one algorithm this entry may serve, when its material fixes it ("PBES2" for a password: any of the three). */
  readonly alg: string | undefined
  keyFor(alg: KeyManagementAlgorithm): Promise<CryptoKey>
}

function toEntry(entry: DecryptionKeyEntry, index: number, copies: number): Entry {
  if (typeof entry !== 'object' || entry === null) throw invalidArgument(`decryption key ${index} must be an object`)
  const { key } = entry
  const jwk = typeof key === 'object' && key !== null && !isCryptoKey(key) ? (key as JsonWebKey) : undefined
  const kid = entry.kid ?? (typeof (jwk as { kid?: unknown } | undefined)?.kid === 'string' ? (jwk as { kid: string }).kid : undefined)
  if (kid !== undefined && typeof kid !== 'string') throw invalidArgument(`decryption key ${index} kid must be a string`)
  if (isCryptoKey(key)) {
    const alg = algForKey(key)
    if (alg === undefined || (alg.startsWith('RSA') && !((key.algorithm as RsaHashedKeyAlgorithm).modulusLength >= MIN_RSA_MODULUS_BITS))) {
      throw keyInvalid(`decryption key ${index} is not an RSA-OAEP private key of ${MIN_RSA_MODULUS_BITS} bits or more, nor a key of a shared-key JWE algorithm`)
    }
    const ready = Promise.resolve(key)
    return { kid, alg, keyFor: () => ready }
  }
  if (typeof key !== 'string' && jwk === undefined) {
    throw keyInvalid(`decryption key ${index} must be a PEM string, a JWK or a CryptoKey`)
  }
  // The checks the import will make (RFC 7517 §4, RFC 7468), made now: material that could never
  // decrypt (a JWK bound to RS256, to signing, to key_ops without decryption; a public key; a
  // malformed PEM or JWK) fails the set, not each token. Only Web Crypto's own parse waits.
  if (jwk === undefined) {
    const [kind, der] = readPemBlock(key as string)
    assertPrivate(kind[2] === 'PRIVATE', index)
    // A PKCS#8 key is checked whole now; a PKCS#1 one when its conversion has loaded, on import.
    if (!kind[1]) {
      assertRsaEncryption(der, true)
      assertRsaDerValues(der, true)
    }
  } else {
    // PEM and JWK entries are RSA keys; a shared-key (oct) key joins the set as a CryptoKey.
    const alg = Object.hasOwn(KEY_MANAGEMENT_ALGORITHMS, jwk.alg as string) ? (jwk.alg as RsaOaepAlgorithm) : 'RSA-OAEP-256'
    const [checked] = checkJwk(jwk, alg, KEY_MANAGEMENT_ALGORITHMS[alg], false)
    assertPrivate(checked.d !== undefined, index)
    assertRsaPublicValues(decode(checked.n!), decode(checked.e!))
  }
  const fixedAlg = jwk?.alg as KeyManagementAlgorithm | undefined
  const imported = new Map<RsaOaepAlgorithm, Promise<CryptoKey[]>>()
  let turn = 0
  return {
    kid,
    alg: fixedAlg,
    async keyFor(anyAlg) {
      const alg = anyAlg as RsaOaepAlgorithm
      let pending = imported.get(alg)
      if (pending === undefined) {
        const spec = KEY_MANAGEMENT_ALGORITHMS[alg]
        // The set is the server's own configuration: a key Web Crypto refuses says nothing about
        // the token, so it is ERR_KEY_UNAVAILABLE (a 503 answer), not a verdict on the token.
        pending = Promise.all(Array.from({ length: copies }, () => importRsaKey(key, alg, spec))).catch((cause: unknown) => {
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

function assertPrivate(isPrivate: boolean, index: number): void {
  if (!isPrivate) throw keyInvalid(`decryption key ${index} is a public key; a private key is needed`)
}

/** The "alg" a CryptoKey serves, from its Web Crypto algorithm (an AES key's size names it). */
function algForKey(key: CryptoKey): string | undefined {
  const algorithm = key.algorithm as Partial<RsaHashedKeyAlgorithm & AesKeyAlgorithm>
  switch (algorithm.name) {
    case 'RSA-OAEP':
      // Web Crypto's RSA-OAEP hashes (SHA-1, SHA-256, SHA-384, SHA-512) each name one "alg".
      return key.type === 'private'
        ? (Object.keys(KEY_MANAGEMENT_ALGORITHMS) as RsaOaepAlgorithm[]).find((alg) => KEY_MANAGEMENT_ALGORITHMS[alg].hash === algorithm.hash?.name)
        : undefined
    case 'AES-KW':
      return `A${algorithm.length}KW`
    case 'AES-GCM':
      return `A${algorithm.length}GCMKW`
    case 'PBKDF2':
      return 'PBES2'
    // The "dir" key: an extractable HMAC key with SHA-1 (key-management/dir.ts).
    case 'HMAC':
      return algorithm.hash?.name === 'SHA-1' ? 'dir' : undefined
  }
  return undefined
}
