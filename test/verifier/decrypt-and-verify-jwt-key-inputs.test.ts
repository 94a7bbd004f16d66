/** decryptAndVerifyJwt's key inputs: verification and decryption key resolvers, keys of the wrong kind, and a DecryptionKeySet. */
import { describe, expect, it, vi } from 'vitest'
import { decryptAndVerifyJwt } from '../../src/verifier/decrypt-and-verify-jwt.ts'
import { createDecryptionKeySet } from '../../src/jwks/decryption-key-set.ts'
import { JoseError } from '../../src/errors.ts'
import type { JweHeader, JwsHeader } from '../../src/serialization/header.ts'
import { expectJoseError } from '../helpers/expect-jose.ts'
import { cryptoKeyFor, namedKey, nestedToken } from '../helpers/tokens.ts'
import { decryptionKey, options, otherVerificationKey, useVerifierKeys, verificationKey } from '../helpers/verifier-fixture.ts'

useVerifierKeys()

describe('decryptAndVerifyJwt', () => {
  describe('key inputs', () => {
    it('a verificationKey resolver receives the inner header and picks the key by kid', async () => {
      const keys = new Map([
        ['sig-1', otherVerificationKey],
        ['sig-2', verificationKey],
      ])
      const resolver = vi.fn((header: JwsHeader) => {
        const key = keys.get(header.kid!)
        if (key === undefined) throw new JoseError('ERR_JWKS_NO_MATCHING_KEY', 'no key')
        return key
      })
      const token = nestedToken({ sign: { header: { kid: 'sig-2' } } })
      const result = await decryptAndVerifyJwt(token, options({ verificationKey: resolver }))
      expect(result.header.kid).toBe('sig-2')
      expect(resolver).toHaveBeenCalledTimes(1)
      expect(resolver).toHaveBeenCalledWith({ alg: 'RS256', typ: 'JWT', kid: 'sig-2' })

      // its JoseErrors pass through
      const unknown = nestedToken({ sign: { header: { kid: 'sig-9' } } })
      await expectJoseError(decryptAndVerifyJwt(unknown, options({ verificationKey: resolver })), 'ERR_JWKS_NO_MATCHING_KEY')
    })

    it('a verificationKey resolver that throws something else → ERR_KEY_INVALID', async () => {
      const resolver = () => {
        throw new Error('boom')
      }
      await expectJoseError(decryptAndVerifyJwt(nestedToken(), options({ verificationKey: resolver })), 'ERR_KEY_INVALID')
    })

    it('a verification key of the wrong kind (RSA-OAEP) → ERR_KEY_INVALID', async () => {
      const wrong = await cryptoKeyFor(namedKey('signer'), 'RSA-OAEP-256', 'public')
      await expectJoseError(decryptAndVerifyJwt(nestedToken(), options({ verificationKey: wrong })), 'ERR_KEY_INVALID')
    })

    it('a decryptionKey resolver receives the encryption header', async () => {
      const resolver = vi.fn(async (header: JweHeader) => {
        expect(header.kid).toBe('enc-7')
        return decryptionKey
      })
      const token = nestedToken({ encrypt: { header: { kid: 'enc-7' } } })
      const result = await decryptAndVerifyJwt(token, options({ decryptionKey: resolver }))
      expect(resolver).toHaveBeenCalledTimes(1)
      expect(resolver).toHaveBeenCalledWith({ alg: 'RSA-OAEP-256', enc: 'A256GCM', cty: 'JWT', kid: 'enc-7' })
      expect(result.encryptionHeader.kid).toBe('enc-7')
    })

    it('a decryption key of the wrong kind (a public key, or an RS256 key) → ERR_KEY_INVALID', async () => {
      const publicKey = await cryptoKeyFor(namedKey('recipient'), 'RSA-OAEP-256', 'public')
      await expectJoseError(decryptAndVerifyJwt(nestedToken(), options({ decryptionKey: publicKey })), 'ERR_KEY_INVALID')
      const signingKey = await cryptoKeyFor(namedKey('recipient'), 'RS256', 'private')
      await expectJoseError(decryptAndVerifyJwt(nestedToken(), options({ decryptionKey: signingKey })), 'ERR_KEY_INVALID')
    })

    it('a DecryptionKeySet selects the key by the JWE kid', async () => {
      const set = createDecryptionKeySet([
        { kid: 'old', key: namedKey('other-recipient').privatePem },
        { kid: 'new', key: namedKey('recipient').privatePem },
      ])
      const token = nestedToken({ encrypt: { header: { kid: 'new' } } })
      const result = await decryptAndVerifyJwt(token, options({ decryptionKey: set }))
      expect(result.encryptionHeader.kid).toBe('new')
      const mislabeled = nestedToken({ encrypt: { header: { kid: 'old' } } })
      await expectJoseError(decryptAndVerifyJwt(mislabeled, options({ decryptionKey: set })), 'ERR_JWE_DECRYPTION_FAILED')
    })
  })
})
