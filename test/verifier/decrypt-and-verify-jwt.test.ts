import { beforeAll, describe, expect, it, vi } from 'vitest'
import { randomBytes } from 'node:crypto'
import { decryptAndVerifyJwt, type DecryptAndVerifyJwtOptions } from '../../src/verifier/decrypt-and-verify-jwt.ts'
import { createDecryptionKeySet } from '../../src/jwks/decryption-key-set.ts'
import { DECRYPTION_FAILED_MESSAGE, JoseError, JwtClaimError } from '../../src/errors.ts'
import type { JweHeader, JwsHeader } from '../../src/serialization/header.ts'
import { expectJoseError } from '../helpers/expect-jose.ts'
import { rsaKey } from '../helpers/keys.ts'
import {
  AUDIENCE,
  ISSUER,
  b64,
  cryptoKeyFor,
  defaultClaims,
  encryptJwe,
  flipBit,
  namedKey,
  nestedToken,
  nowSeconds,
  segmentJson,
  setSegment,
  signJws,
  accessTokenOptions,
} from '../helpers/tokens.ts'

let decryptionKey: CryptoKey
let verificationKey: CryptoKey
let otherVerificationKey: CryptoKey

beforeAll(async () => {
  ;[decryptionKey, verificationKey, otherVerificationKey] = await Promise.all([
    cryptoKeyFor(namedKey('recipient'), 'RSA-OAEP-256', 'private'),
    cryptoKeyFor(namedKey('signer'), 'RS256', 'public'),
    cryptoKeyFor(namedKey('other-signer'), 'RS256', 'public'),
  ])
})

function options(overrides: Partial<DecryptAndVerifyJwtOptions> = {}): DecryptAndVerifyJwtOptions {
  return accessTokenOptions(decryptionKey, verificationKey, overrides)
}

/** Options with members replaced by arbitrary values, or removed when undefined, as a JavaScript caller could pass. */
function loose(overrides: Record<string, unknown>): DecryptAndVerifyJwtOptions {
  const result: Record<string, unknown> = { ...options(), ...overrides }
  for (const [name, value] of Object.entries(overrides)) if (value === undefined) delete result[name]
  return result as unknown as DecryptAndVerifyJwtOptions
}

async function expectClaimError(action: Promise<unknown>, code: JwtClaimError['code'], claim: string, reason: JwtClaimError['reason']) {
  const error = await expectJoseError(action, code)
  expect(error).toBeInstanceOf(JwtClaimError)
  expect((error as JwtClaimError).claim).toBe(claim)
  expect((error as JwtClaimError).reason).toBe(reason)
}

