/**
 * Table-driven base64 over typed arrays, shared by the two named variants
 * (base64url for JOSE, RFC 4648 §5; padded base64 for PEM, RFC 4648 §4).
 * The tables map ASCII code → sextet, -1 for characters outside the alphabet.
 */

export interface Base64Alphabet {
  readonly encode: Uint8Array
  readonly decode: Int8Array
}

export function createAlphabet(chars: string): Base64Alphabet {
  const encode = new Uint8Array(64)
  const decode = new Int8Array(128).fill(-1)
  for (let i = 0; i < 64; i++) {
    const code = chars.charCodeAt(i)
    encode[i] = code
    decode[code] = i
  }
  return { encode, decode }
}

/** Number of bytes `length` unpadded characters decode to, or -1 if no input of that length exists. */
export function decodedLength(length: number): number {
  const rest = length & 3
  if (rest === 1) return -1
  return (length >>> 2) * 3 + (rest === 0 ? 0 : rest - 1)
}

/**
 * Decodes `input` (no padding) into `out` at `offset`. Returns false on any character
 * outside the alphabet or non-zero trailing bits (RFC 4648 §3.5: canonical encoding only),
 * so that one byte string has exactly one accepted encoding.
 * The caller has checked the length with decodedLength.
 */
export function decodeInto(alphabet: Base64Alphabet, input: string, out: Uint8Array, offset: number): boolean {
  const table = alphabet.decode
  const length = input.length
  const whole = length - (length & 3)
  let o = offset
  let i = 0
  for (; i < whole; i += 4) {
    const c0 = input.charCodeAt(i)
    const c1 = input.charCodeAt(i + 1)
    const c2 = input.charCodeAt(i + 2)
    const c3 = input.charCodeAt(i + 3)
    // A code >= 128 reads undefined from the table; `| 128` below makes it invalid too.
    const a = table[c0]!
    const b = table[c1]!
    const c = table[c2]!
    const d = table[c3]!
    if ((a | b | c | d | ((c0 | c1 | c2 | c3) & ~127 ? -1 : 0)) < 0) return false
    out[o++] = (a << 2) | (b >> 4)
    out[o++] = ((b & 15) << 4) | (c >> 2)
    out[o++] = ((c & 3) << 6) | d
  }
  const rest = length - whole
  if (rest === 0) return true
  const c0 = input.charCodeAt(i)
  const c1 = input.charCodeAt(i + 1)
  if ((c0 | c1) & ~127) return false
  const a = table[c0]!
  const b = table[c1]!
  if ((a | b) < 0) return false
  if (rest === 2) {
    if ((b & 15) !== 0) return false
    out[o] = (a << 2) | (b >> 4)
    return true
  }
  const c2 = input.charCodeAt(i + 2)
  if (c2 & ~127) return false
  const c = table[c2]!
  if (c < 0 || (c & 3) !== 0) return false
  out[o++] = (a << 2) | (b >> 4)
  out[o] = ((b & 15) << 4) | (c >> 2)
  return true
}

const latin1 = /* @__PURE__ */ new TextDecoder('latin1')

/** Encodes without padding. Builds ASCII codes in a byte array and decodes it once. */
export function encodeUnpadded(alphabet: Base64Alphabet, bytes: Uint8Array): string {
  const table = alphabet.encode
  const length = bytes.length
  const whole = length - (length % 3)
  const out = new Uint8Array(Math.ceil((length * 4) / 3))
  let o = 0
  let i = 0
  for (; i < whole; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!
    out[o++] = table[n >>> 18]!
    out[o++] = table[(n >>> 12) & 63]!
    out[o++] = table[(n >>> 6) & 63]!
    out[o++] = table[n & 63]!
  }
  const rest = length - whole
  if (rest === 1) {
    const n = bytes[i]!
    out[o++] = table[n >>> 2]!
    out[o] = table[(n & 3) << 4]!
  } else if (rest === 2) {
    const n = (bytes[i]! << 8) | bytes[i + 1]!
    out[o++] = table[n >>> 10]!
    out[o++] = table[(n >>> 4) & 63]!
    out[o] = table[(n & 15) << 2]!
  }
  return latin1.decode(out)
}
