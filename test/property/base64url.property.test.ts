/**
 * Property tests for the strict base64url codec (RFC 7515 §2, RFC 4648 §5 without padding,
 * canonical encodings only), checked against Node's Buffer as the reference.
 */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { decode, decodeInto, decodeTable, encode } from '../../src/encoding/base64url.ts'
import { JoseError } from '../../src/errors.ts'

const URL_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

/**
 * The strict reference: only [A-Za-z0-9_-], a length that some byte string encodes to, and
 * Buffer's decoding re-encodes to exactly the input (which rules out non-zero trailing bits).
 */
function strictReference(input: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(input) || input.length % 4 === 1) return undefined
  const bytes = Buffer.from(input, 'base64url')
  return bytes.toString('base64url') === input ? new Uint8Array(bytes) : undefined
}

/** Mostly valid characters, with the usual suspects mixed in. */
const mixedUnit = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(...URL_SAFE) },
  { weight: 2, arbitrary: fc.constantFrom('=', '+', '/', ' ', '\n', '\r', '\t', '.', 'é', '\u0000', '\u00ff', '\u0100', '\uff21') },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)) },
)

const candidates = fc.oneof(
  // Valid alphabet only: exercises lengths and trailing bits.
  fc.string({ unit: fc.constantFrom(...URL_SAFE), maxLength: 40 }),
  // Valid encodings with one character replaced or appended.
  fc
    .tuple(fc.uint8Array({ maxLength: 30 }), fc.nat(), mixedUnit, fc.boolean())
    .map(([bytes, at, unit, append]) => {
      const valid = Buffer.from(bytes).toString('base64url')
      if (append || valid.length === 0) return valid + unit
      const i = at % valid.length
      return valid.slice(0, i) + unit + valid.slice(i + 1)
    }),
  fc.string({ unit: mixedUnit, maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
)

/** What decode() gets from a decoder: the bytes, or undefined (a 4n+1 length reaches neither: byteLength refuses it). */
function viaDecoder(decoder: typeof decodeTable, input: string): Uint8Array | undefined {
  if (input.length % 4 === 1) return undefined
  const out = new Uint8Array((input.length * 3) >>> 2)
  return decoder(input, out, 0) ? out : undefined
}

describe('base64url properties', () => {
  // Node 20, which runs this suite, has no Uint8Array.fromBase64: the conformance suite runs the same
  // comparison in Node 26, Deno, Bun, Chromium and workerd (test/conformance/encoding.ts).
  it.skipIf(decodeInto === decodeTable)('the native decoder (Uint8Array.fromBase64) agrees with the table decoder, rejections included', () => {
    fc.assert(
      fc.property(candidates, (input) => {
        expect(viaDecoder(decodeInto, input)).toEqual(viaDecoder(decodeTable, input))
      }),
      { numRuns: 5000 },
    )
  })

  it('encode matches Buffer and decode inverts it, for any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const encoded = encode(bytes)
        expect(encoded).toBe(Buffer.from(bytes).toString('base64url'))
        expect(decode(encoded)).toEqual(bytes)
      }),
      { numRuns: 2000 },
    )
  })

  it('encode of a string is the base64url of its UTF-8 bytes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 50 }), (text) => {
        expect(encode(text)).toBe(Buffer.from(text, 'utf8').toString('base64url'))
      }),
      { numRuns: 500 },
    )
  })

  it('decode of any string equals the strict reference or throws ERR_BASE64URL', () => {
    fc.assert(
      fc.property(candidates, (input) => {
        const expected = strictReference(input)
        let actual: Uint8Array | undefined
        let error: unknown
        try {
          actual = decode(input)
        } catch (caught) {
          error = caught
        }
        if (expected === undefined) {
          expect(error).toBeInstanceOf(JoseError)
          expect((error as JoseError).code).toBe('ERR_BASE64URL')
          // The message never quotes the input.
          if (input.length >= 8) expect((error as JoseError).message).not.toContain(input)
        } else {
          expect(error).toBeUndefined()
          expect(actual).toEqual(expected)
        }
      }),
      { numRuns: 5000 },
    )
  })

  it('every accepted string has exactly one spelling: decode then encode gives it back', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...URL_SAFE), maxLength: 60 }), (input) => {
        let bytes: Uint8Array
        try {
          bytes = decode(input)
        } catch {
          return
        }
        expect(encode(bytes)).toBe(input)
      }),
      { numRuns: 3000 },
    )
  })

  it('decode refuses a non-string with ERR_BASE64URL', () => {
    fc.assert(
      fc.property(fc.anything().filter((value) => typeof value !== 'string'), (value) => {
        expect(() => decode(value as string)).toThrow(JoseError)
      }),
      { numRuns: 200 },
    )
  })
})
