/** createVerifier and encryption: requireEncryption, and every decryptionKey form imported once. */
import { describe, expect, it, vi } from 'vitest'
import { createVerifier } from '../../src/verifier/create-verifier.ts'
import { createDecryptionKeySet } from '../../src/jwks/decryption-key-set.ts'
import { expectJoseError, expectJoseErrorSync } from '../helpers/expect-jose.ts'
import { AUDIENCE, ISSUER, namedKey, nestedToken, signJws } from '../helpers/tokens.ts'
import { decryptionKey, expectClaimError, useVerifierKeys } from '../helpers/verifier-fixture.ts'
import { T, at, loose, token, verifierOptions } from '../helpers/create-verifier-fixture.ts'

useVerifierKeys()

describe('createVerifier', () => {
  describe('encryption', () => {
    it('requires encryption by default: a bare JWS → ERR_JWE_REQUIRED', async () => {
      at(T)
      const verifier = createVerifier(verifierOptions())
      await expectJoseError(verifier.verify(signJws({ iss: ISSUER, aud: AUDIENCE, exp: T + 600 })), 'ERR_JWE_REQUIRED')
    })

    it('requireEncryption: false accepts a bare JWS and still accepts a JWE', async () => {
      at(T)
      const verifier = createVerifier(verifierOptions({ requireEncryption: false }))
      const bare = await verifier.verify(signJws({ iss: ISSUER, aud: AUDIENCE, iat: T, exp: T + 600 }))
      expect(bare.claims.iss).toBe(ISSUER)
      expect(bare.header.alg).toBe('RS256')
      expect(bare.encryptionHeader).toBeUndefined()
      const nested = await verifier.verify(token())
      expect(nested.encryptionHeader?.alg).toBe('RSA-OAEP-256')
    })

    it('requireEncryption: false still validates the bare JWS (signature and claims)', async () => {
      at(T)
      const verifier = createVerifier(verifierOptions({ requireEncryption: false }))
      const forged = signJws({ iss: ISSUER, aud: AUDIENCE, exp: T + 600 }, { key: namedKey('other-signer') })
      await expectJoseError(verifier.verify(forged), 'ERR_JWS_SIGNATURE_INVALID')
      await expectClaimError(verifier.verify(signJws({ iss: ISSUER, aud: AUDIENCE, exp: T })), 'ERR_JWT_EXPIRED', 'exp')
    })

    it('requireEncryption: false needs neither a decryption key nor JWE allow-lists', async () => {
      at(T)
      const verifier = createVerifier(
        loose({ requireEncryption: false, decryptionKey: undefined, keyManagementAlgorithms: undefined, contentEncryptionAlgorithms: undefined }),
      )
      await expect(verifier.verify(signJws({ iss: ISSUER, aud: AUDIENCE, exp: T + 600 }))).resolves.toBeDefined()
      // A JWE cannot be opened without a key: it is a token error (a malformed JWS), not a configuration error.
      await expectJoseError(verifier.verify(token()), 'ERR_JWS_INVALID')
    })

    it('requireEncryption (default or true) without decryptionKey → ERR_INVALID_ARGUMENT at construction', () => {
      expectJoseErrorSync(() => createVerifier(loose({ decryptionKey: undefined })), 'ERR_INVALID_ARGUMENT')
      expectJoseErrorSync(() => createVerifier(loose({ decryptionKey: undefined, requireEncryption: true })), 'ERR_INVALID_ARGUMENT')
    })

    it('imports a PEM decryptionKey once (as 4 copies, see DecryptionKeySet), whatever the number of tokens', async () => {
      at(T)
      const importKey = vi.spyOn(crypto.subtle, 'importKey')
      const verifier = createVerifier(verifierOptions({ decryptionKey: namedKey('recipient').privatePem }))
      for (let i = 0; i < 6; i++) {
        const result = await verifier.verify(token())
        expect(result.claims.iss).toBe(ISSUER)
      }
      // Each key: an extractable pkcs8 probe, then its JWK imported with the weak-key checks (import-rsa.ts).
      expect(importKey.mock.calls.filter((call) => (call[0] as string) === 'pkcs8' && call[3] === true)).toHaveLength(4)
      expect(importKey.mock.calls.filter((call) => (call[0] as string) === 'jwk' && call[3] === false)).toHaveLength(4)
    })

    it('imports a private JWK decryptionKey once', async () => {
      at(T)
      const importKey = vi.spyOn(crypto.subtle, 'importKey')
      const verifier = createVerifier(verifierOptions({ decryptionKey: namedKey('recipient').privateJwk }))
      await Promise.all([verifier.verify(token()), verifier.verify(token()), verifier.verify(token())])
      await verifier.verify(token())
      expect(importKey.mock.calls.filter((call) => (call[0] as string) === 'jwk')).toHaveLength(4)
    })

    it('a private JWK decryptionKey with its own kid serves every token, as the same key in PEM does', async () => {
      at(T)
      const verifier = createVerifier(verifierOptions({ decryptionKey: { ...namedKey('recipient').privateJwk, kid: 'mine' } as JsonWebKey }))
      const claims = { iat: T, exp: T + 600 }
      // The JWE kid is "enc-1", or absent: a single key is not a set selected by kid.
      for (const kid of ['enc-1', undefined]) {
        await expect(verifier.verify(nestedToken({ claims, encrypt: { header: { kid } } }))).resolves.toBeDefined()
      }
    })

    it('accepts a DecryptionKeySet and a resolver as decryptionKey', async () => {
      at(T)
      const set = createDecryptionKeySet([{ kid: 'enc-1', key: namedKey('recipient').privatePem }])
      await expect(createVerifier(verifierOptions({ decryptionKey: set })).verify(token())).resolves.toBeDefined()
      const resolver = vi.fn(async () => decryptionKey)
      await expect(createVerifier(verifierOptions({ decryptionKey: resolver })).verify(token())).resolves.toBeDefined()
      expect(resolver).toHaveBeenCalledTimes(1)
    })

    it('a token for another recipient → ERR_JWE_DECRYPTION_FAILED', async () => {
      at(T)
      const verifier = createVerifier(verifierOptions())
      const jwt = nestedToken({ claims: { iat: T, exp: T + 600 }, encrypt: { key: namedKey('other-recipient') } })
      await expectJoseError(verifier.verify(jwt), 'ERR_JWE_DECRYPTION_FAILED')
    })
  })
})
