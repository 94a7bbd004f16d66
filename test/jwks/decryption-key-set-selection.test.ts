/** DecryptionKeySet selection over every key type: by kid first, then by key type, curve, size and alg; bounded tries; uniform failure. */
import { beforeAll, describe, expect, it } from 'vitest'
import { createDecryptionKeySet, type DecryptionKeyEntry } from '../../src/jwks/decryption-key-set.ts'
import { decryptAndVerifyJwt } from '../../src/verifier/decrypt-and-verify-jwt.ts'
import { encryptJwt } from '../../src/jwt/encrypt-jwt.ts'
import { signJwt } from '../../src/jwt/sign-jwt.ts'
import { importKey } from '../../src/keys/import-key.ts'
import { DECRYPTION_FAILED_MESSAGE } from '../../src/errors.ts'
import type { JweHeader } from '../../src/serialization/header.ts'
import type { KeyManagementAlgorithm } from '../../src/algorithms/key-management.ts'
import { expectJoseError } from '../helpers/expect-jose.ts'
import { AUDIENCE, ISSUER, b64, defaultClaims } from '../helpers/tokens.ts'
import { curveKey, curveKeys, headerOf, open, plaintext, secret, signerKeys, tokenFor, type CurveKey } from '../helpers/decryption-key-set-forms.ts'

let P256: CurveKey, X25519: CurveKey
let signingKey: CryptoKey, verificationKey: CryptoKey
beforeAll(async () => {
  ;({ P256, X25519 } = curveKeys())
  ;({ signingKey, verificationKey } = await signerKeys())
})

