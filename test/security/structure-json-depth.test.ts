/** Deeply nested JSON in headers and claims sets: accepted up to 16 levels, refused beyond. */
import { describe, expect, it } from 'vitest'
import { jwtVerify } from '../../src/jwt/jwt-verify.ts'
import { decryptAndVerifyJwt } from '../../src/verifier/decrypt-and-verify-jwt.ts'
import { b64, fileContext, defaultClaims, encryptJwe, refusals, rejects, setSegment, signJws, signedRaw } from './support.ts'

const ctx = fileContext()
const { rejectsJwe, rejectsJws } = refusals(ctx)

describe('deeply nested JSON (limit: 16 levels)', () => {
  const nest = (depth: number, open = '[', close = ']') => open.repeat(depth - 1) + close.repeat(depth - 1)
  const objects = (depth: number): string => (depth === 0 ? '1' : `{"a":${objects(depth - 1)}}`)

  it('a JWS header 16 levels deep is accepted, 17 or 1,400 levels deep is malformed', async () => {
    const ok = signedRaw(JSON.stringify(defaultClaims()), `{"alg":"RS256","x":${objects(15)}}`)
    await expect(jwtVerify(ok, ctx.verificationKey, ctx.jws)).resolves.toBeDefined()
    for (const header of [`{"alg":"RS256","x":${objects(16)}}`, `{"alg":"RS256","x":${nest(17)}}`, `{"alg":"RS256","x":${nest(1400)}}`]) {
      await rejectsJws(signedRaw(JSON.stringify(defaultClaims()), header), 'ERR_JWS_INVALID')
    }
  })

  it('a JWE header 17 or 400 levels deep is malformed', async () => {
    for (const deep of [objects(16), nest(17), nest(400, '{"a":', '}').replace(/\}+$/, (m) => `1${m}`)]) {
      await rejectsJwe(encryptJwe(signJws(defaultClaims()), { rawHeader: `{"alg":"RSA-OAEP-256","enc":"A256GCM","x":${deep}}` }), 'ERR_JWE_INVALID')
    }
  })

  it('a claims set 16 levels deep is accepted, 17 or 3,000 levels deep is invalid (jwtVerify and nested)', async () => {
    const claims = JSON.stringify(defaultClaims()).slice(1, -1)
    const ok = signedRaw(`{${claims},"x":${objects(15)}}`)
    await expect(jwtVerify(ok, ctx.verificationKey, ctx.jws)).resolves.toBeDefined()
    for (const payload of [`{${claims},"x":${objects(16)}}`, `{${claims},"x":${nest(17)}}`, `{${claims},"x":${nest(3000)}}`]) {
      const token = signedRaw(payload)
      await rejects(jwtVerify(token, ctx.verificationKey, ctx.jws), 'ERR_JWT_INVALID', token)
      const nested = encryptJwe(token)
      await rejects(decryptAndVerifyJwt(nested, ctx.nested()), 'ERR_JWT_INVALID', [nested, token])
    }
  })

  it('deep nesting that is not valid JSON, or unbalanced, is still a JoseError', async () => {
    const claims = JSON.stringify(defaultClaims()).slice(1, -1)
    const token = signedRaw(`{${claims},"x":${'['.repeat(6000)}}`)
    await rejects(jwtVerify(token, ctx.verificationKey, ctx.jws), 'ERR_JWT_INVALID', token)
    const header = setSegment(signJws(defaultClaims()), 0, b64('['.repeat(3000)))
    await rejectsJws(header, 'ERR_JWS_INVALID')
  })
})
