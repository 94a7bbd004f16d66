/**
 * Structural attacks on valid tokens: wrong segment counts and empty segments, non-canonical
 * base64url in every segment, headers and claims that are not JSON objects or carry
 * "__proto__" / "constructor", malformed "crit", oversized tokens and deeply nested JSON.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { jwtVerify } from '../../src/jwt/jwt-verify.ts'
import { compactVerify } from '../../src/jws/compact-verify.ts'
import { compactDecrypt, type CompactDecryptOptions } from '../../src/jwe/compact-decrypt.ts'
import { decryptAndVerifyJwt, type DecryptAndVerifyJwtOptions } from '../../src/verifier/decrypt-and-verify-jwt.ts'
import type { JoseErrorCode } from '../../src/errors.ts'
import {
  b64,
  createContext,
  defaultClaims,
  encryptJwe,
  nestedToken,
  rejects,
  segments,
  setSegment,
  signJws,
  type Context,
} from './support.ts'

let ctx: Context

beforeAll(async () => {
  ctx = await createContext()
})

afterAll(() => {
  // None of the "__proto__" payloads may have reached a prototype.
  expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  expect(Object.prototype).not.toHaveProperty('polluted')
})

async function jweApis(token: string, code: JoseErrorCode, options: Record<string, unknown> = {}): Promise<void> {
  await rejects(compactDecrypt(token, ctx.decryptionKey, { ...ctx.jwe, ...options } as CompactDecryptOptions), code, token)
  await rejects(decryptAndVerifyJwt(token, ctx.nested(options as Partial<DecryptAndVerifyJwtOptions>)), code, token)
}

async function jwsApis(token: string, code: JoseErrorCode, options: Record<string, unknown> = {}): Promise<void> {
  await rejects(compactVerify(token, ctx.verificationKey, { algorithms: ['RS256'], ...options }), code, token)
  await rejects(jwtVerify(token, ctx.verificationKey, { ...ctx.jws, ...options }), code, token)
}

/** A JWS over a payload with the exact JSON text given, signed by the issuer (the signature is valid). */
const signedRaw = (payloadText: string, headerText?: string): string =>
  signJws(payloadText, headerText === undefined ? {} : { rawHeader: headerText })

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
    for (const token of cases) await jweApis(token, 'ERR_JWE_INVALID')
    const three = parts.slice(0, 3).join('.')
    await rejects(compactDecrypt(three, ctx.decryptionKey, ctx.jwe), 'ERR_JWE_INVALID', three)
    await rejects(decryptAndVerifyJwt(three, ctx.nested()), 'ERR_JWE_REQUIRED', three)
  })

  it('JWS with 2 or 4 segments, or none, is malformed', async () => {
    const parts = segments(signJws(defaultClaims()))
    const cases = [parts.slice(0, 2).join('.'), [...parts, parts[2]].join('.'), [...parts, ''].join('.'), `.${parts.join('.')}`, parts.join(''), '']
    for (const token of cases) await jwsApis(token, 'ERR_JWS_INVALID')
  })

  it('JWE with an empty segment: malformed, except an empty ciphertext, which fails decryption', async () => {
    const token = nestedToken()
    await jweApis(setSegment(token, 0, ''), 'ERR_JWE_INVALID')
    await jweApis(setSegment(token, 1, ''), 'ERR_JWE_INVALID')
    await jweApis(setSegment(token, 2, ''), 'ERR_JWE_INVALID')
    await jweApis(setSegment(token, 3, ''), 'ERR_JWE_DECRYPTION_FAILED')
    await jweApis(setSegment(token, 4, ''), 'ERR_JWE_INVALID')
    await jweApis('....', 'ERR_JWE_INVALID')
  })

  it('JWS with an empty segment: an empty header is malformed, an empty payload or signature does not verify', async () => {
    const token = signJws(defaultClaims())
    await jwsApis(setSegment(token, 0, ''), 'ERR_JWS_INVALID')
    await jwsApis(setSegment(token, 1, ''), 'ERR_JWS_SIGNATURE_INVALID')
    await jwsApis(setSegment(token, 2, ''), 'ERR_JWS_SIGNATURE_INVALID')
    await jwsApis('..', 'ERR_JWS_INVALID')
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
        await jwsApis(edited, 'ERR_BASE64URL')
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
      for (const [, variant] of cases) await jweApis(setSegment(token, index, variant), 'ERR_BASE64URL')
    })
  }
})

