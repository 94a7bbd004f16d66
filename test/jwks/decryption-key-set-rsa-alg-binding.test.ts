/** DecryptionKeySet over RSA-OAEP keys: entries bound to an alg, imports once per alg and copy, and the entries refused when the set is made. */
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { DecryptionKeySet, createDecryptionKeySet, type DecryptionKeyEntry } from '../../src/jwks/decryption-key-set.ts'
import { expectJoseError, expectJoseErrorSync } from '../helpers/expect-jose.ts'
import { cryptoKeyFor, namedKey, type TestRsaKey } from '../helpers/tokens.ts'
import { importCalls, keysMade, open, tokenFor, useNestedTokens } from '../helpers/decryption-key-set-rsa.ts'

let A: TestRsaKey, B: TestRsaKey
beforeAll(() => {
  ;[A, B] = [namedKey('a'), namedKey('b')]
})
useNestedTokens()

describe('DecryptionKeySet', () => {
  describe('algorithm binding', () => {
    it('skips a JWK entry with alg RSA-OAEP-384 for RSA-OAEP-256 tokens', async () => {
      const bound = { ...A.privateJwk, alg: 'RSA-OAEP-384' } as JsonWebKey
      const set = createDecryptionKeySet([{ key: bound }, { key: B.privatePem }], { maxKeysPerToken: 1 })
      await expect(open(tokenFor(B), set)).resolves.toBeDefined()
      // for RSA-OAEP-384 both entries fit, and the bound JWK opens the token
      const both = createDecryptionKeySet([{ key: bound }, { key: B.privatePem }])
      await expect(open(tokenFor(A, undefined, 'RSA-OAEP-384'), both)).resolves.toBeDefined()
      await expectJoseError(open(tokenFor(A), createDecryptionKeySet([{ key: bound }])), 'ERR_JWKS_NO_MATCHING_KEY')
    })

    it('skips a CryptoKey entry whose OAEP hash does not match the token’s alg', async () => {
      const set = createDecryptionKeySet(
        [{ key: await cryptoKeyFor(A, 'RSA-OAEP-384', 'private') }, { key: await cryptoKeyFor(B, 'RSA-OAEP-256', 'private') }],
        { maxKeysPerToken: 1 },
      )
      await expect(open(tokenFor(B), set)).resolves.toBeDefined()
      await expect(open(tokenFor(A, undefined, 'RSA-OAEP-384'), set)).resolves.toBeDefined()
      await expectJoseError(open(tokenFor(B, undefined, 'RSA-OAEP-512'), set), 'ERR_JWKS_NO_MATCHING_KEY')
    })

    it('a keyed entry bound to another alg is skipped and the unkeyed entries are used', async () => {
      const set = createDecryptionKeySet([
        { kid: 'k', key: await cryptoKeyFor(A, 'RSA-OAEP-512', 'private') },
        { key: B.privatePem },
      ])
      await expect(open(tokenFor(B, 'k'), set)).resolves.toBeDefined()
    })

    it('a PEM entry serves every alg, imported once per alg (as copiesPerKey copies)', async () => {
      const set = createDecryptionKeySet([{ key: A.privatePem }])
      const importKey = vi.spyOn(crypto.subtle, 'importKey')
      for (let i = 0; i < 5; i++) await open(tokenFor(A), set)
      expect(keysMade(importKey, 'jwk')).toBe(4)
      for (let i = 0; i < 2; i++) await open(tokenFor(A, undefined, 'RSA-OAEP-512'), set)
      expect(keysMade(importKey, 'jwk')).toBe(8)
      await open(tokenFor(A), set)
      expect(keysMade(importKey, 'jwk')).toBe(8)
    })

    it('concurrent first uses share one import', async () => {
      const set = createDecryptionKeySet([{ key: A.privateJwk }], { copiesPerKey: 1 })
      const importKey = vi.spyOn(crypto.subtle, 'importKey')
      await Promise.all([open(tokenFor(A), set), open(tokenFor(A), set), open(tokenFor(A), set)])
      expect(importCalls(importKey, 'jwk')).toBe(1)
    })

    it('hands out the separately imported copies in turn, so one key is not one lock', async () => {
      const set = createDecryptionKeySet([{ key: A.privatePem }], { copiesPerKey: 3 })
      await open(tokenFor(A), set)
      const decrypt = vi.spyOn(crypto.subtle, 'decrypt')
      for (let i = 0; i < 6; i++) await open(tokenFor(A), set)
      const used = decrypt.mock.calls.filter(([algorithm]) => (algorithm as Algorithm).name === 'RSA-OAEP').map(([, key]) => key)
      expect(used).toHaveLength(6)
      expect(new Set(used).size).toBe(3)
      expect(used.slice(0, 3)).toEqual(used.slice(3))
    })

    it.each([0, -1, 1.5, 65, '4'])('refuses copiesPerKey %j with ERR_INVALID_ARGUMENT', async (copiesPerKey) => {
      await expectJoseError(() => createDecryptionKeySet([{ key: A.privatePem }], { copiesPerKey: copiesPerKey as number }), 'ERR_INVALID_ARGUMENT')
    })

    it("a failed import is the server's fault (ERR_KEY_UNAVAILABLE) and not cached: the next token imports again and succeeds", async () => {
      const set = createDecryptionKeySet([{ key: A.privatePem }], { copiesPerKey: 1 })
      const importKey = vi.spyOn(crypto.subtle, 'importKey').mockRejectedValueOnce(new Error('transient'))
      const error = await expectJoseError(open(tokenFor(A), set), 'ERR_KEY_UNAVAILABLE')
      expect(error.message).toBe('decryption key 0 could not be imported')
      await expect(open(tokenFor(A), set)).resolves.toBeDefined()
      // The failed probe, then the probe and the key (from the probe's JWK).
      expect(importCalls(importKey, 'pkcs8')).toBe(2)
      expect(importCalls(importKey, 'jwk')).toBe(1)
    })

    it('an entry holding a public key (PEM or JWK) is refused when the set is made (ERR_KEY_INVALID)', () => {
      for (const key of [A.publicPem, A.publicJwk]) {
        const error = expectJoseErrorSync(() => createDecryptionKeySet([{ kid: 'old', key: A.privatePem }, { key }]), 'ERR_KEY_INVALID')
        expect(error.message).toBe('decryption key 1 is a public key; a private key is needed')
      }
    })

    it.each([
      ['not a PEM', 'not a pem'],
      ['a PEM with a broken body', '-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----'],
      ['a certificate label over garbage', '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----'],
    ])('a PEM entry that is %s is refused when the set is made (ERR_KEY_INVALID)', (_name, key) => {
      expectJoseErrorSync(() => createDecryptionKeySet([{ key }]), 'ERR_KEY_INVALID')
    })

    it("an entry whose getter throws is the caller's error (ERR_INVALID_ARGUMENT), as is a header that throws when read", async () => {
      const entry = Object.defineProperty({}, 'key', { get: () => { throw new Error('getter') }, enumerable: true })
      expectJoseErrorSync(() => new DecryptionKeySet([entry as DecryptionKeyEntry]), 'ERR_INVALID_ARGUMENT')
      const header = new Proxy({}, { get: () => { throw new Error('trap') } })
      await expectJoseError(createDecryptionKeySet([{ key: A.privatePem }]).candidates(header as never), 'ERR_INVALID_ARGUMENT')
    })
  })
})
