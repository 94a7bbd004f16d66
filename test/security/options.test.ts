/**
 * A mistaken option must fail loudly, never switch a defence off: the allow-lists, the claim
 * options, the size limits (a NaN limit would be no limit) and the "crit" list are checked.
 */
import { beforeAll, describe, it } from 'vitest'
import { jwtVerify } from '../../src/jwt/jwt-verify.ts'
import { compactVerify } from '../../src/jws/compact-verify.ts'
import { compactDecrypt } from '../../src/jwe/compact-decrypt.ts'
import { decryptAndVerifyJwt } from '../../src/verifier/decrypt-and-verify-jwt.ts'
import type { SignatureAlgorithm } from '../../src/algorithms/signature.ts'
import { createContext, defaultClaims, nestedToken, rejects, signJws, type Context } from './support.ts'

let ctx: Context
let bigJws: string
let bigJwe: string

beforeAll(async () => {
  ctx = await createContext()
  // Valid tokens over the default limits: 16 KiB token, 4 KiB protected header.
  bigJws = signJws({ ...defaultClaims(), pad: 'x'.repeat(20_000) }, { header: { x: 'y'.repeat(5_000) } })
  bigJwe = nestedToken({ claims: { pad: 'x'.repeat(20_000) }, encrypt: { header: { x: 'y'.repeat(5_000) } } })
})

describe('options that are checked', () => {
  it('allow-lists: empty, not an array, or naming an unsupported algorithm', async () => {
    const jws = signJws(defaultClaims())
    const cases: Array<[unknown, 'ERR_INVALID_ARGUMENT' | 'ERR_ALG_NOT_SUPPORTED']> = [
      [[], 'ERR_INVALID_ARGUMENT'],
      ['RS256', 'ERR_INVALID_ARGUMENT'],
      [undefined, 'ERR_INVALID_ARGUMENT'],
      [null, 'ERR_INVALID_ARGUMENT'],
      [[undefined], 'ERR_ALG_NOT_SUPPORTED'],
      [['RS256', 'none'], 'ERR_ALG_NOT_SUPPORTED'],
      [['ES256K'], 'ERR_ALG_NOT_SUPPORTED'],
    ]
    for (const [algorithms, code] of cases) {
      await rejects(compactVerify(jws, ctx.verificationKey, { algorithms: algorithms as SignatureAlgorithm[] }), code, jws)
    }
    const jwe = nestedToken()
    await rejects(compactDecrypt(jwe, ctx.decryptionKey, { ...ctx.jwe, keyManagementAlgorithms: [] as never }), 'ERR_INVALID_ARGUMENT')
    await rejects(compactDecrypt(jwe, ctx.decryptionKey, { ...ctx.jwe, contentEncryptionAlgorithms: ['A512GCM'] as never }), 'ERR_ALG_NOT_SUPPORTED')
  })

  it('claim options: a NaN tolerance or age, a non-Date clock', async () => {
    const jws = signJws(defaultClaims())
    for (const extra of [{ clockTolerance: Number.NaN }, { clockTolerance: -1 }, { maxTokenAge: Number.NaN }, { currentDate: new Date(Number.NaN) }, { issuer: [] }]) {
      await rejects(jwtVerify(jws, ctx.verificationKey, { ...ctx.jws, ...(extra as object) }), 'ERR_INVALID_ARGUMENT', jws)
    }
  })

  it('a zero, negative, fractional or non-numeric size limit is refused as an invalid argument', async () => {
    const jws = signJws(defaultClaims())
    for (const limits of [{ maxTokenLength: 0 }, { maxHeaderLength: -1 }, { maxTokenLength: 1.5 }, { maxHeaderLength: '4096' }]) {
      await rejects(jwtVerify(jws, ctx.verificationKey, { ...ctx.jws, ...(limits as object) }), 'ERR_INVALID_ARGUMENT', jws)
    }
  })
})

describe('options that could switch a defence off are refused', () => {
  // NaN compares false with every length, so an unchecked NaN limit would be no limit at all.
  it('maxTokenLength: NaN is refused as an invalid argument instead of removing the 16 KiB limit', async () => {
    const limits = { maxTokenLength: Number.NaN, maxHeaderLength: 8 * 1024 }
    await rejects(jwtVerify(bigJws, ctx.verificationKey, { ...ctx.jws, ...limits }), 'ERR_INVALID_ARGUMENT', bigJws)
    await rejects(decryptAndVerifyJwt(bigJwe, ctx.nested(limits)), 'ERR_INVALID_ARGUMENT', bigJwe)
  })

  it('maxHeaderLength: NaN is refused as an invalid argument instead of removing the 4 KiB limit', async () => {
    const limits = { maxTokenLength: 64 * 1024, maxHeaderLength: Number.NaN }
    await rejects(compactVerify(bigJws, ctx.verificationKey, { algorithms: ['RS256'], ...limits }), 'ERR_INVALID_ARGUMENT', bigJws)
    await rejects(compactDecrypt(bigJwe, ctx.decryptionKey, { ...ctx.jwe, ...limits }), 'ERR_INVALID_ARGUMENT', bigJwe)
  })

  // A string would be searched by substring: "b64" would "understand" the extensions "b", "6", "4".
  it('options.crit given as a string is refused instead of matching substrings', async () => {
    const jws = signJws(defaultClaims(), { header: { crit: ['b'], b: 'anything' } })
    await rejects(jwtVerify(jws, ctx.verificationKey, { ...ctx.jws, crit: 'b64' as never }), 'ERR_INVALID_ARGUMENT', jws)
  })

})
