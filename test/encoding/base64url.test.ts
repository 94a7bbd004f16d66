import { describe, expect, it } from 'vitest'
import { randomBytes } from 'node:crypto'
import { decode, encode } from '../../src/encoding/base64url.ts'
import { decodePadded } from '../../src/encoding/base64.ts'
import { expectJoseError } from '../helpers/expect-jose.ts'
import { base64url } from '../../src/index.ts'

const reference = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url')

describe('base64url.encode', () => {
  it('matches Buffer on random inputs of every length 0..300', () => {
    for (let length = 0; length <= 300; length++) {
      const bytes = randomBytes(length)
      expect(encode(bytes)).toBe(reference(bytes))
    }
  })

  it('encodes strings as UTF-8', () => {
    expect(encode('€')).toBe(reference(Buffer.from('€', 'utf8')))
  })

  it('matches RFC 4648 §10 test vectors (unpadded, URL alphabet)', () => {
    const vectors: [string, string][] = [['', ''], ['f', 'Zg'], ['fo', 'Zm8'], ['foo', 'Zm9v'], ['foob', 'Zm9vYg'], ['fooba', 'Zm9vYmE'], ['foobar', 'Zm9vYmFy']]
    for (const [text, expected] of vectors) expect(encode(text)).toBe(expected)
    expect(encode(new Uint8Array([0xfb, 0xff]))).toBe('-_8')
  })
})

describe('the public base64url', () => {
  it('encodes strings, Uint8Arrays and Buffers, and decodes strictly', () => {
    expect(base64url.encode('€')).toBe(reference(Buffer.from('€', 'utf8')))
    expect(base64url.encode(new Uint8Array([0xfb, 0xff]))).toBe('-_8')
    expect(base64url.encode(Buffer.from([0xfb, 0xff]))).toBe('-_8')
    expect(base64url.decode('-_8')).toEqual(new Uint8Array([0xfb, 0xff]))
  })

  it('refuses anything else with ERR_INVALID_ARGUMENT (encode) or ERR_BASE64URL (decode)', async () => {
    for (const input of [undefined, null, 42, [1, 2], new Uint16Array(2), new ArrayBuffer(2), { length: 2 }]) {
      await expectJoseError(() => base64url.encode(input as string), 'ERR_INVALID_ARGUMENT')
      await expectJoseError(() => base64url.decode(input as string), 'ERR_BASE64URL')
    }
  })
})

describe('base64url.decode', () => {
  it('round-trips random inputs of every length 0..300 against Buffer', () => {
    for (let length = 0; length <= 300; length++) {
      const bytes = randomBytes(length)
      expect(Buffer.from(decode(reference(bytes))).equals(bytes)).toBe(true)
    }
  })

  it.each([
    ['padding', 'Zg=='],
    ['single padding', 'Zm8='],
    ['whitespace inside', 'Zm9v Yg'],
    ['trailing newline', 'Zm9v\n'],
    ['standard alphabet +', 'Zm+v'],
    ['standard alphabet /', 'Zm/v'],
    ['impossible length (4n+1)', 'Zm9vY'],
    ['non-zero trailing bits, 2-char tail', 'Zh'],
    ['non-zero trailing bits, 3-char tail', 'Zm9'],
    ['non-ASCII', 'Zm9é'],
    ['non-ASCII in a whole group', 'Zé9v'],
    ['astral character', 'Zm\u{1F600}'],
    ['NUL', 'Zm\u00009v'],
    ['dot', 'Zm.v'],
  ])('rejects %s with ERR_BASE64URL', async (_name, input) => {
    await expectJoseError(() => decode(input), 'ERR_BASE64URL')
  })

  it('rejects non-strings with ERR_BASE64URL', async () => {
    await expectJoseError(() => decode(42 as unknown as string), 'ERR_BASE64URL')
  })

  it('names the label, never the input, in the message', async () => {
    const error = await expectJoseError(() => decode('secret-token-material=', 'JWS payload'), 'ERR_BASE64URL')
    expect(error.message).toBe('JWS payload is not valid base64url')
  })

  it('accepts or rejects random strings exactly as a strict reference does', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_+/= .é'
    for (let n = 0; n < 3000; n++) {
      const length = n % 13
      let input = ''
      for (let i = 0; i < length; i++) input += alphabet[Math.floor(Math.random() * alphabet.length)]
      // Strict reference: Buffer decodes leniently, so require that re-encoding gives back the input.
      const lenient = Buffer.from(input, 'base64url')
      const canonical = /^[A-Za-z0-9_-]*$/.test(input) && reference(lenient) === input
      if (canonical) expect(Buffer.from(decode(input)).equals(lenient)).toBe(true)
      else expect(() => decode(input)).toThrow(expect.objectContaining({ code: 'ERR_BASE64URL' }))
    }
  })
})

describe('padded base64 (PEM bodies)', () => {
  it('round-trips against Buffer', () => {
    for (let length = 0; length <= 64; length++) {
      const bytes = randomBytes(length)
      expect(Buffer.from(decodePadded(bytes.toString('base64'))!).equals(bytes)).toBe(true)
    }
  })

  it.each([['missing padding', 'Zg'], ['url alphabet', 'Zm-v'], ['three pads', 'Z==='], ['trailing bits', 'Zh==']])(
    'refuses %s',
    (_name, input) => {
      expect(decodePadded(input)).toBeUndefined()
    },
  )
})
