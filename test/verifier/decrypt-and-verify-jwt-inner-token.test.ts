/** decryptAndVerifyJwt's inner token: the plaintext must be a signed JWT, and its signature is verified under the allow-list before any claim. */
import { describe, expect, it } from 'vitest'
import { decryptAndVerifyJwt } from '../../src/verifier/decrypt-and-verify-jwt.ts'
import { expectJoseError } from '../helpers/expect-jose.ts'
import { b64, defaultClaims, namedKey, nestedToken, nowSeconds, setSegment, signJws } from '../helpers/tokens.ts'
import { options, otherVerificationKey, useVerifierKeys } from '../helpers/verifier-fixture.ts'

useVerifierKeys()

describe('decryptAndVerifyJwt', () => {
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
})
