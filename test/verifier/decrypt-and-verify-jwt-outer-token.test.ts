/** decryptAndVerifyJwt's outer JWE: required, allow-listed, bounded, tamper-evident with one failure message, and its "cty". */
import { describe, expect, it } from 'vitest'
import { randomBytes } from 'node:crypto'
import { decryptAndVerifyJwt } from '../../src/verifier/decrypt-and-verify-jwt.ts'
import { DECRYPTION_FAILED_MESSAGE } from '../../src/errors.ts'
import { expectJoseError } from '../helpers/expect-jose.ts'
import { ISSUER, b64, defaultClaims, flipBit, namedKey, nestedToken, segmentJson, setSegment, signJws } from '../helpers/tokens.ts'
import { options, useVerifierKeys } from '../helpers/verifier-fixture.ts'

useVerifierKeys()

describe('decryptAndVerifyJwt', () => {
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
})
