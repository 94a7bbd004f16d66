import { invalidArgument, keyInvalid, requireOptions } from '../errors.ts'
import { HEADER_MEMO, type JweHeader } from '../serialization/header.ts'
import { resolveJweOptions } from '../jwe/decrypt-policy.ts'
import { isCryptoKey } from '../keys/check-key.ts'
import type { KeyInput } from '../keys/resolve-key.ts'
import { DecryptionKeySet } from '../jwks/decryption-key-set.ts'
import { resolveJwtOptions, validateJwt } from '../jwt/jwt-verify.ts'
import { verifyCompactJws } from '../jws/verify-compact-jws.ts'
import { validateClaims } from '../jwt/claims.ts'
import { ACCESS_TOKEN_EXPIRY, isKeySet, verifyEncryptedJwt, type AccessTokenPolicy, type DecryptAndVerifyJwtOptions, type DecryptAndVerifyJwtResult } from './decrypt-and-verify-jwt.ts'
import { LruCache } from './lru-cache.ts'
import { VerifierHeaderMemo } from './header-memo.ts'
import { deepFreeze, type DeepReadonly } from './deep-freeze.ts'
import { isJwkSet, toVerificationKey, type VerificationKeyInput } from './key-forms.ts'
import type { JsonWebKeySet } from '../jwks/jwk-set.ts'
import type { VerifiedClaims } from '../jwt/claims.ts'
import type { DiscoverJwksOptions } from '../jwks/discover-jwks.ts'
import { discoveredKey } from './discovered-key.ts'

export interface VerifierOptions extends Omit<DecryptAndVerifyJwtOptions, 'decryptionKey' | 'verificationKey' | 'currentDate'> {
  /**
   * The resource server's decryption key. Besides what decryptAndVerifyJwt takes, a private PEM
   * string or JWK, a secret's bytes (dir, A*KW, A*GCMKW) or a PBES2 password's, or a `{ keys }`
   * JWK set of them is accepted here: the verifier imports each once (RSA keys as copies: see
   * DecryptionKeySetOptions.copiesPerKey).
   */
  decryptionKey?: KeyInput<JweHeader> | DecryptionKeySet | string | JsonWebKey | JsonWebKeySet | Uint8Array
  /**
   * The issuer's public key. Besides what decryptAndVerifyJwt takes (a CryptoKey, or a resolver
   * such as createRemoteJwks), a PEM, a public JWK or a `{ keys }` JWK set, imported once.
   * Absent: the JWKS named by the metadata of `issuer` (discoverJwks(issuer, options.discovery)).
   * A resolver, here or as decryptionKey, gets the protected header deep-frozen: tokens with the
   * same header share one object, since the verifier decodes each header once.
   */
  verificationKey?: VerificationKeyInput | undefined
  /** Options of discoverJwks, used when verificationKey is absent. */
  discovery?: DiscoverJwksOptions | undefined
  /** Default true: a signed JWT without encryption fails with ERR_JWE_REQUIRED. */
  requireEncryption?: boolean
  /** Verified-token cache; false disables it. Default: 1,000 entries. */
  cache?: false | { maxEntries?: number }
  /** Clock for the claim checks, in milliseconds (tests). Default Date.now. */
  now?: () => number
}

/** Deeply readonly: a verifier hands the same frozen result to every caller of one token. */
export interface VerifyResult<TClaims extends object = {}> {
  /** The registered claims with their types, plus `TClaims` (see VerifiedClaims). */
  readonly claims: DeepReadonly<VerifiedClaims<TClaims>>
  readonly header: DeepReadonly<DecryptAndVerifyJwtResult['header']>
  /** Absent when encryption is not required and the token was a bare JWS. */
  readonly encryptionHeader?: DeepReadonly<JweHeader>
}

export interface Verifier {
  /** `TClaims` types the claims the issuer adds: `verify<{ scope: string }>(token)`. */
  verify<TClaims extends object = {}>(token: string): Promise<VerifyResult<TClaims>>
}

/**
 * A reusable verifier for a resource server: options are checked and keys prepared once,
 * and verified results are kept in an LRU keyed by the exact token string.
 *
 * A cached result is only served while a fresh verification would accept the same token:
 * the time-dependent claim checks (exp, nbf, iat with maxTokenAge, each with the clock
 * tolerance) run again on every hit, and an entry that fails them is dropped. Failures are
 * never cached. Results are frozen, since the same object is handed to every caller.
 */
