/** DecryptionKeySet over RSA-OAEP keys: entries without a kid are tried in order, at most maxKeysPerToken of them. */
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { createDecryptionKeySet, type DecryptionKeyEntry } from '../../src/jwks/decryption-key-set.ts'
import { DECRYPTION_FAILED_MESSAGE } from '../../src/errors.ts'
import { expectJoseError } from '../helpers/expect-jose.ts'
import { ISSUER, cryptoKeyFor, namedKey, type TestRsaKey } from '../helpers/tokens.ts'
import { open, tokenFor, useNestedTokens } from '../helpers/decryption-key-set-rsa.ts'

let A: TestRsaKey, B: TestRsaKey, C: TestRsaKey, D: TestRsaKey
beforeAll(() => {
  ;[A, B, C, D] = [namedKey('a'), namedKey('b'), namedKey('c'), namedKey('d')]
})
useNestedTokens()

describe('DecryptionKeySet', () => {
  describe('unkeyed entries', () => {
    it('a token without kid tries each unkeyed entry in order and succeeds with the 2nd', async () => {
      const set = createDecryptionKeySet([{ key: A.privatePem }, { key: B.privatePem }])
      const token = tokenFor(B)
      await open(tokenFor(A), set) // imports both keys first
      const decrypt = vi.spyOn(crypto.subtle, 'decrypt')
      const { claims } = await open(token, set)
      expect(claims.iss).toBe(ISSUER)
      const rsaDecrypts = decrypt.mock.calls.filter(([algorithm]) => (algorithm as Algorithm).name === 'RSA-OAEP')
      expect(rsaDecrypts).toHaveLength(2)
      // control: A alone cannot open it
      await expectJoseError(open(token, createDecryptionKeySet([{ key: A.privatePem }])), 'ERR_JWE_DECRYPTION_FAILED')
    })

    it('more candidates than maxKeysPerToken → ERR_JWKS_MULTIPLE_MATCHING_KEYS', async () => {
      const entries: DecryptionKeyEntry[] = [A, B, C, D].map((key) => ({ key: key.privatePem }))
      await expectJoseError(open(tokenFor(D), createDecryptionKeySet(entries)), 'ERR_JWKS_MULTIPLE_MATCHING_KEYS')
      await expect(open(tokenFor(D), createDecryptionKeySet(entries, { maxKeysPerToken: 4 }))).resolves.toBeDefined()
      const two = createDecryptionKeySet(entries.slice(0, 2), { maxKeysPerToken: 1 })
      await expectJoseError(open(tokenFor(A), two), 'ERR_JWKS_MULTIPLE_MATCHING_KEYS')
    })

    it('several entries sharing a kid also count against maxKeysPerToken', async () => {
      const set = createDecryptionKeySet(
        [
          { kid: 'k', key: A.privatePem },
          { kid: 'k', key: B.privatePem },
        ],
        { maxKeysPerToken: 1 },
      )
      await expectJoseError(open(tokenFor(B, 'k'), set), 'ERR_JWKS_MULTIPLE_MATCHING_KEYS')
      const wider = createDecryptionKeySet([
        { kid: 'k', key: A.privatePem },
        { kid: 'k', key: B.privatePem },
      ])
      await expect(open(tokenFor(B, 'k'), wider)).resolves.toBeDefined()
    })

    it('when every candidate fails: ERR_JWE_DECRYPTION_FAILED with the same message as a single-key failure', async () => {
      const token = tokenFor(D)
      const single = await expectJoseError(open(token, await cryptoKeyFor(A, 'RSA-OAEP-256', 'private')), 'ERR_JWE_DECRYPTION_FAILED')
      const set = createDecryptionKeySet([{ key: A.privatePem }, { key: B.privateJwk }, { key: C.privatePem }])
      const several = await expectJoseError(open(token, set), 'ERR_JWE_DECRYPTION_FAILED')
      expect(several.message).toBe(single.message)
      expect(several.message).toBe(DECRYPTION_FAILED_MESSAGE)
    })
  })
})
