/** "alg": "none" in any letter case, in a JWS, a nested token or a JWE, and in an allow-list. */
import { describe, expect, it, vi } from 'vitest'
import { jwtVerify } from '../../src/jwt/jwt-verify.ts'
import { compactVerify } from '../../src/jws/compact-verify.ts'
import { compactDecrypt } from '../../src/jwe/compact-decrypt.ts'
import { decryptAndVerifyJwt } from '../../src/verifier/decrypt-and-verify-jwt.ts'
import { createLocalJwks } from '../../src/jwks/local-jwks.ts'
import type { SignatureAlgorithm } from '../../src/algorithms/signature.ts'
import { b64, encryptJwe, fileContext, fileTokens, nestedToken, rejects, segments, withHeader } from './support.ts'

const ctx = fileContext()
const valid = fileTokens()

describe('the valid tokens the attacks start from are accepted', () => {
  it('JWS via jwtVerify and compactVerify, nested via decryptAndVerifyJwt', async () => {
    await expect(jwtVerify(valid.jws, ctx.verificationKey, ctx.jws)).resolves.toMatchObject({ claims: { sub: 'user-1' } })
    await expect(compactVerify(valid.jws, ctx.verificationKey, { algorithms: ['RS256'] })).resolves.toBeDefined()
    await expect(decryptAndVerifyJwt(nestedToken(), ctx.nested())).resolves.toMatchObject({ claims: { sub: 'user-1' } })
  })
})

describe('"alg": "none" (RFC 7518 §3.6, RFC 8725 §3.1)', () => {
  for (const alg of ['none', 'NONE', 'nOnE', 'None']) {
    describe(`"${alg}"`, () => {
      const variants = (): Array<[string, string]> => {
        const header = { ...valid.jwsHeader, alg }
        return [
          ['without a signature', withHeader(valid.jws, header, '')],
          ['with the original RS256 signature', withHeader(valid.jws, header)],
          ['with a random signature', withHeader(valid.jws, header, b64(crypto.getRandomValues(new Uint8Array(256))))],
        ]
      }

      it('is refused by jwtVerify and compactVerify before any key is looked up', async () => {
        for (const [, token] of variants()) {
          const resolver = vi.fn(async () => ctx.verificationKey)
          await rejects(jwtVerify(token, ctx.verificationKey, ctx.jws), 'ERR_ALG_NOT_ALLOWED', token)
          await rejects(compactVerify(token, resolver, { algorithms: ['RS256', 'PS256'] }), 'ERR_ALG_NOT_ALLOWED', token)
          await rejects(jwtVerify(token, createLocalJwks({ keys: [{ ...ctx.signer.publicJwk, kid: 'sig-1' }] }), ctx.jws), 'ERR_ALG_NOT_ALLOWED', token)
          expect(resolver).not.toHaveBeenCalled()
        }
      })

      it('is refused as the inner JWS of a nested token', async () => {
        for (const [, inner] of variants()) {
          const token = encryptJwe(inner)
          await rejects(decryptAndVerifyJwt(token, ctx.nested()), 'ERR_ALG_NOT_ALLOWED', [token, inner])
        }
      })

      it('is refused as the JWE "alg"', async () => {
        const token = encryptJwe(valid.jws, { header: { alg } })
        await rejects(compactDecrypt(token, ctx.decryptionKey, ctx.jwe), 'ERR_ALG_NOT_ALLOWED', token)
        await rejects(decryptAndVerifyJwt(token, ctx.nested()), 'ERR_ALG_NOT_ALLOWED', token)
      })

      it('a token cut to two segments (no signature segment at all) is malformed', async () => {
        const [header, payload] = segments(withHeader(valid.jws, { ...valid.jwsHeader, alg }))
        const token = `${header}.${payload}`
        await rejects(jwtVerify(token, ctx.verificationKey, ctx.jws), 'ERR_JWS_INVALID', token)
        await rejects(compactVerify(token, ctx.verificationKey, { algorithms: ['RS256'] }), 'ERR_JWS_INVALID', token)
      })
    })
  }

  it('cannot be put in an allow-list', async () => {
    for (const alg of ['none', 'NONE', 'ES256K']) {
      const options = { algorithms: [alg as SignatureAlgorithm] }
      await rejects(compactVerify(valid.jws, ctx.verificationKey, options), 'ERR_ALG_NOT_SUPPORTED', valid.jws)
      await rejects(decryptAndVerifyJwt(nestedToken(), ctx.nested(options)), 'ERR_ALG_NOT_SUPPORTED')
    }
  })
})