export function createVerifier(options: VerifierOptions): Verifier {
  requireOptions(options)
  // Read once, here: a getter must not answer differently, or throw, when a token comes.
  options = { ...options }
  const now = options.now ?? Date.now
  if (typeof now !== 'function') throw invalidArgument('options.now is invalid')
  const checked = { ...options, decryptionKey: prepareDecryptionKey(options), [HEADER_MEMO]: new VerifierHeaderMemo() } as DecryptAndVerifyJwtOptions
  // As decryptAndVerifyJwt's JWT options, issuer and audience required (resolveAccessTokenOptions).
  const jws = resolveJwtOptions(checked, true)
  // Checked once here, rather than refusing every token after its decryption.
  checked.verificationKey = toVerificationKey(
    options.verificationKey === undefined ? discoveredKey(options.issuer, options.discovery) : options.verificationKey,
    checked.algorithms,
  )
  const requireEncryption = options.requireEncryption ?? true
  // A boolean only: a falsy typo ('' from an unset variable, 0) must not turn encryption off.
  if (typeof requireEncryption !== 'boolean') throw invalidArgument('options.requireEncryption is invalid')
  // Every option is checked here, once: a bad one would fail every token, which verifyRequest answers 401.
  const jwe = options.decryptionKey !== undefined || requireEncryption ? resolveJweOptions(checked) : undefined
  if (requireEncryption && options.decryptionKey === undefined) {
    throw invalidArgument('options.decryptionKey is required when encryption is required')
  }
  const cache = createCache(options.cache)
  // Whatever the clock gives reaches the claim checks, which refuse a time that is not a finite
  // number: a clock answering undefined must not fall back to Date.now without a word.
  const readClock = (): number => {
    const nowMs: unknown = now()
    return typeof nowMs === 'number' ? nowMs : Number.NaN
  }

  async function verifyUncached(token: string): Promise<VerifyResult> {
    // The time travels as an argument: a per-call `{ ...checked, currentDate }` would cost more
    // than all the checks (see resolveJwtOptions).
    const nowMs = readClock()
    // Without a decryption key the verifier is JWS-only: a JWE is then a malformed JWS. The
    // default (encryption required) never looks at the segments here.
    if (!requireEncryption && (options.decryptionKey === undefined || (typeof token === 'string' && token.split('.', 4).length === 3))) {
      const { payload, header } = await verifyCompactJws(token, checked.verificationKey, jws)
      return { claims: validateJwt(header, payload, checked, nowMs, ACCESS_TOKEN_EXPIRY), header }
    }
    return verifyEncryptedJwt(token, jwe as AccessTokenPolicy, nowMs)
  }

  // Concurrent requests with the same uncached token share one verification.
  const inFlight = new Map<string, Promise<VerifyResult>>()

  // The cast gives verify its TClaims, the caller's word on the issuer's own claims (see VerifiedClaims).
  return {
    async verify(token: string): Promise<VerifyResult> {
      if (cache === undefined) return verifyUncached(token)
      const hit = cache.get(token)
      if (hit !== undefined) return revalidate(token, hit)
      let pending = inFlight.get(token)
      if (pending === undefined) {
        pending = verifyUncached(token).then(deepFreeze)
        inFlight.set(token, pending)
        const settle = () => inFlight.delete(token)
        pending.then((result) => {
          settle()
          cache.set(token, result)
        }, settle)
      }
      // A verification that started earlier was judged at its own start time: judge it now.
      return revalidate(token, await pending)
    },
  } as Verifier

  function revalidate(token: string, result: VerifyResult): VerifyResult {
    try {
      validateClaims(result.claims, checked, readClock())
    } catch (error) {
      cache!.delete(token)
      throw error
    }
    return result
  }
}

function prepareDecryptionKey(options: VerifierOptions): DecryptAndVerifyJwtOptions['decryptionKey'] {
  const key = options.decryptionKey
  if (key === undefined || isKeySet(key) || typeof key === 'function' || isCryptoKey(key)) {
    return key as DecryptAndVerifyJwtOptions['decryptionKey']
  }
  // A JWK set: its keys, selected by their own "kid".
  if (isJwkSet(key)) return new DecryptionKeySet(key.keys.map((jwk) => ({ key: jwk })))
  if (typeof key !== 'string' && (typeof key !== 'object' || key === null)) {
    throw keyInvalid(
      'options.decryptionKey: pass a CryptoKey, a PEM, JWK or secret bytes (imported once), a { keys } JWK set, createDecryptionKeySet(...) or a resolver',
    )
  }
  // PEM, JWK or bytes: imported once per algorithm by the set, never per token. One key serves every
  // token, as it would imported: a JWK's own "kid" must not make it a set selected by kid.
  const jwk = typeof key === 'object' && key !== null && !(key instanceof Uint8Array) ? { ...key, kid: undefined } : key
  return new DecryptionKeySet([{ key: jwk as string | JsonWebKey | Uint8Array }])
}

function createCache(option: VerifierOptions['cache']): LruCache<string, VerifyResult> | undefined {
  if (option === false) return undefined
  // false or an object only: a typo ("yes", "false", 0, null) must not give the default cache without a word.
  if (option !== undefined && (typeof option !== 'object' || option === null || Array.isArray(option))) {
    throw invalidArgument('options.cache must be false or { maxEntries }')
  }
  const maxEntries = option?.maxEntries ?? 1000
  if (!Number.isInteger(maxEntries) || maxEntries < 1) {
    throw invalidArgument('options.cache.maxEntries must be a positive integer')
  }
  return new LruCache(maxEntries)
}
