/** createVerifier's options, each checked at construction (thrown synchronously), and what they make every token need. */
import { describe, expect, it } from 'vitest'
import { createVerifier, type VerifierOptions } from '../../src/verifier/create-verifier.ts'
import type { JwtClaimError } from '../../src/errors.ts'
import { expectJoseError, expectJoseErrorSync } from '../helpers/expect-jose.ts'
import { AUDIENCE, ISSUER, nestedToken, signJws } from '../helpers/tokens.ts'
import { expectClaimError, useVerifierKeys } from '../helpers/verifier-fixture.ts'
import { T, at, loose, token, verifierOptions } from '../helpers/create-verifier-fixture.ts'

useVerifierKeys()

describe('createVerifier', () => {
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