describe('selection', () => {
  it('by kid first: a kid naming an entry of another type falls back to the fitting entries without a kid', async () => {
    const set = createDecryptionKeySet([{ kid: 'k', key: P256.privateJwk }, { key: secret(32, 1) }])
    const token = await tokenFor(secret(32, 1), 'A256KW', 'A256GCM', 'k')
    expect(await open(token, set)).toBe(plaintext)
    expect(await set.candidates(headerOf(await tokenFor(P256.publicJwk, 'ECDH-ES', 'A256GCM', 'k')))).toHaveLength(1)
  })

  it('an entry bound to an alg is skipped for the others: oct JWK "alg", dir JWK naming an enc, EC JWK "alg", AES and password CryptoKeys', async () => {
    const bytes = secret(32, 1)
    const header = (alg: string, enc = 'A256GCM') => ({ alg, enc }) as JweHeader
    const only = async (key: DecryptionKeyEntry['key'], fitting: JweHeader[], other: JweHeader[]) => {
      const set = createDecryptionKeySet([{ key }])
      for (const h of fitting) expect(await set.candidates(h)).toHaveLength(1)
      for (const h of other) await expectJoseError(set.candidates(h), 'ERR_JWKS_NO_MATCHING_KEY')
    }
    await only({ kty: 'oct', k: b64(bytes), alg: 'A256KW' }, [header('A256KW')], [header('A256GCMKW'), header('dir'), header('PBES2-HS256+A128KW')])
    await only({ kty: 'oct', k: b64(bytes), alg: 'A256GCM' }, [header('dir')], [header('dir', 'A128CBC-HS256'), header('A256KW')])
    await only({ kty: 'oct', k: b64(bytes), alg: 'dir' }, [header('dir'), header('dir', 'A128CBC-HS256')], [header('dir', 'A128GCM'), header('A256KW')])
    await only(bytes, [header('A256KW'), header('A256GCMKW'), header('dir'), header('PBES2-HS512+A256KW')], [header('A128KW'), header('dir', 'A256CBC-HS512')])
    await only(await importKey(bytes, 'A256KW'), [header('A256KW')], [header('A256GCMKW'), header('dir')])
    await only(await importKey(bytes, 'A256GCMKW'), [header('A256GCMKW')], [header('A256KW')])
    await only(await importKey(bytes, 'PBES2-HS256+A128KW'), [header('PBES2-HS256+A128KW'), header('PBES2-HS512+A256KW')], [header('A256KW')])
    await only(await importKey(bytes, 'dir'), [header('dir'), header('dir', 'A128CBC-HS256')], [header('dir', 'A128GCM'), header('A256KW')])
    const epk = { kty: 'EC', crv: 'P-256' }
    await only({ ...P256.privateJwk, alg: 'ECDH-ES' }, [{ alg: 'ECDH-ES', enc: 'A256GCM', epk }], [{ alg: 'ECDH-ES+A256KW', enc: 'A256GCM', epk }])
    await only(P256.privateJwk, [{ alg: 'ECDH-ES+A256KW', enc: 'A256GCM', epk }], [{ alg: 'ECDH-ES', enc: 'A256GCM' }, { alg: 'ECDH-ES', enc: 'A256GCM', epk: { crv: 'P-384' } }, header('A256KW')])
  })

  it('a header by hand with a dir enc that is no enc fits no secret', async () => {
    const set = createDecryptionKeySet([{ key: secret(32, 1) }])
    await expectJoseError(set.candidates({ alg: 'dir', enc: 'A256CBC' } as never), 'ERR_JWKS_NO_MATCHING_KEY')
  })

  it('bounded: more fitting kid-less entries than maxKeysPerToken → ERR_JWKS_MULTIPLE_MATCHING_KEYS; within it, every one is tried', async () => {
    const entries = [1, 2, 3].map((fill) => ({ key: secret(32, fill) }))
    const token = await tokenFor(secret(32, 3), 'A256KW')
    await expectJoseError(open(token, createDecryptionKeySet(entries, { maxKeysPerToken: 2 })), 'ERR_JWKS_MULTIPLE_MATCHING_KEYS')
    expect(await open(token, createDecryptionKeySet(entries))).toBe(plaintext)
    // Other sizes do not count: three 16-byte secrets beside them do not make the 32-byte ones too many.
    const mixed = createDecryptionKeySet([...entries, ...[1, 2, 3].map((fill) => ({ key: secret(16, fill) }))])
    expect(await open(token, mixed)).toBe(plaintext)
  })

  it('when no candidate opens the token: the one ERR_JWE_DECRYPTION_FAILED, whatever the key types tried', async () => {
    const jwt = await signJwt(defaultClaims(), signingKey, { alg: 'RS256' })
    const policy = { contentEncryptionAlgorithms: ['A256GCM'], algorithms: ['RS256'], issuer: ISSUER, audience: AUDIENCE, verificationKey } as const
    const cases: [DecryptionKeyEntry[], string, KeyManagementAlgorithm][] = [
      [[{ key: secret(32, 1) }, { key: secret(32, 2) }], await encryptJwt(jwt, await importKey(secret(32, 3), 'A256KW'), { alg: 'A256KW' }), 'A256KW'],
      [[{ key: X25519.privateJwk }, { key: curveKey('X25519').privatePem }], await encryptJwt(jwt, await importKey(curveKey('X25519').publicJwk, 'ECDH-ES'), { alg: 'ECDH-ES' }), 'ECDH-ES'],
      [[{ key: P256.privateJwk }], await encryptJwt(jwt, await importKey(curveKey('P-256').publicJwk, 'ECDH-ES+A128KW'), { alg: 'ECDH-ES+A128KW' }), 'ECDH-ES+A128KW'],
      [[{ key: new TextEncoder().encode('pass-one') }, { key: new TextEncoder().encode('pass-two') }], await encryptJwt(jwt, await importKey(new TextEncoder().encode('pass-three'), 'PBES2-HS256+A128KW'), { alg: 'PBES2-HS256+A128KW', p2c: 1000 }), 'PBES2-HS256+A128KW'],
      [[{ key: secret(32, 1) }, { key: secret(32, 2) }], await encryptJwt(jwt, await importKey(secret(32, 3), 'dir', { extractable: true }), { alg: 'dir' }), 'dir'],
    ]
    for (const [entries, token, alg] of cases) {
      const error = await expectJoseError(decryptAndVerifyJwt(token, { ...policy, keyManagementAlgorithms: [alg], decryptionKey: createDecryptionKeySet(entries) }), 'ERR_JWE_DECRYPTION_FAILED')
      expect(error.message).toBe(DECRYPTION_FAILED_MESSAGE)
    }
  })
})
