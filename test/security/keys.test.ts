/**
 * Key checks: RSA moduli under 2048 bits (RFC 7518 §3.3, §3.5, §4.3) in every form and at
 * every entry point, and JWKs whose "alg", "use" or "key_ops" contradict the use asked of them
 * (RFC 7517 §4.2–4.4). Nothing is decrypted or verified with a refused key.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { importKey, type KeyAlgorithm } from '../../src/keys/import-key.ts'
import { jwtVerify } from '../../src/jwt/jwt-verify.ts'
import { compactVerify } from '../../src/jws/compact-verify.ts'
import { compactSign } from '../../src/jws/compact-sign.ts'
import { compactDecrypt } from '../../src/jwe/compact-decrypt.ts'
import { compactEncrypt } from '../../src/jwe/compact-encrypt.ts'
import { decryptAndVerifyJwt } from '../../src/verifier/decrypt-and-verify-jwt.ts'
import { DecryptionKeySet } from '../../src/jwks/decryption-key-set.ts'
import { createLocalJwks } from '../../src/jwks/local-jwks.ts'
import {
  createContext,
  cryptoKeyFor,
  defaultClaims,
  encryptJwe,
  namedKey,
  nestedToken,
  rejects,
  signJws,
  type Context,
  type TestRsaKey,
} from './support.ts'

let ctx: Context
let weak: TestRsaKey
let almost: TestRsaKey

beforeAll(async () => {
  ctx = await createContext()
  weak = namedKey('weak', 1024)
  almost = namedKey('almost', 2047)
})

afterEach(() => {
  vi.restoreAllMocks()
})

describe('RSA keys under 2048 bits: ERR_KEY_INVALID', () => {
  const forms = (key: TestRsaKey): Array<[string, string | JsonWebKey]> => [
    ['PKCS#8 PEM', key.privatePem],
    ['PKCS#1 private PEM', key.pkcs1PrivatePem],
    ['SPKI PEM', key.publicPem],
    ['PKCS#1 public PEM', key.pkcs1PublicPem],
    ['private JWK', key.privateJwk],
    ['public JWK', key.publicJwk],
  ]

  for (const bits of [1024, 2047]) {
    it(`importKey refuses a ${bits}-bit key in every form, for every algorithm`, async () => {
      const key = bits === 1024 ? weak : almost
      for (const [, material] of forms(key)) {
        for (const alg of ['RS256', 'PS256', 'RSA-OAEP', 'RSA-OAEP-256'] as KeyAlgorithm[]) {
          await rejects(importKey(material, alg), 'ERR_KEY_INVALID')
        }
      }
    })
  }

  it('a 1024-bit CryptoKey passed directly is refused before any signature is checked', async () => {
    const verify = vi.spyOn(crypto.subtle, 'verify')
    const token = signJws(defaultClaims(), { key: weak })
    const key = await cryptoKeyFor(weak, 'RS256', 'public')
    await rejects(compactVerify(token, key, { algorithms: ['RS256'] }), 'ERR_KEY_INVALID', token)
    await rejects(jwtVerify(token, key, ctx.jws), 'ERR_KEY_INVALID', token)
    await rejects(jwtVerify(token, async () => key, ctx.jws), 'ERR_KEY_INVALID', token)
    expect(verify).not.toHaveBeenCalled()
    // The spy does see a verification with an acceptable key.
    await jwtVerify(signJws(defaultClaims()), ctx.verificationKey, ctx.jws)
    expect(verify).toHaveBeenCalledTimes(1)
  })

  it('a 1024-bit CryptoKey passed directly is refused before anything is decrypted', async () => {
    const unwrap = vi.spyOn(crypto.subtle, 'unwrapKey')
    const decrypt = vi.spyOn(crypto.subtle, 'decrypt')
    const token = nestedToken({ encrypt: { key: weak } })
    const key = await cryptoKeyFor(weak, 'RSA-OAEP-256', 'private')
    const decryptOnly = await cryptoKeyFor(weak, 'RSA-OAEP-256', 'private', ['decrypt'])
    await rejects(compactDecrypt(token, key, ctx.jwe), 'ERR_KEY_INVALID', token)
    await rejects(compactDecrypt(token, decryptOnly, ctx.jwe), 'ERR_KEY_INVALID', token)
    await rejects(decryptAndVerifyJwt(token, ctx.nested({ decryptionKey: key })), 'ERR_KEY_INVALID', token)
    expect(unwrap).not.toHaveBeenCalled()
    expect(decrypt).not.toHaveBeenCalled()
    await compactDecrypt(nestedToken(), ctx.decryptionKey, ctx.jwe)
    expect(unwrap).not.toHaveBeenCalled()
    expect(decrypt).toHaveBeenCalledTimes(2)
  })

  it('a 1024-bit issuer key behind a valid nested token is refused', async () => {
    const token = nestedToken({ sign: { key: weak } })
    const key = await cryptoKeyFor(weak, 'RS256', 'public')
    await rejects(decryptAndVerifyJwt(token, ctx.nested({ verificationKey: key })), 'ERR_KEY_INVALID', token)
    const jwks = createLocalJwks({ keys: [{ ...weak.publicJwk, kid: 'sig-1' }] })
    await rejects(decryptAndVerifyJwt(token, ctx.nested({ verificationKey: jwks })), 'ERR_KEY_INVALID', token)
  })

  it('a DecryptionKeySet refuses a 1024-bit CryptoKey entry when made, and a PEM or JWK one when its import fails', async () => {
    const token = nestedToken({ encrypt: { key: weak } })
    const cryptoKey = await cryptoKeyFor(weak, 'RSA-OAEP-256', 'private')
    expect(() => new DecryptionKeySet([{ key: cryptoKey }])).toThrow(expect.objectContaining({ code: 'ERR_KEY_INVALID' }))
    for (const key of [weak.privatePem, weak.pkcs1PrivatePem, weak.privateJwk]) {
      const set = new DecryptionKeySet([{ key }])
      // The size of a PEM or JWK entry is known once Web Crypto has it: the server's own key failing is not the token's fault.
      await rejects(decryptAndVerifyJwt(token, ctx.nested({ decryptionKey: set })), 'ERR_KEY_UNAVAILABLE', token)
    }
  })

  it('a local JWK set refuses a 1024-bit key when it is selected', async () => {
    const token = signJws(defaultClaims(), { key: weak, header: { kid: 'weak' } })
    const jwks = createLocalJwks({ keys: [{ ...weak.publicJwk, kid: 'weak' }, { ...ctx.signer.publicJwk, kid: 'sig-1' }] })
    await rejects(jwtVerify(token, jwks, ctx.jws), 'ERR_KEY_INVALID', token)
    await expect(jwtVerify(signJws(defaultClaims()), jwks, ctx.jws)).resolves.toBeDefined()
  })

  it('signing and encrypting with a 1024-bit key are refused too', async () => {
    await rejects(compactSign('x', await cryptoKeyFor(weak, 'RS256', 'private'), { alg: 'RS256' }), 'ERR_KEY_INVALID')
    await rejects(compactEncrypt('x', await cryptoKeyFor(weak, 'RSA-OAEP-256', 'public'), { alg: 'RSA-OAEP-256', enc: 'A256GCM' }), 'ERR_KEY_INVALID')
  })
})

describe('JWKs whose "alg", "use" or "key_ops" contradict the request: ERR_KEY_INVALID', () => {
  it('importKey: public verification JWKs', async () => {
    const jwk = () => ({ ...ctx.signer.publicJwk })
    const cases: Array<[JsonWebKey, KeyAlgorithm]> = [
      [{ ...jwk(), alg: 'PS256' }, 'RS256'],
      [{ ...jwk(), alg: 'RS384' }, 'RS256'],
      [{ ...jwk(), alg: 'RSA-OAEP-256' }, 'RS256'],
      [{ ...jwk(), alg: 'HS256' }, 'RS256'],
      [{ ...jwk(), alg: 'rs256' }, 'RS256'],
      [{ ...jwk(), use: 'enc' }, 'RS256'],
      [{ ...jwk(), use: 'SIG' }, 'RS256'],
      [{ ...jwk(), key_ops: ['encrypt'] }, 'RS256'],
      [{ ...jwk(), key_ops: ['sign'] }, 'RS256'],
      [{ ...jwk(), key_ops: [] }, 'RS256'],
      [{ ...jwk(), key_ops: ['verify', 'verify'] }, 'RS256'],
      [{ ...jwk(), key_ops: 'verify' } as unknown as JsonWebKey, 'RS256'],
      [{ ...jwk(), key_ops: ['verify'], use: 'enc' }, 'RS256'],
    ]
    for (const [material, alg] of cases) await rejects(importKey(material, alg), 'ERR_KEY_INVALID')
    await expect(importKey({ ...jwk(), alg: 'RS256', use: 'sig', key_ops: ['verify'] }, 'RS256')).resolves.toBeDefined()
  })

  it('importKey: private decryption JWKs', async () => {
    const jwk = () => ({ ...ctx.recipient.privateJwk })
    const cases: Array<[JsonWebKey, KeyAlgorithm]> = [
      [{ ...jwk(), alg: 'RSA-OAEP' }, 'RSA-OAEP-256'],
      [{ ...jwk(), alg: 'RS256' }, 'RSA-OAEP-256'],
      [{ ...jwk(), use: 'sig' }, 'RSA-OAEP-256'],
      [{ ...jwk(), key_ops: ['encrypt', 'wrapKey'] }, 'RSA-OAEP-256'],
      [{ ...jwk(), key_ops: ['sign'] }, 'RSA-OAEP-256'],
      [{ ...jwk(), key_ops: ['decrypt', 'decrypt'] }, 'RSA-OAEP-256'],
      [{ ...jwk(), use: 'enc' }, 'RS256'],
    ]
    for (const [material, alg] of cases) await rejects(importKey(material, alg), 'ERR_KEY_INVALID')
    await expect(importKey({ ...jwk(), alg: 'RSA-OAEP-256', use: 'enc', key_ops: ['decrypt'] }, 'RSA-OAEP-256')).resolves.toBeDefined()
  })

  it('a DecryptionKeySet: a contradicting JWK is refused, one bound to another alg does not match', async () => {
    const token = nestedToken()
    // A JWK that could never decrypt (another alg, use "sig", key_ops without decryption or
    // contradicting use "enc") is refused when the set is made, before any token.
    const contradicting = [{ alg: 'RS256' }, { use: 'sig' }, { key_ops: ['encrypt'] }, { key_ops: ['sign', 'verify'] }, { use: 'enc', key_ops: ['decrypt', 'sign'] }]
    for (const extra of contradicting) {
      expect(() => new DecryptionKeySet([{ key: { ...ctx.recipient.privateJwk, ...extra } }])).toThrow(
        expect.objectContaining({ code: 'ERR_KEY_INVALID' }),
      )
    }
    const boundElsewhere = new DecryptionKeySet([{ key: { ...ctx.recipient.privateJwk, alg: 'RSA-OAEP' } }])
    await rejects(decryptAndVerifyJwt(token, ctx.nested({ decryptionKey: boundElsewhere })), 'ERR_JWKS_NO_MATCHING_KEY', token)
  })

  it('a local JWK set: a key whose use, alg or key_ops rule it out is never selected', async () => {
    const token = signJws(defaultClaims())
    for (const extra of [{ use: 'enc' }, { alg: 'PS256' }, { alg: 'RSA-OAEP-256' }, { key_ops: ['sign'] }, { key_ops: ['encrypt'] }]) {
      const jwks = createLocalJwks({ keys: [{ ...ctx.signer.publicJwk, kid: 'sig-1', ...extra }] })
      await rejects(jwtVerify(token, jwks, ctx.jws), 'ERR_JWKS_NO_MATCHING_KEY', token)
    }
  })

  it('a private key where a public one is needed, and the reverse', async () => {
    const token = signJws(defaultClaims())
    const signing = await cryptoKeyFor(ctx.signer, 'RS256', 'private')
    await rejects(jwtVerify(token, signing, ctx.jws), 'ERR_KEY_INVALID', token)
    const jwe = encryptJwe(token)
    const encryption = await cryptoKeyFor(ctx.recipient, 'RSA-OAEP-256', 'public')
    await rejects(compactDecrypt(jwe, encryption, ctx.jwe), 'ERR_KEY_INVALID', jwe)
    const unwrapOnly = await cryptoKeyFor(ctx.recipient, 'RSA-OAEP-256', 'private', ['unwrapKey'])
    await expect(compactDecrypt(jwe, unwrapOnly, ctx.jwe)).resolves.toBeDefined()
  })
})
