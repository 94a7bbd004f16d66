import { isRegisteredAlg } from './names.ts'
import type { KeyManagementFamily, KeyWrapFamily } from './key-management/family.ts'
import { rsaOaep, type RsaOaepAlgorithm } from './key-management/rsa-oaep.ts'
import type { AesKwAlgorithm } from './key-management/aes-kw.ts'
import type { AesGcmKwAlgorithm } from './key-management/aes-gcm-kw.ts'
import type { Pbes2Algorithm } from './key-management/pbes2.ts'

export type { KeyManagementFamily, KeyWrapFamily } from './key-management/family.ts'
export { RSA_OAEP_SPECS as KEY_MANAGEMENT_ALGORITHMS } from './key-management/rsa-oaep.ts'

/** Every JWE "alg" this library implements (RFC 7518 §4). RSA1_5 has no Web Crypto primitive (README). */
export type KeyManagementAlgorithm = RsaOaepAlgorithm | 'dir' | AesKwAlgorithm | AesGcmKwAlgorithm | Pbes2Algorithm

/** The implemented registered names: RSA-OAEP*, dir, A*KW, A*GCMKW, PBES2-*. ECDH-ES ("EC") is not yet. */
const IMPLEMENTED = /^(?:RSA-|dir|A\d|PB)/

export function isKeyManagementAlgorithm(alg: unknown): alg is KeyManagementAlgorithm {
  return isRegisteredAlg(alg) && IMPLEMENTED.test(alg)
}

/**
 * The family of each "alg". RSA-OAEP, the resource-server path, is in every bundle; the
 * shared-key families ("dir", A*KW, A*GCMKW, PBES2) are one module loaded on first use
 * (docs/algorithms.md). ECDH-ES (alg "E…") will be a third branch, a module of its own.
 */
export function keyManagementFamily(alg: KeyManagementAlgorithm): KeyManagementFamily | Promise<KeyManagementFamily> {
  return alg[0] === 'R' ? rsaOaep : import('./key-management/symmetric.ts').then((m) => m.family(alg))
}

/** The family of `alg` with its encryption half, loaded with the first token encrypted. */
export function keyWrapFamily(alg: KeyManagementAlgorithm): Promise<KeyWrapFamily> {
  return alg[0] === 'R'
    ? import('./key-management/rsa-oaep-wrap.ts').then((m) => m.rsaOaepWrap)
    : import('./key-management/symmetric.ts').then((m) => m.family(alg))
}
