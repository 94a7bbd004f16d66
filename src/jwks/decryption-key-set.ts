import { JoseError, atBoundary, invalidArgument, requireOptions } from '../errors.ts'
import type { JweHeader } from '../serialization/header.ts'
import { isKeyManagementAlgorithm, type KeyManagementAlgorithm } from '../algorithms/key-management.ts'
import { toEntry, type DecryptionKeyEntry, type Entry } from './decryption-entry.ts'
import { ktyFor, secretBytes } from './decryption-entry-forms.ts'

export type { DecryptionKeyEntry } from './decryption-entry.ts'

export interface DecryptionKeySetOptions {
  /**
   * How many keys a token without a usable "kid" may be tried against. Each try costs a
   * private-key operation or a key derivation, so the bound keeps a flood of kid-less tokens
   * cheap to refuse. Default 3.
   */
  maxKeysPerToken?: number
  /**
   * How many separate CryptoKeys each RSA PEM or JWK entry is imported as, handed out in turn.
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
 * Selection: of the entries whose key fits the header, those whose kid equals the header's;
 * when the header has no kid, or no fitting entry carries it, those without a kid. A key fits
 * when its type is the alg's (RSA for RSA-OAEP*; EC or OKP on the curve of the header's "epk"
 * for ECDH-ES*; a secret of the size the alg, or for "dir" the enc, names, or a password for
 * PBES2-*), and an entry bound to an algorithm (a JWK with "alg", or a CryptoKey, whose
 * algorithm fixes it) is skipped for other algorithms. When several entries remain they are
 * tried in order, at most `maxKeysPerToken` of them, and every failure is the one uniform
 * decryption error (RFC 7516 §11.5). PEM, JWK and byte entries are imported on first use, once
 * per algorithm, and reused.
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
    const { alg, kid, enc, crv } = atBoundary(() => ({ alg: header?.alg, kid: header?.kid, enc: header?.enc, crv: (header?.epk as { crv?: unknown } | undefined)?.crv }))()
    if (!isKeyManagementAlgorithm(alg)) throw new JoseError('ERR_ALG_NOT_SUPPORTED', 'unsupported alg')
    const fitting = this.#entries.filter((entry) => fits(entry, alg, enc, crv))
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

/**
 * Whether `entry` can serve `alg` for a header with this "enc" and "epk" curve. An "epk" on another
 * curve than the key's could never be combined with it (RFC 7518 §4.6; ecdh-es.ts refuses it too).
 */
function fits(entry: Entry, alg: KeyManagementAlgorithm, enc: unknown, crv: unknown): boolean {
  if (entry.kty !== ktyFor(alg) || !(entry.alg === undefined || entry.alg === alg || entry.alg === alg.slice(0, 5))) return false
  if (entry.kty === 'EC') return entry.crv === crv
  if (entry.enc !== undefined && entry.enc !== enc) return false
  const bytes = secretBytes(alg, enc)
  return entry.bytes === undefined || bytes === undefined || entry.bytes === bytes
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

