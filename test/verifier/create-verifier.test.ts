import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createVerifier, type VerifierOptions } from '../../src/verifier/create-verifier.ts'
import { createDecryptionKeySet } from '../../src/jwks/decryption-key-set.ts'
import { JoseError, JwtClaimError } from '../../src/errors.ts'
import type { JwsHeader } from '../../src/serialization/header.ts'
import { expectJoseError, expectJoseErrorSync } from '../helpers/expect-jose.ts'
import { AUDIENCE, ISSUER, cryptoKeyFor, namedKey, nestedToken, signJws } from '../helpers/tokens.ts'

/** A fixed moment, in seconds; every verifier here runs on an injected clock. */
const T = 2_000_000_000

let decryptionKey: CryptoKey
let verificationKey: CryptoKey
let clock: number
const now = () => clock

beforeAll(async () => {
  ;[decryptionKey, verificationKey] = await Promise.all([
    cryptoKeyFor(namedKey('recipient'), 'RSA-OAEP-256', 'private'),
    cryptoKeyFor(namedKey('signer'), 'RS256', 'public'),
  ])
})

afterEach(() => {
  vi.restoreAllMocks()
})

const at = (seconds: number) => {
  clock = seconds * 1000
}

/** A verification-key resolver that counts how often a token is really verified. */
function countingResolver() {
  return vi.fn(async (_header: JwsHeader) => verificationKey)
}

function verifierOptions(overrides: Partial<VerifierOptions> = {}): VerifierOptions {
  return {
    decryptionKey,
    verificationKey: countingResolver(),
    keyManagementAlgorithms: ['RSA-OAEP-256'],
    contentEncryptionAlgorithms: ['A256GCM'],
    algorithms: ['RS256'],
    issuer: ISSUER,
    audience: AUDIENCE,
    now,
    ...overrides,
  }
}

/** Options with members replaced by arbitrary values, or removed when undefined, as a JavaScript caller could pass. */
function loose(overrides: Record<string, unknown>): VerifierOptions {
  const result: Record<string, unknown> = { ...verifierOptions(), ...overrides }
  for (const [name, value] of Object.entries(overrides)) if (value === undefined) delete result[name]
  return result as unknown as VerifierOptions
}

/** A nested token issued at T and valid for ten minutes unless the claims say otherwise. */
const token = (claims: Record<string, unknown> = {}) => nestedToken({ claims: { iat: T, exp: T + 600, ...claims } })

async function expectClaimError(action: Promise<unknown>, code: JwtClaimError['code'], claim: string) {
  const error = await expectJoseError(action, code)
  expect(error).toBeInstanceOf(JwtClaimError)
  expect((error as JwtClaimError).claim).toBe(claim)
  expect((error as JwtClaimError).reason).toBe('check_failed')
}

