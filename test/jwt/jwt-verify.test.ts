import { describe, expect, it } from 'vitest'
import { jwtVerify, type JwtVerifyOptions } from '../../src/jwt/jwt-verify.ts'
import { signJwt } from '../../src/jwt/sign-jwt.ts'
import { normalizeMediaType, sameMediaType } from '../../src/jwt/typ.ts'
import { compactSign } from '../../src/jws/compact-sign.ts'
import { JwtClaimError } from '../../src/errors.ts'
import { expectJoseError } from '../helpers/expect-jose.ts'
import { webCryptoKey } from '../helpers/keys.ts'

const now = Math.floor(Date.now() / 1000)
const CLAIMS = { iss: 'https://issuer.example/', sub: 'client@clients', aud: 'https://api.example', iat: now, exp: now + 600 }
const OPTIONS: JwtVerifyOptions = { algorithms: ['RS256'], issuer: 'https://issuer.example/', audience: 'https://api.example' }
const sign = async (claims: Record<string, unknown>, header: object = {}) =>
  signJwt(claims, await webCryptoKey('RS256', 'private'), { alg: 'RS256', ...header })
const publicKey = () => webCryptoKey('RS256', 'public')

describe('jwtVerify', () => {
  it('returns claims and header', async () => {
    const { claims, header } = await jwtVerify(await sign(CLAIMS, { kid: 'k1' }), await publicKey(), OPTIONS)
    expect(claims).toEqual(CLAIMS)
    expect(header).toEqual({ alg: 'RS256', typ: 'JWT', kid: 'k1' })
  })

  it('verifies the signature before reading any claim', async () => {
    const expired = await sign({ ...CLAIMS, exp: now - 100 })
    const [h, p] = expired.split('.')
    const forged = `${h}.${p}.${'A'.repeat(342)}`
    await expectJoseError(jwtVerify(forged, await publicKey(), OPTIONS), 'ERR_JWS_SIGNATURE_INVALID')
  })

  it.each([
    ['an array', '[1,2]'],
    ['a string', '"claims"'],
    ['not JSON', 'not json'],
    ['__proto__', '{"__proto__":{"admin":true}}'],
  ])('rejects a claims set that is %s with ERR_JWT_INVALID', async (_name, payload) => {
    const token = await compactSign(payload, await webCryptoKey('RS256', 'private'), { alg: 'RS256' })
    await expectJoseError(jwtVerify(token, await publicKey(), { algorithms: ['RS256'] }), 'ERR_JWT_INVALID')
  })

  it('rejects an expired token with ERR_JWT_EXPIRED', async () => {
    await expectJoseError(jwtVerify(await sign({ ...CLAIMS, exp: now - 1 }), await publicKey(), OPTIONS), 'ERR_JWT_EXPIRED')
  })

  it('honours currentDate', async () => {
    const token = await sign({ ...CLAIMS, nbf: now + 1000, exp: now + 2000 })
    await expectJoseError(jwtVerify(token, await publicKey(), OPTIONS), 'ERR_JWT_NOT_YET_VALID')
    const { claims } = await jwtVerify(token, await publicKey(), { ...OPTIONS, currentDate: new Date((now + 1000) * 1000) })
    expect(claims.nbf).toBe(now + 1000)
  })

  describe('typ (RFC 7515 §4.1.9)', () => {
    it.each(['JWT', 'jwt', 'application/jwt', 'Application/JWT'])('accepts header typ %s for option "JWT"', async (typ) => {
      await expect(jwtVerify(await sign(CLAIMS, { typ }), await publicKey(), { ...OPTIONS, typ: 'JWT' })).resolves.toBeTruthy()
    })
    it('rejects a different or missing typ', async () => {
      const error = await expectJoseError(jwtVerify(await sign(CLAIMS, { typ: 'at+jwt' }), await publicKey(), { ...OPTIONS, typ: 'JWT' }), 'ERR_JWT_CLAIM_INVALID')
      expect((error as JwtClaimError).claim).toBe('typ')
      const untyped = await compactSign(JSON.stringify(CLAIMS), await webCryptoKey('RS256', 'private'), { alg: 'RS256' })
      await expectJoseError(jwtVerify(untyped, await publicKey(), { ...OPTIONS, typ: 'JWT' }), 'ERR_JWT_CLAIM_INVALID')
    })
    it('normalizes media types', () => {
      expect(normalizeMediaType('application/at+JWT')).toBe('at+jwt')
      expect(normalizeMediaType('application/foo/bar')).toBe('application/foo/bar')
      expect(sameMediaType('application/example;part="1/2"', 'example;part="1/2"')).toBe(false)
    })
    it('rejects a non-string typ option', async () => {
      await expectJoseError(jwtVerify(await sign(CLAIMS), await publicKey(), { ...OPTIONS, typ: 1 as unknown as string }), 'ERR_INVALID_ARGUMENT')
    })
  })

  describe('profile at+jwt (RFC 9068)', () => {
    const AT = { ...CLAIMS, client_id: 'client', jti: 'id-1' }
    it('accepts a complete access token', async () => {
      const { claims } = await jwtVerify(await sign(AT, { typ: 'at+jwt' }), await publicKey(), { ...OPTIONS, profile: 'at+jwt' })
      expect(claims.client_id).toBe('client')
    })
    it('requires typ at+jwt', async () => {
      await expectJoseError(jwtVerify(await sign(AT), await publicKey(), { ...OPTIONS, profile: 'at+jwt' }), 'ERR_JWT_CLAIM_INVALID')
    })
    it.each(['client_id', 'jti', 'sub', 'iat', 'exp'])('requires %s', async (claim) => {
      const claims: Record<string, unknown> = { ...AT }
      delete claims[claim]
      const error = await expectJoseError(
        jwtVerify(await sign(claims, { typ: 'at+jwt' }), await publicKey(), { ...OPTIONS, profile: 'at+jwt' }),
        'ERR_JWT_CLAIM_INVALID',
      )
      expect((error as JwtClaimError).claim).toBe(claim)
      expect((error as JwtClaimError).reason).toBe('missing')
    })
    it('requires issuer and audience options', async () => {
      await expectJoseError(
        jwtVerify(await sign(AT, { typ: 'at+jwt' }), await publicKey(), { algorithms: ['RS256'], audience: 'x', profile: 'at+jwt' }),
        'ERR_INVALID_ARGUMENT',
      )
    })
    it('rejects an unknown profile', async () => {
      await expectJoseError(
        jwtVerify(await sign(AT), await publicKey(), { ...OPTIONS, profile: 'id_token' as 'at+jwt' }),
        'ERR_INVALID_ARGUMENT',
      )
    })
  })

  it('rejects missing options with ERR_INVALID_ARGUMENT', async () => {
    await expectJoseError(jwtVerify(await sign(CLAIMS), await publicKey(), undefined as unknown as JwtVerifyOptions), 'ERR_INVALID_ARGUMENT')
  })
})
