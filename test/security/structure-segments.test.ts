/** Segment counts and empty segments of compact JWS and JWE, and nested plaintext that is not a compact JWS. */
import { describe, it } from 'vitest'
import { compactDecrypt } from '../../src/jwe/compact-decrypt.ts'
import { decryptAndVerifyJwt } from '../../src/verifier/decrypt-and-verify-jwt.ts'
import { type JoseErrorCode } from '../../src/errors.ts'
import { fileContext, defaultClaims, encryptJwe, nestedToken, refusals, rejects, segments, setSegment, signJws } from './support.ts'

const ctx = fileContext()
const { rejectsJwe, rejectsJws } = refusals(ctx)

describe('segment count and empty segments (RFC 7515 §7.1, RFC 7516 §7.1)', () => {
  it('JWE with 4 or 6 segments, or none, is malformed; with 3 decryptAndVerifyJwt wants a JWE', async () => {
    const parts = segments(nestedToken())
    const cases = [
      parts.slice(0, 4).join('.'),
      [...parts, parts[4]].join('.'),
      [...parts, ''].join('.'),
      ['', ...parts].join('.'),
      parts.join('..'),
      parts.join(''),
      '',
    ]
    for (const token of cases) await rejectsJwe(token, 'ERR_JWE_INVALID')
    const three = parts.slice(0, 3).join('.')
    await rejects(compactDecrypt(three, ctx.decryptionKey, ctx.jwe), 'ERR_JWE_INVALID', three)
    await rejects(decryptAndVerifyJwt(three, ctx.nested()), 'ERR_JWE_REQUIRED', three)
  })

  it('JWS with 2 or 4 segments, or none, is malformed', async () => {
    const parts = segments(signJws(defaultClaims()))
    const cases = [parts.slice(0, 2).join('.'), [...parts, parts[2]].join('.'), [...parts, ''].join('.'), `.${parts.join('.')}`, parts.join(''), '']
    for (const token of cases) await rejectsJws(token, 'ERR_JWS_INVALID')
  })

  it('JWE with an empty segment: malformed, except an empty ciphertext, which fails decryption', async () => {
    const token = nestedToken()
    await rejectsJwe(setSegment(token, 0, ''), 'ERR_JWE_INVALID')
    await rejectsJwe(setSegment(token, 1, ''), 'ERR_JWE_INVALID')
    await rejectsJwe(setSegment(token, 2, ''), 'ERR_JWE_INVALID')
    await rejectsJwe(setSegment(token, 3, ''), 'ERR_JWE_DECRYPTION_FAILED')
    await rejectsJwe(setSegment(token, 4, ''), 'ERR_JWE_INVALID')
    await rejectsJwe('....', 'ERR_JWE_INVALID')
  })

  it('JWS with an empty segment: an empty header is malformed, an empty payload or signature does not verify', async () => {
    const token = signJws(defaultClaims())
    await rejectsJws(setSegment(token, 0, ''), 'ERR_JWS_INVALID')
    await rejectsJws(setSegment(token, 1, ''), 'ERR_JWS_SIGNATURE_INVALID')
    await rejectsJws(setSegment(token, 2, ''), 'ERR_JWS_SIGNATURE_INVALID')
    await rejectsJws('..', 'ERR_JWS_INVALID')
  })

  it('a nested token whose plaintext is not a compact JWS', async () => {
    const inner = signJws(defaultClaims())
    const [h, p, s] = segments(inner)
    for (const plaintext of [`${h}.${p}`, `${inner}.${s}`, nestedToken(), '', 'not a token', `${h}.${p}.${s}\n`]) {
      const token = encryptJwe(plaintext)
      const code: JoseErrorCode = plaintext.split('.').length === 3 ? 'ERR_BASE64URL' : 'ERR_JWT_INVALID'
      await rejects(decryptAndVerifyJwt(token, ctx.nested()), code, [token, plaintext])
    }
    const notUtf8 = encryptJwe(Uint8Array.of(0xff, 0x2e, 0xfe, 0x2e, 0xfd))
    await rejects(decryptAndVerifyJwt(notUtf8, ctx.nested()), 'ERR_JWT_INVALID', notUtf8)
  })
})
