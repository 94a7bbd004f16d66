/**
 * python3-jwcrypto's refusal of RSA-OAEP-384 and RSA-OAEP-512, both ways: jwcrypto 1.1 (Debian 12)
 * does not implement them ("RSA-OAEP-384 is not a valid Key Management algorithm name"), so the
 * jwcrypto interop matrix leaves them out; jose.test.ts covers them.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { compactEncrypt } from '../../src/index.ts'
import type { KeyManagementAlgorithm } from '../../src/algorithms/key-management.ts'
import { jwcryptoSession } from '../helpers/jwcrypto-batch.ts'
import { requireJwcrypto } from './jwcrypto-availability.ts'
import { PLAINTEXT, webjoseKey } from './support.ts'

const unavailable = requireJwcrypto()

/** The key management algorithms jwcrypto 1.1 (Debian 12) does not implement, which jose.test.ts covers instead. */
const UNSUPPORTED_BY_JWCRYPTO: readonly KeyManagementAlgorithm[] = ['RSA-OAEP-384', 'RSA-OAEP-512']

describe.runIf(unavailable === undefined)('python3-jwcrypto', () => {
  const { recipient, batch } = jwcryptoSession()
  const made = UNSUPPORTED_BY_JWCRYPTO.map((alg) =>
    batch.add({ op: 'encrypt', key: 'recipient', header: { alg, enc: 'A256GCM' }, plaintext: PLAINTEXT }),
  )
  const read: number[] = []

  beforeAll(async () => {
    for (const alg of UNSUPPORTED_BY_JWCRYPTO) {
      const token = await compactEncrypt(PLAINTEXT, await webjoseKey(recipient.publicPem, alg), { alg, enc: 'A256GCM' })
      read.push(batch.add({ op: 'decrypt', key: 'recipient', token, algs: [alg, 'A256GCM'] }))
    }
    await batch.run()
  })

  // Evidence for leaving RSA-OAEP-384/512 out of the jwcrypto matrix (jose.test.ts covers them).
  it.each(UNSUPPORTED_BY_JWCRYPTO.map((alg, index) => ({ alg, index })))(
    'jwcrypto implements no $alg: it refuses to make or read one',
    ({ alg, index }) => {
      const refusal = `Invalid JWA Algorithm name (${alg} is not a valid Key Management algorithm name)`
      expect(batch.version).toMatch(/^\d+\.\d+/)
      expect(batch.error(made[index]!)).toEqual({ error: 'InvalidJWAAlgorithm', message: refusal })
      // Reading, jwcrypto wraps the same refusal in InvalidJWEData.
      expect(batch.error(read[index]!)).toEqual({ error: 'InvalidJWEData', message: expect.stringContaining(refusal) })
    },
  )
})
