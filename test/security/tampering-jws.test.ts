/** A valid JWS whose payload, header or signature was edited, alone or inside a nested token. */
import { describe, expect, it } from 'vitest'
import { jwtVerify } from '../../src/jwt/jwt-verify.ts'
import { decryptAndVerifyJwt } from '../../src/verifier/decrypt-and-verify-jwt.ts'
import {
  b64,
  decodeSegment,
  defaultClaims,
  encryptJwe,
  fileContext,
  fileTokens,
  flipBit,
  namedKey,
  nestedToken,
  refusals,
  rejects,
  rsaSign,
  segments,
  setSegment,
  signJws,
} from './support.ts'

const ctx = fileContext()
const { rejectsJws } = refusals(ctx)
const valid = fileTokens()

describe('JWS payload and signature', () => {
  it('a payload changed after signing fails verification', async () => {
    const claims = JSON.parse(decodeSegment(valid.jws, 1).toString()) as Record<string, unknown>
    const edits = [{ ...claims, sub: 'admin' }, { ...claims, exp: (claims.exp as number) + 10_000 }, { ...claims, extra: true }]
    for (const edit of edits) await rejectsJws(setSegment(valid.jws, 1, b64(JSON.stringify(edit))), 'ERR_JWS_SIGNATURE_INVALID')
    await rejectsJws(flipBit(valid.jws, 1, 3, 1), 'ERR_JWS_SIGNATURE_INVALID')
    await rejectsJws(setSegment(valid.jws, 1, ''), 'ERR_JWS_SIGNATURE_INVALID')
  })

  it('a header changed after signing (even only re-serialised) fails verification', async () => {
    const header = JSON.parse(decodeSegment(valid.jws, 0).toString()) as Record<string, unknown>
    for (const edit of [JSON.stringify({ ...header, kid: 'sig-2' }), JSON.stringify(header, null, 2)]) {
      await rejectsJws(setSegment(valid.jws, 0, b64(edit)), 'ERR_JWS_SIGNATURE_INVALID')
    }
  })

  it('a signature that is flipped, truncated, extended, zero, empty, or from another key fails verification', async () => {
    const signature = decodeSegment(valid.jws, 2)
    const [header, payload] = segments(valid.jws)
    const variants = [
      flipBit(valid.jws, 2, 0, 0),
      flipBit(valid.jws, 2, -1, 7),
      setSegment(valid.jws, 2, b64(signature.subarray(1))),
      setSegment(valid.jws, 2, b64(Buffer.concat([Buffer.alloc(1), signature]))),
      setSegment(valid.jws, 2, b64(Buffer.concat([signature, Buffer.alloc(1)]))),
      setSegment(valid.jws, 2, b64(Buffer.alloc(256))),
      setSegment(valid.jws, 2, ''),
      setSegment(valid.jws, 2, b64(rsaSign('RS256', namedKey('attacker'), `${header}.${payload}`))),
      setSegment(valid.jws, 2, b64(rsaSign('PS256', namedKey('signer'), `${header}.${payload}`))),
    ]
    for (const token of variants) await rejectsJws(token, 'ERR_JWS_SIGNATURE_INVALID')
  })

  it('a valid signature that starts with a zero byte is not accepted without it', async () => {
    // RFC 8017 §8.2.2: the signature must be exactly k octets; no second encoding of it is accepted.
    let token = valid.jws
    for (let i = 0; decodeSegment(token, 2)[0] !== 0; i++) token = signJws({ ...defaultClaims(), n: i })
    await expect(jwtVerify(token, ctx.verificationKey, ctx.jws)).resolves.toBeDefined()
    await rejectsJws(setSegment(token, 2, b64(decodeSegment(token, 2).subarray(1))), 'ERR_JWS_SIGNATURE_INVALID')
  })

  it('the inner JWS of a nested token, tampered with and re-encrypted correctly, fails verification', async () => {
    const claims = JSON.parse(decodeSegment(valid.jws, 1).toString()) as Record<string, unknown>
    const forged = setSegment(valid.jws, 1, b64(JSON.stringify({ ...claims, sub: 'admin' })))
    const token = encryptJwe(forged)
    await rejects(decryptAndVerifyJwt(token, ctx.nested()), 'ERR_JWS_SIGNATURE_INVALID', [token, forged])
    const attackerSigned = nestedToken({ sign: { key: namedKey('attacker') } })
    await rejects(decryptAndVerifyJwt(attackerSigned, ctx.nested()), 'ERR_JWS_SIGNATURE_INVALID', attackerSigned)
  })
})
