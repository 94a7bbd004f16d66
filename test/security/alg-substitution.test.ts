/** Swapped or substituted "alg"/"enc": outside the allow-lists, against the wrong key, or the wrong kind of token. */
import { describe, it } from 'vitest'
import { jwtVerify } from '../../src/jwt/jwt-verify.ts'
import { compactVerify } from '../../src/jws/compact-verify.ts'
import { compactDecrypt } from '../../src/jwe/compact-decrypt.ts'
import { decryptAndVerifyJwt } from '../../src/verifier/decrypt-and-verify-jwt.ts'
import { cryptoKeyFor, encryptJwe, fileContext, fileTokens, nestedToken, rejects, signJws, withHeader } from './support.ts'

const ctx = fileContext()
const valid = fileTokens()

describe('swapped or substituted algorithms', () => {
  it('JWE with "alg" and "enc" swapped is malformed', async () => {
    const token = encryptJwe(valid.jws, { header: { alg: 'A256GCM', enc: 'RSA-OAEP-256' } })
    await rejects(compactDecrypt(token, ctx.decryptionKey, ctx.jwe), 'ERR_JWE_INVALID', token)
    await rejects(decryptAndVerifyJwt(token, ctx.nested()), 'ERR_JWE_INVALID', token)
  })

  it('JWE "alg" / "enc" outside the allow-lists, including registered ones this library does not implement', async () => {
    const headers: Array<Record<string, unknown>> = [
      { alg: 'RS256' },
      { alg: 'dir' },
      { alg: 'RSA1_5' },
      { alg: 'A256KW' },
      { alg: 'ECDH-ES' },
      { alg: 'PBES2-HS256+A128KW', p2c: 1_000_000_000, p2s: 'AAAAAAAAAAA' },
      { alg: 'RSA-OAEP' },
      { alg: 'rsa-oaep-256' },
      { enc: 'A128GCM' },
      { enc: 'A256CBC-HS512' },
      { enc: 'a256gcm' },
      { alg: 'A256GCM', enc: 'A256GCM' },
    ]
    for (const header of headers) {
      const token = encryptJwe(valid.jws, { header })
      await rejects(compactDecrypt(token, ctx.decryptionKey, ctx.jwe), 'ERR_ALG_NOT_ALLOWED', token)
      await rejects(decryptAndVerifyJwt(token, ctx.nested()), 'ERR_ALG_NOT_ALLOWED', token)
    }
  })

  it('JWE "alg" RSA-OAEP (SHA-1) against an RSA-OAEP-256 key, both allowed: the key refuses', async () => {
    const token = encryptJwe(valid.jws, { alg: 'RSA-OAEP' })
    const options = { keyManagementAlgorithms: ['RSA-OAEP', 'RSA-OAEP-256'], contentEncryptionAlgorithms: ['A256GCM'] } as const
    await rejects(compactDecrypt(token, ctx.decryptionKey, options), 'ERR_KEY_INVALID', token)
    await rejects(decryptAndVerifyJwt(token, ctx.nested(options)), 'ERR_KEY_INVALID', token)
  })

  it('JWS "alg" outside the allow-list, even when correctly signed', async () => {
    const cases: Array<[string, string]> = [
      ['PS256, correctly signed', signJws(valid.claims, { alg: 'PS256' })],
      ['RS512, correctly signed', signJws(valid.claims, { alg: 'RS512' })],
      ['RSA-OAEP-256', withHeader(valid.jws, { ...valid.jwsHeader, alg: 'RSA-OAEP-256' })],
      ['A256GCM', withHeader(valid.jws, { ...valid.jwsHeader, alg: 'A256GCM' })],
      ['rs256', withHeader(valid.jws, { ...valid.jwsHeader, alg: 'rs256' })],
      ['"RS256 "', withHeader(valid.jws, { ...valid.jwsHeader, alg: 'RS256 ' })],
      ['ES256', withHeader(valid.jws, { ...valid.jwsHeader, alg: 'ES256' })],
      ['EdDSA', withHeader(valid.jws, { ...valid.jwsHeader, alg: 'EdDSA' })],
    ]
    for (const [, token] of cases) {
      await rejects(jwtVerify(token, ctx.verificationKey, ctx.jws), 'ERR_ALG_NOT_ALLOWED', token)
    }
  })

  it('JWS "alg" PS256 against an RS256 key, both allowed: the key refuses', async () => {
    const token = signJws(valid.claims, { alg: 'PS256' })
    await rejects(jwtVerify(token, ctx.verificationKey, { ...ctx.jws, algorithms: ['RS256', 'PS256'] }), 'ERR_KEY_INVALID', token)
    const psKey = await cryptoKeyFor(ctx.signer, 'PS256', 'public')
    await rejects(jwtVerify(valid.jws, psKey, { ...ctx.jws, algorithms: ['RS256', 'PS256'] }), 'ERR_KEY_INVALID', valid.jws)
  })

  it('a JWS handed to the JWE API, a JWE to the JWS API, a bare JWS to decryptAndVerifyJwt', async () => {
    const jwe = nestedToken()
    await rejects(compactDecrypt(valid.jws, ctx.decryptionKey, ctx.jwe), 'ERR_JWE_INVALID', valid.jws)
    await rejects(compactVerify(jwe, ctx.verificationKey, { algorithms: ['RS256'] }), 'ERR_JWS_INVALID', jwe)
    await rejects(jwtVerify(jwe, ctx.verificationKey, ctx.jws), 'ERR_JWS_INVALID', jwe)
    await rejects(decryptAndVerifyJwt(valid.jws, ctx.nested()), 'ERR_JWE_REQUIRED', valid.jws)
  })
})
