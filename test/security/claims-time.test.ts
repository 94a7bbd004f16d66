/**
 * "exp", "nbf" and "iat" + maxTokenAge exactly at their boundaries (RFC 7519 §4.1.4, §4.1.5,
 * §4.1.6), with and without clockTolerance. A token is expired from the instant "exp" names
 * on, and valid from the instant "nbf" names on (whole seconds for integer claims, as issued);
 * token age under maxTokenAge is counted in whole seconds.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { jwtVerify } from '../../src/jwt/jwt-verify.ts'
import { decryptAndVerifyJwt } from '../../src/verifier/decrypt-and-verify-jwt.ts'
import { createVerifier } from '../../src/verifier/create-verifier.ts'
import { JwtClaimError } from '../../src/errors.ts'
import { createContext, defaultClaims, encryptJwe, rejects, signJws, type Context } from './support.ts'

const T = 1_800_000_000
let ctx: Context

beforeAll(async () => {
  ctx = await createContext()
})

const at = (seconds: number, extraMs = 0) => new Date(seconds * 1000 + extraMs)
const token = (claims: Record<string, unknown>) => signJws({ ...defaultClaims(T - 100), ...claims })

async function accepted(jwt: string, currentDate: Date, extra: object = {}): Promise<void> {
  await expect(jwtVerify(jwt, ctx.verificationKey, { ...ctx.jws, currentDate, ...extra })).resolves.toBeDefined()
}

async function refused(jwt: string, currentDate: Date, code: 'ERR_JWT_EXPIRED' | 'ERR_JWT_NOT_YET_VALID' | 'ERR_JWT_CLAIM_INVALID', claim: string, extra: object = {}) {
  const error = await rejects(jwtVerify(jwt, ctx.verificationKey, { ...ctx.jws, currentDate, ...extra }), code, jwt)
  expect(error).toBeInstanceOf(JwtClaimError)
  expect((error as JwtClaimError).claim).toBe(claim)
}

describe('"exp"', () => {
  it('without tolerance: valid through the second before, expired at exp', async () => {
    const jwt = token({ exp: T })
    await accepted(jwt, at(T - 1))
    await accepted(jwt, at(T - 1, 999))
    await refused(jwt, at(T), 'ERR_JWT_EXPIRED', 'exp')
    await refused(jwt, at(T, 1), 'ERR_JWT_EXPIRED', 'exp')
    await refused(jwt, at(T + 1), 'ERR_JWT_EXPIRED', 'exp')
  })

  it('with clockTolerance 30: valid through exp + 29, expired at exp + 30', async () => {
    const jwt = token({ exp: T })
    await accepted(jwt, at(T + 29, 999), { clockTolerance: 30 })
    await refused(jwt, at(T + 30), 'ERR_JWT_EXPIRED', 'exp', { clockTolerance: 30 })
  })

  it('a fractional exp (RFC 7519 §2 allows one): expired from that instant, not from the next whole second', async () => {
    const jwt = token({ exp: T + 0.5 })
    await accepted(jwt, at(T, 499))
    await refused(jwt, at(T, 500), 'ERR_JWT_EXPIRED', 'exp')
    await refused(jwt, at(T, 999), 'ERR_JWT_EXPIRED', 'exp')
    await accepted(jwt, at(T + 10, 499), { clockTolerance: 10 })
    await refused(jwt, at(T + 10, 500), 'ERR_JWT_EXPIRED', 'exp', { clockTolerance: 10 })
  })

  it('exp that is not a finite number is invalid, never "no expiry"', async () => {
    for (const exp of [String(T + 3600), null, true, [T + 3600], { t: T }]) {
      await refused(token({ exp }), at(T), 'ERR_JWT_CLAIM_INVALID', 'exp')
    }
    // 1e400 parses as Infinity.
    const infinite = signJws(JSON.stringify({ ...defaultClaims(T - 100), exp: 0 }).replace('"exp":0', '"exp":1e400'))
    await refused(infinite, at(T), 'ERR_JWT_CLAIM_INVALID', 'exp')
  })
})

describe('"nbf"', () => {
  it('without tolerance: not yet valid through the second before, valid at nbf', async () => {
    const jwt = token({ nbf: T })
    await refused(jwt, at(T - 1), 'ERR_JWT_NOT_YET_VALID', 'nbf')
    await refused(jwt, at(T - 1, 999), 'ERR_JWT_NOT_YET_VALID', 'nbf')
    await accepted(jwt, at(T))
    await accepted(jwt, at(T + 1))
  })

  it('with clockTolerance 30: valid from nbf - 30', async () => {
    const jwt = token({ nbf: T })
    await refused(jwt, at(T - 31, 999), 'ERR_JWT_NOT_YET_VALID', 'nbf', { clockTolerance: 30 })
    await accepted(jwt, at(T - 30), { clockTolerance: 30 })
  })

  it('a fractional nbf: valid from that instant', async () => {
    const jwt = token({ nbf: T + 0.5 })
    await refused(jwt, at(T, 499), 'ERR_JWT_NOT_YET_VALID', 'nbf')
    await accepted(jwt, at(T, 500))
    await accepted(jwt, at(T - 10, 500), { clockTolerance: 10 })
    await refused(jwt, at(T - 10, 499), 'ERR_JWT_NOT_YET_VALID', 'nbf', { clockTolerance: 10 })
  })

  it('nbf that is not a number is invalid', async () => {
    await refused(token({ nbf: String(T) }), at(T), 'ERR_JWT_CLAIM_INVALID', 'nbf')
  })
})

describe('"iat" with maxTokenAge', () => {
  it('without tolerance: accepted at iat + maxTokenAge, too old one second later', async () => {
    const jwt = token({ iat: T, exp: T + 10_000 })
    await accepted(jwt, at(T), { maxTokenAge: 600 })
    await accepted(jwt, at(T + 600, 999), { maxTokenAge: 600 })
    await refused(jwt, at(T + 601), 'ERR_JWT_EXPIRED', 'iat', { maxTokenAge: 600 })
  })

  it('with clockTolerance 30: accepted through iat + maxTokenAge + 30', async () => {
    const jwt = token({ iat: T, exp: T + 10_000 })
    await accepted(jwt, at(T + 630), { maxTokenAge: 600, clockTolerance: 30 })
    await refused(jwt, at(T + 631), 'ERR_JWT_EXPIRED', 'iat', { maxTokenAge: 600, clockTolerance: 30 })
  })

  it('an iat in the future is refused, within the tolerance accepted', async () => {
    const jwt = token({ iat: T, exp: T + 10_000 })
    await refused(jwt, at(T - 1), 'ERR_JWT_CLAIM_INVALID', 'iat', { maxTokenAge: 600 })
    await accepted(jwt, at(T - 30), { maxTokenAge: 600, clockTolerance: 30 })
    await refused(jwt, at(T - 31), 'ERR_JWT_CLAIM_INVALID', 'iat', { maxTokenAge: 600, clockTolerance: 30 })
  })

  it('a fractional iat is in the future until that instant, not until the next whole second', async () => {
    const jwt = token({ iat: T + 0.5, exp: T + 10_000 })
    await refused(jwt, at(T, 499), 'ERR_JWT_CLAIM_INVALID', 'iat', { maxTokenAge: 600 })
    await accepted(jwt, at(T, 500), { maxTokenAge: 600 })
    await accepted(jwt, at(T, 999), { maxTokenAge: 600 })
    await accepted(jwt, at(T - 10, 500), { maxTokenAge: 600, clockTolerance: 10 })
    await refused(jwt, at(T - 10, 499), 'ERR_JWT_CLAIM_INVALID', 'iat', { maxTokenAge: 600, clockTolerance: 10 })
  })

  it('maxTokenAge makes iat required', async () => {
    await refused(token({ iat: undefined }), at(T), 'ERR_JWT_CLAIM_INVALID', 'iat', { maxTokenAge: 600 })
  })

  it('maxTokenAge 0: only the second of issue', async () => {
    const jwt = token({ iat: T, exp: T + 10 })
    await accepted(jwt, at(T, 999), { maxTokenAge: 0 })
    await refused(jwt, at(T + 1), 'ERR_JWT_EXPIRED', 'iat', { maxTokenAge: 0 })
  })
})

describe('the same boundaries through decryptAndVerifyJwt and a caching verifier', () => {
  it('decryptAndVerifyJwt: exp and nbf boundaries', async () => {
    const jwe = encryptJwe(token({ nbf: T - 10, exp: T }))
    await expect(decryptAndVerifyJwt(jwe, ctx.nested({ currentDate: at(T - 1, 999) }))).resolves.toBeDefined()
    await rejects(decryptAndVerifyJwt(jwe, ctx.nested({ currentDate: at(T) })), 'ERR_JWT_EXPIRED', jwe)
    await rejects(decryptAndVerifyJwt(jwe, ctx.nested({ currentDate: at(T - 11, 999) })), 'ERR_JWT_NOT_YET_VALID', jwe)
    await expect(decryptAndVerifyJwt(jwe, ctx.nested({ currentDate: at(T + 4), clockTolerance: 5 }))).resolves.toBeDefined()
    await rejects(decryptAndVerifyJwt(jwe, ctx.nested({ currentDate: at(T + 5), clockTolerance: 5 })), 'ERR_JWT_EXPIRED', jwe)
  })

  it('a cached result stops being served the second the token expires', async () => {
    let now = (T - 1) * 1000
    const verifier = createVerifier({ ...ctx.nested(), decryptionKey: ctx.decryptionKey, now: () => now })
    const jwe = encryptJwe(token({ exp: T }))
    await expect(verifier.verify(jwe)).resolves.toBeDefined()
    now = T * 1000 - 1
    await expect(verifier.verify(jwe)).resolves.toBeDefined()
    now = T * 1000
    await rejects(verifier.verify(jwe), 'ERR_JWT_EXPIRED', jwe)
  })
})
