import type { Hash, KeySpec } from '../key-spec.ts'
import type { SignatureFamily } from './family.ts'
import { importEcOkp as importer } from '../ec-okp-importer.ts'

/** RFC 7518 §3.4: ECDSA on P-256, P-384 and P-521. */
export type EcSignatureAlgorithm = 'ES256' | 'ES384' | 'ES512'

interface EcSignatureSpec extends KeySpec {
  readonly namedCurve: string
  readonly crv: string
}

const SIGN: readonly KeyUsage[] = ['sign']
const VERIFY: readonly KeyUsage[] = ['verify']

// The spec carries no hash: Web Crypto binds an ECDSA key to its curve only, and assertKeyFor
// compares key.algorithm.hash (absent for ECDSA keys) with spec.hash.
const spec = (crv: string): EcSignatureSpec => ({
  name: 'ECDSA',
  namedCurve: crv,
  kty: 'EC',
  crv,
  use: 'sig',
  privateUsages: SIGN,
  publicUsages: VERIFY,
  importer,
})

export const EC_SIGNATURE_SPECS: Readonly<Record<EcSignatureAlgorithm, EcSignatureSpec>> = {
  ES256: spec('P-256'),
  ES384: spec('P-384'),
  ES512: spec('P-521'),
}

/** RFC 7518 §3.4: the hash of each alg, given to Web Crypto at sign and verify time. */
const HASHES: Readonly<Record<EcSignatureAlgorithm, Hash>> = { ES256: 'SHA-256', ES384: 'SHA-384', ES512: 'SHA-512' }

/** The order n of each curve's base point (SEC 2 §2.4.2, §2.5.1, §2.6.1; FIPS 186-5 / SP 800-186 §3.2.1). */
export const CURVE_ORDERS: Readonly<Record<string, bigint>> = {
  'P-256': 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
  'P-384': 0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n,
  'P-521':
    0x01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409n,
}

/** The bytes of each of R and S (RFC 7518 §3.4): the size of n, rounded up to whole bytes. */
const SCALAR_BYTES: Readonly<Record<string, number>> = { 'P-256': 32, 'P-384': 48, 'P-521': 66 }

const toBigInt = (bytes: Uint8Array): bigint => bytes.reduce((value, byte) => (value << 8n) | BigInt(byte), 0n)

/**
 * RFC 7518 §3.4: a JWS ECDSA signature is R‖S, each exactly as long as the curve order, and
 * FIPS 186-5 §6.4.2 requires 0 < r, s < n. Checked here, before Web Crypto, so that a runtime
 * that skips the range check (CVE-2022-21449: r = s = 0 verified everything) is never reached
 * with such a signature. A DER (ASN.1) signature, what OpenSSL emits, is refused by its length.
 */
export function isWellFormedSignature(crv: string, signature: Uint8Array): boolean {
  const size = SCALAR_BYTES[crv]!
  const n = CURVE_ORDERS[crv]!
  if (signature.length !== 2 * size) return false
  const r = toBigInt(signature.subarray(0, size))
  const s = toBigInt(signature.subarray(size))
  return r > 0n && r < n && s > 0n && s < n
}

const params = (alg: string): EcdsaParams => ({ name: 'ECDSA', hash: HASHES[alg as EcSignatureAlgorithm] })

export const specs = EC_SIGNATURE_SPECS

export const verify: SignatureFamily['verify'] = async (alg, key, signature, data) =>
    isWellFormedSignature(EC_SIGNATURE_SPECS[alg as EcSignatureAlgorithm].crv, signature) &&
  crypto.subtle.verify(params(alg), key, signature as BufferSource, data as BufferSource).catch(() => false)

// Web Crypto's ECDSA signature is already R‖S (Web Crypto §23.4), the JWS form.
export const sign: SignatureFamily['sign'] = async (alg, key, data) =>
  new Uint8Array(await crypto.subtle.sign(params(alg), key, data as BufferSource))
