import type { KeySpec } from './key-spec.ts'
import type { SignatureFamily } from './signature/family.ts'
import { rsaSignature, type RsaSignatureAlgorithm } from './signature/rsa.ts'
import type { HmacAlgorithm } from './signature/hmac.ts'
import type { MlDsaAlgorithm } from './signature/ml-dsa.ts'

export type { SignatureFamily } from './signature/family.ts'

/** Every JWS "alg" this library implements. */
export type SignatureAlgorithm = RsaSignatureAlgorithm | HmacAlgorithm | MlDsaAlgorithm

/** The implemented "alg" values: a registered name outside it is ERR_ALG_NOT_SUPPORTED. */
const SUPPORTED = /^(?:[RPH]S(?:256|384|512)|ML-DSA-(?:44|65|87))$/

export function isSignatureAlgorithm(alg: unknown): alg is SignatureAlgorithm {
  return typeof alg === 'string' && SUPPORTED.test(alg)
}

type Loader = () => Promise<SignatureFamily>

/**
 * The family of each "alg", by its first two characters. RSA, the resource-server path, is in
 * every bundle; the other families are modules loaded on first use, so an application pays in
 * bytes only for the families its allow-lists reach (docs/algorithms.md).
 */
const FAMILIES: Readonly<Record<string, SignatureFamily | Loader>> = {
  RS: rsaSignature,
  PS: rsaSignature,
  HS: () => import('./signature/hmac.ts').then((m) => m.hmacSignature),
  ML: () => import('./signature/ml-dsa.ts').then((m) => m.loadMlDsa()),
}

/** The family implementing `alg`, which isSignatureAlgorithm accepted. */
export function signatureFamily(alg: SignatureAlgorithm): SignatureFamily | Promise<SignatureFamily> {
  const entry = FAMILIES[alg.slice(0, 2)]!
  return typeof entry === 'function' ? entry() : entry
}

/** The key `alg` needs. */
export async function signatureKeySpec(alg: SignatureAlgorithm): Promise<KeySpec> {
  return (await signatureFamily(alg)).specs[alg]!
}
