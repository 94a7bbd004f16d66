import { JoseError } from '../errors.ts'
import { concatBytes } from '../encoding/bytes.ts'

/**
 * Just enough DER (X.690 §10) to route RSA keys to Web Crypto: read a few structures,
 * build two wrappers. Web Crypto parses the key itself; this code only has to be
 * bounds-checked and to refuse anything that is not definite-length DER.
 */

export const INTEGER = 0x02
export const BIT_STRING = 0x03
export const OCTET_STRING = 0x04
export const OBJECT_IDENTIFIER = 0x06
export const SEQUENCE = 0x30
/** [0] EXPLICIT, constructed, as used for the X.509 version (RFC 5280 §4.1). */
export const CONTEXT_0 = 0xa0

/** rsaEncryption, 1.2.840.113549.1.1.1 (RFC 8017 appendix A.1), as OID contents octets. */
const RSA_ENCRYPTION = /* @__PURE__ */ Uint8Array.of(0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01)

export interface DerElement {
  readonly tag: number
  /** Contents octets. */
  readonly value: Uint8Array
  /** The whole tag-length-value encoding. */
  readonly tlv: Uint8Array
}

/** Reads consecutive elements from `bytes`; every read stays inside `bytes`. */
export class DerReader {
  readonly #bytes: Uint8Array
  #offset = 0

  constructor(bytes: Uint8Array) {
    this.#bytes = bytes
  }

  peekTag(): number | undefined {
    return this.#bytes[this.#offset]
  }

  read(tag: number, what: string): DerElement {
    const bytes = this.#bytes
    const start = this.#offset
    if (start + 2 > bytes.length) throw malformed(`${what} is truncated`)
    const actual = bytes[start]!
    if (actual !== tag) throw malformed(`${what} has an unexpected tag`)
    const first = bytes[start + 1]!
    let pos = start + 2
    let length = first
    if (first === 0x80) throw malformed('indefinite lengths are not DER')
    if (first > 0x80) {
      const count = first & 0x7f
      if (count > 4) throw malformed(`${what} is too long`)
      if (pos + count > bytes.length) throw malformed(`${what} is truncated`)
      // X.690 §10.1: the shortest length encoding only.
      if (bytes[pos] === 0) throw malformed(`${what} has a non-minimal length`)
      length = 0
      for (let i = 0; i < count; i++) length = length * 256 + bytes[pos + i]!
      if (length < 0x80) throw malformed(`${what} has a non-minimal length`)
      pos += count
    }
    if (length > bytes.length - pos) throw malformed(`${what} runs past the end of its container`)
    this.#offset = pos + length
    return { tag: actual, value: bytes.subarray(pos, pos + length), tlv: bytes.subarray(start, pos + length) }
  }

