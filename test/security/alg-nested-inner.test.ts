/** A nested token whose inner JWS uses an algorithm the caller did not allow. */
import { describe, it } from 'vitest'
import { decryptAndVerifyJwt } from '../../src/verifier/decrypt-and-verify-jwt.ts'
import { createLocalJwks } from '../../src/jwks/local-jwks.ts'
import { b64, defaultClaims, encryptJwe, fileContext, hmacJws, rejects, signJws } from './support.ts'

const ctx = fileContext()

describe('nested token whose inner JWS uses an algorithm that is not allowed', () => {
  const inners = (): Array<[string, string]> => [
    ['PS256, correctly signed by the issuer', signJws(defaultClaims(), { alg: 'PS256' })],
    ['RS384, correctly signed by the issuer', signJws(defaultClaims(), { alg: 'RS384' })],
    ['HS256 keyed with the issuer public key', hmacJws({ alg: 'HS256', typ: 'JWT', kid: 'sig-1' }, defaultClaims(), ctx.signer.publicPem)],
    ['none, no signature', `${b64(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${b64(JSON.stringify(defaultClaims()))}.`],
  ]

  it('fails with ERR_ALG_NOT_ALLOWED, with a CryptoKey or a JWK set as verification key', async () => {
    const jwks = createLocalJwks({ keys: [{ ...ctx.signer.publicJwk, kid: 'sig-1' }] })
    for (const [, inner] of inners()) {
      const token = encryptJwe(inner)
      await rejects(decryptAndVerifyJwt(token, ctx.nested()), 'ERR_ALG_NOT_ALLOWED', [token, inner])
      await rejects(decryptAndVerifyJwt(token, ctx.nested({ verificationKey: jwks })), 'ERR_ALG_NOT_ALLOWED', [token, inner])
    }
  })
})
