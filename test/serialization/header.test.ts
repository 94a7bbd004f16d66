import { describe, expect, it } from 'vitest'
import { decodeProtectedHeader } from '../../src/serialization/header.ts'
import { splitCompact } from '../../src/serialization/compact.ts'
import { parseJsonObject } from '../../src/serialization/json.ts'
import { expectJoseError } from '../helpers/expect-jose.ts'

const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url')

describe('splitCompact', () => {
  it('splits into the expected segments', () => {
    expect(splitCompact('a.b.c', 3, 'ERR_JWS_INVALID', 'JWS')).toEqual(['a', 'b', 'c'])
  })
  it.each([['a.b', 3], ['a.b.c.d', 3], ['a.b.c.d', 5], ['a.b.c.d.e.f', 5], ['', 3]] as const)(
    'rejects %j when %i segments are required',
    async (token, count) => {
      await expectJoseError(() => splitCompact(token, count, 'ERR_JWS_INVALID', 'JWS'), 'ERR_JWS_INVALID')
    },
  )
  it('rejects non-strings', async () => {
    await expectJoseError(() => splitCompact({}, 3, 'ERR_JWE_INVALID', 'JWE'), 'ERR_JWE_INVALID')
  })
  it('enforces the length limit before splitting', async () => {
    await expectJoseError(() => splitCompact('a.b.c', 3, 'ERR_JWS_INVALID', 'JWS', 4), 'ERR_TOKEN_TOO_LARGE')
    await expectJoseError(() => splitCompact('a'.repeat(16 * 1024 + 1), 3, 'ERR_JWS_INVALID', 'JWS'), 'ERR_TOKEN_TOO_LARGE')
  })
})

describe('parseJsonObject', () => {
  const parse = (text: string) => parseJsonObject(new TextEncoder().encode(text), 'claims', 'ERR_JWT_INVALID')
  it('parses objects', () => {
    expect(parse('{"a":[1,{"b":2}]}')).toEqual({ a: [1, { b: 2 }] })
  })
  it.each([
    ['an array', '[1]'],
    ['null', 'null'],
    ['a string', '"x"'],
    ['a number', '1'],
    ['invalid JSON', '{"a":'],
    ['a BOM before the object', '\uFEFF{}'],
    ['__proto__ at the top', '{"__proto__":{"admin":true}}'],
    ['__proto__ nested in an array', '{"a":[{"__proto__":{}}]}'],
    ['an escaped __proto__', '{"\\u005f_proto__":1}'],
    ['constructor', '{"constructor":{"prototype":{}}}'],
    ['deep nesting', '{"a":'.repeat(20) + '1' + '}'.repeat(20)],
    ['very deep nesting', '['.repeat(5000) + ']'.repeat(5000)],
  ])('rejects %s with the given code', async (_name, text) => {
    await expectJoseError(() => parse(text), 'ERR_JWT_INVALID')
  })
  it('rejects malformed UTF-8 (fatal decoding)', async () => {
    const error = await expectJoseError(
      () => parseJsonObject(new Uint8Array([0x7b, 0xff, 0x7d]), 'claims', 'ERR_JWT_INVALID'),
      'ERR_JWT_INVALID',
    )
    expect(error.message).toBe('claims is not valid UTF-8')
  })
})

