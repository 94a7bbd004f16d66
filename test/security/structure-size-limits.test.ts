/** Oversized tokens and protected headers: refused by size first, accepted under a raised limit. */
import { describe, expect, it } from 'vitest'
import { jwtVerify } from '../../src/jwt/jwt-verify.ts'
import { decryptAndVerifyJwt } from '../../src/verifier/decrypt-and-verify-jwt.ts'
import { fileContext, defaultClaims, nestedToken, refusals, rejects, segments, signJws } from './support.ts'

const ctx = fileContext()
const { rejectsJwe, rejectsJws } = refusals(ctx)

describe('size limits (defaults: 16 KiB token, 4 KiB protected header)', () => {
  it('a valid JWS just over 16 KiB: ERR_TOKEN_TOO_LARGE; accepted under a raised limit', async () => {
    let token = signJws({ ...defaultClaims(), pad: 'x'.repeat(12_000) })
    token = signJws({ ...defaultClaims(), pad: 'x'.repeat(12_000 + Math.ceil(((16 * 1024 + 1 - token.length) * 3) / 4)) })
    expect(token.length).toBeGreaterThan(16 * 1024)
    expect(token.length).toBeLessThan(16 * 1024 + 8)
    await rejectsJws(token, 'ERR_TOKEN_TOO_LARGE')
    await expect(jwtVerify(token, ctx.verificationKey, { ...ctx.jws, maxTokenLength: 32 * 1024 })).resolves.toBeDefined()
  })

  it('a valid JWE just over 16 KiB: ERR_TOKEN_TOO_LARGE; accepted under a raised limit', async () => {
    const token = nestedToken({ claims: { pad: 'x'.repeat(11_000) } })
    expect(token.length).toBeGreaterThan(16 * 1024)
    await rejectsJwe(token, 'ERR_TOKEN_TOO_LARGE')
    await expect(decryptAndVerifyJwt(token, ctx.nested({ maxTokenLength: 32 * 1024 }))).resolves.toBeDefined()
  })

  it('a 10 MB token is refused by its size before anything else, whatever its shape', async () => {
    const junk = 'A'.repeat(10 * 1024 * 1024)
    const five = `${junk}.a.b.c.d`
    await rejectsJwe(five, 'ERR_TOKEN_TOO_LARGE')
    await rejectsJwe(junk, 'ERR_TOKEN_TOO_LARGE')
    await rejectsJws(`${junk}.a.b`, 'ERR_TOKEN_TOO_LARGE')
    await rejectsJws('.'.repeat(10 * 1024 * 1024), 'ERR_TOKEN_TOO_LARGE')
    // decryptAndVerifyJwt answers a three-segment token, whatever its size, with "JWE required"
    // (a linear scan for dots, before any decoding): it is refused all the same.
    await rejects(decryptAndVerifyJwt(`${junk}.a.b`, ctx.nested()), 'ERR_JWE_REQUIRED')
  })

  it('a protected header over 4 KiB: ERR_TOKEN_TOO_LARGE (JWS and JWE); accepted under a raised limit', async () => {
    const big = { x: 'y'.repeat(3100) }
    const jws = signJws(defaultClaims(), { header: big })
    expect(segments(jws)[0]!.length).toBeGreaterThan(4096)
    await rejectsJws(jws, 'ERR_TOKEN_TOO_LARGE')
    await expect(jwtVerify(jws, ctx.verificationKey, { ...ctx.jws, maxHeaderLength: 8192 })).resolves.toBeDefined()
    const jwe = nestedToken({ encrypt: { header: big } })
    await rejectsJwe(jwe, 'ERR_TOKEN_TOO_LARGE')
    await expect(decryptAndVerifyJwt(jwe, ctx.nested({ maxHeaderLength: 8192 }))).resolves.toBeDefined()
  })
})
