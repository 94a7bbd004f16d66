import { JoseError } from '../errors.ts'
import { hasOwn } from '../algorithms/rsa-spec.ts'
import { isSignatureAlgorithm, type SignatureAlgorithm } from '../algorithms/signature.ts'
import { quoteAlgorithm } from '../algorithms/names.ts'
import type { JwsHeader } from '../serialization/header.ts'

/** What a JWS header asks of a verification key. */
export interface KeyRequest {
  readonly alg: SignatureAlgorithm
  readonly kid: string | undefined
}

/**
 * Reads "alg" and "kid" from a JWS header. Only these two steer selection: "jwk", "jku",
 * "x5u" and "x5c" name keys chosen by whoever made the token and are never consulted.
 */
export function readKeyRequest(header: unknown): KeyRequest {
  if (typeof header !== 'object' || header === null) {
    throw new JoseError('ERR_INVALID_ARGUMENT', 'header must be an object')
  }
  const alg = hasOwn(header, 'alg') ? (header as JwsHeader).alg : undefined
  if (!isSignatureAlgorithm(alg)) {
    throw new JoseError('ERR_ALG_NOT_SUPPORTED', `JWS "alg" ${quoteAlgorithm(alg)} cannot be verified with a JWK set`)
  }
  const kid = hasOwn(header, 'kid') ? (header as JwsHeader).kid : undefined
  if (kid !== undefined && typeof kid !== 'string') {
    throw new JoseError('ERR_INVALID_ARGUMENT', 'JWS header "kid" must be a string')
  }
  return { alg, kid }
}

/**
 * Picks the one key of a JWK set that can verify a JWS with this header: an RSA JWK whose
 * "kid" equals the header's (when the header has one), whose "use" (if present) is "sig",
 * whose "alg" (if present) is the header's, and whose "key_ops" (if present) include "verify".
 *
 * Throws ERR_JWKS_NO_MATCHING_KEY when no key qualifies and ERR_JWKS_MULTIPLE_MATCHING_KEYS
 * when different keys do: the library never tries several keys in turn, so give every key
 * in a set a distinct "kid". Entries listing the same public key more than once count as one.
 * ERR_ALG_NOT_SUPPORTED when the header's "alg" is not RS256/384/512 or PS256/384/512.
 * Messages never repeat the header's "kid", which is attacker-chosen text.
 *
 * @example
 * const jwk = selectJwk(jwks.keys, header)
 */
export function selectJwk<K extends object>(keys: readonly K[], header: JwsHeader): K {
  if (!Array.isArray(keys)) throw new JoseError('ERR_INVALID_ARGUMENT', 'keys must be an array')
  const request = readKeyRequest(header)
  const found = findJwk(keys, request)
  if (found === undefined) throw noMatchingKey(request)
  return found
}

/** The matching key, undefined when there is none; throws when different keys match. */
export function findJwk<K extends object>(keys: readonly K[], request: KeyRequest): K | undefined {
  let found: K | undefined
  for (const key of keys) {
    if (!matches(key, request)) continue
    if (found === undefined) found = key
    else if (!samePublicKey(found, key)) throw multipleMatchingKeys(request)
  }
  return found
}

export function noMatchingKey(request: KeyRequest): JoseError {
  return new JoseError(
    'ERR_JWKS_NO_MATCHING_KEY',
    request.kid === undefined
      ? `no key in the JWK set can verify ${request.alg}`
      : `no key in the JWK set has the token's "kid" and can verify ${request.alg}`,
  )
}

function multipleMatchingKeys(request: KeyRequest): JoseError {
  return new JoseError(
    'ERR_JWKS_MULTIPLE_MATCHING_KEYS',
    request.kid === undefined
      ? `several keys in the JWK set can verify ${request.alg} and the token has no "kid"; give each key a distinct "kid"`
      : `several keys in the JWK set share the token's "kid" and can verify ${request.alg}; key ids must be unique`,
  )
}

function member(jwk: object, name: string): unknown {
  return hasOwn(jwk, name) ? (jwk as Record<string, unknown>)[name] : undefined
}

function matches(jwk: unknown, request: KeyRequest): boolean {
  if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk)) return false
  if (member(jwk, 'kty') !== 'RSA') return false
  if (request.kid !== undefined && member(jwk, 'kid') !== request.kid) return false
  const use = member(jwk, 'use')
  if (use !== undefined && use !== 'sig') return false
  const alg = member(jwk, 'alg')
  if (alg !== undefined && alg !== request.alg) return false
  const keyOps = member(jwk, 'key_ops')
  if (keyOps !== undefined && !(Array.isArray(keyOps) && keyOps.includes('verify'))) return false
  return true
}

function samePublicKey(a: object, b: object): boolean {
  const n = member(a, 'n')
  const e = member(a, 'e')
  return typeof n === 'string' && typeof e === 'string' && n === member(b, 'n') && e === member(b, 'e')
}
