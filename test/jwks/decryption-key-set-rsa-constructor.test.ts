/** new DecryptionKeySet over RSA-OAEP keys: what the constructor refuses, with its code, before any token comes. */
import { beforeAll, describe, expect, it } from 'vitest'
import { DecryptionKeySet, createDecryptionKeySet, type DecryptionKeyEntry } from '../../src/jwks/decryption-key-set.ts'
import { expectJoseError, expectJoseErrorSync } from '../helpers/expect-jose.ts'
import { cryptoKeyFor, namedKey, type TestRsaKey } from '../helpers/tokens.ts'
import { ALL_OAEP } from '../helpers/decryption-key-set-rsa.ts'

let A: TestRsaKey
beforeAll(() => {
  A = namedKey('a')
})

describe('DecryptionKeySet', () => {
  describe('constructor', () => {
    const pem = () => A.privatePem

    it.each([
      ['an empty list', []],
      ['undefined', undefined],
      ['a single entry instead of a list', { key: 'x' }],
    ])('refuses %s with ERR_INVALID_ARGUMENT', (_name, entries) => {
      expectJoseErrorSync(() => new DecryptionKeySet(entries as DecryptionKeyEntry[]), 'ERR_INVALID_ARGUMENT')
      expectJoseErrorSync(() => createDecryptionKeySet(entries as DecryptionKeyEntry[]), 'ERR_INVALID_ARGUMENT')
    })

    it.each([
      ['null', null],
      ['a PEM string', 'pem'],
      ['a number', 5],
    ])('refuses an entry that is %s with ERR_INVALID_ARGUMENT', (_name, entry) => {
      expectJoseErrorSync(() => new DecryptionKeySet([{ key: pem() }, entry as unknown as DecryptionKeyEntry]), 'ERR_INVALID_ARGUMENT')
    })

    it.each([[0], [-1], [1.5], ['3'], [Number.NaN], [Number.POSITIVE_INFINITY]])(
      'refuses maxKeysPerToken %s with ERR_INVALID_ARGUMENT',
      (max) => {
        expectJoseErrorSync(() => new DecryptionKeySet([{ key: pem() }], { maxKeysPerToken: max as number }), 'ERR_INVALID_ARGUMENT')
      },
    )

    // BUG (src/jwks/decryption-key-set.ts, constructor: `options.maxKeysPerToken` is read
    // from `options` without checking it is an object): `null` options escape as a TypeError,
    // not the JoseError every public failure is promised to be (src/errors.ts).
    it('refuses options that are null with ERR_INVALID_ARGUMENT', () => {
      expectJoseErrorSync(() => new DecryptionKeySet([{ key: pem() }], null as unknown as { maxKeysPerToken: number }), 'ERR_INVALID_ARGUMENT')
    })

    it('refuses a kid that is not a string with ERR_INVALID_ARGUMENT', () => {
      expectJoseErrorSync(() => new DecryptionKeySet([{ kid: 5 as unknown as string, key: pem() }]), 'ERR_INVALID_ARGUMENT')
    })

    it.each([
      ['a number', 5],
      ['null', null],
      ['a boolean', true],
      ['missing', undefined],
    ])('refuses a key that is %s with ERR_KEY_INVALID', (_name, key) => {
      expectJoseErrorSync(() => new DecryptionKeySet([{ key: key as unknown as string }]), 'ERR_KEY_INVALID')
    })

    it('candidates() called by hand with a header without a supported alg: ERR_ALG_NOT_SUPPORTED', async () => {
      const set = new DecryptionKeySet([{ key: pem() }])
      for (const header of [null, undefined, {}, { alg: 'RS256' }, { alg: 'RSA1_5', enc: 'A256GCM' }]) {
        await expectJoseError(set.candidates(header as never), 'ERR_ALG_NOT_SUPPORTED')
      }
    })

    it('refuses a JWK whose alg is not an RSA-OAEP algorithm with ERR_KEY_INVALID', () => {
      for (const alg of ['RS256', 'PS256', 'A256GCM', 'RSA1_5', 5]) {
        const key = { ...A.privateJwk, alg } as unknown as JsonWebKey
        expectJoseErrorSync(() => new DecryptionKeySet([{ key }]), 'ERR_KEY_INVALID')
      }
    })

    it('refuses a JWK for signing, whose key_ops allow no decryption, or that is malformed, when the set is made (ERR_KEY_INVALID)', () => {
      const malformed = [{ n: 'not base64url!' }, { d: undefined }, { kty: 'EC' }, { ext: 'no' }]
      for (const members of [{ use: 'sig' }, { use: 5 }, { key_ops: ['sign'] }, { key_ops: ['encrypt', 'wrapKey'] }, { key_ops: 'decrypt' }, { key_ops: [] }, ...malformed]) {
        const key = { ...A.privateJwk, ...members } as unknown as JsonWebKey
        expectJoseErrorSync(() => new DecryptionKeySet([{ key }]), 'ERR_KEY_INVALID')
      }
      // control: use "enc", and key_ops with decrypt or unwrapKey, are accepted
      for (const members of [{ use: 'enc' }, { key_ops: ['decrypt'] }, { key_ops: ['unwrapKey'] }, { use: 'enc', key_ops: ['decrypt', 'unwrapKey'] }]) {
        expect(new DecryptionKeySet([{ key: { ...A.privateJwk, ...members } as JsonWebKey }])).toBeInstanceOf(DecryptionKeySet)
      }
    })

    it('refuses a CryptoKey that is not a JWE decryption key with ERR_KEY_INVALID', async () => {
      const keys = [
        await cryptoKeyFor(A, 'RSA-OAEP-256', 'public'),
        await cryptoKeyFor(A, 'RS256', 'private'),
        await cryptoKeyFor(A, 'PS256', 'private'),
        await crypto.subtle.generateKey({ name: 'AES-CBC', length: 256 }, false, ['decrypt']),
        await crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, ['sign']),
      ]
      for (const key of keys) expectJoseErrorSync(() => new DecryptionKeySet([{ key }]), 'ERR_KEY_INVALID')
      // control: an RSA-OAEP private CryptoKey is accepted, for every OAEP hash
      for (const alg of ALL_OAEP) expect(new DecryptionKeySet([{ key: await cryptoKeyFor(A, alg, 'private') }])).toBeInstanceOf(DecryptionKeySet)
    })
  })
})
