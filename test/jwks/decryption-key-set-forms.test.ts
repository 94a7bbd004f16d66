/**
 * DecryptionKeySet with every key type a JWE algorithm takes: EC/OKP keys for ECDH-ES* (JWK,
 * PKCS#8, SEC1, CryptoKey), secrets for dir, A*KW, A*GCMKW (bytes, oct JWK, CryptoKey) and PBES2
 * passwords. Selection by kid, then by key type, curve, size and alg; imports once per alg;
 * bounded tries; uniform failure; every construction-time refusal with its code.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import * as jose from 'jose'
import { createPrivateKey, generateKeyPairSync } from 'node:crypto'
import { DecryptionKeySet, createDecryptionKeySet, type DecryptionKeyEntry } from '../../src/jwks/decryption-key-set.ts'
import { decryptAndVerifyJwt } from '../../src/verifier/decrypt-and-verify-jwt.ts'
import { createVerifier } from '../../src/verifier/create-verifier.ts'
import { compactEncrypt } from '../../src/jwe/compact-encrypt.ts'
import { compactDecrypt } from '../../src/jwe/compact-decrypt.ts'
import { generalEncrypt } from '../../src/jwe/general-encrypt.ts'
import { generalDecrypt } from '../../src/jwe/general-decrypt.ts'
import { encryptJwt } from '../../src/jwt/encrypt-jwt.ts'
import { signJwt } from '../../src/jwt/sign-jwt.ts'
import { importKey } from '../../src/keys/import-key.ts'
import { DECRYPTION_FAILED_MESSAGE } from '../../src/errors.ts'
import type { JweHeader } from '../../src/serialization/header.ts'
import type { KeyManagementAlgorithm } from '../../src/algorithms/key-management.ts'
import type { ContentEncryptionAlgorithm } from '../../src/algorithms/content-encryption.ts'
import { expectJoseError, expectJoseErrorSync } from '../helpers/expect-jose.ts'
import { AUDIENCE, ISSUER, cryptoKeyFor, defaultClaims, namedKey } from '../helpers/tokens.ts'

type Curve = 'P-256' | 'P-384' | 'P-521' | 'X25519' | 'X448'

interface CurveKey {
  crv: Curve
  privatePem: string
  sec1Pem: string | undefined
  privateJwk: JsonWebKey
  publicJwk: JsonWebKey
  publicPem: string
}

/** An ECDH recipient key in every form, parsed afresh from PEM (see test/helpers/keys.ts on Node 20's export deadlock). */
function curveKey(crv: Curve): CurveKey {
  const encoding = { privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } } as const
  const generate = generateKeyPairSync as unknown as (type: string, options: object) => { privateKey: string; publicKey: string }
  const pems = crv.startsWith('P-') ? generate('ec', { namedCurve: crv, ...encoding }) : generate(crv.toLowerCase(), encoding)
  const privateKey = createPrivateKey(pems.privateKey)
  const privateJwk = privateKey.export({ format: 'jwk' }) as JsonWebKey
  const { d: _d, ...publicJwk } = privateJwk
  const sec1Pem = crv.startsWith('P-') ? (privateKey.export({ format: 'pem', type: 'sec1' }) as string) : undefined
  return { crv, privatePem: pems.privateKey, sec1Pem, privateJwk, publicJwk, publicPem: pems.publicKey }
}

const plaintext = 'Kaleidoscopes of meaning.'
const secret = (bytes: number, fill: number): Uint8Array<ArrayBuffer> => new Uint8Array(bytes).fill(fill)
const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64url')
const headerOf = (token: string): JweHeader => JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as JweHeader

/** A compact JWE of `plaintext` to `recipient` (a public JWK, or a secret's bytes). */
async function tokenFor(recipient: JsonWebKey | Uint8Array, alg: KeyManagementAlgorithm, enc: ContentEncryptionAlgorithm = 'A256GCM', kid?: string): Promise<string> {
  const key = await importKey(recipient, alg, { extractable: alg === 'dir' })
  return compactEncrypt(plaintext, key, { alg, enc, ...(kid && { kid }), ...(alg.startsWith('PBES2') && { p2c: 1000 }) })
}

/** compactDecrypt with the set's candidates, as decryptAndVerifyJwt uses them. */
async function open(token: string, set: DecryptionKeySet): Promise<string> {
  const header = headerOf(token)
  const keys = await set.candidates(header)
  for (const key of keys) {
    try {
      const options = { keyManagementAlgorithms: [header.alg], contentEncryptionAlgorithms: [header.enc] } as never
      return Buffer.from((await compactDecrypt(token, key, options)).plaintext).toString()
    } catch {
      // The next candidate.
    }
  }
  throw new Error('no candidate opened the token')
}

