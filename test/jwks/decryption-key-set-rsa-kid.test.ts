/** DecryptionKeySet over RSA-OAEP keys: the entry a token's kid names is the one tried, else the entries without a kid. */
import { beforeAll, describe, expect, it } from 'vitest'
import { DecryptionKeySet, createDecryptionKeySet } from '../../src/jwks/decryption-key-set.ts'
import { DECRYPTION_FAILED_MESSAGE } from '../../src/errors.ts'
import { expectJoseError } from '../helpers/expect-jose.ts'
import { cryptoKeyFor, namedKey, type TestRsaKey } from '../helpers/tokens.ts'
import { open, tokenFor, useNestedTokens } from '../helpers/decryption-key-set-rsa.ts'

let A: TestRsaKey, B: TestRsaKey, C: TestRsaKey
beforeAll(() => {
  ;[A, B, C] = [namedKey('a'), namedKey('b'), namedKey('c')]
})
useNestedTokens()

describe('DecryptionKeySet', () => {
  describe('selection by kid', () => {
    it('picks the entry by kid among a PEM, a JWK (own kid) and a CryptoKey entry', async () => {
      const cryptoKey = await cryptoKeyFor(C, 'RSA-OAEP-256', 'private')
      const set = createDecryptionKeySet([
        { kid: 'pem', key: A.privatePem },
        { key: { ...B.privateJwk, kid: 'jwk' } as JsonWebKey },
        { kid: 'ck', key: cryptoKey },
      ])
      expect(set).toBeInstanceOf(DecryptionKeySet)
      for (const [key, kid] of [
        [A, 'pem'],
        [B, 'jwk'],
        [C, 'ck'],
      ] as const) {
        const { encryptionHeader } = await open(tokenFor(key, kid), set)
        expect(encryptionHeader.kid).toBe(kid)
      }
      expect(await set.candidates({ alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: 'ck' })).toEqual([cryptoKey])
      const [imported, ...rest] = await set.candidates({ alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: 'jwk' })
      expect(rest).toEqual([])
      expect(imported!.type).toBe('private')
      expect(imported!.algorithm).toMatchObject({ name: 'RSA-OAEP', hash: { name: 'SHA-256' } })
    })

    it('only the entry with the matching kid is tried: a token for A labelled with B’s kid fails', async () => {
      const set = createDecryptionKeySet([
        { kid: 'a', key: A.privatePem },
        { kid: 'b', key: B.privatePem },
      ])
      const error = await expectJoseError(open(tokenFor(A, 'b'), set), 'ERR_JWE_DECRYPTION_FAILED')
      expect(error.message).toBe(DECRYPTION_FAILED_MESSAGE)
    })

    it('an explicit entry kid takes precedence over the JWK’s own kid', async () => {
      const set = createDecryptionKeySet([{ kid: 'explicit', key: { ...A.privateJwk, kid: 'inner' } as JsonWebKey }])
      await expect(open(tokenFor(A, 'explicit'), set)).resolves.toBeDefined()
      await expectJoseError(open(tokenFor(A, 'inner'), set), 'ERR_JWKS_NO_MATCHING_KEY')
    })

    it('an unknown kid with no unkeyed entries → ERR_JWKS_NO_MATCHING_KEY', async () => {
      const set = createDecryptionKeySet([
        { kid: 'a', key: A.privatePem },
        { kid: 'b', key: B.privatePem },
      ])
      await expectJoseError(open(tokenFor(A, 'zzz'), set), 'ERR_JWKS_NO_MATCHING_KEY')
      await expectJoseError(set.candidates({ alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: 'zzz' }), 'ERR_JWKS_NO_MATCHING_KEY')
    })

    it('a token without kid and only keyed entries → ERR_JWKS_NO_MATCHING_KEY', async () => {
      const set = createDecryptionKeySet([{ kid: 'a', key: A.privatePem }])
      await expectJoseError(open(tokenFor(A), set), 'ERR_JWKS_NO_MATCHING_KEY')
    })

    it('an unknown kid falls back to the unkeyed entries', async () => {
      const set = createDecryptionKeySet([{ kid: 'a', key: A.privatePem }, { key: B.privatePem }])
      const { encryptionHeader } = await open(tokenFor(B, 'zzz'), set)
      expect(encryptionHeader.kid).toBe('zzz')
      // a known kid does not fall back: the token for B labelled "a" is tried against A only
      await expectJoseError(open(tokenFor(B, 'a'), set), 'ERR_JWE_DECRYPTION_FAILED')
    })
  })
})
