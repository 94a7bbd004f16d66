import { describe, expect, it } from 'vitest'
import { checkClaimOptions, validateClaims, type ClaimValidationOptions } from '../../src/jwt/claims.ts'
import { JwtClaimError } from '../../src/errors.ts'
import { expectJoseError } from '../helpers/expect-jose.ts'

const NOW = 1_800_000_000
const at = (seconds: number, extra: ClaimValidationOptions = {}): ClaimValidationOptions => ({
  currentDate: new Date(seconds * 1000),
  ...extra,
})

async function expectClaimError(claims: object, options: ClaimValidationOptions, code: string, claim: string, reason: string) {
  const error = await expectJoseError(() => validateClaims(claims as Record<string, unknown>, options), code as never)
  expect(error).toBeInstanceOf(JwtClaimError)
  expect((error as JwtClaimError).claim).toBe(claim)
  expect((error as JwtClaimError).reason).toBe(reason)
}

describe('validateClaims: time (RFC 7519 §4.1.4–4.1.6)', () => {
  it('accepts a token before exp and rejects it from the exp second on', async () => {
    expect(() => validateClaims({ exp: NOW + 1 }, at(NOW))).not.toThrow()
    await expectClaimError({ exp: NOW }, at(NOW), 'ERR_JWT_EXPIRED', 'exp', 'check_failed')
    await expectClaimError({ exp: NOW - 1 }, at(NOW), 'ERR_JWT_EXPIRED', 'exp', 'check_failed')
  })

  it('widens exp by the clock tolerance, exactly', async () => {
    expect(() => validateClaims({ exp: NOW - 29 }, at(NOW, { clockTolerance: 30 }))).not.toThrow()
    await expectClaimError({ exp: NOW - 30 }, at(NOW, { clockTolerance: 30 }), 'ERR_JWT_EXPIRED', 'exp', 'check_failed')
  })

  it('accepts from the nbf second on, widened by the tolerance', async () => {
    expect(() => validateClaims({ nbf: NOW }, at(NOW))).not.toThrow()
    await expectClaimError({ nbf: NOW + 1 }, at(NOW), 'ERR_JWT_NOT_YET_VALID', 'nbf', 'check_failed')
    expect(() => validateClaims({ nbf: NOW + 30 }, at(NOW, { clockTolerance: 30 }))).not.toThrow()
    await expectClaimError({ nbf: NOW + 31 }, at(NOW, { clockTolerance: 30 }), 'ERR_JWT_NOT_YET_VALID', 'nbf', 'check_failed')
  })

  it('uses whole seconds of the current date', () => {
    const options = { currentDate: new Date(NOW * 1000 + 999) }
    expect(() => validateClaims({ exp: NOW + 1 }, options)).not.toThrow()
  })

  it.each([
    ['exp as a string', { exp: String(NOW + 100) }, 'exp'],
    ['exp as NaN-like null', { exp: null }, 'exp'],
    ['nbf as a string', { nbf: '0' }, 'nbf'],
    ['iat as a boolean', { iat: true }, 'iat'],
  ])('rejects %s as invalid', async (_name, claims, claim) => {
    await expectClaimError(claims, at(NOW), 'ERR_JWT_CLAIM_INVALID', claim, 'invalid')
  })

  describe('maxTokenAge', () => {
    it('requires iat', async () => {
      await expectClaimError({}, at(NOW, { maxTokenAge: 60 }), 'ERR_JWT_CLAIM_INVALID', 'iat', 'missing')
    })
    it('accepts up to the age and rejects past it', async () => {
      expect(() => validateClaims({ iat: NOW - 60 }, at(NOW, { maxTokenAge: 60 }))).not.toThrow()
      await expectClaimError({ iat: NOW - 61 }, at(NOW, { maxTokenAge: 60 }), 'ERR_JWT_EXPIRED', 'iat', 'check_failed')
      expect(() => validateClaims({ iat: NOW - 65 }, at(NOW, { maxTokenAge: 60, clockTolerance: 5 }))).not.toThrow()
    })
    it('rejects iat in the future beyond the tolerance', async () => {
      await expectClaimError({ iat: NOW + 10 }, at(NOW, { maxTokenAge: 60 }), 'ERR_JWT_CLAIM_INVALID', 'iat', 'check_failed')
      expect(() => validateClaims({ iat: NOW + 10 }, at(NOW, { maxTokenAge: 60, clockTolerance: 10 }))).not.toThrow()
    })
  })
})

