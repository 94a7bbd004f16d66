/** Headers and claims sets that are not JSON objects, lack "alg"/"enc", repeat members or mistype registered ones. */
import { describe, expect, it } from 'vitest'
import { jwtVerify } from '../../src/jwt/jwt-verify.ts'
import { decryptAndVerifyJwt } from '../../src/verifier/decrypt-and-verify-jwt.ts'
import { b64, fileContext, defaultClaims, encryptJwe, nestedToken, refusals, rejects, setSegment, signJws, signedRaw } from './support.ts'

const ctx = fileContext()
const { rejectsJwe, rejectsJws } = refusals(ctx)

describe('headers and claims that are not JSON objects (RFC 7515 §5.2 step 3, RFC 7519 §7.2 step 10)', () => {
  const NOT_OBJECTS = ['[]', '[{"alg":"RS256"}]', '"RS256"', '1', 'null', 'true', '', '{', '{"alg":"RS256",}', "{'alg':'RS256'}", '\uFEFF{"alg":"RS256"}']

  it('JWS protected header', async () => {
    const good = signJws(defaultClaims())
    for (const text of NOT_OBJECTS) {
      await rejectsJws(setSegment(good, 0, text === '' ? b64(' ') : b64(text)), 'ERR_JWS_INVALID')
    }
    await rejectsJws(setSegment(good, 0, b64(Uint8Array.of(0x7b, 0xff, 0x7d))), 'ERR_JWS_INVALID')
  })

  it('JWE protected header', async () => {
    const good = nestedToken()
    for (const text of NOT_OBJECTS) {
      await rejectsJwe(setSegment(good, 0, text === '' ? b64(' ') : b64(text)), 'ERR_JWE_INVALID')
    }
    await rejectsJwe(setSegment(good, 0, b64(Uint8Array.of(0x7b, 0xc0, 0xaf, 0x7d))), 'ERR_JWE_INVALID')
  })

  it('JWT claims set, validly signed, through jwtVerify and decryptAndVerifyJwt', async () => {
    const payloads: Array<string | Uint8Array> = [...NOT_OBJECTS, Uint8Array.of(0x7b, 0xed, 0xa0, 0x80, 0x7d)]
    for (const payload of payloads) {
      const token = signJws(payload)
      await rejects(jwtVerify(token, ctx.verificationKey, ctx.jws), 'ERR_JWT_INVALID', token)
      const nested = encryptJwe(token)
      await rejects(decryptAndVerifyJwt(nested, ctx.nested()), 'ERR_JWT_INVALID', [nested, token])
    }
  })

  it('a header without "alg", or "enc", or with them of the wrong type', async () => {
    for (const header of [{ typ: 'JWT' }, { alg: '' }, { alg: 256 }, { alg: ['RS256'] }, { alg: null }]) {
      await rejectsJws(signJws(defaultClaims(), { rawHeader: JSON.stringify(header) }), 'ERR_JWS_INVALID')
    }
    for (const header of [{ alg: 'RSA-OAEP-256' }, { alg: 'RSA-OAEP-256', enc: '' }, { alg: 'RSA-OAEP-256', enc: 256 }, { enc: 'A256GCM' }]) {
      await rejectsJwe(encryptJwe(signJws(defaultClaims()), { rawHeader: JSON.stringify(header) }), 'ERR_JWE_INVALID')
    }
  })

  it('duplicate member names: the last one wins, as JSON.parse does (RFC 7515 §4 allows this or rejection)', async () => {
    const claims = JSON.stringify(defaultClaims())
    // Signed over the raw header bytes, so the issuer chose this text; "alg" is RS256.
    await expect(jwtVerify(signedRaw(claims, '{"alg":"none","alg":"RS256"}'), ctx.verificationKey, ctx.jws)).resolves.toBeDefined()
    const none = signedRaw(claims, '{"alg":"RS256","alg":"none"}')
    await rejectsJws(none, 'ERR_ALG_NOT_ALLOWED')
    const expiredLast = signedRaw(claims.replace(/}$/, `,"exp":${Math.floor(Date.now() / 1000) - 10}}`))
    await rejects(jwtVerify(expiredLast, ctx.verificationKey, ctx.jws), 'ERR_JWT_EXPIRED', expiredLast)
  })

  it('registered header parameters of the wrong type (kid, jwk, x5c, jku, crit items, b64, zip)', async () => {
    const wrong = [{ kid: 1 }, { kid: null }, { jwk: 'x' }, { jwk: [] }, { x5c: 'x' }, { x5c: [1] }, { jku: {} }, { x5u: 1 }, { typ: 1 }, { cty: true }, { b64: 'false' }]
    for (const extra of wrong) await rejectsJws(signJws(defaultClaims(), { header: extra }), 'ERR_JWS_INVALID')
    for (const extra of [{ kid: 1 }, { zip: 1 }, { cty: [] }, { jwk: null }]) {
      await rejectsJwe(nestedToken({ encrypt: { header: extra } }), 'ERR_JWE_INVALID')
    }
  })
})