describe('headers and claims that are not JSON objects (RFC 7515 §5.2 step 3, RFC 7519 §7.2 step 10)', () => {
  const NOT_OBJECTS = ['[]', '[{"alg":"RS256"}]', '"RS256"', '1', 'null', 'true', '', '{', '{"alg":"RS256",}', "{'alg':'RS256'}", '\uFEFF{"alg":"RS256"}']

  it('JWS protected header', async () => {
    const good = signJws(defaultClaims())
    for (const text of NOT_OBJECTS) {
      await jwsApis(setSegment(good, 0, text === '' ? b64(' ') : b64(text)), 'ERR_JWS_INVALID')
    }
    await jwsApis(setSegment(good, 0, b64(Uint8Array.of(0x7b, 0xff, 0x7d))), 'ERR_JWS_INVALID')
  })

  it('JWE protected header', async () => {
    const good = nestedToken()
    for (const text of NOT_OBJECTS) {
      await jweApis(setSegment(good, 0, text === '' ? b64(' ') : b64(text)), 'ERR_JWE_INVALID')
    }
    await jweApis(setSegment(good, 0, b64(Uint8Array.of(0x7b, 0xc0, 0xaf, 0x7d))), 'ERR_JWE_INVALID')
  })

  it('JWT claims set, validly signed, through jwtVerify and decryptAndVerifyJwt', async () => {
    const payloads: Array<string | Uint8Array> = [...NOT_OBJECTS, Uint8Array.of(0x7b, 0xed, 0xa0, 0x80, 0x7d)]
    for (const payload of payloads) {
      const token = signJws(payload)
      await rejects(jwtVerify(token, ctx.verificationKey, ctx.jws), 'ERR_JWT_INVALID', token)
      const nested = encryptJwe(token)
      await rejects(decryptAndVerifyJwt(nested, ctx.nested()), 'ERR_JWT_INVALID', [nested, token])
    }
  })

  it('a header without "alg", or "enc", or with them of the wrong type', async () => {
    for (const header of [{ typ: 'JWT' }, { alg: '' }, { alg: 256 }, { alg: ['RS256'] }, { alg: null }]) {
      await jwsApis(signJws(defaultClaims(), { rawHeader: JSON.stringify(header) }), 'ERR_JWS_INVALID')
    }
    for (const header of [{ alg: 'RSA-OAEP-256' }, { alg: 'RSA-OAEP-256', enc: '' }, { alg: 'RSA-OAEP-256', enc: 256 }, { enc: 'A256GCM' }]) {
      await jweApis(encryptJwe(signJws(defaultClaims()), { rawHeader: JSON.stringify(header) }), 'ERR_JWE_INVALID')
    }
  })

  it('duplicate member names: the last one wins, as JSON.parse does (RFC 7515 §4 allows this or rejection)', async () => {
    const claims = JSON.stringify(defaultClaims())
    // Signed over the raw header bytes, so the issuer chose this text; "alg" is RS256.
    await expect(jwtVerify(signedRaw(claims, '{"alg":"none","alg":"RS256"}'), ctx.verificationKey, ctx.jws)).resolves.toBeDefined()
    const none = signedRaw(claims, '{"alg":"RS256","alg":"none"}')
    await jwsApis(none, 'ERR_ALG_NOT_ALLOWED')
    const expiredLast = signedRaw(claims.replace(/}$/, `,"exp":${Math.floor(Date.now() / 1000) - 10}}`))
    await rejects(jwtVerify(expiredLast, ctx.verificationKey, ctx.jws), 'ERR_JWT_EXPIRED', expiredLast)
  })

  it('registered header parameters of the wrong type (kid, jwk, x5c, jku, crit items, b64, zip)', async () => {
    const wrong = [{ kid: 1 }, { kid: null }, { jwk: 'x' }, { jwk: [] }, { x5c: 'x' }, { x5c: [1] }, { jku: {} }, { x5u: 1 }, { typ: 1 }, { cty: true }, { b64: 'false' }]
    for (const extra of wrong) await jwsApis(signJws(defaultClaims(), { header: extra }), 'ERR_JWS_INVALID')
    for (const extra of [{ kid: 1 }, { zip: 1 }, { cty: [] }, { jwk: null }]) {
      await jweApis(nestedToken({ encrypt: { header: extra } }), 'ERR_JWE_INVALID')
    }
  })
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
      for (const header of placements(member)) await jwsApis(signedRaw(JSON.stringify(defaultClaims()), header), 'ERR_JWS_INVALID')
    }
  })

  it('in the JWE protected header (validly encrypted): ERR_JWE_INVALID', async () => {
    const inner = signJws(defaultClaims())
    for (const member of POLLUTING) {
      for (const jws of placements(member)) {
        const header = jws.replace('"alg":"RS256","typ":"JWT"', '"alg":"RSA-OAEP-256","enc":"A256GCM"')
        await jweApis(encryptJwe(inner, { rawHeader: header }), 'ERR_JWE_INVALID')
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

describe('"crit" (RFC 7515 §4.1.11, RFC 7516 §4.1.13)', () => {
  const jws = (header: Record<string, unknown>) => signJws(defaultClaims(), { header })
  const jwe = (header: Record<string, unknown>) => nestedToken({ encrypt: { header } })

  it('an extension the recipient does not process: ERR_CRIT_UNSUPPORTED', async () => {
    await jwsApis(jws({ crit: ['exp'], exp: 1 }), 'ERR_CRIT_UNSUPPORTED')
    await jwsApis(jws({ crit: ['http://evil.example/x'], 'http://evil.example/x': true }), 'ERR_CRIT_UNSUPPORTED')
    await jwsApis(jws({ crit: ['x'] }), 'ERR_CRIT_UNSUPPORTED')
    await jweApis(jwe({ crit: ['exp'], exp: 1 }), 'ERR_CRIT_UNSUPPORTED')
  })

  it('a registered parameter listed in "crit", even when the caller names it: ERR_CRIT_UNSUPPORTED', async () => {
    for (const name of ['alg', 'kid', 'jku', 'jwk', 'x5c', 'crit']) {
      await jwsApis(jws({ crit: [name] }), 'ERR_CRIT_UNSUPPORTED', { crit: [name] })
    }
    await jweApis(jwe({ crit: ['enc'] }), 'ERR_CRIT_UNSUPPORTED', { crit: ['enc'] })
    await jweApis(jwe({ crit: ['zip'] }), 'ERR_CRIT_UNSUPPORTED', { crit: ['zip'] })
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
      await jwsApis(jws(header), 'ERR_JWS_INVALID', understood)
      await jweApis(jwe(header), 'ERR_JWE_INVALID', understood)
    }
    // Without the caller understanding "x", the first unknown name already refuses the token.
    await jwsApis(jws({ crit: ['x', 'x'], x: 1 }), 'ERR_CRIT_UNSUPPORTED')
  })

  it('an understood, present extension is accepted', async () => {
    await expect(jwtVerify(jws({ crit: ['x'], x: 1 }), ctx.verificationKey, { ...ctx.jws, crit: ['x'] })).resolves.toBeDefined()
    await expect(decryptAndVerifyJwt(jwe({ crit: ['x'], x: 1 }), ctx.nested({ crit: ['x'] }))).resolves.toBeDefined()
  })
})

describe('size limits (defaults: 16 KiB token, 4 KiB protected header)', () => {
  it('a valid JWS just over 16 KiB: ERR_TOKEN_TOO_LARGE; accepted under a raised limit', async () => {
    let token = signJws({ ...defaultClaims(), pad: 'x'.repeat(12_000) })
    token = signJws({ ...defaultClaims(), pad: 'x'.repeat(12_000 + Math.ceil(((16 * 1024 + 1 - token.length) * 3) / 4)) })
    expect(token.length).toBeGreaterThan(16 * 1024)
    expect(token.length).toBeLessThan(16 * 1024 + 8)
    await jwsApis(token, 'ERR_TOKEN_TOO_LARGE')
    await expect(jwtVerify(token, ctx.verificationKey, { ...ctx.jws, maxTokenLength: 32 * 1024 })).resolves.toBeDefined()
  })

  it('a valid JWE just over 16 KiB: ERR_TOKEN_TOO_LARGE; accepted under a raised limit', async () => {
    const token = nestedToken({ claims: { pad: 'x'.repeat(11_000) } })
    expect(token.length).toBeGreaterThan(16 * 1024)
    await jweApis(token, 'ERR_TOKEN_TOO_LARGE')
    await expect(decryptAndVerifyJwt(token, ctx.nested({ maxTokenLength: 32 * 1024 }))).resolves.toBeDefined()
  })

  it('a 10 MB token is refused by its size before anything else, whatever its shape', async () => {
    const junk = 'A'.repeat(10 * 1024 * 1024)
    const five = `${junk}.a.b.c.d`
    await jweApis(five, 'ERR_TOKEN_TOO_LARGE')
    await jweApis(junk, 'ERR_TOKEN_TOO_LARGE')
    await jwsApis(`${junk}.a.b`, 'ERR_TOKEN_TOO_LARGE')
    await jwsApis('.'.repeat(10 * 1024 * 1024), 'ERR_TOKEN_TOO_LARGE')
    // decryptAndVerifyJwt answers a three-segment token, whatever its size, with "JWE required"
    // (a linear scan for dots, before any decoding): it is refused all the same.
    await rejects(decryptAndVerifyJwt(`${junk}.a.b`, ctx.nested()), 'ERR_JWE_REQUIRED')
  })

  it('a protected header over 4 KiB: ERR_TOKEN_TOO_LARGE (JWS and JWE); accepted under a raised limit', async () => {
    const big = { x: 'y'.repeat(3100) }
    const jws = signJws(defaultClaims(), { header: big })
    expect(segments(jws)[0]!.length).toBeGreaterThan(4096)
    await jwsApis(jws, 'ERR_TOKEN_TOO_LARGE')
    await expect(jwtVerify(jws, ctx.verificationKey, { ...ctx.jws, maxHeaderLength: 8192 })).resolves.toBeDefined()
    const jwe = nestedToken({ encrypt: { header: big } })
    await jweApis(jwe, 'ERR_TOKEN_TOO_LARGE')
    await expect(decryptAndVerifyJwt(jwe, ctx.nested({ maxHeaderLength: 8192 }))).resolves.toBeDefined()
  })
})

describe('deeply nested JSON (limit: 16 levels)', () => {
  const nest = (depth: number, open = '[', close = ']') => open.repeat(depth - 1) + close.repeat(depth - 1)
  const objects = (depth: number): string => (depth === 0 ? '1' : `{"a":${objects(depth - 1)}}`)

  it('a JWS header 16 levels deep is accepted, 17 or 1,400 levels deep is malformed', async () => {
    const ok = signedRaw(JSON.stringify(defaultClaims()), `{"alg":"RS256","x":${objects(15)}}`)
    await expect(jwtVerify(ok, ctx.verificationKey, ctx.jws)).resolves.toBeDefined()
    for (const header of [`{"alg":"RS256","x":${objects(16)}}`, `{"alg":"RS256","x":${nest(17)}}`, `{"alg":"RS256","x":${nest(1400)}}`]) {
      await jwsApis(signedRaw(JSON.stringify(defaultClaims()), header), 'ERR_JWS_INVALID')
    }
  })

  it('a JWE header 17 or 400 levels deep is malformed', async () => {
    for (const deep of [objects(16), nest(17), nest(400, '{"a":', '}').replace(/\}+$/, (m) => `1${m}`)]) {
      await jweApis(encryptJwe(signJws(defaultClaims()), { rawHeader: `{"alg":"RSA-OAEP-256","enc":"A256GCM","x":${deep}}` }), 'ERR_JWE_INVALID')
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
    await jwsApis(header, 'ERR_JWS_INVALID')
  })
})
