/** Strict, unpadded base64url (RFC 4648 §5 as RFC 7515 §2 uses it): round trips and rejections. */
import { base64url } from '../../src/index.ts'
import { assertBytesEqual, assertEqual, assertRejectsWithCode, test } from './harness.ts'
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
