import type { KeySpec } from '../key-spec.ts'
import type { SignatureFamily } from './family.ts'
import { assertSupported } from './support.ts'
import { importEcOkp as importer } from '../ec-okp-importer.ts'

/**
 * RFC 8037 §3.1 "EdDSA" (the curve is the key's) and RFC 9864 §2 "Ed25519" and "Ed448" (the
 * curve is the alg's).
 */
export type OkpSignatureAlgorithm = 'EdDSA' | 'Ed25519' | 'Ed448'

const SIGN: readonly KeyUsage[] = ['sign']
const VERIFY: readonly KeyUsage[] = ['verify']

const spec = (crv: 'Ed25519' | 'Ed448', or?: KeySpec): KeySpec => ({
  name: crv,
  kty: 'OKP',
  crv,
  use: 'sig',
  privateUsages: SIGN,
  publicUsages: VERIFY,
  importer,
  ...(or && { or }),
})

const ED448 = spec('Ed448')
const ED25519 = spec('Ed25519')

/**
 * "EdDSA" names no curve (RFC 8037 §3.1): its spec is Ed25519's, the curve nearly every EdDSA
 * key has, with Ed448 as the alternative (`or`) that an Ed448 key (JWK "crv", PEM OID, or
 * CryptoKey) selects. RFC 9864 deprecates "EdDSA" for this ambiguity; "Ed25519" and "Ed448"
 * each accept only their own curve.
 */
export const OKP_SIGNATURE_SPECS: Readonly<Record<OkpSignatureAlgorithm, KeySpec>> = {
  EdDSA: spec('Ed25519', ED448),
  Ed25519: ED25519,
  Ed448: ED448,
}

/** The key's own algorithm ("Ed25519" or "Ed448"): for EdDSA the key, not the alg, names the curve. */
const params = (key: CryptoKey): AlgorithmIdentifier => key.algorithm.name

export const okpSignature: SignatureFamily = {
  specs: OKP_SIGNATURE_SPECS,
  verify: (_alg, key, signature, data) =>
    crypto.subtle.verify(params(key), key, signature as BufferSource, data as BufferSource).catch(() => false),
  sign: async (_alg, key, data) => new Uint8Array(await crypto.subtle.sign(params(key), key, data as BufferSource)),
}

/**
 * The family, once this runtime is known to have `alg`'s curve (Ed448 is missing from Deno,
 * Bun and browsers): otherwise ERR_ALG_NOT_SUPPORTED, for signing, verifying and importing alike.
 */
export async function okpFamily(alg: string): Promise<SignatureFamily> {
  await assertSupported(alg, OKP_SIGNATURE_SPECS[alg as OkpSignatureAlgorithm])
  return okpSignature
}
