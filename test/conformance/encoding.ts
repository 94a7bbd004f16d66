/** Strict, unpadded base64url (RFC 4648 §5 as RFC 7515 §2 uses it): round trips and rejections. */
import { base64url } from '../../src/index.ts'
import { decodeInto, decodeTable } from '../../src/encoding/base64url.ts'
import { assert, assertBytesEqual, assertEqual, assertRejectsWithCode, skip, test } from './harness.ts'
import { utf8 } from './support.ts'

/** An independent reference built on the web's btoa, to cross-check the library's encoder. */
function reference(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

test('base64url: RFC 7515 appendix C example', () => {
  const bytes = new Uint8Array([3, 236, 255, 224, 193])
  assertEqual(base64url.encode(bytes), 'A-z_4ME')
  assertBytesEqual(base64url.decode('A-z_4ME'), bytes)
})

test('base64url: empty input', () => {
  assertEqual(base64url.encode(new Uint8Array(0)), '')
  assertEqual(base64url.decode('').length, 0)
})

test('base64url: every byte value round trips and matches btoa', () => {
  const bytes = new Uint8Array(256).map((_, i) => i)
  const encoded = base64url.encode(bytes)
  assertEqual(encoded, reference(bytes))
  assertBytesEqual(base64url.decode(encoded), bytes)
})

test('base64url: lengths 0..64 round trip (all three tail shapes)', () => {
  for (let length = 0; length <= 64; length++) {
    const bytes = crypto.getRandomValues(new Uint8Array(length))
    const encoded = base64url.encode(bytes)
    assertEqual(encoded, reference(bytes), `length ${length}`)
    assertBytesEqual(base64url.decode(encoded), bytes, `length ${length}`)
  }
})

test('base64url: strings are encoded as UTF-8', () => {
  const value = 'Hello, wörld – ’€𝄞'
  assertEqual(base64url.encode(value), reference(utf8(value)))
})

const rejected: [string, string][] = [
  ['padding', 'AA=='],
  ['single padding', 'AAA='],
  ['standard alphabet +', 'AB+A'],
  ['standard alphabet /', 'AB/A'],
  ['leading space', ' AAA'],
  ['trailing newline', 'AAAA\n'],
  ['inner space', 'AA AA'],
  ['impossible length (1 mod 4)', 'AAAAA'],
  ['single character', 'A'],
  ['non-zero trailing bits', 'AB'],
  ['non-zero trailing bits (2-byte tail)', 'AAB'],
  ['non-ASCII', 'AAÀA'],
  ['dot', 'AA.A'],
  ['percent', 'AA%A'],
]
for (const [what, input] of rejected) {
  test(`base64url: rejects ${what}`, () => assertRejectsWithCode(() => base64url.decode(input), 'ERR_BASE64URL'))
}

test('base64url: rejects a non-string', () =>
  assertRejectsWithCode(() => base64url.decode(42 as unknown as string), 'ERR_BASE64URL'))

/**
 * The native decoder (Uint8Array.fromBase64, where the runtime has it) against the table decoder
 * on seeded random input: every accepted string decodes to the same bytes, every rejection class
 * (padding, whitespace of each kind, the standard alphabet, other ASCII, non-ASCII, lone
 * surrogates, NUL, a 4n+1 length, non-zero trailing bits) is refused by both. No fast-check here:
 * Deno runs this suite without npm packages; test/property covers the table decoder with it.
 */
const OUTSIDE: readonly string[] = ['=', '==', ' ', '\n', '\r', '\t', '\f', '\v', '+', '/', '.', '%', '\u0000', 'é', '\u00ff', '\u0100', '\uff21', '\ud800', '\udc00', '\u00a0', '\u2028']
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

/** A small seeded generator (mulberry32), so a failure names the seed that reproduces it. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Valid encodings of random bytes, then mutated: a character replaced, inserted or appended, or the last one's low bits set. */
function candidate(next: () => number): string {
  const pick = <T,>(items: ArrayLike<T>): T => items[Math.floor(next() * items.length)]!
  const valid = base64url.encode(crypto.getRandomValues(new Uint8Array(Math.floor(next() * 40))))
  const at = Math.floor(next() * (valid.length + 1))
  switch (Math.floor(next() * 6)) {
    case 0:
      return valid
    case 1:
      return valid.slice(0, at) + pick(OUTSIDE) + valid.slice(at + 1)
    case 2:
      return valid.slice(0, at) + pick(OUTSIDE) + valid.slice(at)
    case 3:
      return valid + pick(OUTSIDE)
    case 4:
      // A random alphabet character last: often non-zero trailing bits.
      return valid.slice(0, -1) + pick(ALPHABET)
    default:
      return Array.from({ length: Math.floor(next() * 12) }, () => pick(next() < 0.8 ? ALPHABET : OUTSIDE.join(''))).join('')
  }
}

/**
 * What decode() gets from a decoder for `input`: the bytes, or undefined. As in decode(), a 4n+1
 * length reaches neither decoder (byteLength refuses it first).
 */
function run(decoder: typeof decodeTable, input: string): Uint8Array | undefined {
  if ((input.length & 3) === 1) return undefined
  const out = new Uint8Array((input.length * 3) >>> 2)
  return decoder(input, out, 0) ? out : undefined
}

if (decodeInto === decodeTable) {
  skip('base64url: the native decoder agrees with the table decoder on random input', 'no Uint8Array.fromBase64 in this runtime: the table decoder is the only one')
} else {
  test('base64url: the native decoder agrees with the table decoder on random input', () => {
    const seed = (Date.now() ^ 0x5eed) >>> 0
    const next = random(seed)
    let accepted = 0
    for (let i = 0; i < 20_000; i++) {
      const input = candidate(next)
      const native = run(decodeInto, input)
      const table = run(decodeTable, input)
      if (native === undefined || table === undefined) {
        assertEqual(native, table, `seed ${seed}: ${JSON.stringify(input)} accepted by one decoder only`)
      } else {
        assertBytesEqual(native, table, `seed ${seed}: ${JSON.stringify(input)}`)
        accepted++
      }
    }
    // Both outcomes are exercised, in about even shares.
    assert(accepted > 2_000 && accepted < 18_000, `seed ${seed}: ${accepted} of 20000 accepted`)
  })

  test('base64url: the native decoder refuses every rejection class, as decode() does', () => {
    for (const [what, input] of rejected) assertEqual(run(decodeInto, input), undefined, what)
    assertBytesEqual(run(decodeInto, 'A-z_4ME')!, new Uint8Array([3, 236, 255, 224, 193]))
  })
}
