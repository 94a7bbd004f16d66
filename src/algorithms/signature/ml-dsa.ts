import { algNotSupported } from '../../errors.ts'
import type { KeySpec } from '../key-spec.ts'
import type { SignatureFamily } from './family.ts'

/** RFC 9964: ML-DSA (FIPS 204) for JOSE, with "AKP" keys that name their algorithm. */
export type MlDsaAlgorithm = 'ML-DSA-44' | 'ML-DSA-65' | 'ML-DSA-87'

const SIGN: readonly KeyUsage[] = ['sign']
const VERIFY: readonly KeyUsage[] = ['verify']

const importer = () => import('../../keys/import-akp.ts')

// The JOSE name is the Web Crypto name.
const spec = (name: MlDsaAlgorithm): KeySpec => ({ name, kty: 'AKP', use: 'sig', privateUsages: SIGN, publicUsages: VERIFY, importer })

export const ML_DSA_SPECS: Readonly<Record<MlDsaAlgorithm, KeySpec>> = {
  'ML-DSA-44': spec('ML-DSA-44'),
  'ML-DSA-65': spec('ML-DSA-65'),
  'ML-DSA-87': spec('ML-DSA-87'),
}

const mlDsaSignature: SignatureFamily = {
  specs: ML_DSA_SPECS,
  sign: async (alg, key, data) => new Uint8Array(await crypto.subtle.sign(alg, key, data as BufferSource)),
  verify: (alg, key, signature, data) => crypto.subtle.verify(alg, key, signature as BufferSource, data as BufferSource).catch(() => false),
}

let supported: Promise<boolean> | undefined

/**
 * Whether this runtime's Web Crypto has ML-DSA (Deno, Bun and Chromium do, Node 20 does not),
 * found once by generating a key: a name Web Crypto lacks fails there, so every use of the family
 * (sign, verify, import, generate) fails early with ERR_ALG_NOT_SUPPORTED, never a DOMException.
 */
export function supportsMlDsa(): Promise<boolean> {
  supported ??= crypto.subtle.generateKey('ML-DSA-44', false, ['sign', 'verify']).then(
    () => true,
    () => false,
  )
  return supported
}

/** The family, or ERR_ALG_NOT_SUPPORTED where Web Crypto lacks ML-DSA. */
export async function loadMlDsa(): Promise<SignatureFamily> {
  if (!(await supportsMlDsa())) throw algNotSupported('ML-DSA is not available in this runtime\'s Web Crypto')
  return mlDsaSignature
}
