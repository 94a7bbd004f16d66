/** python3-jwcrypto's tokens read by webjose: every JWE alg × enc jwcrypto implements, every RSA JWS alg (JWS and JWT), the Auth0 token, tampered ones refused. */
import { beforeAll, describe, expect, it } from 'vitest'
import { compactDecrypt, compactVerify, decryptAndVerifyJwt, jwtVerify } from '../../src/index.ts'
import { expectJoseError } from '../helpers/expect-jose.ts'
import { jwcryptoSession } from '../helpers/jwcrypto-batch.ts'
import { requireJwcrypto } from './jwcrypto-availability.ts'
import { AUDIENCE, AUTH0_JWE_HEADER, AUTH0_JWS_HEADER, ISSUER, PLAINTEXT, SIGNATURE_ALGS, auth0Options, flipBit, jwtOptions, text, webjoseKey } from './support.ts'

const unavailable = requireJwcrypto()

describe.runIf(unavailable === undefined)('python3-jwcrypto', () => {
  const { recipient, signer, batch, jweCases, claims } = jwcryptoSession()

  // jwcrypto → webjose: the ops making jwcrypto's tokens, queued now.
  const made = {
    jwe: jweCases.map(({ alg, enc }) =>
      batch.add({ op: 'encrypt', key: 'recipient', header: { alg, enc, kid: 'enc-1' }, plaintext: PLAINTEXT }),
    ),
    jws: SIGNATURE_ALGS.map((alg) => batch.add({ op: 'sign', key: 'signer', header: { alg, kid: 'sig-1' }, payload: PLAINTEXT })),
    jwt: SIGNATURE_ALGS.map((alg) => batch.add({ op: 'jwt_sign', key: 'signer', header: { alg, typ: 'JWT', kid: 'sig-1' }, claims })),
    nested: batch.add({
      op: 'nest',
      signKey: 'signer',
      encryptKey: 'recipient',
      claims,
      signHeader: { ...AUTH0_JWS_HEADER },
      encryptHeader: { ...AUTH0_JWE_HEADER },
    }),
  }

  beforeAll(async () => {
    await batch.run()
  })

  describe('jwcrypto → webjose', () => {
    it.each(jweCases.map((jweCase, index) => ({ ...jweCase, index })))(
      'compactDecrypt reads a jwcrypto JWE with $alg / $enc',
      async ({ alg, enc, index }) => {
        const token = batch.value<string>(made.jwe[index]!)

        const result = await compactDecrypt(token, await webjoseKey(recipient.privatePem, alg), {
          keyManagementAlgorithms: [alg],
          contentEncryptionAlgorithms: [enc],
        })

        expect(text(result.plaintext)).toBe(PLAINTEXT)
        expect(result.header).toEqual({ alg, enc, kid: 'enc-1' })
      },
    )

    it.each(SIGNATURE_ALGS.map((alg, index) => ({ alg, index })))('compactVerify reads a jwcrypto JWS with $alg', async ({ alg, index }) => {
      const token = batch.value<string>(made.jws[index]!)

      const result = await compactVerify(token, await webjoseKey(signer.publicPem, alg), { algorithms: [alg] })

      expect(text(result.payload)).toBe(PLAINTEXT)
      expect(result.header).toEqual({ alg, kid: 'sig-1' })
    })

    it.each(SIGNATURE_ALGS.map((alg, index) => ({ alg, index })))(
      'jwtVerify reads a jwcrypto JWT with $alg and validates its claims',
      async ({ alg, index }) => {
        const token = batch.value<string>(made.jwt[index]!)

        const result = await jwtVerify(token, await webjoseKey(signer.publicPem, alg), jwtOptions(alg))

        expect(result.claims).toEqual(claims)
        expect(result.header).toEqual({ alg, typ: 'JWT', kid: 'sig-1' })
      },
    )

    it('decryptAndVerifyJwt reads a jwcrypto Auth0-shaped token (RS256 inside RSA-OAEP-256 / A256GCM, kid, cty "JWT")', async () => {
      const token = batch.value<string>(made.nested)

      const result = await decryptAndVerifyJwt(token, await auth0Options({ recipient, signer }))

      expect(result.claims).toEqual(claims)
      expect(result.header).toEqual(AUTH0_JWS_HEADER)
      expect(result.encryptionHeader).toEqual(AUTH0_JWE_HEADER)
    })

    it('rejects a jwcrypto Auth0-shaped token whose GCM tag was altered: ERR_JWE_DECRYPTION_FAILED', async () => {
      const token = flipBit(batch.value<string>(made.nested), 4, -1)

      await expectJoseError(decryptAndVerifyJwt(token, await auth0Options({ recipient, signer })), 'ERR_JWE_DECRYPTION_FAILED')
    })

    it('rejects a jwcrypto JWT whose signature was altered: ERR_JWS_SIGNATURE_INVALID', async () => {
      const token = flipBit(batch.value<string>(made.jwt[0]!), 2, 7)

      await expectJoseError(
        jwtVerify(token, await webjoseKey(signer.publicPem, 'RS256'), { algorithms: ['RS256'], issuer: ISSUER, audience: AUDIENCE }),
        'ERR_JWS_SIGNATURE_INVALID',
      )
    })
  })
})
