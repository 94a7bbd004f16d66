import { JoseError, base64urlInvalid } from '../errors.ts'
import { textEncoder, utf8Encode } from './utf8.ts'

/**
 * Strict, table-driven base64url over typed arrays (RFC 4648 §5, unpadded as RFC 7515 §2
 * uses it): one byte string has exactly one accepted encoding.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

const ENCODE = /* @__PURE__ */ Uint8Array.from(ALPHABET, (char) => char.charCodeAt(0))

/**
 * DECODE[k][byte]: the sextet of `byte` shifted to the place of the k-th character of a
 * group of four, -1 for any byte outside the alphabet, so one OR of four lookups gives the
 * 24 decoded bits and a negative result means an invalid character.
 */
const DECODE = /* @__PURE__ */ [18, 12, 6, 0].map((shift) => {
  const table = new Int32Array(256).fill(-1)
  for (let i = 0; i < 64; i++) table[ALPHABET.charCodeAt(i)] = i << shift
  return table
}) as [Int32Array, Int32Array, Int32Array, Int32Array]

const latin1 = /* @__PURE__ */ new TextDecoder('latin1')
/** Reused for token-sized inputs (up to 64 KiB); decoding is synchronous, so no two calls share it at once. */
let scratch = new Uint8Array(0)

/** Encodes bytes (or a string, as UTF-8) as unpadded base64url. */
export function encode(input: Uint8Array | string): string {
  const bytes = typeof input === 'string' ? utf8Encode(input) : input
  const length = bytes.length
  const whole = length - (length % 3)
  const out = new Uint8Array(Math.ceil((length * 4) / 3))
  let o = 0
  let i = 0
  for (; i < whole; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!
    out[o++] = ENCODE[n >>> 18]!
    out[o++] = ENCODE[(n >>> 12) & 63]!
    out[o++] = ENCODE[(n >>> 6) & 63]!
    out[o++] = ENCODE[n & 63]!
  }
  if (length - whole === 1) {
    const n = bytes[i]!
    out[o++] = ENCODE[n >>> 2]!
    out[o] = ENCODE[(n & 3) << 4]!
  } else if (length - whole === 2) {
    const n = (bytes[i]! << 8) | bytes[i + 1]!
    out[o++] = ENCODE[n >>> 10]!
    out[o++] = ENCODE[(n >>> 4) & 63]!
    out[o] = ENCODE[(n & 15) << 2]!
  }
  return latin1.decode(out)
}

/**
 * Strict decode: only the URL-safe alphabet, no padding, no whitespace, no impossible
 * length, no non-zero trailing bits. Anything else is ERR_BASE64URL.
 */
export function decode(input: string, label = 'input'): Uint8Array {
  if (typeof input !== 'string') throw invalid(label)
  const out = new Uint8Array(byteLength(input, label))
  decodeIntoBuffer(input, out, 0, label)
  return out
}

/** Byte length `input` will decode to; ERR_BASE64URL when no input of its length exists (4n+1). */
export function byteLength(input: string, label: string): number {
  if ((input.length & 3) === 1) throw invalid(label)
  // 4n characters are 3n bytes; a tail of 2 or 3 characters adds 1 or 2.
  return (input.length * 3) >>> 2
}

/** Decodes into `out` at `offset`, for callers that join segments without a copy. */
export function decodeIntoBuffer(input: string, out: Uint8Array, offset: number, label: string): void {
  if (!decodeInto(input, out, offset)) throw invalid(label)
}

/** TC39 proposal-arraybuffer-base64 (Node 25+, Deno, Bun, Chromium, workerd): decodes into a view. */
type NativeBase64 = { setFromBase64?(input: string, options: object): { written: number } }

/**
 * Chosen once, at load: the runtime's decoder where it has one, held to decodeTable's strictness.
 * "strict" wants the last chunk padded, so the input gets the padding it lacks; then it refuses
 * non-zero trailing bits and a 4n+1 length, as decodeTable does. It skips ASCII whitespace and
 * takes "=" padding: an input with either writes fewer bytes than its length gives. Callers
 * have refused a 4n+1 length (byteLength), as decodeTable needs too.
 */
export const decodeInto: (input: string, out: Uint8Array, offset: number) => boolean = (Uint8Array.prototype as NativeBase64).setFromBase64
  ? (input, out, offset) => {
      try {
        const target = out.subarray(offset) as NativeBase64
        return target.setFromBase64!(input + '='.repeat(-input.length & 3), { alphabet: 'base64url', lastChunkHandling: 'strict' }).written === (input.length * 3) >>> 2
      } catch {
        return false
      }
    }
  : decodeTable

/** The table decoder, for runtimes without setFromBase64 (Node 20–24). */
export function decodeTable(input: string, out: Uint8Array, offset: number): boolean {
  const length = input.length
  let bytes = scratch
  if (bytes.length < length) {
    bytes = new Uint8Array(length)
    if (length <= 0x10000) scratch = bytes
  }
  // Every alphabet character is one UTF-8 byte. Any other character is two or more, each outside
  // the alphabet (0x80 and up): then either `length` bytes hold one of them, which the tables
  // refuse, or the count differs (the scratch past `written` holds an earlier input's bytes).
  if (textEncoder.encodeInto(input, bytes).written !== length) return false
  const [t0, t1, t2, t3] = DECODE
  const whole = length - (length & 3)
  let o = offset
  let i = 0
  for (; i < whole; i += 4) {
    const n = t0[bytes[i]!]! | t1[bytes[i + 1]!]! | t2[bytes[i + 2]!]! | t3[bytes[i + 3]!]!
    if (n < 0) return false
    // A Uint8Array keeps the low 8 bits of what is stored.
    out[o++] = n >> 16
    out[o++] = n >> 8
    out[o++] = n
  }
  const rest = length - whole
  if (rest === 0) return true
  const n = t0[bytes[i]!]! | t1[bytes[i + 1]!]! | (rest === 3 ? t2[bytes[i + 2]!]! : 0)
  // RFC 4648 §3.5: the bits after the last whole byte must be zero (canonical encoding).
  if (n < 0 || (n & (rest === 2 ? 0xffff : 0xff)) !== 0) return false
  out[o++] = n >> 16
  if (rest === 3) out[o] = n >> 8
  return true
}

function invalid(label: string): JoseError {
  return base64urlInvalid(`${label} is not valid base64url`)
}
