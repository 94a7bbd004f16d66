/** One line on what an error code means for the person holding the token, and the likely fix. Web-safe. */
export const EXPLANATIONS: Record<string, readonly [meaning: string, fix: string]> = {
  ERR_INVALID_ARGUMENT: ['an option or argument is malformed', 'check the command line against --help'],
  ERR_BASE64URL: ['a segment is not canonical unpadded base64url', 'copy the whole token again: it was cut or re-encoded'],
  ERR_TOKEN_TOO_LARGE: ['the token or its header is over the size limit', 'check that this is one token, not several'],
  ERR_JWE_INVALID: ['the JWE is malformed', 'copy the whole token again; check the issuer\'s encryption settings'],
  ERR_JWE_DECRYPTION_FAILED: ['decryption failed', 'the token was encrypted to another key: use the private key whose public key the issuer has for this API'],
  ERR_JWE_REQUIRED: ['a signed JWT arrived where an encrypted one is required', 'turn on token encryption for this API at the issuer'],
  ERR_JWS_INVALID: ['the JWS is malformed', 'copy the whole token again'],
  ERR_JWS_SIGNATURE_INVALID: ['the signature does not verify', 'use the issuer\'s JWKS (https://TENANT/.well-known/jwks.json); the token may have been altered'],
  ERR_ALG_NOT_ALLOWED: ['the header names an algorithm outside the allow-list', 'allow the algorithm the issuer uses (--alg, --key-alg, --enc), or fix the issuer\'s settings'],
  ERR_ALG_NOT_SUPPORTED: ['webjose does not implement this algorithm, or this runtime lacks it', 'see the README\'s Algorithms table'],
  ERR_CRIT_UNSUPPORTED: ['the header lists a critical extension this verifier does not process', 'the token needs an extension-aware verifier'],
  ERR_KEY_INVALID: ['the key cannot serve this algorithm', 'check the key type and size (RSA ≥ 2048 bits) and that it is the private key for decryption'],
  ERR_JWT_INVALID: ['the payload is not a JWT claims object, or the JWE holds no signed JWT', 'check what the issuer put in the token'],
  ERR_JWT_EXPIRED: ['the token has expired', 'request a new token, or check this machine\'s clock'],
  ERR_JWT_NOT_YET_VALID: ['the token is not valid yet (nbf)', 'check the clocks, or allow a clock tolerance'],
  ERR_JWT_CLAIM_INVALID: ['a claim does not match what this API requires', 'compare iss and aud with --issuer (trailing slash included) and --audience'],
  ERR_JWKS_INVALID: ['the JWKS is malformed', 'check the JWKS URL: it must return {"keys":[...]}'],
  ERR_JWKS_NO_MATCHING_KEY: ['no key of the set matches the header\'s kid and alg', 'use the issuer that minted the token; keys may have rotated'],
  ERR_JWKS_MULTIPLE_MATCHING_KEYS: ['several keys match a header without a distinguishing kid', 'give every key a kid'],
  ERR_JWKS_FETCH_FAILED: ['the JWKS could not be fetched', 'check the URL (https only) and the network'],
  ERR_JWKS_TIMEOUT: ['fetching the JWKS timed out', 'check the network, or retry'],
  ERR_INSUFFICIENT_SCOPE: ['the token is valid but lacks a scope this command requires', 'request the token with that scope'],
}

export function explain(code: string): readonly [string, string] {
  return EXPLANATIONS[code] ?? ['unexpected failure', 'report it with the command line (never the key)']
}
