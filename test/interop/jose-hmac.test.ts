/**
 * Interop with panva/jose for HS256/384/512, both ways (raw JWS and JWT), with the secret given
 * to each library in its own form: bytes to jose, bytes and an oct JWK to webjose. ML-DSA
 * interop needs ML-DSA in this runtime's Web Crypto (jose 6 has the algs); Node 20 lacks it,
 * so those cases are skipped with that reason (the Deno/Bun/Chromium conformance runs cover
 * ML-DSA round trips).
 */
import { describe, expect, it } from 'vitest'
import * as jose from 'jose'
import { compactSign, compactVerify, exportJwk, generateKeyPair, importKey, jwtVerify, signJwt } from '../../src/index.ts'
import { expectJoseError } from '../helpers/expect-jose.ts'
import { flipBit } from './support.ts'

const HMAC = ['HS256', 'HS384', 'HS512'] as const
const secretFor = (alg: string): Uint8Array => crypto.getRandomValues(new Uint8Array(Number(alg.slice(2)) / 8))
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text)

const mlDsa = await crypto.subtle.generateKey('ML-DSA-44', false, ['sign', 'verify']).then(
  () => true,
  () => false,
)

describe('interop with jose: HMAC', () => {
  for (const alg of HMAC) {
    it(`${alg}: jose signs a JWS, webjose verifies (bytes and oct JWK)`, async () => {
      const secret = secretFor(alg)
      const jws = await new jose.CompactSign(utf8('from jose')).setProtectedHeader({ alg, kid: 'k' }).sign(secret)
      for (const key of [await importKey(secret, alg), await importKey({ kty: 'oct', k: jose.base64url.encode(secret), alg }, alg)]) {
        const { payload, header } = await compactVerify(jws, key, { algorithms: [alg] })
        expect(new TextDecoder().decode(payload)).toBe('from jose')
        expect(header).toEqual({ alg, kid: 'k' })
      }
      await expectJoseError(compactVerify(flipBit(jws, 2), await importKey(secret, alg), { algorithms: [alg] }), 'ERR_JWS_SIGNATURE_INVALID')
    })

    it(`${alg}: webjose signs a JWS, jose verifies; the same input gives the same MAC`, async () => {
      const secret = secretFor(alg)
      const jws = await compactSign('from webjose', await importKey(secret, alg), { alg })
      const { payload } = await jose.compactVerify(jws, secret, { algorithms: [alg] })
      expect(new TextDecoder().decode(payload)).toBe('from webjose')
      expect(await new jose.CompactSign(utf8('from webjose')).setProtectedHeader({ alg }).sign(secret)).toBe(jws)
    })

    it(`${alg}: JWTs both ways`, async () => {
      const secret = secretFor(alg)
      const exp = Math.floor(Date.now() / 1000) + 60
      const fromJose = await new jose.SignJWT({ sub: 'j' }).setProtectedHeader({ alg }).setExpirationTime(exp).sign(secret)
      expect((await jwtVerify(fromJose, await importKey(secret, alg), { algorithms: [alg] })).claims.sub).toBe('j')
      const fromWebjose = await signJwt({ sub: 'w', exp }, await importKey(secret, alg), { alg })
      expect((await jose.jwtVerify(fromWebjose, secret, { algorithms: [alg] })).payload.sub).toBe('w')
    })
  }
})

describe('interop with jose: ML-DSA', () => {
  for (const alg of ['ML-DSA-44', 'ML-DSA-65', 'ML-DSA-87'] as const) {
    it.skipIf(!mlDsa)(`${alg}: both ways (skipped: ML-DSA not in this runtime's Web Crypto)`, async () => {
      const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true })
      const joseVerifier = await jose.importJWK((await exportJwk(publicKey)) as jose.JWK, alg)
      const jws = await compactSign('pq', privateKey, { alg })
      expect(new TextDecoder().decode((await jose.compactVerify(jws, joseVerifier)).payload)).toBe('pq')
      const joseSigner = await jose.importJWK((await exportJwk(privateKey)) as jose.JWK, alg)
      const fromJose = await new jose.CompactSign(utf8('pq')).setProtectedHeader({ alg }).sign(joseSigner)
      expect(new TextDecoder().decode((await compactVerify(fromJose, publicKey, { algorithms: [alg] })).payload)).toBe('pq')
    })
  }
})
