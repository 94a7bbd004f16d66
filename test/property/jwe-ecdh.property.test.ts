/**
 * fast-check over every ECDH-ES alg × enc pair on every curve this runtime's Web Crypto has
 * (P-256, P-384, P-521, X25519, X448; a curve it lacks is skipped with that reason): round trips
 * and mutation refusal in the compact, flattened and general serializations (jwe-pair.ts). One
 * recipient key pair per curve; few random runs per pair, since the pairs multiply and every
 * encryption makes an ephemeral key (P-521: milliseconds each).
 */
import { describe, it } from 'vitest'
import type { ContentEncryptionAlgorithm, KeyManagementAlgorithm } from '../../src/index.ts'
import { assertMutationsRefused, assertRoundTrips, type PairKeys } from './jwe-pair.ts'

const CURVES = ['P-256', 'P-384', 'P-521', 'X25519', 'X448'] as const
/** Random runs per pair (round trips, mutations per serialization): fewer on the curves whose operations take milliseconds. */
const RUNS: Record<(typeof CURVES)[number], readonly [roundTrips: number, mutations: number]> = {
  'P-256': [2, 4],
  'P-384': [1, 2],
  'P-521': [1, 2],
  X25519: [2, 4],
  X448: [2, 4],
}
const ALGS: readonly KeyManagementAlgorithm[] = ['ECDH-ES', 'ECDH-ES+A128KW', 'ECDH-ES+A192KW', 'ECDH-ES+A256KW']
const ENCS: readonly ContentEncryptionAlgorithm[] = ['A128GCM', 'A192GCM', 'A256GCM', 'A128CBC-HS256', 'A192CBC-HS384', 'A256CBC-HS512']
const params = (crv: string) => (crv.startsWith('P-') ? { name: 'ECDH', namedCurve: crv } : { name: crv })

/** Each curve's recipient pair (not extractable: nothing exports it), or undefined where the runtime lacks the curve. */
const pairs = Object.fromEntries(
  await Promise.all(
    CURVES.map(async (crv) => {
      const pair = await crypto.subtle.generateKey(params(crv), false, ['deriveBits']).then((made) => made as CryptoKeyPair, () => undefined)
      return [crv, pair && ({ encrypt: pair.publicKey, decrypt: pair.privateKey } satisfies PairKeys)] as const
    }),
  ),
)

describe.each(CURVES)('ECDH-ES on %s', (crv) => {
  const keys = pairs[crv]
  for (const alg of ALGS) {
    for (const enc of ENCS) {
      it.skipIf(keys === undefined)(`${alg} + ${enc}: round trips; every mutation refused${keys ? '' : ` (skipped: ${crv} not in this runtime's Web Crypto)`}`, async () => {
        await assertRoundTrips(alg, enc, keys!, RUNS[crv][0])
        await assertMutationsRefused(alg, enc, keys!, RUNS[crv][1])
      })
    }
  }
})
