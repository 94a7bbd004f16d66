/** decryptAndVerifyJwt accepts a valid nested JWT (RFC 7519 §11.2) under every allowed alg, enc and key size, and returns its headers and claims. */
import { describe, expect, it } from 'vitest'
import { decryptAndVerifyJwt } from '../../src/verifier/decrypt-and-verify-jwt.ts'
import { rsaKey } from '../helpers/keys.ts'
import { AUDIENCE, ISSUER, cryptoKeyFor, defaultClaims, encryptJwe, namedKey, nestedToken, segmentJson, signJws } from '../helpers/tokens.ts'
import { options, useVerifierKeys } from '../helpers/verifier-fixture.ts'

useVerifierKeys()

describe('decryptAndVerifyJwt', () => {
  describe('accepts a nested JWT', () => {
    it('returns the claims, the inner header and the encryption header', async () => {
      const claims = { ...defaultClaims(), scope: 'read:messages', roles: ['admin'] }
      const token = nestedToken({ claims })
      const result = await decryptAndVerifyJwt(token, options())
      expect(result.claims).toEqual(claims)
      expect(result.header).toEqual({ alg: 'RS256', typ: 'JWT', kid: 'sig-1' })
      expect(result.encryptionHeader).toEqual({ alg: 'RSA-OAEP-256', enc: 'A256GCM', cty: 'JWT', kid: 'enc-1' })
      expect(Object.keys(result).sort()).toEqual(['claims', 'encryptionHeader', 'header'])
    })

    it('RSA-OAEP-384 with a 3072-bit key', async () => {
      const key = rsaKey(3072)
      const token = nestedToken({ encrypt: { alg: 'RSA-OAEP-384', key } })
      const result = await decryptAndVerifyJwt(
        token,
        options({ decryptionKey: await cryptoKeyFor(key, 'RSA-OAEP-384', 'private'), keyManagementAlgorithms: ['RSA-OAEP-384'] }),
      )
      expect(result.encryptionHeader.alg).toBe('RSA-OAEP-384')
      expect(result.claims.iss).toBe(ISSUER)
    })

    it('RSA-OAEP-512 with a 4096-bit key', async () => {
      const key = rsaKey(4096)
      const token = nestedToken({ encrypt: { alg: 'RSA-OAEP-512', key } })
      const result = await decryptAndVerifyJwt(
        token,
        options({
          decryptionKey: await cryptoKeyFor(key, 'RSA-OAEP-512', 'private'),
          keyManagementAlgorithms: ['RSA-OAEP-256', 'RSA-OAEP-512'],
        }),
      )
      expect(result.encryptionHeader.alg).toBe('RSA-OAEP-512')
      expect(result.claims.aud).toBe(AUDIENCE)
    })

    it('A128GCM content encryption and a PS256 inner signature when allowed', async () => {
      const token = nestedToken({ encrypt: { enc: 'A128GCM' }, sign: { alg: 'PS256' } })
      const result = await decryptAndVerifyJwt(
        token,
        options({
          contentEncryptionAlgorithms: ['A128GCM'],
          algorithms: ['PS256'],
          verificationKey: await cryptoKeyFor(namedKey('signer'), 'PS256', 'public'),
        }),
      )
      expect(result.header.alg).toBe('PS256')
      expect(result.encryptionHeader.enc).toBe('A128GCM')
    })
  })

  it('helper sanity: the minted outer header is exactly what was asked for', async () => {
    // guards the helper itself: tokens here are minted by node:crypto, not by the library
    const token = encryptJwe(signJws(defaultClaims()), { header: { kid: 'x' } })
    expect(segmentJson(token)).toEqual({ alg: 'RSA-OAEP-256', enc: 'A256GCM', cty: 'JWT', kid: 'x' })
    await expect(decryptAndVerifyJwt(token, options())).resolves.toBeDefined()
  })
})
