import { invalidArgument, keyInvalid } from '../errors.ts'
import type { JwsHeader } from '../serialization/header.ts'
import type { SignatureAlgorithm } from '../algorithms/signature.ts'
import { RSA_SIGNATURE_SPECS, type RsaSignatureAlgorithm } from '../algorithms/signature/rsa.ts'
import { isCryptoKey } from '../keys/check-key.ts'
import { importKey } from '../keys/import-key.ts'
import { readPemBlock } from '../keys/pem.ts'
import { checkJwk } from '../keys/jwk.ts'
import type { KeyInput } from '../keys/resolve-key.ts'
import { createLocalJwks } from '../jwks/local-jwks.ts'
import { readJwkSet, type JsonWebKeySet } from '../jwks/jwk-set.ts'

/**
 * The verification key forms createVerifier takes: what decryptAndVerifyJwt takes (a CryptoKey
 * or a resolver such as createLocalJwks/createRemoteJwks), plus a PEM, a public JWK or a
 * `{ keys }` JWK set, each imported once. This lives with createVerifier, not in the per-call
 * verbs: there an import would happen on every call, or need a cache of its own.
 */
export type VerificationKeyInput = KeyInput<JwsHeader> | string | JsonWebKey | JsonWebKeySet

/** A JWK set document (RFC 7517 §5), told from a single JWK by its "keys" array. */
export function isJwkSet(value: unknown): value is JsonWebKeySet {
  return typeof value === 'object' && value !== null && Array.isArray((value as Partial<JsonWebKeySet>).keys)
}

/**
 * Turns any accepted form into what the verbs take, importing nothing yet. What can be judged
 * without importing is judged now, so a bad key fails the verifier rather than every token.
 */
export function toVerificationKey(key: unknown, algorithms: readonly SignatureAlgorithm[]): KeyInput<JwsHeader> {
  if (typeof key === 'function' || isCryptoKey(key)) return key as KeyInput<JwsHeader>
  if (isJwkSet(key)) {
    // Validated (ERR_JWKS_INVALID) and copied by createLocalJwks; a set with no RSA public key
    // in it would fail every token with ERR_JWKS_NO_MATCHING_KEY.
    if (readJwkSet(key).length === 0) throw invalidArgument('options.verificationKey: the JWK set has no public key')
    return createLocalJwks(key)
  }
  if (typeof key === 'string' || (typeof key === 'object' && key !== null && typeof (key as JsonWebKey).kty === 'string')) {
    // The DER inside a PEM and the key values are judged by the import, on the first token.
    if (typeof key === 'string') {
      if (readPemBlock(key)[0][2] === 'PRIVATE') throw privateKeyGiven()
    } else {
      const jwk = key as JsonWebKey
      const alg = algorithms.find((allowed) => jwk.alg === undefined || jwk.alg === allowed) ?? algorithms[0]!
      // RSA keys are judged now as the import would; other families' specs load with their code.
      const spec = RSA_SIGNATURE_SPECS[alg as RsaSignatureAlgorithm]
      if (spec !== undefined && jwk.kty === 'RSA') checkJwk(jwk, alg, spec, false)
      // RFC 7518 §6.2.2/§6.3.2 and RFC 8037 §2 mark a private key with "d", RFC 9964 (AKP) with "priv".
      if (Object.hasOwn(jwk, 'd') || Object.hasOwn(jwk, 'priv')) throw privateKeyGiven()
    }
    // Web Crypto binds the hash into a key (RS256 and PS256 need different CryptoKeys), so one
    // import per algorithm, on its first token. The header's alg has passed the allow-list by
    // then. A failed import fails every token the same way, so it is kept too: never retried per token.
    const material = typeof key === 'string' ? key : { ...(key as JsonWebKey) }
    const imported = new Map<string, Promise<CryptoKey>>()
    return (header) => {
      let pending = imported.get(header.alg)
      if (pending === undefined) imported.set(header.alg, (pending = importKey(material, header.alg as SignatureAlgorithm)))
      return pending
    }
  }
  throw invalidArgument(
    'options.verificationKey: pass a CryptoKey, a PEM or JWK (imported once), a { keys } JWK set, createLocalJwks(...) or createRemoteJwks(...)',
  )
}

const privateKeyGiven = () => keyInvalid("options.verificationKey is a private key: pass the issuer's public key")
