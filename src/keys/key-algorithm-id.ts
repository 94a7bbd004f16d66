import { assertKey } from './jwk.ts'
import { SEQUENCE, tlv } from './der.ts'
import { encode } from './der-convert.ts'

/**
 * The AlgorithmIdentifier (RFC 5280 §4.1.1.2) of each EC, OKP and AKP key, as hex of its
 * contents, and the JWK "kty" and "crv" it stands for (for AKP, the "alg" the key is for):
 * id-ecPublicKey with a named curve (RFC 5480 §2.1.1, parameters required), the RFC 8410 §3 OIDs
 * and the ML-DSA ones (RFC 9881 §2), whose parameters must be absent. X25519 and X448 are ECDH-ES
 * keys (RFC 8037 §3.2).
 */
const EC_PUBLIC_KEY = '06072a8648ce3d0201'
const KEY_TYPES: Readonly<Record<string, readonly [kty: 'EC' | 'OKP' | 'AKP', crv: string]>> = {
  [`${EC_PUBLIC_KEY}06082a8648ce3d030107`]: ['EC', 'P-256'],
  [`${EC_PUBLIC_KEY}06052b81040022`]: ['EC', 'P-384'],
  [`${EC_PUBLIC_KEY}06052b81040023`]: ['EC', 'P-521'],
  '06032b6570': ['OKP', 'Ed25519'],
  '06032b6571': ['OKP', 'Ed448'],
  '06032b656e': ['OKP', 'X25519'],
  '06032b656f': ['OKP', 'X448'],
  // id-ml-dsa-44, -65, -87: 2.16.840.1.101.3.4.3.17 to .19.
  '0609608648016503040311': ['AKP', 'ML-DSA-44'],
  '0609608648016503040312': ['AKP', 'ML-DSA-65'],
  '0609608648016503040313': ['AKP', 'ML-DSA-87'],
}

const hex = (bytes: Uint8Array): string => Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
const bytes = (text: string): number[] => text.match(/../g)!.map((pair) => parseInt(pair, 16))

/** The "kty" and "crv" of an AlgorithmIdentifier's contents (hex); ERR_KEY_INVALID for one not listed. */
function keyTypeOfAlgorithm(algorithm: string): readonly [string, string] {
  const type = KEY_TYPES[algorithm]
  assertKey(type, 'unsupported key algorithm')
  return type
}

/**
 * The "kty" and "crv" (AKP: "alg") of a PKCS#8 (RFC 5958 §2) or SPKI (RFC 5280 §4.1.2.7) key,
 * read from its AlgorithmIdentifier; ERR_KEY_INVALID for any other algorithm (an RSA key included).
 */
export function keyTypeOf(der: Uint8Array, isPrivate: boolean): readonly [string, string] {
  const [start, end] = tlv(der, 0, 0, SEQUENCE)
  // PKCS#8 has a version INTEGER first.
  const [algorithm, algorithmEnd] = tlv(der, start, end, ...(isPrivate ? [2, SEQUENCE] : [SEQUENCE]))
  return keyTypeOfAlgorithm(hex(der.subarray(algorithm, algorithmEnd)))
}

/**
 * The curve parameters (hex) of a SEC1 ECPrivateKey (RFC 5915 §3): its own, or `crv`'s when it
 * has none. The key must be one SEQUENCE starting with version 1 and its private key OCTET
 * STRING; Web Crypto parses the rest.
 */
function sec1Parameters(sec1: Uint8Array, crv: string | undefined): string {
  const [start, end] = tlv(sec1, 0, 0, SEQUENCE)
  assertKey(String(sec1.subarray(start, start + 3)) === '2,1,1', 'DER: malformed')
  const keyEnd = tlv(sec1, start + 3, end, 4)[1]
  const named = Object.keys(KEY_TYPES).find((id) => id.startsWith(EC_PUBLIC_KEY) && KEY_TYPES[id]![1] === crv)
  const parameters = sec1[keyEnd] === 0xa0 ? hex(sec1.subarray(...tlv(sec1, keyEnd, end, 0xa0))) : named?.slice(EC_PUBLIC_KEY.length)
  assertKey(parameters, 'SEC1 key names no curve')
  return parameters
}

/** The "kty" ("EC") and "crv" of a SEC1 key that names its curve (decryption key sets select by it). */
export const sec1KeyType = (sec1: Uint8Array): readonly [string, string] => keyTypeOfAlgorithm(EC_PUBLIC_KEY + sec1Parameters(sec1, undefined))

/**
 * SEC1 ECPrivateKey → PKCS#8 (RFC 5958 §2) with id-ecPublicKey and the curve named by the key's
 * own parameters, or `crv` when it has none. A curve other than the alg's is refused by
 * keyTypeOf, like any PKCS#8 key of the wrong curve.
 */
export function wrapSec1(sec1: Uint8Array, crv: string | undefined): Uint8Array {
  return encode(SEQUENCE, [2, 1, 0], encode(SEQUENCE, bytes(EC_PUBLIC_KEY + sec1Parameters(sec1, crv))), encode(4, sec1))
}
