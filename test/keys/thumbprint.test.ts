/** calculateJwkThumbprint (RFC 7638) and calculateJwkThumbprintUri (RFC 9278), checked against jose. */
import { describe, expect, it } from 'vitest'
import * as jose from 'jose'
import { calculateJwkThumbprint, calculateJwkThumbprintUri, type ThumbprintHash } from '../../src/index.ts'
import { expectJoseError } from '../helpers/expect-jose.ts'
import { rsaKey } from '../helpers/keys.ts'
import thumbprints from '../../vectors/jwk-thumbprints.json' with { type: 'json' }

const EC = { kty: 'EC', crv: 'P-256', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0', d: 'jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI' }
const OKP = thumbprints['rfc8037-A.3'].jwk
const OCT = { kty: 'oct', k: 'hJtXIZ2uSN5kbQfbtTNWbpdmhkV8FJG-Onbc6mxCcYg', kid: 'x', alg: 'HS256' }
const AKP = { kty: 'AKP', alg: 'ML-DSA-44', pub: 'AAECAwQFBgcICQ', priv: 'BwcH' }

describe('calculateJwkThumbprint', () => {
  it('RFC 7638 §3.1 and RFC 8037 A.3', async () => {
    for (const { jwk, thumbprint } of Object.values(thumbprints)) expect(await calculateJwkThumbprint(jwk)).toBe(thumbprint)
  })

  it('equals jose for RSA, EC, OKP, oct and AKP keys and every hash; private members change nothing', async () => {
    const rsa = rsaKey().privateJwk
    for (const jwk of [rsa, rsaKey().publicJwk, EC, OKP, OCT, AKP]) {
      for (const hash of ['sha256', 'sha384', 'sha512'] as ThumbprintHash[]) {
        expect(await calculateJwkThumbprint(jwk as JsonWebKey, hash)).toBe(await jose.calculateJwkThumbprint(jwk as jose.JWK, hash))
      }
    }
    const { d: _d, ...publicEc } = EC
    expect(await calculateJwkThumbprint(EC)).toBe(await calculateJwkThumbprint(publicEc))
  })

  it('refuses a hash other than sha256, sha384 or sha512: ERR_INVALID_ARGUMENT', async () => {
    for (const hash of ['sha1', 'SHA-256', 'sha-256', 'toString', '__proto__', null, 256]) {
      await expectJoseError(calculateJwkThumbprint(OKP, hash as never), 'ERR_INVALID_ARGUMENT')
      await expectJoseError(calculateJwkThumbprintUri(OKP, hash as never), 'ERR_INVALID_ARGUMENT')
    }
  })

  it('refuses what is not a JWK of a known kty: ERR_KEY_INVALID', async () => {
    for (const jwk of [null, undefined, 'jwk', [], { kty: 'XYZ' }, {}, { kty: 'toString' }, { kty: 7 }, Object.create({ kty: 'oct', k: 'AAAA' })]) {
      const error = await expectJoseError(calculateJwkThumbprint(jwk as never), 'ERR_KEY_INVALID')
      expect(['JWK not a plain object', 'JWK "kty" invalid']).toContain(error.message)
    }
  })

  it('refuses a missing or malformed required member, naming it: ERR_KEY_INVALID', async () => {
    const cases: Array<[object, string]> = [
      [{ kty: 'RSA', e: 'AQAB' }, 'n'],
      [{ kty: 'EC', crv: 'P-256', x: EC.x }, 'y'],
      [{ ...OKP, crv: 7 }, 'crv'],
      [{ kty: 'oct', k: '' }, 'k'],
      [{ kty: 'oct', k: 'AA==' }, 'k'],
      [{ kty: 'oct', k: 'AA AA' }, 'k'],
      [{ kty: 'AKP', pub: 'AAAA' }, 'alg'],
      [{ kty: 'AKP', alg: 'ML-DSA-44', pub: 'a"b' }, 'pub'],
    ]
    for (const [jwk, member] of cases) {
      const error = await expectJoseError(calculateJwkThumbprint(jwk as JsonWebKey), 'ERR_KEY_INVALID')
      expect(error.message).toBe(`JWK "${member}" invalid`)
    }
  })
})

describe('calculateJwkThumbprintUri', () => {
  it('is the RFC 9278 URN with the hash name of the Named Information registry', async () => {
    const { jwk, thumbprint } = thumbprints['rfc7638-3.1']
    expect(await calculateJwkThumbprintUri(jwk)).toBe(`urn:ietf:params:oauth:jwk-thumbprint:sha-256:${thumbprint}`)
    for (const hash of ['sha256', 'sha384', 'sha512'] as ThumbprintHash[]) {
      expect(await calculateJwkThumbprintUri(jwk, hash)).toBe(await jose.calculateJwkThumbprintUri(jwk, hash))
    }
  })

  it('refuses what calculateJwkThumbprint refuses', async () => {
    await expectJoseError(calculateJwkThumbprintUri({ kty: 'oct' }), 'ERR_KEY_INVALID')
  })
})
