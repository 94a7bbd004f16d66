/** "__proto__" and "constructor" members in headers and claims: refused, and no prototype is polluted. */
import { afterAll, describe, expect, it } from 'vitest'
import { jwtVerify } from '../../src/jwt/jwt-verify.ts'
import { decryptAndVerifyJwt } from '../../src/verifier/decrypt-and-verify-jwt.ts'
import { fileContext, defaultClaims, encryptJwe, refusals, rejects, signJws, signedRaw } from './support.ts'

const ctx = fileContext()
const { rejectsJwe, rejectsJws } = refusals(ctx)

afterAll(() => {
  // None of the "__proto__" payloads may have reached a prototype.
  expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  expect(Object.prototype).not.toHaveProperty('polluted')
})

describe('"__proto__" and "constructor" members, at any depth and however spelled', () => {
  const POLLUTING = [
    '"__proto__":{"polluted":1}',
    '"constructor":{"prototype":{"polluted":1}}',
    '"\\u005f\\u005fproto\\u005f\\u005f":{"polluted":1}',
    '"\\u005F_proto__":{"polluted":1}',
    '"__pr\\u006fto__":{"polluted":1}',
    '"\\u0063onstructor":{"prototype":{"polluted":1}}',
    '"constructo\\u0072":1',
  ]
  const placements = (member: string): string[] => [
    `{${member},"alg":"RS256","typ":"JWT"}`,
    `{"alg":"RS256","typ":"JWT","ext":{${member}}}`,
    `{"alg":"RS256","typ":"JWT","ext":[1,{"deep":[{${member}}]}]}`,
    `{"alg":"RS256","typ":"JWT","jwk":{"kty":"RSA",${member}}}`,
  ]

  it('in the JWS protected header (validly signed): ERR_JWS_INVALID', async () => {
    for (const member of POLLUTING) {
      for (const header of placements(member)) await rejectsJws(signedRaw(JSON.stringify(defaultClaims()), header), 'ERR_JWS_INVALID')
    }
  })

  it('in the JWE protected header (validly encrypted): ERR_JWE_INVALID', async () => {
    const inner = signJws(defaultClaims())
    for (const member of POLLUTING) {
      for (const jws of placements(member)) {
        const header = jws.replace('"alg":"RS256","typ":"JWT"', '"alg":"RSA-OAEP-256","enc":"A256GCM"')
        await rejectsJwe(encryptJwe(inner, { rawHeader: header }), 'ERR_JWE_INVALID')
      }
    }
  })

  it('in the claims set (validly signed, and nested): ERR_JWT_INVALID', async () => {
    const claims = JSON.stringify(defaultClaims()).slice(1, -1)
    for (const member of POLLUTING) {
      for (const payload of [`{${member},${claims}}`, `{${claims},"x":{"y":{${member}}}}`, `{${claims},"x":[[{${member}}]]}`]) {
        const token = signedRaw(payload)
        await rejects(jwtVerify(token, ctx.verificationKey, ctx.jws), 'ERR_JWT_INVALID', token)
        const nested = encryptJwe(token)
        await rejects(decryptAndVerifyJwt(nested, ctx.nested()), 'ERR_JWT_INVALID', [nested, token])
      }
    }
  })

  it('"__proto__" and "constructor" as values (not member names) are fine', async () => {
    const token = signJws({ ...defaultClaims(), role: '__proto__', scope: 'constructor' }, { header: { kid: '__proto__' } })
    const { claims } = await jwtVerify(token, ctx.verificationKey, ctx.jws)
    expect(claims.role).toBe('__proto__')
  })
})
