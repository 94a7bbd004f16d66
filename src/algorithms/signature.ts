import type { KeySpec } from './key-spec.ts'
import type { SignatureFamily } from './signature/family.ts'
import { rsaSignature, type RsaSignatureAlgorithm } from './signature/rsa.ts'
import type { HmacAlgorithm } from './signature/hmac.ts'
import type { MlDsaAlgorithm } from './signature/ml-dsa.ts'
import type { EcSignatureAlgorithm } from './signature/ec.ts'
import type { OkpSignatureAlgorithm } from './signature/okp.ts'

export type { SignatureFamily } from './signature/family.ts'

/** Every JWS "alg" this library implements. */
export type SignatureAlgorithm = RsaSignatureAlgorithm | HmacAlgorithm | MlDsaAlgorithm | EcSignatureAlgorithm | OkpSignatureAlgorithm

/** The implemented "alg" values: a registered name outside it is ERR_ALG_NOT_SUPPORTED. */
const SUPPORTED = /^(?:[RPHE]S(?:256|384|512)|ML-DSA-(?:44|65|87)|Ed(?:DSA|25519|448))$/

export function isSignatureAlgorithm(alg: unknown): alg is SignatureAlgorithm {
  return typeof alg === 'string' && SUPPORTED.test(alg)
}

/**
 * The family implementing `alg`, which isSignatureAlgorithm accepted. RSA (RS*, PS*), the
 * resource-server path, is in every bundle. Every other family is reached through one import()
 * of signature/lazy-families.ts, whose table loads each family's own module on first use: an
 * application pays in bytes only for the families its allow-lists reach, and a family that is
 * added costs the up-front bytes nothing (docs/algorithms.md).
 */
export function signatureFamily(alg: SignatureAlgorithm): SignatureFamily | Promise<SignatureFamily> {
  return /^[RP]/.test(alg) ? rsaSignature : import('./signature/lazy-families.ts').then((m) => m.loadFamily(alg))
}

/** The key `alg` needs. */
export async function signatureKeySpec(alg: SignatureAlgorithm): Promise<KeySpec> {
  return (await signatureFamily(alg)).specs[alg]!
}
