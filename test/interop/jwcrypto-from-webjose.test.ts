/** webjose's tokens read by python3-jwcrypto: every JWE alg × enc jwcrypto implements, every RSA JWS alg (JWS and JWT), the Auth0 token, tampered ones refused. */
import { beforeAll, describe, expect, it } from 'vitest'
import { compactEncrypt, compactSign, encryptJwt, signJwt } from '../../src/index.ts'
import { jwcryptoSession } from '../helpers/jwcrypto-batch.ts'
import { requireJwcrypto } from './jwcrypto-availability.ts'
import { AUDIENCE, AUTH0_JWE_HEADER, AUTH0_JWS_HEADER, ISSUER, PLAINTEXT, SIGNATURE_ALGS, flipBit, webjoseKey } from './support.ts'

const unavailable = requireJwcrypto()

describe.runIf(unavailable === undefined)('python3-jwcrypto', () => {
  const { recipient, signer, batch, jweCases, claims } = jwcryptoSession()
  /** jwcrypto's check_claims: iss and aud must equal these, exp must be present and not past. */
  const check = { iss: ISSUER, aud: AUDIENCE, exp: null }

  // webjose → jwcrypto: webjose's tokens are made in beforeAll, then their ops queued.
  const read = {
    jwe: [] as number[],
    jws: [] as number[],
    jwt: [] as number[],
    nested: -1,
    tamperedTag: -1,
    tamperedSignature: -1,
  }

  beforeAll(async () => {
    for (const { alg, enc } of jweCases) {
      const token = await compactEncrypt(PLAINTEXT, await webjoseKey(recipient.publicPem, alg), { alg, enc, kid: 'enc-1' })
      read.jwe.push(batch.add({ op: 'decrypt', key: 'recipient', token, algs: [alg, enc] }))
    }
    for (const alg of SIGNATURE_ALGS) {
      const key = await webjoseKey(signer.privatePem, alg)
      const jws = await compactSign(PLAINTEXT, key, { alg, kid: 'sig-1' })
      read.jws.push(batch.add({ op: 'verify', key: 'signer', token: jws, algs: [alg] }))
      const jwt = await signJwt(claims, key, { alg, kid: 'sig-1' })
      read.jwt.push(batch.add({ op: 'jwt_verify', key: 'signer', token: jwt, algs: [alg], check }))
    }
    const jwt = await signJwt(claims, await webjoseKey(signer.privatePem, 'RS256'), { alg: 'RS256', kid: AUTH0_JWS_HEADER.kid })
    const nested = await encryptJwt(jwt, await webjoseKey(recipient.publicPem, 'RSA-OAEP-256'), {
      alg: 'RSA-OAEP-256',
      kid: AUTH0_JWE_HEADER.kid,
    })
    const unnest = {
      op: 'unnest',
      decryptKey: 'recipient',
      verifyKey: 'signer',
      encryptionAlgs: ['RSA-OAEP-256', 'A256GCM'],
      algs: ['RS256'],
      check,
    } as const
    read.nested = batch.add({ ...unnest, token: nested })
    read.tamperedTag = batch.add({ ...unnest, token: flipBit(nested, 4, -1) })
    read.tamperedSignature = batch.add({ op: 'jwt_verify', key: 'signer', token: flipBit(jwt, 2, 7), algs: ['RS256'], check })

    await batch.run()
  })

  describe('webjose → jwcrypto', () => {
    it.each(jweCases.map((jweCase, index) => ({ ...jweCase, index })))(
      'jwcrypto decrypts a webjose JWE with $alg / $enc',
      ({ alg, enc, index }) => {
        expect(batch.value(read.jwe[index]!)).toEqual({ plaintext: PLAINTEXT, header: { alg, enc, kid: 'enc-1' } })
      },
    )

    it.each(SIGNATURE_ALGS.map((alg, index) => ({ alg, index })))('jwcrypto verifies a webjose JWS with $alg', ({ alg, index }) => {
      expect(batch.value(read.jws[index]!)).toEqual({ payload: PLAINTEXT, header: { alg, kid: 'sig-1' } })
    })

    it.each(SIGNATURE_ALGS.map((alg, index) => ({ alg, index })))(
      'jwcrypto verifies a webjose JWT with $alg and checks iss, aud and exp',
      ({ alg, index }) => {
        expect(batch.value(read.jwt[index]!)).toEqual({ claims, header: { alg, typ: 'JWT', kid: 'sig-1' } })
      },
    )

    it('jwcrypto reads a webjose Auth0-shaped token (jwt.JWT decrypts, then verifies the inner JWT)', () => {
      expect(batch.value(read.nested)).toEqual({ claims, header: AUTH0_JWS_HEADER, encryptionHeader: AUTH0_JWE_HEADER })
    })

    it('jwcrypto rejects a webjose Auth0-shaped token whose GCM tag was altered', () => {
      // jwcrypto wraps the AES-GCM failure (cryptography's InvalidTag) in InvalidJWEData.
      expect(batch.error(read.tamperedTag)).toEqual({ error: 'InvalidJWEData', message: expect.stringContaining('InvalidTag()') })
    })

    it('jwcrypto rejects a webjose JWT whose signature was altered', () => {
      expect(batch.error(read.tamperedSignature)).toEqual({
        error: 'InvalidJWSSignature',
        message: expect.stringContaining('Verification failed'),
      })
    })
  })
})
