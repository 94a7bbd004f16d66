import type { SignatureFamily } from './family.ts'

/** Loads a family; it may refuse (ERR_ALG_NOT_SUPPORTED) an alg this runtime lacks. */
type Loader = (alg: string) => Promise<SignatureFamily>

/**
 * The families outside the up-front bundle, by the first two characters of their "alg": each
 * is its own module, loaded the first time a token, a key or a generation reaches it.
 */
const FAMILIES: Readonly<Record<string, Loader>> = {
  HS: () => import('./hmac.ts').then((m) => m.hmacSignature),
  ML: () => import('./ml-dsa.ts').then((m) => m.loadMlDsa()),
  // A family module's exports are the family: { specs, sign, verify }.
  ES: () => import('./ec.ts'),
  Ed: (alg) => import('./okp.ts').then((m) => m.okpFamily(alg)),
}

/** The family of `alg`, a supported alg that is not RSA's (../signature.ts has RSA up front). */
export const loadFamily = (alg: string): Promise<SignatureFamily> => FAMILIES[alg.slice(0, 2)]!(alg)