describe('decodeProtectedHeader', () => {
  it('returns the header object', () => {
    expect(decodeProtectedHeader(b64({ alg: 'RS256', kid: 'k' }), 'JWS', {})).toEqual({ alg: 'RS256', kid: 'k' })
    expect(decodeProtectedHeader(b64({ alg: 'RSA-OAEP-256', enc: 'A256GCM' }), 'JWE', {})).toMatchObject({ enc: 'A256GCM' })
  })

  it('reads members named like Object.prototype methods as unregistered parameters', () => {
    // Once a TypeError (ERR_INVALID_ARGUMENT out of the API): the type table was an object literal.
    const header = { alg: 'RS256', toString: 1, valueOf: 'x', hasOwnProperty: [] }
    expect(decodeProtectedHeader(b64(header), 'JWS', {})).toEqual(header)
  })

  it.each([
    ['empty', ''],
    ['not JSON', b64('alg')],
    ['an array', b64([{ alg: 'RS256' }])],
    ['missing alg', b64({ kid: 'k' })],
    ['empty alg', b64({ alg: '' })],
    ['numeric alg', b64({ alg: 256 })],
    ['numeric kid', b64({ alg: 'RS256', kid: 1 })],
    ['typ as object', b64({ alg: 'RS256', typ: {} })],
    ['jwk as array', b64({ alg: 'RS256', jwk: [] })],
    ['x5c with a number', b64({ alg: 'RS256', x5c: ['a', 1] })],
    ['b64 as string', b64({ alg: 'RS256', b64: 'false' })],
    ['p2c as string', b64({ alg: 'RS256', p2c: '1000' })],
    ['epk as string', b64({ alg: 'RS256', epk: 'k' })],
    ['crit not an array', b64({ alg: 'RS256', crit: 'exp' })],
    ['crit empty', b64({ alg: 'RS256', crit: [] })],
    ['crit with a number', b64({ alg: 'RS256', crit: [1] })],
    ['crit with a duplicate', b64({ alg: 'RS256', crit: ['exp', 'exp'], exp: 1 })],
    ['crit naming an absent parameter', b64({ alg: 'RS256', crit: ['exp'] })],
    ['__proto__ member', b64('{"alg":"RS256","__proto__":{"x":1}}')],
  ])('rejects a JWS header that is %s with ERR_JWS_INVALID', async (_name, segment) => {
    await expectJoseError(() => decodeProtectedHeader(segment, 'JWS', { crit: ['exp'] }), 'ERR_JWS_INVALID')
  })

  it('rejects a JWE header without enc with ERR_JWE_INVALID', async () => {
    await expectJoseError(() => decodeProtectedHeader(b64({ alg: 'RSA-OAEP-256' }), 'JWE', {}), 'ERR_JWE_INVALID')
    await expectJoseError(() => decodeProtectedHeader(b64({ alg: 'RSA-OAEP-256', enc: 1 }), 'JWE', {}), 'ERR_JWE_INVALID')
  })

  it('rejects non-canonical base64url with ERR_BASE64URL', async () => {
    await expectJoseError(() => decodeProtectedHeader(b64({ alg: 'RS256' }) + '=', 'JWS', {}), 'ERR_BASE64URL')
  })

  it('rejects an oversized header with ERR_TOKEN_TOO_LARGE', async () => {
    await expectJoseError(() => decodeProtectedHeader(b64({ alg: 'RS256', pad: 'x'.repeat(5000) }), 'JWS', {}), 'ERR_TOKEN_TOO_LARGE')
    await expectJoseError(() => decodeProtectedHeader(b64({ alg: 'RS256' }), 'JWS', { maxHeaderLength: 8 }), 'ERR_TOKEN_TOO_LARGE')
  })

  describe('crit (RFC 7515 §4.1.11)', () => {
    it('accepts an extension the caller understands and the header carries', () => {
      expect(decodeProtectedHeader(b64({ alg: 'RS256', crit: ['exp'], exp: 1 }), 'JWS', { crit: ['exp'] })).toMatchObject({ exp: 1 })
    })
    it('rejects an extension the caller does not understand', async () => {
      await expectJoseError(() => decodeProtectedHeader(b64({ alg: 'RS256', crit: ['exp'], exp: 1 }), 'JWS', {}), 'ERR_CRIT_UNSUPPORTED')
    })
    it('rejects registered parameter names in crit', async () => {
      await expectJoseError(
        () => decodeProtectedHeader(b64({ alg: 'RS256', crit: ['kid'], kid: 'a' }), 'JWS', { crit: ['kid'] }),
        'ERR_CRIT_UNSUPPORTED',
      )
    })
    it('rejects b64 in crit unless the caller processes it', async () => {
      await expectJoseError(() => decodeProtectedHeader(b64({ alg: 'RS256', crit: ['b64'], b64: false }), 'JWS', {}), 'ERR_CRIT_UNSUPPORTED')
    })
    it('does not take inherited names as present', async () => {
      await expectJoseError(
        () => decodeProtectedHeader(b64({ alg: 'RS256', crit: ['toString'] }), 'JWS', { crit: ['toString'] }),
        'ERR_JWS_INVALID',
      )
    })
  })
})
