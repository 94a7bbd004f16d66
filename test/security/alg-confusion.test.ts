/**
 * Algorithm attacks: "alg": "none" in any letter case, HS256 keyed with the issuer's public
 * key (algorithm confusion), swapped or substituted "alg"/"enc", and a nested token whose
 * inner JWS uses an algorithm the caller did not allow. Each attack edits a valid token.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { jwtVerify } from '../../src/jwt/jwt-verify.ts'
import { compactVerify } from '../../src/jws/compact-verify.ts'
import { compactDecrypt } from '../../src/jwe/compact-decrypt.ts'
import { decryptAndVerifyJwt } from '../../src/verifier/decrypt-and-verify-jwt.ts'
import { createLocalJwks } from '../../src/jwks/local-jwks.ts'
import { importKey } from '../../src/keys/import-key.ts'
import { createVerifier } from '../../src/verifier/create-verifier.ts'
import type { SignatureAlgorithm } from '../../src/algorithms/signature.ts'
import type { KeyAlgorithm } from '../../src/keys/import-key.ts'
import {
  b64,
  createContext,
  cryptoKeyFor,
  defaultClaims,
  encryptJwe,
  hmacJws,
  nestedToken,
  rejects,
  segments,
  signJws,
  type Context,
} from './support.ts'

let ctx: Context
let valid: string
let validHeader: Record<string, unknown>
let claims: Record<string, unknown>

beforeAll(async () => {
  ctx = await createContext()
  claims = defaultClaims()
  valid = signJws(claims)
  validHeader = JSON.parse(Buffer.from(segments(valid)[0]!, 'base64url').toString()) as Record<string, unknown>
})

const withHeader = (token: string, header: Record<string, unknown>, signature?: string): string => {
  const [, payload, original] = segments(token)
  return `${b64(JSON.stringify(header))}.${payload}.${signature ?? original}`
}

describe('the valid tokens the attacks start from are accepted', () => {
  it('JWS via jwtVerify and compactVerify, nested via decryptAndVerifyJwt', async () => {
    await expect(jwtVerify(valid, ctx.verificationKey, ctx.jws)).resolves.toMatchObject({ claims: { sub: 'user-1' } })
    await expect(compactVerify(valid, ctx.verificationKey, { algorithms: ['RS256'] })).resolves.toBeDefined()
    await expect(decryptAndVerifyJwt(nestedToken(), ctx.nested())).resolves.toMatchObject({ claims: { sub: 'user-1' } })
  })
})

describe('"alg": "none" (RFC 7518 §3.6, RFC 8725 §3.1)', () => {
  for (const alg of ['none', 'NONE', 'nOnE', 'None']) {
    describe(`"${alg}"`, () => {
      const variants = (): Array<[string, string]> => {
        const header = { ...validHeader, alg }
        return [
          ['without a signature', withHeader(valid, header, '')],
          ['with the original RS256 signature', withHeader(valid, header)],
          ['with a random signature', withHeader(valid, header, b64(crypto.getRandomValues(new Uint8Array(256))))],
        ]
      }

      it('is refused by jwtVerify and compactVerify before any key is looked up', async () => {
        for (const [, token] of variants()) {
          const resolver = vi.fn(async () => ctx.verificationKey)
          await rejects(jwtVerify(token, ctx.verificationKey, ctx.jws), 'ERR_ALG_NOT_ALLOWED', token)
          await rejects(compactVerify(token, resolver, { algorithms: ['RS256', 'PS256'] }), 'ERR_ALG_NOT_ALLOWED', token)
          await rejects(jwtVerify(token, createLocalJwks({ keys: [{ ...ctx.signer.publicJwk, kid: 'sig-1' }] }), ctx.jws), 'ERR_ALG_NOT_ALLOWED', token)
          expect(resolver).not.toHaveBeenCalled()
        }
      })

      it('is refused as the inner JWS of a nested token', async () => {
        for (const [, inner] of variants()) {
          const token = encryptJwe(inner)
          await rejects(decryptAndVerifyJwt(token, ctx.nested()), 'ERR_ALG_NOT_ALLOWED', [token, inner])
        }
      })

      it('is refused as the JWE "alg"', async () => {
        const token = encryptJwe(valid, { header: { alg } })
        await rejects(compactDecrypt(token, ctx.decryptionKey, ctx.jwe), 'ERR_ALG_NOT_ALLOWED', token)
        await rejects(decryptAndVerifyJwt(token, ctx.nested()), 'ERR_ALG_NOT_ALLOWED', token)
      })

      it('a token cut to two segments (no signature segment at all) is malformed', async () => {
        const [header, payload] = segments(withHeader(valid, { ...validHeader, alg }))
        const token = `${header}.${payload}`
        await rejects(jwtVerify(token, ctx.verificationKey, ctx.jws), 'ERR_JWS_INVALID', token)
        await rejects(compactVerify(token, ctx.verificationKey, { algorithms: ['RS256'] }), 'ERR_JWS_INVALID', token)
      })
    })
  }

  it('cannot be put in an allow-list', async () => {
    for (const alg of ['none', 'NONE', 'ES256K']) {
      const options = { algorithms: [alg as SignatureAlgorithm] }
      await rejects(compactVerify(valid, ctx.verificationKey, options), 'ERR_ALG_NOT_SUPPORTED', valid)
      await rejects(decryptAndVerifyJwt(nestedToken(), ctx.nested(options)), 'ERR_ALG_NOT_SUPPORTED')
    }
  })
})

const hmacKeys = (): Array<[string, Uint8Array | string]> => [
    ['SPKI PEM text', ctx.signer.publicPem],
    ['SPKI PEM text without the final newline', ctx.signer.publicPem.trimEnd()],
    ['PKCS#1 PEM text', ctx.signer.pkcs1PublicPem],
    ['SPKI DER bytes', ctx.signer.spkiDer],
    ['PKCS#1 DER bytes', ctx.signer.pkcs1PublicDer],
    ['public JWK JSON', JSON.stringify(ctx.signer.publicJwk)],
    ['modulus bytes', Buffer.from(ctx.signer.publicJwk.n!, 'base64url')],
  ]

describe('HS256 keyed with the RSA public key (algorithm confusion, RFC 8725 §2.1)', () => {

  it('every variant is refused with ERR_ALG_NOT_ALLOWED by jwtVerify, compactVerify and a local JWK set', async () => {
    const jwks = createLocalJwks({ keys: [{ ...ctx.signer.publicJwk, kid: 'sig-1' }] })
    for (const [, secret] of hmacKeys()) {
      const token = hmacJws({ ...validHeader, alg: 'HS256' }, claims, secret)
      await rejects(jwtVerify(token, ctx.verificationKey, ctx.jws), 'ERR_ALG_NOT_ALLOWED', token)
      await rejects(compactVerify(token, ctx.verificationKey, { algorithms: ['RS256', 'RS384', 'PS256'] }), 'ERR_ALG_NOT_ALLOWED', token)
      await rejects(jwtVerify(token, jwks, ctx.jws), 'ERR_ALG_NOT_ALLOWED', token)
    }
  })

  it('every variant is refused as the inner JWS of a nested token', async () => {
    for (const [, secret] of hmacKeys()) {
      const inner = hmacJws({ ...validHeader, alg: 'HS256' }, claims, secret)
      const token = encryptJwe(inner)
      await rejects(decryptAndVerifyJwt(token, ctx.nested()), 'ERR_ALG_NOT_ALLOWED', [token, inner])
    }
  })

  it('an HMAC passed off as an RS256 signature fails verification', async () => {
    for (const [, secret] of hmacKeys()) {
      const token = hmacJws(validHeader, claims, secret)
      await rejects(jwtVerify(token, ctx.verificationKey, ctx.jws), 'ERR_JWS_SIGNATURE_INVALID', token)
    }
  })

  it('an HMAC key cannot be imported from the RSA key material', async () => {
    for (const alg of ['none', 'ES256K']) {
      await rejects(importKey(ctx.signer.publicPem, alg as KeyAlgorithm), 'ERR_ALG_NOT_SUPPORTED')
      await rejects(importKey(ctx.signer.publicJwk, alg as KeyAlgorithm), 'ERR_ALG_NOT_SUPPORTED')
    }
    // HS*: a secret is bytes or an oct JWK; text (a PEM, a JWK's JSON) and JWKs of another kty are refused.
    for (const alg of ['HS256', 'HS384', 'HS512'] as const) {
      for (const material of [ctx.signer.publicPem, ctx.signer.pkcs1PublicPem, JSON.stringify(ctx.signer.publicJwk)]) {
        await rejects(importKey(material, alg), 'ERR_KEY_INVALID')
      }
      await rejects(importKey(ctx.signer.publicJwk, alg), 'ERR_KEY_INVALID')
      await rejects(importKey({ ...ctx.signer.publicJwk, kty: 'oct' }, alg), 'ERR_KEY_INVALID')
    }
    // Nor an EC or OKP key from it.
    for (const alg of ['ES256', 'EdDSA'] as const) {
      await rejects(importKey(ctx.signer.publicPem, alg), 'ERR_KEY_INVALID')
      await rejects(importKey(ctx.signer.publicJwk, alg), 'ERR_KEY_INVALID')
    }
  })
})

describe('HS256 allowed beside RS256, with the issuer public key as the verification key', () => {
  it('createVerifier never turns the PEM, the JWK or a JWK set into an HMAC secret', async () => {
    const forms = [ctx.signer.publicPem, { ...ctx.signer.publicJwk }, { keys: [{ ...ctx.signer.publicJwk, kid: 'sig-1' }] }]
    for (const verificationKey of forms) {
      const { issuer, audience, keyManagementAlgorithms, contentEncryptionAlgorithms } = ctx.nested()
      const verifier = createVerifier({ issuer, audience, keyManagementAlgorithms, contentEncryptionAlgorithms, verificationKey, algorithms: ['RS256', 'HS256'], requireEncryption: false })
      for (const [, secret] of hmacKeys()) {
        const token = hmacJws({ ...validHeader, alg: 'HS256' }, claims, secret)
        const error = await verifier.verify(token).then(
          () => expect.unreachable('an HMAC keyed with public key material was accepted'),
          (reason: unknown) => reason as { code?: string },
        )
        expect(['ERR_KEY_INVALID', 'ERR_ALG_NOT_SUPPORTED']).toContain(error.code)
      }
    }
  })
})

describe('swapped or substituted algorithms', () => {
  it('JWE with "alg" and "enc" swapped is malformed', async () => {
    const token = encryptJwe(valid, { header: { alg: 'A256GCM', enc: 'RSA-OAEP-256' } })
    await rejects(compactDecrypt(token, ctx.decryptionKey, ctx.jwe), 'ERR_JWE_INVALID', token)
    await rejects(decryptAndVerifyJwt(token, ctx.nested()), 'ERR_JWE_INVALID', token)
  })

  it('JWE "alg" / "enc" outside the allow-lists, including registered ones this library does not implement', async () => {
    const headers: Array<Record<string, unknown>> = [
      { alg: 'RS256' },
      { alg: 'dir' },
      { alg: 'RSA1_5' },
      { alg: 'A256KW' },
      { alg: 'ECDH-ES' },
      { alg: 'PBES2-HS256+A128KW', p2c: 1_000_000_000, p2s: 'AAAAAAAAAAA' },
      { alg: 'RSA-OAEP' },
      { alg: 'rsa-oaep-256' },
      { enc: 'A128GCM' },
      { enc: 'A256CBC-HS512' },
      { enc: 'a256gcm' },
      { alg: 'A256GCM', enc: 'A256GCM' },
    ]
    for (const header of headers) {
      const token = encryptJwe(valid, { header })
      await rejects(compactDecrypt(token, ctx.decryptionKey, ctx.jwe), 'ERR_ALG_NOT_ALLOWED', token)
      await rejects(decryptAndVerifyJwt(token, ctx.nested()), 'ERR_ALG_NOT_ALLOWED', token)
    }
  })

  it('JWE "alg" RSA-OAEP (SHA-1) against an RSA-OAEP-256 key, both allowed: the key refuses', async () => {
    const token = encryptJwe(valid, { alg: 'RSA-OAEP' })
    const options = { keyManagementAlgorithms: ['RSA-OAEP', 'RSA-OAEP-256'], contentEncryptionAlgorithms: ['A256GCM'] } as const
    await rejects(compactDecrypt(token, ctx.decryptionKey, options), 'ERR_KEY_INVALID', token)
    await rejects(decryptAndVerifyJwt(token, ctx.nested(options)), 'ERR_KEY_INVALID', token)
  })

  it('JWS "alg" outside the allow-list, even when correctly signed', async () => {
    const cases: Array<[string, string]> = [
      ['PS256, correctly signed', signJws(claims, { alg: 'PS256' })],
      ['RS512, correctly signed', signJws(claims, { alg: 'RS512' })],
      ['RSA-OAEP-256', withHeader(valid, { ...validHeader, alg: 'RSA-OAEP-256' })],
      ['A256GCM', withHeader(valid, { ...validHeader, alg: 'A256GCM' })],
      ['rs256', withHeader(valid, { ...validHeader, alg: 'rs256' })],
      ['"RS256 "', withHeader(valid, { ...validHeader, alg: 'RS256 ' })],
      ['ES256', withHeader(valid, { ...validHeader, alg: 'ES256' })],
      ['EdDSA', withHeader(valid, { ...validHeader, alg: 'EdDSA' })],
    ]
    for (const [, token] of cases) {
      await rejects(jwtVerify(token, ctx.verificationKey, ctx.jws), 'ERR_ALG_NOT_ALLOWED', token)
    }
  })

  it('JWS "alg" PS256 against an RS256 key, both allowed: the key refuses', async () => {
    const token = signJws(claims, { alg: 'PS256' })
    await rejects(jwtVerify(token, ctx.verificationKey, { ...ctx.jws, algorithms: ['RS256', 'PS256'] }), 'ERR_KEY_INVALID', token)
    const psKey = await cryptoKeyFor(ctx.signer, 'PS256', 'public')
    await rejects(jwtVerify(valid, psKey, { ...ctx.jws, algorithms: ['RS256', 'PS256'] }), 'ERR_KEY_INVALID', valid)
  })

  it('a JWS handed to the JWE API, a JWE to the JWS API, a bare JWS to decryptAndVerifyJwt', async () => {
    const jwe = nestedToken()
    await rejects(compactDecrypt(valid, ctx.decryptionKey, ctx.jwe), 'ERR_JWE_INVALID', valid)
    await rejects(compactVerify(jwe, ctx.verificationKey, { algorithms: ['RS256'] }), 'ERR_JWS_INVALID', jwe)
    await rejects(jwtVerify(jwe, ctx.verificationKey, ctx.jws), 'ERR_JWS_INVALID', jwe)
    await rejects(decryptAndVerifyJwt(valid, ctx.nested()), 'ERR_JWE_REQUIRED', valid)
  })
})

describe('nested token whose inner JWS uses an algorithm that is not allowed', () => {
  const inners = (): Array<[string, string]> => [
    ['PS256, correctly signed by the issuer', signJws(defaultClaims(), { alg: 'PS256' })],
    ['RS384, correctly signed by the issuer', signJws(defaultClaims(), { alg: 'RS384' })],
    ['HS256 keyed with the issuer public key', hmacJws({ alg: 'HS256', typ: 'JWT', kid: 'sig-1' }, defaultClaims(), ctx.signer.publicPem)],
    ['none, no signature', `${b64(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${b64(JSON.stringify(defaultClaims()))}.`],
  ]

  it('fails with ERR_ALG_NOT_ALLOWED, with a CryptoKey or a JWK set as verification key', async () => {
    const jwks = createLocalJwks({ keys: [{ ...ctx.signer.publicJwk, kid: 'sig-1' }] })
    for (const [, inner] of inners()) {
      const token = encryptJwe(inner)
      await rejects(decryptAndVerifyJwt(token, ctx.nested()), 'ERR_ALG_NOT_ALLOWED', [token, inner])
      await rejects(decryptAndVerifyJwt(token, ctx.nested({ verificationKey: jwks })), 'ERR_ALG_NOT_ALLOWED', [token, inner])
    }
  })
})
