import { assertRsaPublicValues } from './rsa-public-checks.ts'
import { assertKey } from './jwk.ts'

/**
 * Just enough DER (X.690 §10) to route RSA keys to Web Crypto, which parses the keys
 * themselves: read TLVs, check the rsaEncryption OID. The conversions of PKCS#1 keys and
 * certificates are in der-convert.ts, loaded with the first such PEM. Every read is
 * bounds-checked and only minimal definite lengths are accepted.
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

export const SEQUENCE = 0x30
// AlgorithmIdentifier { rsaEncryption 1.2.840.113549.1.1.1, NULL } (RFC 8017 appendix A.1).
export const RSA_ALGORITHM = [SEQUENCE, 13, 6, 9, 42, 134, 72, 134, 247, 13, 1, 1, 1, 5, 0]

/**
 * Whether a PKCS#8 or SPKI key's AlgorithmIdentifier starts with the rsaEncryption OID (an EC or
 * OKP key is not); ERR_KEY_INVALID when the DER is not such a key's structure.
 */
export function isRsaEncryption(der: Uint8Array, isPrivate: boolean): boolean {
  const [start, end] = tlv(der, 0, 0, SEQUENCE)
  // PKCS#8 has a version INTEGER first.
  const [algorithm] = tlv(der, start, end, ...(isPrivate ? [2, SEQUENCE] : [SEQUENCE]))
  return String(der.subarray(algorithm, algorithm + 11)) === String(RSA_ALGORITHM.slice(2, 13))
}

/**
 * The modulus and exponent of a DER key that isRsaEncryption found RSA: in an SPKI, the
 * RSAPublicKey in its BIT STRING (RFC 5280 §4.1.2.7, RFC 8017 A.1.1); in a PKCS#8, the
 * RSAPrivateKey in its OCTET STRING (RFC 5208 §5, RFC 8017 A.1.2), after its version.
 */
export function assertRsaDerValues(der: Uint8Array, isPrivate: boolean): void {
  const [start, end] = tlv(der, 0, 0, SEQUENCE)
  const [wrapped, wrappedEnd] = tlv(der, start, end, ...(isPrivate ? [2, SEQUENCE, 4] : [SEQUENCE, 3]))
  // A BIT STRING's first octet counts its unused bits (0 here).
  const [key, keyEnd] = tlv(der, wrapped + +!isPrivate, wrappedEnd, SEQUENCE)
  const [n, nEnd] = tlv(der, key, keyEnd, ...(isPrivate ? [2, 2] : [2]))
  const [e, eEnd] = tlv(der, nEnd, keyEnd, 2)
  assertRsaPublicValues(der.subarray(n, nEnd), der.subarray(e, eEnd))
}