  /** Refuses trailing bytes, so one DER value has exactly one accepted encoding. */
  end(what: string): void {
    if (this.#offset !== this.#bytes.length) throw malformed(`unexpected data after ${what}`)
  }
}

/** A reader over the contents of `bytes`, which must be exactly one SEQUENCE. */
export function readSequence(bytes: Uint8Array, what: string): DerReader {
  const outer = new DerReader(bytes)
  const { value } = outer.read(SEQUENCE, what)
  outer.end(what)
  return new DerReader(value)
}

/**
 * PKCS#1 RSAPrivateKey (RFC 8017 appendix A.1.2) → PKCS#8 PrivateKeyInfo (RFC 5208 §5),
 * the only private-key format Web Crypto imports.
 */
export function rsaPrivateKeyToPkcs8(pkcs1: Uint8Array): Uint8Array {
  const key = readSequence(pkcs1, 'RSAPrivateKey')
  const version = key.read(INTEGER, 'RSAPrivateKey version').value
  // Version 1 is multi-prime (RFC 8017 A.1.2), which Web Crypto does not import.
  if (version.length !== 1 || version[0] !== 0) throw malformed('only two-prime RSAPrivateKey (version 0) is supported')
  return encode(SEQUENCE, Uint8Array.of(INTEGER, 1, 0), rsaAlgorithmIdentifier(), encode(OCTET_STRING, pkcs1))
}

/** PKCS#1 RSAPublicKey (RFC 8017 appendix A.1.1) → SubjectPublicKeyInfo (RFC 5280 §4.1.2.7). */
export function rsaPublicKeyToSpki(pkcs1: Uint8Array): Uint8Array {
  const key = readSequence(pkcs1, 'RSAPublicKey')
  key.read(INTEGER, 'RSAPublicKey modulus')
  key.read(INTEGER, 'RSAPublicKey publicExponent')
  key.end('RSAPublicKey')
  // The BIT STRING's first contents octet counts unused bits: none.
  return encode(SEQUENCE, rsaAlgorithmIdentifier(), encode(BIT_STRING, Uint8Array.of(0), pkcs1))
}

/**
 * The subjectPublicKeyInfo TLV of an X.509 certificate (RFC 5280 §4.1).
 * The certificate is only a container here: its signature, validity and chain are not checked.
 */
export function certificateSpki(certificate: Uint8Array): Uint8Array {
  const cert = readSequence(certificate, 'Certificate')
  const tbs = new DerReader(cert.read(SEQUENCE, 'tbsCertificate').value)
  cert.read(SEQUENCE, 'Certificate signatureAlgorithm')
  cert.read(BIT_STRING, 'Certificate signatureValue')
  cert.end('Certificate')
  if (tbs.peekTag() === CONTEXT_0) tbs.read(CONTEXT_0, 'tbsCertificate version')
  tbs.read(INTEGER, 'tbsCertificate serialNumber')
  tbs.read(SEQUENCE, 'tbsCertificate signature')
  tbs.read(SEQUENCE, 'tbsCertificate issuer')
  tbs.read(SEQUENCE, 'tbsCertificate validity')
  tbs.read(SEQUENCE, 'tbsCertificate subject')
  return tbs.read(SEQUENCE, 'subjectPublicKeyInfo').tlv
}

/**
 * Refuses an SPKI or PKCS#8 key whose AlgorithmIdentifier is not rsaEncryption, so an EC,
 * Ed25519 or id-RSASSA-PSS key gets a clear message instead of an opaque Web Crypto DataError.
 */
export function assertRsaEncryption(der: Uint8Array, format: 'spki' | 'pkcs8'): void {
  const key = readSequence(der, format === 'spki' ? 'SubjectPublicKeyInfo' : 'PrivateKeyInfo')
  if (format === 'pkcs8') key.read(INTEGER, 'PrivateKeyInfo version')
  const algorithm = new DerReader(key.read(SEQUENCE, 'AlgorithmIdentifier').value)
  const oid = algorithm.read(OBJECT_IDENTIFIER, 'AlgorithmIdentifier algorithm').value
  if (!sameBytes(oid, RSA_ENCRYPTION)) {
    const dotted = oidToString(oid)
    throw new JoseError(
      'ERR_KEY_INVALID',
      `not an RSA key: ${dotted === undefined ? 'its algorithm' : `algorithm ${dotted}`} is not rsaEncryption (1.2.840.113549.1.1.1)`,
    )
  }
}

function rsaAlgorithmIdentifier(): Uint8Array {
  // RFC 8017 appendix A.1: the parameters of rsaEncryption are NULL.
  return encode(SEQUENCE, encode(OBJECT_IDENTIFIER, RSA_ENCRYPTION), Uint8Array.of(0x05, 0x00))
}

/** A TLV with a minimal definite length (X.690 §8.1.3: long form from 128 on). */
export function encode(tag: number, ...parts: Uint8Array[]): Uint8Array {
  let length = 0
  for (const part of parts) length += part.length
  const header = [tag]
  if (length < 0x80) {
    header.push(length)
  } else {
    const octets: number[] = []
    for (let n = length; n > 0; n = Math.floor(n / 256)) octets.unshift(n % 256)
    header.push(0x80 | octets.length, ...octets)
  }
  return concatBytes(Uint8Array.from(header), ...parts)
}

/** Dotted form for the error message, or undefined for an OID not worth printing. */
function oidToString(oid: Uint8Array): string | undefined {
  if (oid.length === 0 || oid.length > 32 || oid[oid.length - 1]! & 0x80) return undefined
  const arcs: number[] = []
  let arc = 0
  for (const byte of oid) {
    if (arc > 0xffffffff) return undefined
    arc = arc * 128 + (byte & 0x7f)
    if ((byte & 0x80) === 0) {
      arcs.push(arc)
      arc = 0
    }
  }
  const first = arcs.shift()!
  return [first < 80 ? Math.floor(first / 40) : 2, first < 80 ? first % 40 : first - 80, ...arcs].join('.')
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

function malformed(reason: string): JoseError {
  return new JoseError('ERR_KEY_INVALID', `malformed DER: ${reason}`)
}
