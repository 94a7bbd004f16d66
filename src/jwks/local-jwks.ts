import { atBoundary } from '../errors.ts'
import type { JwsHeader } from '../serialization/header.ts'
import { importJwk, readJwkSet, type JsonWebKeySet, type JwkKeyCache } from './jwk-set.ts'
import { findJwk, readKeyRequest } from './select-jwk.ts'

/** Resolves the verification key for a JWS header; pass it as the `key` of compactVerify. */
export type JwksResolver = (header: JwsHeader) => Promise<CryptoKey>

/**
 * A key resolver over a JWK set held in memory (configuration, an environment variable,
 * a bundled file). The set is validated now (ERR_JWKS_INVALID) and copied, so later changes
 * to `jwks` have no effect. Each key is selected with the rules of selectJwk and imported
 * as a non-extractable public key at most once per algorithm.
 *
 * Rejects with ERR_JWKS_NO_MATCHING_KEY, ERR_JWKS_MULTIPLE_MATCHING_KEYS,
 * ERR_ALG_NOT_SUPPORTED, or ERR_KEY_INVALID when the selected JWK cannot be imported
 * (for example an RSA modulus under 2048 bits).
 *
 * @example
 * const keys = createLocalJwks(JSON.parse(process.env.JWKS))
 * const { payload } = await compactVerify(token, keys, { algorithms: ['RS256'] })
 */
export function createLocalJwks(jwks: JsonWebKeySet): JwksResolver {
  const keys = readJwkSet(jwks)
  const cache: JwkKeyCache = new WeakMap()
  return atBoundary(async (header) => {
    const request = readKeyRequest(header)
    return importJwk(cache, findJwk(keys, request, true), request.alg)
  })
}