describe('decryptAndVerifyJwt', () => {
  describe('accepts a nested JWT', () => {
    it('returns the claims, the inner header and the encryption header', async () => {
      const claims = { ...defaultClaims(), scope: 'read:messages', roles: ['admin'] }
      const token = nestedToken({ claims })
      const result = await decryptAndVerifyJwt(token, options())
      expect(result.claims).toEqual(claims)
      expect(result.header).toEqual({ alg: 'RS256', typ: 'JWT', kid: 'sig-1' })
      expect(result.encryptionHeader).toEqual({ alg: 'RSA-OAEP-256', enc: 'A256GCM', cty: 'JWT', kid: 'enc-1' })
      expect(Object.keys(result).sort()).toEqual(['claims', 'encryptionHeader', 'header'])
    })

    it('RSA-OAEP-384 with a 3072-bit key', async () => {
      const key = rsaKey(3072)
      const token = nestedToken({ encrypt: { alg: 'RSA-OAEP-384', key } })
      const result = await decryptAndVerifyJwt(
        token,
        options({ decryptionKey: await cryptoKeyFor(key, 'RSA-OAEP-384', 'private'), keyManagementAlgorithms: ['RSA-OAEP-384'] }),
      )
      expect(result.encryptionHeader.alg).toBe('RSA-OAEP-384')
      expect(result.claims.iss).toBe(ISSUER)
    })

    it('RSA-OAEP-512 with a 4096-bit key', async () => {
      const key = rsaKey(4096)
      const token = nestedToken({ encrypt: { alg: 'RSA-OAEP-512', key } })
      const result = await decryptAndVerifyJwt(
        token,
        options({
          decryptionKey: await cryptoKeyFor(key, 'RSA-OAEP-512', 'private'),
          keyManagementAlgorithms: ['RSA-OAEP-256', 'RSA-OAEP-512'],
        }),
      )
      expect(result.encryptionHeader.alg).toBe('RSA-OAEP-512')
      expect(result.claims.aud).toBe(AUDIENCE)
    })

    it('A128GCM content encryption and a PS256 inner signature when allowed', async () => {
      const token = nestedToken({ encrypt: { enc: 'A128GCM' }, sign: { alg: 'PS256' } })
      const result = await decryptAndVerifyJwt(
        token,
        options({
          contentEncryptionAlgorithms: ['A128GCM'],
          algorithms: ['PS256'],
          verificationKey: await cryptoKeyFor(namedKey('signer'), 'PS256', 'public'),
        }),
      )
      expect(result.header.alg).toBe('PS256')
      expect(result.encryptionHeader.enc).toBe('A128GCM')
    })
  })

  describe('outer token', () => {
    it('refuses a bare JWS with ERR_JWE_REQUIRED, even a validly signed one', async () => {
      const jws = signJws(defaultClaims())
      await expectJoseError(decryptAndVerifyJwt(jws, options()), 'ERR_JWE_REQUIRED')
    })

    it('refuses an alg "dir" JWE with ERR_ALG_NOT_ALLOWED and points at /userinfo', async () => {
      const header = b64(JSON.stringify({ alg: 'dir', enc: 'A256GCM' }))
      const token = [header, '', b64(randomBytes(12)), b64(randomBytes(40)), b64(randomBytes(16))].join('.')
      const error = await expectJoseError(decryptAndVerifyJwt(token, options()), 'ERR_ALG_NOT_ALLOWED')
      expect(error.message).toMatch(/\/userinfo/)
    })

    it('refuses another disallowed alg with ERR_ALG_NOT_ALLOWED without the /userinfo hint', async () => {
      const token = nestedToken({ encrypt: { alg: 'RSA-OAEP' } })
      const error = await expectJoseError(decryptAndVerifyJwt(token, options()), 'ERR_ALG_NOT_ALLOWED')
      expect(error.message).not.toMatch(/userinfo/)
    })

    it('refuses an enc outside contentEncryptionAlgorithms with ERR_ALG_NOT_ALLOWED', async () => {
      const token = nestedToken({ encrypt: { enc: 'A128GCM' } })
      await expectJoseError(decryptAndVerifyJwt(token, options()), 'ERR_ALG_NOT_ALLOWED')
    })

    it('refuses a token that is not a string, or has the wrong number of segments, with ERR_JWE_INVALID', async () => {
      await expectJoseError(decryptAndVerifyJwt(42 as unknown as string, options()), 'ERR_JWE_INVALID')
      await expectJoseError(decryptAndVerifyJwt('a.b.c.d', options()), 'ERR_JWE_INVALID')
    })

    it('refuses a token longer than maxTokenLength with ERR_TOKEN_TOO_LARGE', async () => {
      const token = nestedToken()
      await expectJoseError(decryptAndVerifyJwt(token, options({ maxTokenLength: token.length - 1 })), 'ERR_TOKEN_TOO_LARGE')
      await expect(decryptAndVerifyJwt(token, options({ maxTokenLength: token.length }))).resolves.toBeDefined()
    })

    it('refuses a JWE "crit" extension the caller does not process with ERR_CRIT_UNSUPPORTED', async () => {
      const token = nestedToken({ encrypt: { header: { crit: ['urn:example:ext'], 'urn:example:ext': 1 } } })
      await expectJoseError(decryptAndVerifyJwt(token, options()), 'ERR_CRIT_UNSUPPORTED')
    })

    it.each([
      ['protected header (AAD)', 0],
      ['encrypted key', 1],
      ['initialization vector', 2],
      ['ciphertext', 3],
      ['authentication tag', 4],
    ])('a tampered %s fails with ERR_JWE_DECRYPTION_FAILED', async (_name, index) => {
      const token = nestedToken()
      const tampered =
        index === 0
          ? setSegment(token, 0, b64(JSON.stringify({ ...segmentJson(token), kid: 'enc-2' })))
          : flipBit(token, index)
      const error = await expectJoseError(decryptAndVerifyJwt(tampered, options()), 'ERR_JWE_DECRYPTION_FAILED')
      expect(error.message).toBe(DECRYPTION_FAILED_MESSAGE)
    })

    it('a token for another recipient fails with ERR_JWE_DECRYPTION_FAILED', async () => {
      const token = nestedToken({ encrypt: { key: namedKey('other-recipient') } })
      const error = await expectJoseError(decryptAndVerifyJwt(token, options()), 'ERR_JWE_DECRYPTION_FAILED')
      expect(error.message).toBe(DECRYPTION_FAILED_MESSAGE)
    })
  })

  describe('"cty"', () => {
    it.each([['JWT'], ['jwt'], ['application/jwt'], ['Application/JWT']])('accepts cty %j', async (cty) => {
      const token = nestedToken({ encrypt: { header: { cty } } })
      const result = await decryptAndVerifyJwt(token, options())
      expect(result.encryptionHeader.cty).toBe(cty)
    })

    it('accepts a missing cty', async () => {
      const token = nestedToken({ encrypt: { header: { cty: undefined } } })
      const result = await decryptAndVerifyJwt(token, options())
      expect(result.encryptionHeader).not.toHaveProperty('cty')
      expect(result.claims.iss).toBe(ISSUER)
    })

    it.each([['json'], ['application/json'], ['JWS'], ['application/jwt/x']])('refuses cty %j with ERR_JWT_INVALID', async (cty) => {
      const token = nestedToken({ encrypt: { header: { cty } } })
      await expectJoseError(decryptAndVerifyJwt(token, options()), 'ERR_JWT_INVALID')
    })
  })

  describe('plaintext', () => {
    it('refuses JSON claims encrypted directly (no signature) with ERR_JWT_INVALID', async () => {
      const token = nestedToken({ plaintext: JSON.stringify(defaultClaims()), encrypt: { header: { cty: undefined } } })
      await expectJoseError(decryptAndVerifyJwt(token, options()), 'ERR_JWT_INVALID')
    })

    it('refuses a nested JWE as plaintext with ERR_JWT_INVALID', async () => {
      const token = nestedToken({ plaintext: nestedToken() })
      await expectJoseError(decryptAndVerifyJwt(token, options()), 'ERR_JWT_INVALID')
    })

    it('refuses plaintext that is not valid UTF-8 with ERR_JWT_INVALID', async () => {
      const jws = signJws(defaultClaims())
      const bytes = Buffer.concat([Buffer.from(jws, 'ascii'), Buffer.from([0xff])])
      await expectJoseError(decryptAndVerifyJwt(nestedToken({ plaintext: bytes }), options()), 'ERR_JWT_INVALID')
      const lone = Buffer.from([0x61, 0x2e, 0xc3, 0x2e, 0x62])
      await expectJoseError(decryptAndVerifyJwt(nestedToken({ plaintext: lone }), options()), 'ERR_JWT_INVALID')
    })

    it('refuses an inner JWS whose payload is not a JSON object with ERR_JWT_INVALID', async () => {
      const token = nestedToken({ plaintext: signJws('[1,2,3]') })
      await expectJoseError(decryptAndVerifyJwt(token, options()), 'ERR_JWT_INVALID')
    })
  })

  describe('inner signature', () => {
    it('refuses an inner alg outside `algorithms` (PS256 when only RS256) with ERR_ALG_NOT_ALLOWED', async () => {
      const token = nestedToken({ sign: { alg: 'PS256' } })
      await expectJoseError(decryptAndVerifyJwt(token, options()), 'ERR_ALG_NOT_ALLOWED')
    })

    it('refuses an unsigned inner JWT (alg "none") with ERR_ALG_NOT_ALLOWED', async () => {
      const unsigned = `${b64(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${b64(JSON.stringify(defaultClaims()))}.`
      await expectJoseError(decryptAndVerifyJwt(nestedToken({ plaintext: unsigned }), options()), 'ERR_ALG_NOT_ALLOWED')
    })

    it('refuses an inner signature by another key with ERR_JWS_SIGNATURE_INVALID', async () => {
      const token = nestedToken({ sign: { key: namedKey('other-signer') } })
      await expectJoseError(decryptAndVerifyJwt(token, options()), 'ERR_JWS_SIGNATURE_INVALID')
      // control: the same kind of token verifies under that other key
      await expect(decryptAndVerifyJwt(token, options({ verificationKey: otherVerificationKey }))).resolves.toBeDefined()
    })

    it('refuses an inner token whose claims were changed after signing with ERR_JWS_SIGNATURE_INVALID', async () => {
      const jws = signJws(defaultClaims())
      const forged = setSegment(jws, 1, b64(JSON.stringify({ ...defaultClaims(), sub: 'admin' })))
      await expectJoseError(decryptAndVerifyJwt(nestedToken({ plaintext: forged }), options()), 'ERR_JWS_SIGNATURE_INVALID')
    })

    it('verifies the signature before the claims: an expired token with a bad signature is ERR_JWS_SIGNATURE_INVALID', async () => {
      const past = nowSeconds() - 7200
      const claims = { iat: past, exp: past + 60, iss: 'https://evil.example/', aud: 'nobody' }
      const token = nestedToken({ claims, sign: { key: namedKey('other-signer') } })
      await expectJoseError(decryptAndVerifyJwt(token, options()), 'ERR_JWS_SIGNATURE_INVALID')
      // control: correctly signed, the same claims are refused as expired
      await expectJoseError(decryptAndVerifyJwt(nestedToken({ claims }), options()), 'ERR_JWT_EXPIRED')
    })
  })

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

  describe('key inputs', () => {
    it('a verificationKey resolver receives the inner header and picks the key by kid', async () => {
      const keys = new Map([
        ['sig-1', otherVerificationKey],
        ['sig-2', verificationKey],
      ])
      const resolver = vi.fn((header: JwsHeader) => {
        const key = keys.get(header.kid!)
        if (key === undefined) throw new JoseError('ERR_JWKS_NO_MATCHING_KEY', 'no key')
        return key
      })
      const token = nestedToken({ sign: { header: { kid: 'sig-2' } } })
      const result = await decryptAndVerifyJwt(token, options({ verificationKey: resolver }))
      expect(result.header.kid).toBe('sig-2')
      expect(resolver).toHaveBeenCalledTimes(1)
      expect(resolver).toHaveBeenCalledWith({ alg: 'RS256', typ: 'JWT', kid: 'sig-2' })

      // its JoseErrors pass through
      const unknown = nestedToken({ sign: { header: { kid: 'sig-9' } } })
      await expectJoseError(decryptAndVerifyJwt(unknown, options({ verificationKey: resolver })), 'ERR_JWKS_NO_MATCHING_KEY')
    })

    it('a verificationKey resolver that throws something else → ERR_KEY_INVALID', async () => {
      const resolver = () => {
        throw new Error('boom')
      }
      await expectJoseError(decryptAndVerifyJwt(nestedToken(), options({ verificationKey: resolver })), 'ERR_KEY_INVALID')
    })

    it('a verification key of the wrong kind (RSA-OAEP) → ERR_KEY_INVALID', async () => {
      const wrong = await cryptoKeyFor(namedKey('signer'), 'RSA-OAEP-256', 'public')
      await expectJoseError(decryptAndVerifyJwt(nestedToken(), options({ verificationKey: wrong })), 'ERR_KEY_INVALID')
    })

    it('a decryptionKey resolver receives the encryption header', async () => {
      const resolver = vi.fn(async (header: JweHeader) => {
        expect(header.kid).toBe('enc-7')
        return decryptionKey
      })
      const token = nestedToken({ encrypt: { header: { kid: 'enc-7' } } })
      const result = await decryptAndVerifyJwt(token, options({ decryptionKey: resolver }))
      expect(resolver).toHaveBeenCalledTimes(1)
      expect(resolver).toHaveBeenCalledWith({ alg: 'RSA-OAEP-256', enc: 'A256GCM', cty: 'JWT', kid: 'enc-7' })
      expect(result.encryptionHeader.kid).toBe('enc-7')
    })

    it('a decryption key of the wrong kind (a public key, or an RS256 key) → ERR_KEY_INVALID', async () => {
      const publicKey = await cryptoKeyFor(namedKey('recipient'), 'RSA-OAEP-256', 'public')
      await expectJoseError(decryptAndVerifyJwt(nestedToken(), options({ decryptionKey: publicKey })), 'ERR_KEY_INVALID')
      const signingKey = await cryptoKeyFor(namedKey('recipient'), 'RS256', 'private')
      await expectJoseError(decryptAndVerifyJwt(nestedToken(), options({ decryptionKey: signingKey })), 'ERR_KEY_INVALID')
    })

    it('a DecryptionKeySet selects the key by the JWE kid', async () => {
      const set = createDecryptionKeySet([
        { kid: 'old', key: namedKey('other-recipient').privatePem },
        { kid: 'new', key: namedKey('recipient').privatePem },
      ])
      const token = nestedToken({ encrypt: { header: { kid: 'new' } } })
      const result = await decryptAndVerifyJwt(token, options({ decryptionKey: set }))
      expect(result.encryptionHeader.kid).toBe('new')
      const mislabeled = nestedToken({ encrypt: { header: { kid: 'old' } } })
      await expectJoseError(decryptAndVerifyJwt(mislabeled, options({ decryptionKey: set })), 'ERR_JWE_DECRYPTION_FAILED')
    })
  })

  describe('options', () => {
    it.each([
      ['options null', null],
      ['options a string', 'RS256'],
    ])('%s → ERR_INVALID_ARGUMENT', async (_name, value) => {
      await expectJoseError(
        decryptAndVerifyJwt(nestedToken(), value as unknown as DecryptAndVerifyJwtOptions),
        'ERR_INVALID_ARGUMENT',
      )
    })

    it.each([
      ['algorithms', undefined, 'ERR_INVALID_ARGUMENT'],
      ['algorithms', [], 'ERR_INVALID_ARGUMENT'],
      ['algorithms', 'RS256', 'ERR_INVALID_ARGUMENT'],
      ['algorithms', ['ES256K'], 'ERR_ALG_NOT_SUPPORTED'],
      ['algorithms', ['none'], 'ERR_ALG_NOT_SUPPORTED'],
      ['keyManagementAlgorithms', undefined, 'ERR_INVALID_ARGUMENT'],
      ['keyManagementAlgorithms', ['RSA1_5'], 'ERR_ALG_NOT_SUPPORTED'],
      ['keyManagementAlgorithms', ['RSA1_5'], 'ERR_ALG_NOT_SUPPORTED'],
      ['contentEncryptionAlgorithms', undefined, 'ERR_INVALID_ARGUMENT'],
      ['contentEncryptionAlgorithms', ['A512GCM'], 'ERR_ALG_NOT_SUPPORTED'],
      ['issuer', 42, 'ERR_INVALID_ARGUMENT'],
      ['issuer', [], 'ERR_INVALID_ARGUMENT'],
      ['audience', { aud: 'x' }, 'ERR_INVALID_ARGUMENT'],
      ['subject', 7, 'ERR_INVALID_ARGUMENT'],
      ['clockTolerance', -1, 'ERR_INVALID_ARGUMENT'],
      ['clockTolerance', '60', 'ERR_INVALID_ARGUMENT'],
      ['maxTokenAge', Number.NaN, 'ERR_INVALID_ARGUMENT'],
      ['requiredClaims', 'jti', 'ERR_INVALID_ARGUMENT'],
      ['currentDate', 'now', 'ERR_INVALID_ARGUMENT'],
      ['typ', 1, 'ERR_INVALID_ARGUMENT'],
      ['profile', 'id+jwt', 'ERR_INVALID_ARGUMENT'],
    ] as const)('options.%s = %j → %s', async (member, value, code) => {
      await expectJoseError(decryptAndVerifyJwt(nestedToken(), loose({ [member]: value })), code)
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

  it('helper sanity: the minted outer header is exactly what was asked for', async () => {
    // guards the helper itself: tokens here are minted by node:crypto, not by the library
    const token = encryptJwe(signJws(defaultClaims()), { header: { kid: 'x' } })
    expect(segmentJson(token)).toEqual({ alg: 'RSA-OAEP-256', enc: 'A256GCM', cty: 'JWT', kid: 'x' })
    await expect(decryptAndVerifyJwt(token, options())).resolves.toBeDefined()
  })
})