let P256: CurveKey, P384: CurveKey, P521: CurveKey, X25519: CurveKey, X448: CurveKey
let signingKey: CryptoKey
let verificationKey: CryptoKey

beforeAll(async () => {
  ;[P256, P384, P521, X25519, X448] = (['P-256', 'P-384', 'P-521', 'X25519', 'X448'] as const).map(curveKey) as [CurveKey, CurveKey, CurveKey, CurveKey, CurveKey]
  signingKey = await cryptoKeyFor(namedKey('signer'), 'RS256', 'private')
  verificationKey = await cryptoKeyFor(namedKey('signer'), 'RS256', 'public')
})

afterEach(() => {
  vi.restoreAllMocks()
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

describe('tokens jose makes', () => {
  it('the set picks and opens them: ECDH-ES+A256KW on P-521 and X25519, A256GCMKW, dir among kid-less entries of every type; PBES2 by kid', async () => {
    const password = new TextEncoder().encode('jose password')
    const set = createDecryptionKeySet([{ key: P521.sec1Pem! }, { key: X25519.privateJwk }, { key: secret(32, 4) }, { key: secret(64, 5) }, { kid: 'pw', key: password }], { maxKeysPerToken: 1 })
    const tokens = [
      await new jose.CompactEncrypt(new TextEncoder().encode(plaintext)).setProtectedHeader({ alg: 'ECDH-ES+A256KW', enc: 'A256GCM' }).encrypt(await jose.importJWK(P521.publicJwk, 'ECDH-ES+A256KW')),
      await new jose.CompactEncrypt(new TextEncoder().encode(plaintext)).setProtectedHeader({ alg: 'ECDH-ES', enc: 'A128CBC-HS256' }).encrypt(await jose.importJWK(X25519.publicJwk, 'ECDH-ES')),
      await new jose.CompactEncrypt(new TextEncoder().encode(plaintext)).setProtectedHeader({ alg: 'A256GCMKW', enc: 'A256GCM' }).encrypt(secret(32, 4)),
      await new jose.CompactEncrypt(new TextEncoder().encode(plaintext)).setProtectedHeader({ alg: 'dir', enc: 'A256CBC-HS512' }).encrypt(secret(64, 5)),
      await new jose.CompactEncrypt(new TextEncoder().encode(plaintext)).setProtectedHeader({ alg: 'PBES2-HS256+A128KW', enc: 'A128GCM', kid: 'pw' }).setKeyManagementParameters({ p2c: 1000 }).encrypt(password),
    ]
    for (const token of tokens) expect(await open(token, set)).toBe(plaintext)
    // Without its kid, a PBES2 token fits every unbound secret (a password has any size): too many to try.
    const kidless = await new jose.CompactEncrypt(new TextEncoder().encode(plaintext)).setProtectedHeader({ alg: 'PBES2-HS256+A128KW', enc: 'A128GCM' }).setKeyManagementParameters({ p2c: 1000 }).encrypt(password)
    await expectJoseError(open(kidless, set), 'ERR_JWKS_MULTIPLE_MATCHING_KEYS')
  })
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

describe('imports', () => {
  const importCalls = (spy: { mock: { calls: unknown[][] } }, format: string) => spy.mock.calls.filter((call) => call[0] === format).length

  it('bytes, oct JWKs and EC keys are imported once per alg on first use (one CryptoKey: copiesPerKey is for RSA), and reused', async () => {
    const set = createDecryptionKeySet([{ kid: 's', key: secret(32, 1) }, { kid: 'j', key: { kty: 'oct', k: b64(secret(32, 2)) } }, { kid: 'e', key: X25519.privateJwk }], { copiesPerKey: 4 })
    const headers = [
      { alg: 'A256KW', enc: 'A256GCM', kid: 's' },
      { alg: 'A256KW', enc: 'A256GCM', kid: 'j' },
      { alg: 'ECDH-ES', enc: 'A256GCM', kid: 'e', epk: { crv: 'X25519' } },
    ] as JweHeader[]
    await Promise.all(headers.map((header) => set.candidates(header)))
    const importKeySpy = vi.spyOn(crypto.subtle, 'importKey')
    for (let i = 0; i < 3; i++) {
      for (const header of headers) {
        const [first, ...rest] = await set.candidates(header)
        expect(rest).toEqual([])
        expect(first).toBe((await set.candidates(header))[0])
      }
    }
    expect(importKeySpy).not.toHaveBeenCalled()
    // Another alg for the same bytes: one more import.
    await set.candidates({ alg: 'A256GCMKW', enc: 'A256GCM', kid: 's' })
    await set.candidates({ alg: 'ECDH-ES+A256KW', enc: 'A256GCM', kid: 'e', epk: { crv: 'X25519' } })
    expect([importCalls(importKeySpy, 'raw'), importCalls(importKeySpy, 'jwk')]).toEqual([1, 1])
  })

  it("a key Web Crypto refuses on import is the server's fault (ERR_KEY_UNAVAILABLE), not cached; a runtime without the alg says ERR_ALG_NOT_SUPPORTED", async () => {
    // Full-length members of a point that is not on P-256: well-formed, refused by Web Crypto.
    const offCurve = { ...P256.privateJwk, y: b64(secret(32, 1)) }
    const set = createDecryptionKeySet([{ key: offCurve }])
    const header = { alg: 'ECDH-ES', enc: 'A256GCM', epk: { crv: 'P-256' } } as JweHeader
    const error = await expectJoseError(set.candidates(header), 'ERR_KEY_UNAVAILABLE')
    expect(error.message).toBe('decryption key 0 could not be imported')
    const importKeySpy = vi.spyOn(crypto.subtle, 'importKey')
    await expectJoseError(set.candidates(header), 'ERR_KEY_UNAVAILABLE')
    expect(importKeySpy).toHaveBeenCalled()
    // Web Crypto without AES-192 (Chromium): the alg is unsupported, not the key unavailable.
    importKeySpy.mockRejectedValue(new DOMException('AES-192 is not supported', 'OperationError'))
    const aes192 = createDecryptionKeySet([{ key: secret(24, 1) }])
    await expectJoseError(aes192.candidates({ alg: 'A192KW', enc: 'A256GCM' }), 'ERR_ALG_NOT_SUPPORTED')
  })
})

describe('construction refuses what could never decrypt (ERR_KEY_INVALID)', () => {
  const refuse = (key: unknown, message?: string) => {
    const error = expectJoseErrorSync(() => new DecryptionKeySet([{ key: key as never }]), 'ERR_KEY_INVALID')
    if (message !== undefined) expect(error.message).toBe(message)
  }
  const octJwk = { kty: 'oct', k: b64(secret(32, 1)) }

  it('empty bytes', () => {
    refuse(new Uint8Array(0), 'decryption key 0 is empty')
  })

  it('an oct JWK for signing, without a decrypting key_ops, malformed, or whose alg is not a JWE alg for a secret or is of another size', () => {
    for (const members of [{ use: 'sig' }, { key_ops: ['sign'] }, { key_ops: ['encrypt', 'wrapKey'] }, { key_ops: 'decrypt' }, { ext: 'no' }, { k: 'not base64url!' }, { k: undefined }, { k: '' }]) {
      refuse({ ...octJwk, ...members })
    }
    for (const alg of ['HS256', 'RSA-OAEP', 'ECDH-ES', 'A512KW', 5]) refuse({ ...octJwk, alg }, 'JWK "alg" mismatch')
    for (const alg of ['A128KW', 'A192GCMKW', 'A128GCM', 'A256CBC-HS512']) refuse({ ...octJwk, alg }, `JWK "k" is not the size ${alg} needs`)
    // Controls.
    for (const members of [{ use: 'enc' }, { key_ops: ['unwrapKey'] }, { key_ops: ['decrypt', 'encrypt'], use: 'enc' }, { key_ops: ['deriveBits'] }, { alg: 'A256GCMKW' }, { alg: 'A128CBC-HS256' }, { alg: 'PBES2-HS256+A128KW' }, { ext: true }]) {
      expect(new DecryptionKeySet([{ key: { ...octJwk, ...members } as JsonWebKey }])).toBeInstanceOf(DecryptionKeySet)
    }
  })

  it('an EC or OKP JWK that is public, of a curve ECDH-ES lacks, malformed, for signing, or bound to another alg', () => {
    refuse(P256.publicJwk, 'decryption key 0 is a public key; a private key is needed')
    refuse(X25519.publicJwk, 'decryption key 0 is a public key; a private key is needed')
    refuse({ kty: 'OKP', crv: 'Ed25519', x: b64(secret(32, 1)), d: b64(secret(32, 2)) }, 'JWK "crv" invalid')
    refuse({ ...X25519.privateJwk, kty: 'EC' }, 'JWK "crv" invalid')
    refuse({ ...P256.privateJwk, crv: 'secp256k1' }, 'JWK "crv" invalid')
    refuse({ ...P256.privateJwk, x: b64(secret(31, 1)) }, 'JWK "x" invalid')
    refuse({ ...P521.privateJwk, y: b64(secret(64, 1)) }, 'JWK "y" invalid')
    refuse({ ...X448.privateJwk, d: b64(secret(32, 1)) }, 'JWK "d" invalid')
    refuse({ ...P256.privateJwk, y: undefined }, 'JWK "y" invalid')
    for (const members of [{ use: 'sig' }, { key_ops: ['sign'] }, { key_ops: ['deriveKey'] }, { alg: 'ES256' }, { alg: 'A256KW' }]) refuse({ ...P256.privateJwk, ...members })
    // Controls.
    for (const members of [{ use: 'enc' }, { key_ops: ['deriveBits'] }, { alg: 'ECDH-ES+A192KW' }]) {
      expect(new DecryptionKeySet([{ key: { ...P256.privateJwk, ...members } as JsonWebKey }])).toBeInstanceOf(DecryptionKeySet)
    }
  })

  it('a PEM that is public, a signing curve, a SEC1 key naming no curve, or malformed DER', () => {
    refuse(P256.publicPem, 'decryption key 0 is a public key; a private key is needed')
    const ed25519 = generateKeyPairSync('ed25519', { privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } })
    refuse(ed25519.privateKey, 'key is not for ECDH-ES')
    // SEC1 without its [0] parameters: version, the private key, and the [1] public key only.
    const der = Buffer.from(P256.sec1Pem!.replace(/-----[^-]+-----|\s/g, ''), 'base64')
    const keyEnd = 2 + 3 + 2 + 32
    const parametersLength = der[keyEnd + 1]! + 2
    const body = Buffer.concat([der.subarray(2, keyEnd), der.subarray(keyEnd + parametersLength)])
    const noCurve = Buffer.concat([Buffer.from([0x30, body.length]), body])
    refuse(`-----BEGIN EC PRIVATE KEY-----\n${noCurve.toString('base64')}\n-----END EC PRIVATE KEY-----`, 'SEC1 key names no curve')
    refuse('-----BEGIN EC PRIVATE KEY-----\nMAMCAQE=\n-----END EC PRIVATE KEY-----', 'DER: malformed')
    refuse('-----BEGIN PRIVATE KEY-----\nMAMCAQE=\n-----END PRIVATE KEY-----', 'DER: malformed')
  })

  it('a CryptoKey that is public, lacks its decryption usage, signs, or is a "dir" key that cannot be read', async () => {
    const message = 'decryption key 0 is not a private or secret key for a JWE algorithm, with its decryption usage (RSA keys of 2048 bits or more)'
    const ecdh = (await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits', 'deriveKey'])) as CryptoKeyPair
    const x25519 = (await crypto.subtle.generateKey({ name: 'X25519' }, true, ['deriveKey'])) as CryptoKeyPair
    const keys = [
      ecdh.publicKey,
      x25519.privateKey,
      await crypto.subtle.importKey('raw', secret(16, 1), 'AES-KW', false, ['wrapKey']),
      await crypto.subtle.importKey('raw', secret(16, 1), 'AES-GCM', false, ['encrypt']),
      // AES-GCM key wrap decrypts: "unwrapKey" alone could never open a token.
      await crypto.subtle.importKey('raw', secret(16, 1), 'AES-GCM', false, ['unwrapKey']),
      await crypto.subtle.importKey('raw', secret(16, 1), 'PBKDF2', false, ['deriveKey']),
      await crypto.subtle.importKey('raw', secret(32, 1), { name: 'HMAC', hash: 'SHA-1' }, false, ['sign']),
      ((await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])) as CryptoKeyPair).privateKey,
      // RFC 7518 §4.3: RSA keys of 2048 bits or more.
      await cryptoKeyFor(namedKey('small', 1024), 'RSA-OAEP-256', 'private'),
    ]
    for (const key of keys) refuse(key, message)
    // Controls: an ECDH private key with deriveBits; an RSA-OAEP private key with unwrapKey only (RFC 7517 §4.3).
    for (const key of [ecdh.privateKey, await cryptoKeyFor(namedKey('a'), 'RSA-OAEP', 'private', ['unwrapKey'])]) {
      expect(new DecryptionKeySet([{ key }])).toBeInstanceOf(DecryptionKeySet)
    }
  })
})