describe('validateClaims: identity claims', () => {
  it('checks iss against a string or a list', async () => {
    expect(() => validateClaims({ iss: 'a' }, { issuer: ['b', 'a'] })).not.toThrow()
    await expectClaimError({ iss: 'c' }, { issuer: 'a' }, 'ERR_JWT_CLAIM_INVALID', 'iss', 'check_failed')
    await expectClaimError({}, { issuer: 'a' }, 'ERR_JWT_CLAIM_INVALID', 'iss', 'missing')
    await expectClaimError({ iss: ['a'] }, { issuer: 'a' }, 'ERR_JWT_CLAIM_INVALID', 'iss', 'invalid')
  })

  it('checks aud as a string or an array against a string or a list', async () => {
    expect(() => validateClaims({ aud: 'api' }, { audience: 'api' })).not.toThrow()
    expect(() => validateClaims({ aud: ['x', 'api'] }, { audience: 'api' })).not.toThrow()
    expect(() => validateClaims({ aud: ['x', 'api'] }, { audience: ['y', 'api'] })).not.toThrow()
    await expectClaimError({ aud: ['x'] }, { audience: 'api' }, 'ERR_JWT_CLAIM_INVALID', 'aud', 'check_failed')
    await expectClaimError({ aud: [] }, { audience: 'api' }, 'ERR_JWT_CLAIM_INVALID', 'aud', 'check_failed')
    await expectClaimError({}, { audience: 'api' }, 'ERR_JWT_CLAIM_INVALID', 'aud', 'missing')
    await expectClaimError({ aud: ['api', 1] }, { audience: 'api' }, 'ERR_JWT_CLAIM_INVALID', 'aud', 'invalid')
    await expectClaimError({ aud: { api: true } }, { audience: 'api' }, 'ERR_JWT_CLAIM_INVALID', 'aud', 'invalid')
  })

  it('says so when only a trailing "/" tells the value from an expected one, quoting neither', async () => {
    const cases: [object, ClaimValidationOptions, string][] = [
      [{ iss: 'https://tenant.example/' }, { issuer: 'https://tenant.example' }, 'iss'],
      [{ iss: 'https://tenant.example' }, { issuer: ['https://other.example/', 'https://tenant.example/'] }, 'iss'],
      [{ aud: ['x', 'https://api.example/'] }, { audience: 'https://api.example' }, 'aud'],
      [{ sub: 'user/' }, { subject: 'user' }, 'sub'],
    ]
    for (const [claims, options, claim] of cases) {
      const error = await expectJoseError(() => validateClaims(claims as Record<string, unknown>, options), 'ERR_JWT_CLAIM_INVALID')
      expect(error.message).toBe(`"${claim}" claim check failed: only a trailing "/" differs`)
      expect((error as JwtClaimError).reason).toBe('check_failed')
    }
    // Any other difference gets the plain message; so do two slashes.
    for (const [iss, issuer] of [['https://tenant.example/', 'https://tenant.example.com/'], ['https://t//', 'https://t']] as const) {
      const error = await expectJoseError(() => validateClaims({ iss }, { issuer }), 'ERR_JWT_CLAIM_INVALID')
      expect(error.message).toBe('"iss" claim check failed')
    }
  })

  it('checks sub', async () => {
    expect(() => validateClaims({ sub: 'u' }, { subject: 'u' })).not.toThrow()
    await expectClaimError({ sub: 'v' }, { subject: 'u' }, 'ERR_JWT_CLAIM_INVALID', 'sub', 'check_failed')
    await expectClaimError({}, { subject: 'u' }, 'ERR_JWT_CLAIM_INVALID', 'sub', 'missing')
    await expectClaimError({ sub: 1 }, { subject: 'u' }, 'ERR_JWT_CLAIM_INVALID', 'sub', 'invalid')
  })

  it.each(['iss', 'sub', 'jti', 'client_id'])('rejects a non-string %s even when not asked to check it', async (claim) => {
    await expectClaimError({ [claim]: 42 }, {}, 'ERR_JWT_CLAIM_INVALID', claim, 'invalid')
    await expectClaimError({ [claim]: null }, {}, 'ERR_JWT_CLAIM_INVALID', claim, 'invalid')
  })

  it('enforces requiredClaims', async () => {
    expect(() => validateClaims({ scope: 'read' }, { requiredClaims: ['scope'] })).not.toThrow()
    await expectClaimError({}, { requiredClaims: ['scope'] }, 'ERR_JWT_CLAIM_INVALID', 'scope', 'missing')
  })

  it('counts only the claims set’s own members as present, never inherited ones', async () => {
    for (const claim of ['toString', 'constructor', 'hasOwnProperty', 'valueOf']) {
      await expectClaimError({ sub: 'u' }, { requiredClaims: [claim] }, 'ERR_JWT_CLAIM_INVALID', claim, 'missing')
    }
  })
})

describe('checkClaimOptions', () => {
  it.each([
    ['issuer', { issuer: 1 }],
    ['issuer list', { issuer: [] }],
    ['audience list', { audience: [] }],
    ['audience', { audience: ['a', 2] }],
    ['subject', { subject: 1 }],
    ['clockTolerance', { clockTolerance: -1 }],
    ['clockTolerance string', { clockTolerance: '30s' }],
    ['maxTokenAge', { maxTokenAge: Number.NaN }],
    ['requiredClaims', { requiredClaims: 'exp' }],
    ['currentDate', { currentDate: new Date('nope') }],
  ])('rejects a bad %s with ERR_INVALID_ARGUMENT', async (_name, options) => {
    await expectJoseError(() => checkClaimOptions(options as unknown as ClaimValidationOptions), 'ERR_INVALID_ARGUMENT')
  })
})
