/** Non-canonical base64url (padding, whitespace, foreign characters, trailing bits) in every segment of valid tokens. */
import { describe, expect, it } from 'vitest'
import { jwtVerify } from '../../src/jwt/jwt-verify.ts'
import { decryptAndVerifyJwt } from '../../src/verifier/decrypt-and-verify-jwt.ts'
import { fileContext, defaultClaims, encryptJwe, nestedToken, refusals, rejects, segments, setSegment, signJws } from './support.ts'

const ctx = fileContext()
const { rejectsJwe, rejectsJws } = refusals(ctx)

describe('non-canonical base64url in every segment (RFC 7515 §2, RFC 4648 §3.5)', () => {
  const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

  /** Every non-canonical spelling of `segment` we can make: padding, whitespace, '+', '/', trailing bits, ... */
  function variants(segment: string): Array<[string, string]> {
    const mid = Math.floor(segment.length / 2)
    const out: Array<[string, string]> = [
      ['"=" appended', `${segment}=`],
      ['"==" appended', `${segment}==`],
      ['padded standard base64', Buffer.from(segment, 'base64url').toString('base64')],
      ['a space inside', `${segment.slice(0, mid)} ${segment.slice(mid)}`],
      ['a line break appended', `${segment}\n`],
      ['CRLF inside', `${segment.slice(0, mid)}\r\n${segment.slice(mid)}`],
      ['a tab in front', `\t${segment}`],
      ['"+" substituted', `${segment.slice(0, mid)}+${segment.slice(mid + 1)}`],
      ['"/" substituted', `${segment.slice(0, mid)}/${segment.slice(mid + 1)}`],
      ['"é" substituted', `${segment.slice(0, mid)}é${segment.slice(mid + 1)}`],
      ['fullwidth "Ａ" substituted', `${segment.slice(0, mid)}Ａ${segment.slice(mid + 1)}`],
      ['"%" substituted', `${segment.slice(0, mid)}%${segment.slice(mid + 1)}`],
    ]
    const rest = segment.length % 4
    if (rest === 2 || rest === 3) {
      const last = ALPHABET.indexOf(segment[segment.length - 1]!)
      out.push(['non-zero trailing bits', segment.slice(0, -1) + ALPHABET[last | 1]!])
      out.push(['all trailing bits set', segment.slice(0, -1) + ALPHABET[last | (rest === 2 ? 15 : 3)]!])
    } else {
      out.push(['an impossible length (4n+1)', `${segment}A`])
    }
    return out.filter(([, value]) => value !== segment)
  }

  /** Pads the claims until the header and payload segments have lengths with trailing bits. */
  function awkwardJws(): string {
    for (let pad = 0; ; pad++) {
      const token = signJws({ ...defaultClaims(), pad: 'x'.repeat(pad) }, { header: { x: 'y'.repeat(pad % 3) } })
      const [h, p] = segments(token)
      if (h!.length % 4 !== 0 && p!.length % 4 !== 0) return token
    }
  }

  it('the JWS used has header, payload and signature lengths with trailing bits', () => {
    const [h, p, s] = segments(awkwardJws())
    for (const segment of [h, p, s]) expect(segment!.length % 4).not.toBe(0)
  })

  for (const [index, name] of ['protected header', 'payload', 'signature'].entries()) {
    it(`JWS ${name}: every variant is ERR_BASE64URL (compactVerify, jwtVerify, and inside a nested token)`, async () => {
      const token = awkwardJws()
      await expect(jwtVerify(token, ctx.verificationKey, { ...ctx.jws, requiredClaims: ['pad'] })).resolves.toBeDefined()
      const cases = variants(segments(token)[index]!)
      expect(cases.length).toBeGreaterThanOrEqual(12)
      for (const [, variant] of cases) {
        const edited = setSegment(token, index, variant)
        await rejectsJws(edited, 'ERR_BASE64URL')
        const nested = encryptJwe(edited)
        await rejects(decryptAndVerifyJwt(nested, ctx.nested()), 'ERR_BASE64URL', [nested, edited])
      }
    })
  }

  /** Pads until the header and ciphertext segments have lengths with trailing bits. */
  function awkwardJwe(): string {
    for (let pad = 0; ; pad++) {
      const token = nestedToken({ encrypt: { header: { kid: `enc-1${'z'.repeat(pad % 3)}` } }, claims: { pad: 'x'.repeat(pad) } })
      const [h, , , c] = segments(token)
      if (h!.length % 4 !== 0 && c!.length % 4 !== 0) return token
    }
  }

  for (const [index, name] of ['protected header', 'encrypted key', 'initialization vector', 'ciphertext', 'authentication tag'].entries()) {
    it(`JWE ${name}: every variant is ERR_BASE64URL (compactDecrypt, decryptAndVerifyJwt)`, async () => {
      const token = awkwardJwe()
      await expect(decryptAndVerifyJwt(token, ctx.nested())).resolves.toBeDefined()
      const cases = variants(segments(token)[index]!)
      expect(cases.length).toBeGreaterThanOrEqual(12)
      for (const [, variant] of cases) await rejectsJwe(setSegment(token, index, variant), 'ERR_BASE64URL')
    })
  }
})
