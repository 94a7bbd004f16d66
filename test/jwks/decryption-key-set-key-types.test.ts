/**
 * DecryptionKeySet with every key type a JWE algorithm takes: EC/OKP keys for ECDH-ES* (JWK,
 * PKCS#8, SEC1, CryptoKey), secrets for dir, A*KW, A*GCMKW (bytes, oct JWK, CryptoKey) and PBES2
 * passwords, each opening the tokens made for it, alone, in a mixed set and through the verifiers.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { createDecryptionKeySet } from '../../src/jwks/decryption-key-set.ts'
import { decryptAndVerifyJwt } from '../../src/verifier/decrypt-and-verify-jwt.ts'
import { createVerifier } from '../../src/verifier/create-verifier.ts'
import { compactEncrypt } from '../../src/jwe/compact-encrypt.ts'
import { generalEncrypt } from '../../src/jwe/general-encrypt.ts'
import { generalDecrypt } from '../../src/jwe/general-decrypt.ts'
import { encryptJwt } from '../../src/jwt/encrypt-jwt.ts'
import { signJwt } from '../../src/jwt/sign-jwt.ts'
import { importKey } from '../../src/keys/import-key.ts'
import type { JweHeader } from '../../src/serialization/header.ts'
import type { KeyManagementAlgorithm } from '../../src/algorithms/key-management.ts'
import type { ContentEncryptionAlgorithm } from '../../src/algorithms/content-encryption.ts'
import { expectJoseError, expectJoseErrorSync } from '../helpers/expect-jose.ts'
import { AUDIENCE, ISSUER, b64, cryptoKeyFor, defaultClaims, namedKey } from '../helpers/tokens.ts'
import { curveKeys, headerOf, open, plaintext, secret, signerKeys, tokenFor, type CurveKey } from '../helpers/decryption-key-set-forms.ts'

let P256: CurveKey, P384: CurveKey, P521: CurveKey, X25519: CurveKey, X448: CurveKey
let signingKey: CryptoKey, verificationKey: CryptoKey
beforeAll(async () => {
  ;({ P256, P384, P521, X25519, X448 } = curveKeys())
  ;({ signingKey, verificationKey } = await signerKeys())
})

describe('every key type decrypts the tokens made for it', () => {
  it('EC and OKP keys for ECDH-ES*: JWK, PKCS#8 and SEC1 PEM, CryptoKey; each selected by the epk curve without a kid', async () => {
    const x25519Key = await importKey(X25519.privateJwk, 'ECDH-ES')
    const set = createDecryptionKeySet([{ key: P256.privateJwk }, { key: P384.privatePem }, { key: P521.sec1Pem! }, { key: x25519Key }, { key: X448.privatePem }], { maxKeysPerToken: 1 })
    for (const recipient of [P256, P384, P521, X25519, X448]) {
      for (const alg of ['ECDH-ES', 'ECDH-ES+A128KW', 'ECDH-ES+A256KW'] as const) {
        const token = await tokenFor(recipient.publicJwk, alg, 'A128CBC-HS256')
        expect(await set.candidates(headerOf(token))).toHaveLength(1)
        expect(await open(token, set)).toBe(plaintext)
      }
    }
    expect(await set.candidates({ alg: 'ECDH-ES', enc: 'A256GCM', epk: { kty: 'OKP', crv: 'X25519', x: 'AA' } })).toEqual([x25519Key])
  })

  it('secrets: bytes and oct JWKs for dir (by the enc size), A*KW and A*GCMKW (by the alg size), PBES2 passwords', async () => {
    const cases: [Uint8Array, KeyManagementAlgorithm, ContentEncryptionAlgorithm][] = [
      [secret(16, 1), 'A128KW', 'A256GCM'],
      [secret(24, 2), 'A192KW', 'A128GCM'],
      [secret(32, 3), 'A256KW', 'A256CBC-HS512'],
      [secret(16, 4), 'A128GCMKW', 'A256GCM'],
      [secret(32, 5), 'A256GCMKW', 'A256GCM'],
      [secret(32, 6), 'dir', 'A256GCM'],
      [secret(64, 7), 'dir', 'A256CBC-HS512'],
      [new TextEncoder().encode('correct horse battery staple'), 'PBES2-HS256+A128KW', 'A128GCM'],
      [new TextEncoder().encode('another password'), 'PBES2-HS512+A256KW', 'A256GCM'],
    ]
    for (const [bytes, alg, enc] of cases) {
      const token = await tokenFor(bytes, alg, enc)
      for (const key of [bytes, { kty: 'oct', k: b64(bytes) }, { kty: 'oct', k: b64(bytes), alg, use: 'enc' }]) {
        expect(await open(token, createDecryptionKeySet([{ key }]))).toBe(plaintext)
      }
    }
    // A "dir" JWK naming its enc as "alg" (RFC 7520 §5.6).
    const cek = secret(32, 8)
    expect(await open(await tokenFor(cek, 'dir', 'A128CBC-HS256'), createDecryptionKeySet([{ key: { kty: 'oct', k: b64(cek), alg: 'A128CBC-HS256' } }]))).toBe(plaintext)
  })

  it('a set of every type: each token gets the one entry of its type, curve and size (maxKeysPerToken 1, no kids)', async () => {
    const rsa = namedKey('a')
    const set = createDecryptionKeySet(
      [{ key: rsa.pkcs1PrivatePem }, { key: P256.privateJwk }, { key: X25519.privatePem }, { key: secret(16, 1) }, { key: secret(24, 9) }],
      { maxKeysPerToken: 1 },
    )
    const tokens = [
      await compactEncrypt(plaintext, await cryptoKeyFor(rsa, 'RSA-OAEP-256', 'public'), { alg: 'RSA-OAEP-256', enc: 'A256GCM' }),
      await tokenFor(P256.publicJwk, 'ECDH-ES+A256KW'),
      await tokenFor(X25519.publicJwk, 'ECDH-ES'),
      await tokenFor(secret(16, 1), 'A128KW'),
      await tokenFor(secret(24, 9), 'A192GCMKW'),
      await tokenFor(secret(16, 1), 'dir', 'A128GCM'),
    ]
    for (const token of tokens) expect(await open(token, set)).toBe(plaintext)
    // No secret is 32 bytes, and no key is on P-384: nothing fits.
    await expectJoseError(set.candidates({ alg: 'A256KW', enc: 'A256GCM' }), 'ERR_JWKS_NO_MATCHING_KEY')
    await expectJoseError(set.candidates(headerOf(await tokenFor(P384.publicJwk, 'ECDH-ES'))), 'ERR_JWKS_NO_MATCHING_KEY')
  })

  it('decryptAndVerifyJwt and createVerifier: ECDH-ES+A256KW around an RS256 JWT, with a set, a JWK set and a PEM', async () => {
    const jwt = await signJwt(defaultClaims(), signingKey, { alg: 'RS256' })
    const token = await encryptJwt(jwt, await importKey(P384.publicJwk, 'ECDH-ES+A256KW'), { alg: 'ECDH-ES+A256KW', kid: 'ec-1' })
    const policy = { keyManagementAlgorithms: ['ECDH-ES+A256KW'], contentEncryptionAlgorithms: ['A256GCM'], algorithms: ['RS256'], issuer: ISSUER, audience: AUDIENCE } as const
    const set = createDecryptionKeySet([{ kid: 'ec-1', key: P384.sec1Pem! }, { kid: 'secret', key: secret(32, 1) }])
    const { claims, encryptionHeader } = await decryptAndVerifyJwt(token, { ...policy, decryptionKey: set, verificationKey })
    expect([claims.iss, encryptionHeader.kid]).toEqual([ISSUER, 'ec-1'])
    for (const decryptionKey of [set, { keys: [{ ...P384.privateJwk, kid: 'ec-1' }, { kty: 'oct', k: b64(secret(32, 1)), kid: 's' }] }, P384.privatePem]) {
      const verifier = createVerifier({ ...policy, decryptionKey: decryptionKey as never, verificationKey })
      expect((await verifier.verify(token)).claims.iss).toBe(ISSUER)
    }
    // A256KW with the secret entry, by its kid; createVerifier takes the bytes themselves too.
    const secretToken = await encryptJwt(jwt, await importKey(secret(32, 1), 'A256KW'), { alg: 'A256KW', kid: 'secret' })
    await expect(decryptAndVerifyJwt(secretToken, { ...policy, keyManagementAlgorithms: ['A256KW'], decryptionKey: set, verificationKey })).resolves.toBeDefined()
    const bytesVerifier = createVerifier({ ...policy, keyManagementAlgorithms: ['A256KW'], decryptionKey: secret(32, 1), verificationKey })
    expect((await bytesVerifier.verify(secretToken)).claims.iss).toBe(ISSUER)
    expectJoseErrorSync(() => createVerifier({ ...policy, decryptionKey: new Uint8Array(0), verificationKey }), 'ERR_KEY_INVALID')
  })

  it('generalEncrypt to a secret and an EC recipient: generalDecrypt with a resolver over the set opens it', async () => {
    const jwe = await generalEncrypt(plaintext, { protectedHeader: { enc: 'A256GCM' } }, [
      { key: await importKey(secret(32, 2), 'A256KW'), header: { alg: 'A256KW', kid: 'other' } },
      { key: await importKey(X25519.publicJwk, 'ECDH-ES+A128KW'), header: { alg: 'ECDH-ES+A128KW', kid: 'x' } },
    ])
    const set = createDecryptionKeySet([{ kid: 'x', key: X25519.privateJwk }])
    const resolver = async (header: JweHeader) => (await set.candidates(header))[0]!
    const result = await generalDecrypt(jwe, resolver, { keyManagementAlgorithms: ['A256KW', 'ECDH-ES+A128KW'], contentEncryptionAlgorithms: ['A256GCM'] })
    expect([Buffer.from(result.plaintext).toString(), result.index]).toEqual([plaintext, 1])
  })
})
