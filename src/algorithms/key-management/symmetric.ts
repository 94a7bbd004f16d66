import type { KeyWrapFamily } from './family.ts'
import { direct } from './dir.ts'
import { aesKw } from './aes-kw.ts'
import { aesGcmKw } from './aes-gcm-kw.ts'
import { pbes2 } from './pbes2.ts'

/**
 * The families of the shared-key algorithms, by what follows "A128" (KW, GCMKW) or by the first
 * two characters ("dir", "PBES2-…"). One lazily loaded module for the four: the table in
 * ../key-management.ts then costs the resource-server bundle one entry, not four.
 */
const FAMILIES: Readonly<Record<string, KeyWrapFamily>> = { di: direct, KW: aesKw, GCMKW: aesGcmKw, PB: pbes2 }

/**
 * ECDH-ES ("E…") is a module of its own (Concat KDF, curve checks), loaded from here with its
 * first token or key: the up-front table in ../key-management.ts keeps a single lazy entry.
 */
export const family = (alg: string): KeyWrapFamily | Promise<KeyWrapFamily> =>
  alg[0] === 'E' ? import('./ecdh-es.ts').then((m) => m.ecdhEs) : FAMILIES[alg[0] === 'A' ? alg.slice(4) : alg.slice(0, 2)]!
