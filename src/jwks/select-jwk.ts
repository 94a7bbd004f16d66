import { algNotSupported, invalidArgument, JoseError } from '../errors.ts'
import { isSignatureAlgorithm, type SignatureAlgorithm } from '../algorithms/signature.ts'
import type { JwsHeader } from '../serialization/header.ts'
import { KEY_MEMBERS, type JwkSetKey } from './jwk-set.ts'
import { isString } from '../serialization/limits.ts'

/** What a JWS header asks of a verification key. */
export interface KeyRequest {
  readonly alg: SignatureAlgorithm
  readonly kid: string | undefined
}

/**
 * Reads "alg" and "kid" from a parsed JWS header, whose "kid" is a string if present. Only
 * these two steer selection: "jwk", "jku", "x5u" and "x5c" name keys chosen by whoever made
 * the token and are never consulted.
 */
export function readKeyRequest(header: JwsHeader): KeyRequest {
  // A resolver may be called by hand: no header at all is no supported alg, not a TypeError.
  const { alg, kid } = header ?? {}
  // Every alg but HS*: an HS* secret never comes from a set, so a public key listed there cannot
  // become an HMAC secret (RFC 8725 §2.1).
  if (!isSignatureAlgorithm(alg) || alg[0] === 'H') throw algNotSupported('unsupported alg')
  return { alg, kid }
}

/**
 * "alg kty crv" for every alg and the key type and curve it takes (RFC 7518 §3.3-§3.5, RFC 8037
 * §3.1, RFC 9864 §2, RFC 9964): an RSA key's "crv" is no member of it and ignored, so its kty
 * alone is tested ("RSA " or "RSA x" is no RSA key); "EdDSA" takes either Edwards curve; an AKP
 * key has no "crv" (its "alg" names its parameter set), and one with a "crv" is refused.
 */
const KEY_TYPES = /^(?:[RP]S\d+ RSA|ES(256|384) EC P-\1|ES512 EC P-521|Ed(?:DSA|25519) OKP Ed25519|Ed(?:DSA|448) OKP Ed448|ML\S+ AKP false)$/

/**
 * Picks the one key of a JWK set that can verify a JWS with this header: a JWK of the key type
 * (and curve) the header's "alg" takes, whose "kid" equals the header's (when the header has one), whose "use" (if present) is "sig",
 * whose "alg" (if present) is the header's, and whose "key_ops" (if present) include "verify".
 *
 * Throws ERR_JWKS_NO_MATCHING_KEY when no key qualifies and ERR_JWKS_MULTIPLE_MATCHING_KEYS
 * when different keys do: the library never tries several keys in turn, so give every key
 * in a set a distinct "kid". Entries listing the same public key more than once count as one.
 * ERR_ALG_NOT_SUPPORTED when the header's "alg" is HS* (a secret never comes from a set) or
 * one the library does not implement. An AKP (ML-DSA) key is selected only if its "alg" is the
 * header's: RFC 9964 requires the member.
 * Messages never repeat the header's "kid", which is attacker-chosen text.
 *
 * @example
 * const jwk = selectJwk(jwks.keys, header)
 */
export function selectJwk<K extends object>(keys: readonly K[], header: JwsHeader): K {
  if (!Array.isArray(keys)) throw invalidArgument('keys must be an array')
  const kid: unknown = header?.kid
  if (header === null || header === undefined || (kid !== undefined && typeof kid !== 'string')) {
    throw invalidArgument('bad JWS header')
  }
  // Own enumerable members only: copies, mapped back to the caller's objects.
  const copies = keys.map((key) => ({ ...key }) as JwkSetKey)
  return keys[copies.indexOf(findJwk(copies, readKeyRequest(header), true))]!
}

/**
 * The matching key of a set whose entries are plain objects (readJwkSet's, or copies).
 * Throws ERR_JWKS_MULTIPLE_MATCHING_KEYS when different keys match, and
 * ERR_JWKS_NO_MATCHING_KEY when none does and `required` is set (else returns undefined).
 */
export function findJwk(keys: readonly JwkSetKey[], request: KeyRequest, required: true): JwkSetKey
export function findJwk(keys: readonly JwkSetKey[], request: KeyRequest, required?: boolean): JwkSetKey | undefined
export function findJwk(keys: readonly JwkSetKey[], { alg, kid }: KeyRequest, required?: boolean): JwkSetKey | undefined {
  let found: JwkSetKey | undefined
  for (const key of keys) {
    // Absent members match; present ones must be exactly right. An AKP key must name its alg
    // (RFC 9964): ML-DSA-44, -65 and -87 keys all have kty "AKP".
    const { use = 'sig', alg: keyAlg = key.kty === 'AKP' || alg, key_ops: ops = ['verify'], crv } = key
    if (
      // Strings only: the template would turn ["EC"] into "EC". RSA keys have no "crv" to check.
      isString(key.kty) &&
      KEY_TYPES.test(key.kty === 'RSA' ? `${alg} RSA` : `${alg} ${key.kty} ${isString(crv) && crv}`) &&
      (kid ?? key.kid) === key.kid &&
      use === 'sig' &&
      keyAlg === alg &&
      Array.isArray(ops) &&
      ops.includes('verify') &&
      // RFC 7517 §4.3: beside "use", key_ops must name only operations of that use.
      (key.use === undefined || ops.every((op) => op === 'verify' || op === 'sign'))
    ) {
      // The same public key listed twice counts once (both are of one kty: no alg takes two).
      if (found && KEY_MEMBERS.get(key.kty)!.some((name) => key[name as 'n'] !== found![name as 'n'])) {
        throw new JoseError('ERR_JWKS_MULTIPLE_MATCHING_KEYS', 'several keys match')
      }
      found ??= key
    }
  }
  if (required && !found) throw new JoseError('ERR_JWKS_NO_MATCHING_KEY', 'no matching key')
  return found
}
