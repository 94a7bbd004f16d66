/** fast-check: for every ECDSA/EdDSA alg, sign → verify round-trips and any single-byte change is refused. */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { compactSign, compactVerify, importKey, JoseError, type SignatureAlgorithm } from '../../src/index.ts'
import { generateCurveKey, type CurveAlgorithm } from '../helpers/keys.ts'

const ALGS: CurveAlgorithm[] = ['ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519', 'Ed448']

describe.each(ALGS)('%s', (alg) => {
  const key = generateCurveKey(alg)
  const pair = Promise.all([importKey(key.privatePem, alg), importKey(key.publicPem, alg)])
  const options = { algorithms: [alg as SignatureAlgorithm] }

  it('sign → verify round-trips any payload; any single-byte change of the token is refused with a JoseError', async () => {
    const [privateKey, publicKey] = await pair
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 64 }), fc.nat(), fc.integer({ min: 1, max: 127 }), async (payload, at, delta) => {
        const jws = await compactSign(payload, privateKey, { alg: alg as SignatureAlgorithm })
        expect((await compactVerify(jws, publicKey, options)).payload).toEqual(payload)
        const index = at % jws.length
        // delta < 128: the character always changes.
        const mutated = jws.slice(0, index) + String.fromCharCode((jws.charCodeAt(index) + delta) % 128) + jws.slice(index + 1)
        const outcome = await compactVerify(mutated, publicKey, options).then(
          () => 'verified',
          (error: unknown) => error,
        )
        // A change of base64url padding bits would decode to the same bytes: strict base64url refuses it too.
        expect(outcome).toBeInstanceOf(JoseError)
      }),
      { numRuns: 60 },
    )
  })
})
