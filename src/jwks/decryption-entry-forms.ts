import { isKeyManagementAlgorithm } from '../algorithms/key-management.ts'
import { contentSizes, isContentEncryptionAlgorithm } from '../algorithms/content-encryption.ts'
import type { KeySpec } from '../algorithms/key-spec.ts'
import { assertKey, checkJwk } from '../keys/jwk.ts'
import { keyTypeOf, sec1KeyType } from '../keys/key-algorithm-id.ts'
import { decode } from '../encoding/base64url.ts'
import type { KeyShape } from './decryption-entry.ts'

/** The key type an "alg" needs: RSA for RSA-OAEP*, EC (or OKP) for ECDH-ES*, a secret for the others. */
export const ktyFor = (alg: string): KeyShape['kty'] => (alg[0] === 'R' ? 'RSA' : alg[0] === 'E' ? 'EC' : 'oct')

/**
 * The size in bytes of a secret for `alg`: the CEK of `enc` for "dir" (RFC 7518 §4.5; NaN for no
 * known enc), the AES key A*KW and A*GCMKW name (§4.4, §4.7); undefined for a PBES2 password,
 * which has any length.
 */
export function secretBytes(alg: string, enc: unknown): number | undefined {
  return alg === 'dir' ? (isContentEncryptionAlgorithm(enc) ? contentSizes(enc)[0] : NaN) : alg[0] === 'A' ? +alg.slice(1, 4) / 8 : undefined
}

const own = (object: object, name: string): unknown => (Object.hasOwn(object, name) ? (object as Record<string, unknown>)[name] : undefined)

/** The alg a JWK names when it is a JWE "alg" for its key type, else `fallback` (which checkJwk then finds in mismatch). */
function namedAlg(jwk: object, kty: KeyShape['kty'], fallback: string): string {
  const alg = own(jwk, 'alg')
  return isKeyManagementAlgorithm(alg) && ktyFor(alg) === kty ? alg : fallback
}

/**
 * What checkJwk holds a secret JWK to for decryption: "use" "enc", and "key_ops" (when present)
 * with a decrypting operation, beside "use" only JWE operations (RFC 7517 §4.2, §4.3). The key
 * is imported from its bytes, for each alg with that alg's own usages.
 */
const SECRET_FOR_DECRYPTION: KeySpec = {
  name: '',
  kty: 'oct',
  use: 'enc',
  privateUsages: ['encrypt', 'wrapKey'],
  publicUsages: ['decrypt', 'unwrapKey', 'deriveBits', 'deriveKey'],
}

/**
 * An oct JWK (RFC 7518 §6.4): its shape and its bytes. A JWK with "alg" serves that alg only, and
 * its "k" must be the size the alg names; one whose "alg" names an "enc" is a "dir" key for that
 * enc (RFC 7520 §5.6), of the enc's CEK size.
 */
export function readOctJwk(input: object): [KeyShape, Uint8Array] {
  const named = own(input, 'alg')
  const enc = isContentEncryptionAlgorithm(named) ? named : undefined
  const alg = enc ?? namedAlg(input, 'oct', 'dir')
  const [jwk] = checkJwk(input, alg, SECRET_FOR_DECRYPTION, false, [['k'], []])
  const bytes = decode(jwk.k!)
  const bound = named === undefined ? undefined : enc ? 'dir' : alg
  const size = bound === 'dir' && !enc ? undefined : bound && secretBytes(bound, enc)
  assertKey(size === undefined || bytes.length === size, `JWK "k" is not the size ${named} needs`)
  return [{ kty: 'oct', alg: bound, enc, bytes: bytes.length }, bytes]
}

/** The kty of each ECDH-ES curve and the bytes of its key members (RFC 7518 §6.2.1.2, §6.2.2.1; RFC 8037 §2). */
const ECDH_CURVES: Readonly<Record<string, readonly [kty: string, bytes: number]>> = {
  'P-256': ['EC', 32],
  'P-384': ['EC', 48],
  'P-521': ['EC', 66],
  X25519: ['OKP', 32],
  X448: ['OKP', 56],
}

/**
 * An EC or OKP JWK for ECDH-ES*: its shape and the checked JWK (its key members only), on a curve
 * ECDH-ES has, with "use" "enc" and "key_ops" allowing "deriveBits" when present (as importKey
 * holds it), each key member of its curve's full length (RFC 7518 §6.2, RFC 8037 §2). Private or
 * public: the caller refuses public ones.
 */
export function readEcJwk(input: object): [KeyShape, JsonWebKey] {
  const kty = own(input, 'kty') as 'EC' | 'OKP'
  const crv = own(input, 'crv') as string
  const alg = namedAlg(input, 'EC', 'ECDH-ES')
  // A curve ECDH-ES lacks (Ed25519, secp256k1) or of the other kty: checkJwk finds "crv" invalid.
  const curve = Object.hasOwn(ECDH_CURVES, crv) && ECDH_CURVES[crv]![0] === kty ? ECDH_CURVES[crv] : undefined
  const spec: KeySpec = { name: 'ECDH', kty, crv: curve ? crv : '', use: 'enc', privateUsages: ['deriveBits'], publicUsages: [] }
  const [jwk] = checkJwk(input, alg, spec, false, kty === 'EC' ? [['crv', 'x', 'y'], ['d']] : [['crv', 'x'], ['d']])
  for (const name of ['x', 'y', 'd'] as const) {
    assertKey(jwk[name] === undefined || decode(jwk[name]).length === curve![1], `JWK "${name}" invalid`)
  }
  return [{ kty: 'EC', alg: own(input, 'alg') === undefined ? undefined : alg, crv }, jwk]
}

/**
 * The shape of a private curve key in PKCS#8 or SEC1 (RFC 5915, which must name its curve): an
 * EC key of P-256/384/521 or an X25519/X448 key. An Ed25519 or Ed448 key signs, and is refused.
 */
export function readCurvePem(der: Uint8Array, isSec1: boolean): KeyShape {
  const [, crv] = isSec1 ? sec1KeyType(der) : keyTypeOf(der, true)
  assertKey(Object.hasOwn(ECDH_CURVES, crv), 'key is not for ECDH-ES')
  return { kty: 'EC', crv }
}
