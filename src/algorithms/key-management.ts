import { isRegisteredAlg } from './names.ts'
import type { KeyManagementFamily, KeyWrapFamily } from './key-management/family.ts'
import { rsaOaep, type RsaOaepAlgorithm } from './key-management/rsa-oaep.ts'
import type { AesKwAlgorithm } from './key-management/aes-kw.ts'
import type { AesGcmKwAlgorithm } from './key-management/aes-gcm-kw.ts'
import type { Pbes2Algorithm } from './key-management/pbes2.ts'
import type { EcdhEsAlgorithm } from './key-management/ecdh-es.ts'

export type { KeyManagementFamily, KeyWrapFamily } from './key-management/family.ts'
export { RSA_OAEP_SPECS as KEY_MANAGEMENT_ALGORITHMS } from './key-management/rsa-oaep.ts'

/** Every JWE "alg" this library implements (RFC 7518 §4). RSA1_5 has no Web Crypto primitive (README). */
export type KeyManagementAlgorithm = RsaOaepAlgorithm | 'dir' | AesKwAlgorithm | AesGcmKwAlgorithm | Pbes2Algorithm | EcdhEsAlgorithm

/** The implemented registered names: RSA-OAEP*, dir, A*KW, A*GCMKW, PBES2-*, ECDH-ES*. */
const IMPLEMENTED = /^(?:RSA-|dir|A\d|PB|EC)/

export function isKeyManagementAlgorithm(alg: unknown): alg is KeyManagementAlgorithm {
  return isRegisteredAlg(alg) && IMPLEMENTED.test(alg)
}

/**
 * The family of each "alg". RSA-OAEP, the resource-server path, is in every bundle; every other
 * family is reached through one lazily loaded table (key-management/symmetric.ts): the shared-key
 * families ("dir", A*KW, A*GCMKW, PBES2) are in that module, ECDH-ES is a module of its own that
 * the table loads (docs/algorithms.md). A third branch here would cost every bundle its import() glue.
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
