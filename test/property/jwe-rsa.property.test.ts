/**
 * fast-check over every RSA-OAEP alg × enc pair (RSA-OAEP, -256, -384, -512 × A*GCM, A*CBC-HS*):
 * round trips and mutation refusal in the compact, flattened and general serializations
 * (jwe-pair.ts). One 2048-bit recipient key pair for the file, imported once per alg (Web Crypto
 * binds the OAEP hash into the key).
 */
import { describe, it } from 'vitest'
import { importKey, type ContentEncryptionAlgorithm, type KeyManagementAlgorithm } from '../../src/index.ts'
import { namedKey } from '../helpers/keys.ts'
import { assertMutationsRefused, assertRoundTrips, type PairKeys } from './jwe-pair.ts'

const ALGS: readonly KeyManagementAlgorithm[] = ['RSA-OAEP', 'RSA-OAEP-256', 'RSA-OAEP-384', 'RSA-OAEP-512']
const ENCS: readonly ContentEncryptionAlgorithm[] = ['A128GCM', 'A192GCM', 'A256GCM', 'A128CBC-HS256', 'A192CBC-HS384', 'A256CBC-HS512']
const recipient = namedKey('recipient')

describe.each(ALGS)('%s', (alg) => {
  const keys: Promise<PairKeys> = Promise.all([importKey(recipient.publicPem, alg), importKey(recipient.privatePem, alg)]).then(([encrypt, decrypt]) => ({ encrypt, decrypt }))
  for (const enc of ENCS) {
    it(`${alg} + ${enc}: round trips; every mutation refused`, async () => {
      await assertRoundTrips(alg, enc, await keys, 3)
      await assertMutationsRefused(alg, enc, await keys, 6)
    })
  }
})
