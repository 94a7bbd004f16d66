/** A valid JWE whose protected header, encrypted key or ciphertext was edited, or spliced from another token. */
import { describe, expect, it } from 'vitest'
import { randomBytes } from 'node:crypto'
import { jwtVerify } from '../../src/jwt/jwt-verify.ts'
import { compactDecrypt } from '../../src/jwe/compact-decrypt.ts'
import { decryptAndVerifyJwt } from '../../src/verifier/decrypt-and-verify-jwt.ts'
import { b64, decodeSegment, encryptJwe, fileContext, fileTokens, flipBit, namedKey, refusals, segments, setSegment } from './support.ts'

const ctx = fileContext()
const { rejectsJwe } = refusals(ctx)
const valid = fileTokens()

describe('the untampered tokens are accepted', () => {
  it('JWE and JWS', async () => {
    await expect(compactDecrypt(valid.jwe, ctx.decryptionKey, ctx.jwe)).resolves.toBeDefined()
    await expect(decryptAndVerifyJwt(valid.jwe, ctx.nested())).resolves.toBeDefined()
    await expect(jwtVerify(valid.jws, ctx.verificationKey, ctx.jws)).resolves.toBeDefined()
  })
})
describe('protected header, encrypted key and ciphertext', () => {
  it('a header with one member added, changed or reordered, or re-serialised with whitespace, fails decryption (it is the AAD)', async () => {
    const header = JSON.parse(decodeSegment(valid.jwe, 0).toString()) as Record<string, unknown>
    const edits = [
      { ...header, x: 1 },
      { ...header, kid: 'enc-2' },
      { ...header, cty: 'jwt' },
      { enc: header.enc, alg: header.alg, cty: header.cty, kid: header.kid },
    ]
    for (const edit of edits) await rejectsJwe(setSegment(valid.jwe, 0, b64(JSON.stringify(edit))), 'ERR_JWE_DECRYPTION_FAILED')
    await rejectsJwe(setSegment(valid.jwe, 0, b64(JSON.stringify(header, null, 1))), 'ERR_JWE_DECRYPTION_FAILED')
    // "cty" dropped: the absence is accepted by decryptAndVerifyJwt, but the AAD still differs.
    const { cty: _cty, ...withoutCty } = header
    await rejectsJwe(setSegment(valid.jwe, 0, b64(JSON.stringify(withoutCty))), 'ERR_JWE_DECRYPTION_FAILED')
  })

  it('the header of another valid token for the same key fails decryption', async () => {
    const other = encryptJwe(valid.jws, { header: { kid: 'enc-1', extra: 'other' } })
    await rejectsJwe(setSegment(valid.jwe, 0, segments(other)[0]!), 'ERR_JWE_DECRYPTION_FAILED')
  })

  it('an encrypted key that is flipped, truncated, extended, random, or wrapped for another key fails decryption', async () => {
    const key = decodeSegment(valid.jwe, 1)
    const variants = [
      flipBit(valid.jwe, 1, 0, 0),
      flipBit(valid.jwe, 1, 128, 3),
      flipBit(valid.jwe, 1, 255, 7),
      setSegment(valid.jwe, 1, b64(key.subarray(1))),
      setSegment(valid.jwe, 1, b64(Buffer.concat([Buffer.alloc(1), key]))),
      setSegment(valid.jwe, 1, b64(Buffer.concat([key, Buffer.alloc(1)]))),
      setSegment(valid.jwe, 1, b64(randomBytes(256))),
      setSegment(valid.jwe, 1, b64(Buffer.alloc(256))),
      setSegment(valid.jwe, 1, b64(randomBytes(1))),
      setSegment(valid.jwe, 1, segments(encryptJwe(valid.jws, { key: namedKey('other-recipient') }))[1]!),
    ]
    for (const token of variants) await rejectsJwe(token, 'ERR_JWE_DECRYPTION_FAILED')
  })

  it('an empty encrypted key is malformed', async () => {
    await rejectsJwe(setSegment(valid.jwe, 1, ''), 'ERR_JWE_INVALID')
  })

  it('a ciphertext that is flipped, truncated, extended or emptied fails decryption', async () => {
    const ciphertext = decodeSegment(valid.jwe, 3)
    const variants = [
      flipBit(valid.jwe, 3, 0, 0),
      flipBit(valid.jwe, 3, -1, 7),
      setSegment(valid.jwe, 3, b64(ciphertext.subarray(0, ciphertext.length - 1))),
      setSegment(valid.jwe, 3, b64(Buffer.concat([ciphertext, Buffer.alloc(1)]))),
      setSegment(valid.jwe, 3, ''),
    ]
    for (const token of variants) await rejectsJwe(token, 'ERR_JWE_DECRYPTION_FAILED')
  })

  it('segments of two valid tokens spliced together fail decryption', async () => {
    const other = segments(encryptJwe(valid.jws))
    for (const index of [1, 2, 3, 4]) {
      await rejectsJwe(setSegment(valid.jwe, index, other[index]!), 'ERR_JWE_DECRYPTION_FAILED')
    }
  })
})
