/** decryptAndVerifyJwt's claim checks: dates, aud, iss, sub, typ, what every access token must have, and the RFC 9068 "at+jwt" profile. */
import { describe, expect, it } from 'vitest'
import { decryptAndVerifyJwt } from '../../src/verifier/decrypt-and-verify-jwt.ts'
import { expectJoseError } from '../helpers/expect-jose.ts'
import { nestedToken, nowSeconds } from '../helpers/tokens.ts'
import { expectClaimError, loose, options, useVerifierKeys } from '../helpers/verifier-fixture.ts'

useVerifierKeys()

describe('decryptAndVerifyJwt', () => {
  describe('claims', () => {
    it('expired → ERR_JWT_EXPIRED (exp, check_failed)', async () => {
      const now = nowSeconds()
      const token = nestedToken({ claims: { iat: now - 120, exp: now - 60 } })
      await expectClaimError(decryptAndVerifyJwt(token, options()), 'ERR_JWT_EXPIRED', 'exp', 'check_failed')
    })

    it('clockTolerance accepts a token expired by less than the tolerance', async () => {
      const now = nowSeconds()
      const token = nestedToken({ claims: { iat: now - 120, exp: now - 60 } })
      await expect(decryptAndVerifyJwt(token, options({ clockTolerance: 120 }))).resolves.toBeDefined()
    })

    it('not yet valid → ERR_JWT_NOT_YET_VALID (nbf, check_failed)', async () => {
      const token = nestedToken({ claims: { nbf: nowSeconds() + 600 } })
      await expectClaimError(decryptAndVerifyJwt(token, options()), 'ERR_JWT_NOT_YET_VALID', 'nbf', 'check_failed')
    })

    it('currentDate moves the clock', async () => {
      const now = nowSeconds()
      const token = nestedToken({ claims: { iat: now, exp: now + 60 } })
      const later = new Date((now + 61) * 1000)
      await expectClaimError(decryptAndVerifyJwt(token, options({ currentDate: later })), 'ERR_JWT_EXPIRED', 'exp', 'check_failed')
    })

    it('wrong aud → ERR_JWT_CLAIM_INVALID (aud, check_failed)', async () => {
      const token = nestedToken({ claims: { aud: ['https://other.example.com'] } })
      await expectClaimError(decryptAndVerifyJwt(token, options()), 'ERR_JWT_CLAIM_INVALID', 'aud', 'check_failed')
    })

    it('missing aud → ERR_JWT_CLAIM_INVALID (aud, missing)', async () => {
      const token = nestedToken({ claims: { aud: undefined } })
      await expectClaimError(decryptAndVerifyJwt(token, options()), 'ERR_JWT_CLAIM_INVALID', 'aud', 'missing')
    })

    it('wrong iss → ERR_JWT_CLAIM_INVALID (iss, check_failed)', async () => {
      const token = nestedToken({ claims: { iss: 'https://evil.example.com/' } })
      await expectClaimError(decryptAndVerifyJwt(token, options()), 'ERR_JWT_CLAIM_INVALID', 'iss', 'check_failed')
    })

    it('wrong sub → ERR_JWT_CLAIM_INVALID (sub, check_failed)', async () => {
      const token = nestedToken({ claims: { sub: 'user-2' } })
      await expectClaimError(decryptAndVerifyJwt(token, options({ subject: 'user-1' })), 'ERR_JWT_CLAIM_INVALID', 'sub', 'check_failed')
    })

    it('typ option: a different inner typ → ERR_JWT_CLAIM_INVALID (typ, check_failed)', async () => {
      const token = nestedToken({ sign: { header: { typ: 'JWT' } } })
      await expectClaimError(decryptAndVerifyJwt(token, options({ typ: 'at+jwt' })), 'ERR_JWT_CLAIM_INVALID', 'typ', 'check_failed')
    })
  })

  describe('what an access token must have, with or without a profile', () => {
    it('requires options.issuer and options.audience (ERR_INVALID_ARGUMENT)', async () => {
      await expectJoseError(decryptAndVerifyJwt(nestedToken(), loose({ issuer: undefined })), 'ERR_INVALID_ARGUMENT')
      await expectJoseError(decryptAndVerifyJwt(nestedToken(), loose({ audience: undefined })), 'ERR_INVALID_ARGUMENT')
      await expectJoseError(decryptAndVerifyJwt(nestedToken(), loose({ issuer: undefined, audience: undefined })), 'ERR_INVALID_ARGUMENT')
    })

    it('requires the exp claim: a token without one would never expire → ERR_JWT_CLAIM_INVALID (exp, missing)', async () => {
      const token = nestedToken({ claims: { exp: undefined } })
      await expectClaimError(decryptAndVerifyJwt(token, options()), 'ERR_JWT_CLAIM_INVALID', 'exp', 'missing')
      await expectClaimError(decryptAndVerifyJwt(token, options({ requiredClaims: ['sub'] })), 'ERR_JWT_CLAIM_INVALID', 'exp', 'missing')
    })
  })

  describe('profile "at+jwt"', () => {
    const atJwt = (claims: Record<string, unknown> = {}, header: Record<string, unknown> = { typ: 'at+jwt' }) =>
      nestedToken({ claims, sign: { header } })

    it('accepts a complete RFC 9068 access token with typ at+jwt or application/at+jwt', async () => {
      const result = await decryptAndVerifyJwt(atJwt(), options({ profile: 'at+jwt' }))
      expect(result.claims.client_id).toBe('client-1')
      await expect(decryptAndVerifyJwt(atJwt({}, { typ: 'application/at+jwt' }), options({ profile: 'at+jwt' }))).resolves.toBeDefined()
    })

    it('requires options.issuer and options.audience (ERR_INVALID_ARGUMENT)', async () => {
      await expectJoseError(decryptAndVerifyJwt(atJwt(), loose({ profile: 'at+jwt', issuer: undefined })), 'ERR_INVALID_ARGUMENT')
      await expectJoseError(decryptAndVerifyJwt(atJwt(), loose({ profile: 'at+jwt', audience: undefined })), 'ERR_INVALID_ARGUMENT')
    })

    it('requires typ at+jwt: typ JWT or no typ → ERR_JWT_CLAIM_INVALID (typ, check_failed)', async () => {
      await expectClaimError(decryptAndVerifyJwt(atJwt({}, { typ: 'JWT' }), options({ profile: 'at+jwt' })), 'ERR_JWT_CLAIM_INVALID', 'typ', 'check_failed')
      await expectClaimError(decryptAndVerifyJwt(atJwt({}, { typ: undefined }), options({ profile: 'at+jwt' })), 'ERR_JWT_CLAIM_INVALID', 'typ', 'check_failed')
    })

    it.each([['client_id'], ['jti'], ['sub'], ['iat']])('requires the %s claim → ERR_JWT_CLAIM_INVALID (missing)', async (claim) => {
      const token = atJwt({ [claim]: undefined })
      await expectClaimError(decryptAndVerifyJwt(token, options({ profile: 'at+jwt' })), 'ERR_JWT_CLAIM_INVALID', claim, 'missing')
      // control: without the profile the same token is accepted
      await expect(decryptAndVerifyJwt(token, options())).resolves.toBeDefined()
    })

    it('requires the exp claim → ERR_JWT_CLAIM_INVALID (missing)', async () => {
      await expectClaimError(decryptAndVerifyJwt(atJwt({ exp: undefined }), options({ profile: 'at+jwt' })), 'ERR_JWT_CLAIM_INVALID', 'exp', 'missing')
    })

    it('adds to the caller’s requiredClaims instead of replacing them', async () => {
      const token = atJwt()
      await expectClaimError(
        decryptAndVerifyJwt(token, options({ profile: 'at+jwt', requiredClaims: ['scope'] })),
        'ERR_JWT_CLAIM_INVALID',
        'scope',
        'missing',
      )
    })
  })
})
