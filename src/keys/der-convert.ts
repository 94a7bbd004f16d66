import { assertKey } from './jwk.ts'
import { RSA_ALGORITHM, SEQUENCE, tlv } from './der.ts'

/**
 * The DER conversions of the PEM forms Web Crypto cannot import as they are: PKCS#1 keys and
 * X.509 certificates. A module of its own, loaded with the first such PEM: PKCS#8, SPKI and JWK
 * keys never need it.
 */

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

