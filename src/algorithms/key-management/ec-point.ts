/**
 * The prime p and coefficient b of each NIST curve y² = x³ − 3x + b (SEC 2 §2.4.2, §2.5.1,
 * §2.6.1; NIST SP 800-186 §3.2.1).
 */
const CURVES: Readonly<Record<string, readonly [p: bigint, b: bigint]>> = {
  'P-256': [
    0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn,
    0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn,
  ],
  'P-384': [
    0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffffn,
    0xb3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aefn,
  ],
  'P-521': [
    (1n << 521n) - 1n,
    0x0051953eb9618e1c9a1f929a21a0b68540eea2da725b99b315f3b8b489918ef109e156193951ec7e937b1652c0bd3bb1bf073573df883d2c34f1ef451fd46b503f00n,
  ],
}

const toBigInt = (bytes: Uint8Array): bigint => bytes.reduce((value, byte) => (value << 8n) | BigInt(byte), 0n)

/**
 * Whether (x, y) is a point of the curve `crv` (SEC 1 §3.2.2.1 partial public-key validation:
 * coordinates below p, the curve equation holds; the point at infinity has no affine form, and
 * the NIST curves have cofactor 1). Checked here rather than left to Web Crypto: Deno's importKey
 * takes a point off the curve, the invalid-curve attack on ECDH-ES (RFC 8725 §3.4).
 */
export function isOnCurve(crv: string, xBytes: Uint8Array, yBytes: Uint8Array): boolean {
  const [p, b] = CURVES[crv]!
  const x = toBigInt(xBytes)
  const y = toBigInt(yBytes)
  return x < p && y < p && (y * y - (x * x * x - 3n * x + b)) % p === 0n
}