describe('createVerifier', () => {
  describe('cache', () => {
    it('returns the same frozen result object for a repeated token', async () => {
      at(T)
      const resolver = countingResolver()
      const verifier = createVerifier(verifierOptions({ verificationKey: resolver }))
      const jwt = token({ roles: ['admin'], ctx: { tenant: 't1' } })
      const first = await verifier.verify(jwt)
      const second = await verifier.verify(jwt)
      expect(second).toBe(first)
      expect(resolver).toHaveBeenCalledTimes(1)
      expect(first.claims.roles).toEqual(['admin'])
      expect(first.encryptionHeader).toEqual({ alg: 'RSA-OAEP-256', enc: 'A256GCM', cty: 'JWT', kid: 'enc-1' })
      for (const part of [first, first.claims, first.header, first.encryptionHeader, first.claims.roles, first.claims.ctx]) {
        expect(Object.isFrozen(part)).toBe(true)
      }
      expect(() => {
        ;(first.claims as Record<string, unknown>).sub = 'admin'
      }).toThrow(TypeError)
      expect(() => {
        ;(first.claims.roles as string[]).push('root')
      }).toThrow(TypeError)
    })

    it('re-validates exp on every hit, with the clock tolerance, and drops the expired entry', async () => {
      at(T)
      const resolver = countingResolver()
      const verifier = createVerifier(verifierOptions({ verificationKey: resolver, clockTolerance: 30 }))
      const jwt = token({ exp: T + 100 })
      await verifier.verify(jwt)
      at(T + 100)
      await verifier.verify(jwt)
      at(T + 129)
      await verifier.verify(jwt)
      expect(resolver).toHaveBeenCalledTimes(1)
      at(T + 130)
      await expectClaimError(verifier.verify(jwt), 'ERR_JWT_EXPIRED', 'exp')
      expect(resolver).toHaveBeenCalledTimes(1)
      // the entry was dropped: back in the valid window, the token is verified afresh
      at(T + 10)
      await verifier.verify(jwt)
      expect(resolver).toHaveBeenCalledTimes(2)
    })

    it('without tolerance a cached token is rejected from the second exp names on', async () => {
      at(T)
      const verifier = createVerifier(verifierOptions())
      const jwt = token({ exp: T + 100 })
      await verifier.verify(jwt)
      at(T + 99)
      await expect(verifier.verify(jwt)).resolves.toBeDefined()
      at(T + 100)
      await expectClaimError(verifier.verify(jwt), 'ERR_JWT_EXPIRED', 'exp')
    })

    it('re-validates maxTokenAge on every hit', async () => {
      at(T)
      const resolver = countingResolver()
      const verifier = createVerifier(verifierOptions({ verificationKey: resolver, maxTokenAge: 60 }))
      const jwt = token()
      await verifier.verify(jwt)
      at(T + 60)
      await verifier.verify(jwt)
      expect(resolver).toHaveBeenCalledTimes(1)
      at(T + 61)
      await expectClaimError(verifier.verify(jwt), 'ERR_JWT_EXPIRED', 'iat')
    })

    it('never caches not-yet-valid: fails before nbf, succeeds after, then hits', async () => {
      const resolver = countingResolver()
      const verifier = createVerifier(verifierOptions({ verificationKey: resolver }))
      const jwt = token({ nbf: T + 100 })
      at(T)
      await expectClaimError(verifier.verify(jwt), 'ERR_JWT_NOT_YET_VALID', 'nbf')
      expect(resolver).toHaveBeenCalledTimes(1)
      at(T + 100)
      const result = await verifier.verify(jwt)
      expect(result.claims.nbf).toBe(T + 100)
      expect(resolver).toHaveBeenCalledTimes(2)
      at(T + 101)
      expect(await verifier.verify(jwt)).toBe(result)
      expect(resolver).toHaveBeenCalledTimes(2)
    })

    it('does not cache failures: an unknown kid succeeds once the key becomes known', async () => {
      at(T)
      const keys = new Map<string, CryptoKey>()
      const resolver = vi.fn(async (header: JwsHeader) => {
        const key = keys.get(header.kid!)
        if (key === undefined) throw new JoseError('ERR_JWKS_NO_MATCHING_KEY', 'no key for this kid')
        return key
      })
      const verifier = createVerifier(verifierOptions({ verificationKey: resolver }))
      const jwt = nestedToken({ claims: { iat: T, exp: T + 600 }, sign: { header: { kid: 'rotated' } } })
      await expectJoseError(verifier.verify(jwt), 'ERR_JWKS_NO_MATCHING_KEY')
      await expectJoseError(verifier.verify(jwt), 'ERR_JWKS_NO_MATCHING_KEY')
      keys.set('rotated', verificationKey)
      const result = await verifier.verify(jwt)
      expect(result.header.kid).toBe('rotated')
      expect(resolver).toHaveBeenCalledTimes(3)
    })

    it('is an LRU bounded by maxEntries: a third token evicts the least recently used', async () => {
      at(T)
      const resolver = countingResolver()
      const verifier = createVerifier(verifierOptions({ verificationKey: resolver, cache: { maxEntries: 2 } }))
      const [a, b, c] = [token(), token(), token()] as [string, string, string]
      await verifier.verify(a)
      await verifier.verify(b)
      expect(resolver).toHaveBeenCalledTimes(2)
      await verifier.verify(a) // hit, and a becomes the most recent
      expect(resolver).toHaveBeenCalledTimes(2)
      await verifier.verify(c) // evicts b
      expect(resolver).toHaveBeenCalledTimes(3)
      await verifier.verify(a)
      await verifier.verify(c)
      expect(resolver).toHaveBeenCalledTimes(3)
      await verifier.verify(b) // evicted: verified again
      expect(resolver).toHaveBeenCalledTimes(4)
    })

    it('cache: false verifies every time', async () => {
      at(T)
      const resolver = countingResolver()
      const verifier = createVerifier(verifierOptions({ verificationKey: resolver, cache: false }))
      const jwt = token()
      const first = await verifier.verify(jwt)
      const second = await verifier.verify(jwt)
      expect(second).not.toBe(first)
      expect(second).toEqual(first)
      expect(resolver).toHaveBeenCalledTimes(2)
    })

    it('concurrent verify() of the same uncached token verifies once', async () => {
      at(T)
      const resolver = countingResolver()
      const verifier = createVerifier(verifierOptions({ verificationKey: resolver }))
      const jwt = token()
      const results = await Promise.all([verifier.verify(jwt), verifier.verify(jwt), verifier.verify(jwt)])
      expect(resolver).toHaveBeenCalledTimes(1)
      expect(results[1]).toBe(results[0])
      expect(results[2]).toBe(results[0])
      // different tokens are not merged
      await Promise.all([verifier.verify(token()), verifier.verify(token())])
      expect(resolver).toHaveBeenCalledTimes(3)
    })

    it('concurrent verify() of a failing token fails every caller once, and caches nothing', async () => {
      at(T)
      let fail = true
      const resolver = vi.fn(async () => {
        if (fail) throw new JoseError('ERR_JWKS_NO_MATCHING_KEY', 'no key')
        return verificationKey
      })
      const verifier = createVerifier(verifierOptions({ verificationKey: resolver }))
      const jwt = token()
      const outcomes = await Promise.allSettled([verifier.verify(jwt), verifier.verify(jwt)])
      expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected'])
      for (const outcome of outcomes) expect(((outcome as PromiseRejectedResult).reason as JoseError).code).toBe('ERR_JWKS_NO_MATCHING_KEY')
      expect(resolver).toHaveBeenCalledTimes(1)
      fail = false
      await expect(verifier.verify(jwt)).resolves.toBeDefined()
      expect(resolver).toHaveBeenCalledTimes(2)
    })

    // A verification is judged when it completes: whoever receives the shared result while
    // the clock is past "exp" is refused, as a fresh verification would be.
    it('callers of an in-flight verification that completes after exp are refused (ERR_JWT_EXPIRED)', async () => {
      let release!: () => void
      const gate = new Promise<void>((resolve) => {
        release = resolve
      })
      const resolver = vi.fn(async () => {
        await gate
        return verificationKey
      })
      const verifier = createVerifier(verifierOptions({ verificationKey: resolver }))
      const jwt = token({ exp: T + 100 })
      at(T + 99)
      const early = verifier.verify(jwt)
      at(T + 100)
      const late = verifier.verify(jwt)
      release()
      await expectClaimError(early, 'ERR_JWT_EXPIRED', 'exp')
      await expectClaimError(late, 'ERR_JWT_EXPIRED', 'exp')
      expect(resolver).toHaveBeenCalledTimes(1)
    })

    it('a claim failure is not cached either: a wrong aud is verified and refused each time', async () => {
      at(T)
      const resolver = countingResolver()
      const verifier = createVerifier(verifierOptions({ verificationKey: resolver }))
      const jwt = token({ aud: 'https://other.example.com' })
      const error = await expectJoseError(verifier.verify(jwt), 'ERR_JWT_CLAIM_INVALID')
      expect((error as JwtClaimError).claim).toBe('aud')
      await expectJoseError(verifier.verify(jwt), 'ERR_JWT_CLAIM_INVALID')
      expect(resolver).toHaveBeenCalledTimes(2)
    })
  })

  describe('encryption', () => {
    it('requires encryption by default: a bare JWS → ERR_JWE_REQUIRED', async () => {
      at(T)
      const verifier = createVerifier(verifierOptions())
      await expectJoseError(verifier.verify(signJws({ iss: ISSUER, aud: AUDIENCE, exp: T + 600 })), 'ERR_JWE_REQUIRED')
    })

    it('requireEncryption: false accepts a bare JWS and still accepts a JWE', async () => {
      at(T)
      const verifier = createVerifier(verifierOptions({ requireEncryption: false }))
      const bare = await verifier.verify(signJws({ iss: ISSUER, aud: AUDIENCE, iat: T, exp: T + 600 }))
      expect(bare.claims.iss).toBe(ISSUER)
      expect(bare.header.alg).toBe('RS256')
      expect(bare.encryptionHeader).toBeUndefined()
      const nested = await verifier.verify(token())
      expect(nested.encryptionHeader?.alg).toBe('RSA-OAEP-256')
    })

    it('requireEncryption: false still validates the bare JWS (signature and claims)', async () => {
      at(T)
      const verifier = createVerifier(verifierOptions({ requireEncryption: false }))
      const forged = signJws({ iss: ISSUER, aud: AUDIENCE, exp: T + 600 }, { key: namedKey('other-signer') })
      await expectJoseError(verifier.verify(forged), 'ERR_JWS_SIGNATURE_INVALID')
      await expectClaimError(verifier.verify(signJws({ iss: ISSUER, aud: AUDIENCE, exp: T })), 'ERR_JWT_EXPIRED', 'exp')
    })

    it('requireEncryption: false needs neither a decryption key nor JWE allow-lists', async () => {
      at(T)
      const verifier = createVerifier(
        loose({ requireEncryption: false, decryptionKey: undefined, keyManagementAlgorithms: undefined, contentEncryptionAlgorithms: undefined }),
      )
      await expect(verifier.verify(signJws({ iss: ISSUER, aud: AUDIENCE, exp: T + 600 }))).resolves.toBeDefined()
      // A JWE cannot be opened without a key: it is a token error (a malformed JWS), not a configuration error.
      await expectJoseError(verifier.verify(token()), 'ERR_JWS_INVALID')
    })

    it('requireEncryption (default or true) without decryptionKey → ERR_INVALID_ARGUMENT at construction', () => {
      expectJoseErrorSync(() => createVerifier(loose({ decryptionKey: undefined })), 'ERR_INVALID_ARGUMENT')
      expectJoseErrorSync(() => createVerifier(loose({ decryptionKey: undefined, requireEncryption: true })), 'ERR_INVALID_ARGUMENT')
    })

    it('imports a PEM decryptionKey once (as 4 copies, see DecryptionKeySet), whatever the number of tokens', async () => {
      at(T)
      const importKey = vi.spyOn(crypto.subtle, 'importKey')
      const verifier = createVerifier(verifierOptions({ decryptionKey: namedKey('recipient').privatePem }))
      for (let i = 0; i < 6; i++) {
        const result = await verifier.verify(token())
        expect(result.claims.iss).toBe(ISSUER)
      }
      // Each key: an extractable pkcs8 probe, then its JWK imported with the weak-key checks (import-rsa.ts).
      expect(importKey.mock.calls.filter((call) => (call[0] as string) === 'pkcs8' && call[3] === true)).toHaveLength(4)
      expect(importKey.mock.calls.filter((call) => (call[0] as string) === 'jwk' && call[3] === false)).toHaveLength(4)
    })

    it('imports a private JWK decryptionKey once', async () => {
      at(T)
      const importKey = vi.spyOn(crypto.subtle, 'importKey')
      const verifier = createVerifier(verifierOptions({ decryptionKey: namedKey('recipient').privateJwk }))
      await Promise.all([verifier.verify(token()), verifier.verify(token()), verifier.verify(token())])
      await verifier.verify(token())
      expect(importKey.mock.calls.filter((call) => (call[0] as string) === 'jwk')).toHaveLength(4)
    })

    it('a private JWK decryptionKey with its own kid serves every token, as the same key in PEM does', async () => {
      at(T)
      const verifier = createVerifier(verifierOptions({ decryptionKey: { ...namedKey('recipient').privateJwk, kid: 'mine' } as JsonWebKey }))
      const claims = { iat: T, exp: T + 600 }
      // The JWE kid is "enc-1", or absent: a single key is not a set selected by kid.
      for (const kid of ['enc-1', undefined]) {
        await expect(verifier.verify(nestedToken({ claims, encrypt: { header: { kid } } }))).resolves.toBeDefined()
      }
    })

    it('accepts a DecryptionKeySet and a resolver as decryptionKey', async () => {
      at(T)
      const set = createDecryptionKeySet([{ kid: 'enc-1', key: namedKey('recipient').privatePem }])
      await expect(createVerifier(verifierOptions({ decryptionKey: set })).verify(token())).resolves.toBeDefined()
      const resolver = vi.fn(async () => decryptionKey)
      await expect(createVerifier(verifierOptions({ decryptionKey: resolver })).verify(token())).resolves.toBeDefined()
      expect(resolver).toHaveBeenCalledTimes(1)
    })

    it('a token for another recipient → ERR_JWE_DECRYPTION_FAILED', async () => {
      at(T)
      const verifier = createVerifier(verifierOptions())
      const jwt = nestedToken({ claims: { iat: T, exp: T + 600 }, encrypt: { key: namedKey('other-recipient') } })
      await expectJoseError(verifier.verify(jwt), 'ERR_JWE_DECRYPTION_FAILED')
    })
  })

  describe('options, checked at construction', () => {
    it.each([
      [{ maxEntries: 0 }],
      [{ maxEntries: -1 }],
      [{ maxEntries: 1.5 }],
      [{ maxEntries: '5' }],
      [{ maxEntries: Number.NaN }],
      [{ maxEntries: Number.POSITIVE_INFINITY }],
    ])('cache %s → ERR_INVALID_ARGUMENT', (cache) => {
      expectJoseErrorSync(() => createVerifier(loose({ cache })), 'ERR_INVALID_ARGUMENT')
    })

    it('cache { maxEntries: 1 } and {} are accepted', () => {
      expect(typeof createVerifier(verifierOptions({ cache: { maxEntries: 1 } })).verify).toBe('function')
      expect(typeof createVerifier(verifierOptions({ cache: {} })).verify).toBe('function')
    })

    it.each([
      ['issuer', 42, 'ERR_INVALID_ARGUMENT'],
      ['audience', [1], 'ERR_INVALID_ARGUMENT'],
      ['clockTolerance', -5, 'ERR_INVALID_ARGUMENT'],
      ['typ', {}, 'ERR_INVALID_ARGUMENT'],
      ['algorithms', undefined, 'ERR_INVALID_ARGUMENT'],
      ['algorithms', ['ES256K'], 'ERR_ALG_NOT_SUPPORTED'],
      ['keyManagementAlgorithms', undefined, 'ERR_INVALID_ARGUMENT'],
      ['keyManagementAlgorithms', ['RSA1_5'], 'ERR_ALG_NOT_SUPPORTED'],
      ['contentEncryptionAlgorithms', [], 'ERR_INVALID_ARGUMENT'],
      ['contentEncryptionAlgorithms', ['A512GCM'], 'ERR_ALG_NOT_SUPPORTED'],
      ['decryptionKey', 42, 'ERR_KEY_INVALID'],
      // Not left to fail every token after its decryption, as ERR_KEY_INVALID.
      // Absent, the JWKS is discovered from the issuer (test/verifier/discovery.test.ts); null is no key.
      ['verificationKey', null, 'ERR_INVALID_ARGUMENT'],
      // A PEM is a verification key form now; a malformed one fails here, not on each token.
      ['verificationKey', '-----BEGIN PUBLIC KEY-----', 'ERR_KEY_INVALID'],
      ['verificationKey', { keys: [] }, 'ERR_INVALID_ARGUMENT'],
      ['profile', 'id+jwt', 'ERR_INVALID_ARGUMENT'],
      // A falsy non-boolean (an unset environment variable) must not silently accept bare JWSs.
      ['requireEncryption', '', 'ERR_INVALID_ARGUMENT'],
      ['requireEncryption', 0, 'ERR_INVALID_ARGUMENT'],
      ['requireEncryption', 'false', 'ERR_INVALID_ARGUMENT'],
      // Parsing limits: not left to fail every token, which verifyRequest would answer 401 invalid_token.
      ['zip', { maxDecompressedBytes: 0 }, 'ERR_INVALID_ARGUMENT'],
      ['zip', null, 'ERR_INVALID_ARGUMENT'],
      ['maxTokenLength', -1, 'ERR_INVALID_ARGUMENT'],
      ['maxHeaderLength', '4096', 'ERR_INVALID_ARGUMENT'],
      ['crit', 'exp', 'ERR_INVALID_ARGUMENT'],
    ] as const)('options.%s = %j → %s, thrown synchronously', (member, value, code) => {
      expectJoseErrorSync(() => createVerifier(loose({ [member]: value })), code)
    })

    // BUG (src/verifier/create-verifier.ts, createVerifier: `options.now` is taken as is):
    // a `now` that is not a function passes construction, and every verify() then rejects
    // with a TypeError ("now is not a function") instead of a JoseError at construction.
    it('options.now that is not a function → ERR_INVALID_ARGUMENT, thrown synchronously', () => {
      expectJoseErrorSync(() => createVerifier(loose({ now: 123 })), 'ERR_INVALID_ARGUMENT')
    })

    it('a now() that gives no finite number fails every token with ERR_INVALID_ARGUMENT, never skipping the date checks', async () => {
      // undefined and null too: a broken clock must not fall back to the system clock, or read as 0.
      for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, 'soon', {}, undefined, null, '1700000000000']) {
        const verifier = createVerifier(verifierOptions({ now: () => bad as number }))
        // Expired long ago: a NaN time compared false with exp and let it through.
        await expectJoseError(verifier.verify(token({ iat: T - 7200, exp: T - 3600 })), 'ERR_INVALID_ARGUMENT')
      }
    })

    it('JWE allow-lists are checked when a decryptionKey is given even if encryption is optional', () => {
      expectJoseErrorSync(() => createVerifier(loose({ requireEncryption: false, keyManagementAlgorithms: undefined })), 'ERR_INVALID_ARGUMENT')
    })

    it('options that are not an object → ERR_INVALID_ARGUMENT', () => {
      expectJoseErrorSync(() => createVerifier(null as unknown as VerifierOptions), 'ERR_INVALID_ARGUMENT')
      expectJoseErrorSync(() => createVerifier(undefined as unknown as VerifierOptions), 'ERR_INVALID_ARGUMENT')
    })

    it('requires issuer and audience at construction, and exp in every token, with or without requireEncryption', async () => {
      for (const requireEncryption of [true, false]) {
        expectJoseErrorSync(() => createVerifier(loose({ requireEncryption, audience: undefined })), 'ERR_INVALID_ARGUMENT')
        expectJoseErrorSync(() => createVerifier(loose({ requireEncryption, issuer: undefined })), 'ERR_INVALID_ARGUMENT')
      }
      at(T)
      const encrypted = createVerifier(verifierOptions())
      const error = await expectJoseError(encrypted.verify(nestedToken({ claims: { iat: T, exp: undefined } })), 'ERR_JWT_CLAIM_INVALID')
      expect(error).toMatchObject({ claim: 'exp', reason: 'missing' })
      const signedOnly = createVerifier(verifierOptions({ requireEncryption: false }))
      const bare = signJws({ iss: ISSUER, aud: AUDIENCE, iat: T })
      expect(await expectJoseError(signedOnly.verify(bare), 'ERR_JWT_CLAIM_INVALID')).toMatchObject({ claim: 'exp', reason: 'missing' })
    })

    it('profile at+jwt requires issuer and audience at construction, then typ and the RFC 9068 claims', async () => {
      expectJoseErrorSync(() => createVerifier(loose({ profile: 'at+jwt', audience: undefined })), 'ERR_INVALID_ARGUMENT')
      expectJoseErrorSync(() => createVerifier(loose({ profile: 'at+jwt', issuer: undefined })), 'ERR_INVALID_ARGUMENT')
      at(T)
      const verifier = createVerifier(verifierOptions({ profile: 'at+jwt' }))
      const claims = { iat: T, exp: T + 600 }
      const ok = await verifier.verify(nestedToken({ claims, sign: { header: { typ: 'at+jwt' } } }))
      expect(ok.claims.client_id).toBe('client-1')
      await expectClaimError(verifier.verify(nestedToken({ claims })), 'ERR_JWT_CLAIM_INVALID', 'typ')
      const noClient = nestedToken({ claims: { ...claims, client_id: undefined }, sign: { header: { typ: 'at+jwt' } } })
      const error = await expectJoseError(verifier.verify(noClient), 'ERR_JWT_CLAIM_INVALID')
      expect((error as JwtClaimError).claim).toBe('client_id')
      expect((error as JwtClaimError).reason).toBe('missing')
    })
  })
})
