import { assertKey } from './jwk.ts'

/**
 * Just enough DER (X.690 §10) to route RSA keys to Web Crypto, which parses the keys
 * themselves: find the SPKI in a certificate, check the rsaEncryption OID, wrap PKCS#1.
 * Every read is bounds-checked and only minimal definite lengths are accepted.
 */

/**
 * Reads the consecutive TLVs with `tags` from `at` and returns [contents start, end] of the last.
 * Refuses (ERR_KEY_INVALID) unless each has its tag and ends within `limit`; without `limit`
 * (one tag at 0) the TLV must span all of `bytes`.
 */
export function tlv(bytes: Uint8Array, at: number, limit: number | 0, ...tags: number[]): [number, number] {
  let start = at
  for (const tag of tags) {
    start = at + 2
    let length = bytes[at + 1]!
    if (length > 127) {
      // Long form: 1 to 4 length octets, the first non-zero, the value above 127 (X.690 §10.1).
      const count = length - 128
      length = count && count < 5 && bytes[start] ? 0 : NaN
      while (start < at + 2 + count) length = length * 256 + bytes[start++]!
      if (length < 128) length = NaN
    }
    assertKey(bytes[at] === tag && (limit ? start + length <= limit : start + length === bytes.length), 'DER: malformed')
    at = start + length
  }
  return [start, at]
}

const SEQUENCE = 0x30
// AlgorithmIdentifier { rsaEncryption 1.2.840.113549.1.1.1, NULL } (RFC 8017 appendix A.1).
const RSA_ALGORITHM = [SEQUENCE, 13, 6, 9, 42, 134, 72, 134, 247, 13, 1, 1, 1, 5, 0]

/** A TLV with a minimal definite length (X.690 §8.1.3). */
export function encode(tag: number, ...parts: (Uint8Array | number[])[]): Uint8Array {
  const contents = parts.flatMap((part) => [...part])
  const length = contents.length
  const octets: number[] = []
  for (let n = length; n; n >>>= 8) octets.unshift(n & 255)
  return Uint8Array.from([tag, ...(length < 128 ? [length] : [128 + octets.length, ...octets]), ...contents])
}

/**
 * PKCS#1 RSAPrivateKey (RFC 8017 A.1.2) → PKCS#8 (RFC 5208 §5), RSAPublicKey (A.1.1) → SPKI
 * (RFC 5280 §4.1.2.7). The input must be one SEQUENCE; a private key must start with version 0
 * (two-prime: Web Crypto has no multi-prime keys). Web Crypto parses the rest.
 */
export function wrapPkcs1(pkcs1: Uint8Array, isPrivate: boolean): Uint8Array {
  const [start] = tlv(pkcs1, 0, 0, SEQUENCE)
  if (!isPrivate) return encode(SEQUENCE, RSA_ALGORITHM, encode(3, [0], pkcs1))
  assertKey(String(pkcs1.subarray(start, start + 3)) === '2,1,0', 'DER: malformed')
  return encode(SEQUENCE, [2, 1, 0], RSA_ALGORITHM, encode(4, pkcs1))
}

/**
 * The subjectPublicKeyInfo of an X.509 certificate (RFC 5280 §4.1). The certificate is only a
 * container: its signature, validity and chain are not checked.
 */
export function certificateSpki(certificate: Uint8Array): Uint8Array {
  const [start, end] = tlv(certificate, 0, 0, SEQUENCE)
  const [tbs, tbsEnd] = tlv(certificate, start, end, SEQUENCE)
  // signatureAlgorithm, signatureValue, and nothing after them.
  assertKey(tlv(certificate, tbsEnd, end, SEQUENCE, 3)[1] === end, 'DER: malformed')
  // [0] version (absent in v1), serialNumber, signature, issuer, validity, subject.
  const version = certificate[tbs] === 0xa0 ? [0xa0] : []
  const at = tlv(certificate, tbs, tbsEnd, ...version, 2, SEQUENCE, SEQUENCE, SEQUENCE, SEQUENCE)[1]
  return certificate.subarray(at, tlv(certificate, at, tbsEnd, SEQUENCE)[1])
}

/**
 * Refuses a PKCS#8 or SPKI key whose AlgorithmIdentifier does not start with the rsaEncryption
 * OID, so an EC or Ed25519 key gets a clear message rather than an opaque Web Crypto error.
 */
export function assertRsaEncryption(der: Uint8Array, isPrivate: boolean): void {
  const [start, end] = tlv(der, 0, 0, SEQUENCE)
  // PKCS#8 has a version INTEGER first.
  const [algorithm] = tlv(der, start, end, ...(isPrivate ? [2, SEQUENCE] : [SEQUENCE]))
  assertKey(String(der.subarray(algorithm, algorithm + 11)) === String(RSA_ALGORITHM.slice(2, 13)), 'not an RSA key')
}
