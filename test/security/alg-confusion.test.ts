/** HS256 keyed with the issuer's RSA public key (algorithm confusion), in every form that key takes. */
import { describe, expect, it } from 'vitest'
import { jwtVerify } from '../../src/jwt/jwt-verify.ts'
import { compactVerify } from '../../src/jws/compact-verify.ts'
import { decryptAndVerifyJwt } from '../../src/verifier/decrypt-and-verify-jwt.ts'
import { createLocalJwks } from '../../src/jwks/local-jwks.ts'
import { createVerifier } from '../../src/verifier/create-verifier.ts'
import { importKey, type KeyAlgorithm } from '../../src/keys/import-key.ts'
import { encryptJwe, fileContext, fileTokens, hmacJws, rejects } from './support.ts'

const ctx = fileContext()
const valid = fileTokens()

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
      const token = hmacJws({ ...valid.jwsHeader, alg: 'HS256' }, valid.claims, secret)
      await rejects(jwtVerify(token, ctx.verificationKey, ctx.jws), 'ERR_ALG_NOT_ALLOWED', token)
      await rejects(compactVerify(token, ctx.verificationKey, { algorithms: ['RS256', 'RS384', 'PS256'] }), 'ERR_ALG_NOT_ALLOWED', token)
      await rejects(jwtVerify(token, jwks, ctx.jws), 'ERR_ALG_NOT_ALLOWED', token)
    }
  })

  it('every variant is refused as the inner JWS of a nested token', async () => {
    for (const [, secret] of hmacKeys()) {
      const inner = hmacJws({ ...valid.jwsHeader, alg: 'HS256' }, valid.claims, secret)
      const token = encryptJwe(inner)
      await rejects(decryptAndVerifyJwt(token, ctx.nested()), 'ERR_ALG_NOT_ALLOWED', [token, inner])
    }
  })

  it('an HMAC passed off as an RS256 signature fails verification', async () => {
    for (const [, secret] of hmacKeys()) {
      const token = hmacJws(valid.jwsHeader, valid.claims, secret)
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
        const token = hmacJws({ ...valid.jwsHeader, alg: 'HS256' }, valid.claims, secret)
        const error = await verifier.verify(token).then(
          () => expect.unreachable('an HMAC keyed with public key material was accepted'),
          (reason: unknown) => reason as { code?: string },
        )
        expect(['ERR_KEY_INVALID', 'ERR_ALG_NOT_SUPPORTED']).toContain(error.code)
      }
    }
  })
})
