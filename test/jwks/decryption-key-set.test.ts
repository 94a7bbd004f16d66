import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { DecryptionKeySet, createDecryptionKeySet, type DecryptionKeyEntry } from '../../src/jwks/decryption-key-set.ts'
import { decryptAndVerifyJwt, type DecryptAndVerifyJwtOptions } from '../../src/verifier/decrypt-and-verify-jwt.ts'
import { DECRYPTION_FAILED_MESSAGE } from '../../src/errors.ts'
import type { RsaOaepAlgorithm as KeyManagementAlgorithm } from '../../src/algorithms/key-management/rsa-oaep.ts'
import type { TestRsaKey } from '../helpers/keys.ts'
import { expectJoseError, expectJoseErrorSync } from '../helpers/expect-jose.ts'
import { AUDIENCE, ISSUER, cryptoKeyFor, namedKey, nestedToken } from '../helpers/tokens.ts'

let A: TestRsaKey
let B: TestRsaKey
let C: TestRsaKey
let D: TestRsaKey
let verificationKey: CryptoKey

beforeAll(async () => {
  ;[A, B, C, D] = [namedKey('a'), namedKey('b'), namedKey('c'), namedKey('d')]
  verificationKey = await cryptoKeyFor(namedKey('signer'), 'RS256', 'public')
})

afterEach(() => {
  vi.restoreAllMocks()
})

const ALL_OAEP: KeyManagementAlgorithm[] = ['RSA-OAEP', 'RSA-OAEP-256', 'RSA-OAEP-384', 'RSA-OAEP-512']

function options(decryptionKey: DecryptAndVerifyJwtOptions['decryptionKey']): DecryptAndVerifyJwtOptions {
  return {
    decryptionKey,
    verificationKey,
    keyManagementAlgorithms: ALL_OAEP,
    contentEncryptionAlgorithms: ['A256GCM'],
    algorithms: ['RS256'],
    issuer: ISSUER,
    audience: AUDIENCE,
  }
}

/** A nested token encrypted to `key`, with the given JWE kid (none when undefined). */
function tokenFor(key: TestRsaKey, kid?: string, alg: KeyManagementAlgorithm = 'RSA-OAEP-256'): string {
  return nestedToken({ encrypt: { key, alg, header: { kid } } })
}

const open = (token: string, set: DecryptAndVerifyJwtOptions['decryptionKey']) => decryptAndVerifyJwt(token, options(set))

const importCalls = (spy: { mock: { calls: unknown[][] } }, format: string) => spy.mock.calls.filter((call) => call[0] === format).length
// A PEM import first makes an extractable pkcs8 probe, whose JWK is then imported with the weak-key checks (import-rsa.ts):
// the keys a set holds are those JWK imports.
const keysMade = (spy: { mock: { calls: unknown[][] } }, format: string) => spy.mock.calls.filter((call) => call[0] === format && call[3] === false).length

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
