/** Malformed, unsupported and understood "crit" header parameters in JWS and JWE. */
import { describe, expect, it } from 'vitest'
import { jwtVerify } from '../../src/jwt/jwt-verify.ts'
import { decryptAndVerifyJwt } from '../../src/verifier/decrypt-and-verify-jwt.ts'
import { fileContext, defaultClaims, nestedToken, refusals, signJws } from './support.ts'

const ctx = fileContext()
const { rejectsJwe, rejectsJws } = refusals(ctx)

describe('"crit" (RFC 7515 §4.1.11, RFC 7516 §4.1.13)', () => {
  const jws = (header: Record<string, unknown>) => signJws(defaultClaims(), { header })
  const jwe = (header: Record<string, unknown>) => nestedToken({ encrypt: { header } })

  it('an extension the recipient does not process: ERR_CRIT_UNSUPPORTED', async () => {
    await rejectsJws(jws({ crit: ['exp'], exp: 1 }), 'ERR_CRIT_UNSUPPORTED')
    await rejectsJws(jws({ crit: ['http://evil.example/x'], 'http://evil.example/x': true }), 'ERR_CRIT_UNSUPPORTED')
    await rejectsJws(jws({ crit: ['x'] }), 'ERR_CRIT_UNSUPPORTED')
    await rejectsJwe(jwe({ crit: ['exp'], exp: 1 }), 'ERR_CRIT_UNSUPPORTED')
  })

  it('a registered parameter listed in "crit", even when the caller names it: ERR_CRIT_UNSUPPORTED', async () => {
    for (const name of ['alg', 'kid', 'jku', 'jwk', 'x5c', 'crit']) {
      await rejectsJws(jws({ crit: [name] }), 'ERR_CRIT_UNSUPPORTED', { crit: [name] })
    }
    await rejectsJwe(jwe({ crit: ['enc'] }), 'ERR_CRIT_UNSUPPORTED', { crit: ['enc'] })
    await rejectsJwe(jwe({ crit: ['zip'] }), 'ERR_CRIT_UNSUPPORTED', { crit: ['zip'] })
  })

  it('duplicates, a wrong type, an empty list, or a listed parameter that is absent: malformed', async () => {
    const understood = { crit: ['x', 'y'] }
    const malformed: Array<Record<string, unknown>> = [
      { crit: ['x', 'x'], x: 1 },
      { crit: ['x', 'y', 'x'], x: 1, y: 2 },
      { crit: 'x', x: 1 },
      { crit: { x: true }, x: 1 },
      { crit: [1] },
      { crit: [''] },
      { crit: [null] },
      { crit: [['x']], x: 1 },
      { crit: null },
      { crit: true },
      { crit: [] },
      { crit: ['x'] },
    ]
    for (const header of malformed) {
      await rejectsJws(jws(header), 'ERR_JWS_INVALID', understood)
      await rejectsJwe(jwe(header), 'ERR_JWE_INVALID', understood)
    }
    // Without the caller understanding "x", the first unknown name already refuses the token.
    await rejectsJws(jws({ crit: ['x', 'x'], x: 1 }), 'ERR_CRIT_UNSUPPORTED')
  })

  it('an understood, present extension is accepted', async () => {
    await expect(jwtVerify(jws({ crit: ['x'], x: 1 }), ctx.verificationKey, { ...ctx.jws, crit: ['x'] })).resolves.toBeDefined()
    await expect(decryptAndVerifyJwt(jwe({ crit: ['x'], x: 1 }), ctx.nested({ crit: ['x'] }))).resolves.toBeDefined()
  })
})
