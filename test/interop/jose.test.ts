/**
 * Interop with panva/jose (the npm devDependency), both ways, for every algorithm webjose
 * supports: every JWE alg × enc, every JWS alg (raw JWS and JWT with claims), and the Auth0
 * encrypted access token (an RS256 JWT inside RSA-OAEP-256 / A256GCM with kid and cty "JWT").
 * jose imports the PEMs with its own importPKCS8 / importSPKI, webjose with its importKey.
 */
import { describe, expect, it } from 'vitest'
import * as jose from 'jose'
import {
  compactDecrypt,
  compactEncrypt,
  compactSign,
  compactVerify,
  decryptAndVerifyJwt,
  encryptJwt,
  jwtVerify,
  signJwt,
} from '../../src/index.ts'
import type { KeyAlgorithm } from '../../src/keys/import-key.ts'
import { expectJoseError } from '../helpers/expect-jose.ts'
import {
  AUDIENCE,
  AUTH0_JWE_HEADER,
  AUTH0_JWS_HEADER,
  ISSUER,
  KEY_MANAGEMENT_ALGS,
  PLAINTEXT,
  SIGNATURE_ALGS,
  flipBit,
  interopClaims,
  auth0Options,
  interopKeys,
  jwtOptions,
  jweMatrix,
  text,
  utf8,
  webjoseKey,
} from './support.ts'

const keys = interopKeys()
const { recipient, signer } = keys

const joseImports = new Map<string, Promise<CryptoKey>>()

/** jose's own import of a key pair's private (PKCS#8) or public (SPKI) PEM for `alg`, once. */
function joseKey(pair: typeof recipient, part: 'private' | 'public', alg: KeyAlgorithm): Promise<CryptoKey> {
  const pem = part === 'private' ? pair.privatePem : pair.publicPem
  const id = `${alg}\n${pem}`
  let key = joseImports.get(id)
  if (key === undefined) {
    key = part === 'private' ? jose.importPKCS8(pem, alg) : jose.importSPKI(pem, alg)
    joseImports.set(id, key)
  }
  return key
}

/** An Auth0-shaped token made by jose: SignJWT, then CompactEncrypt of the JWT. */
async function joseNestedToken(claims: jose.JWTPayload): Promise<string> {
  const jwt = await new jose.SignJWT(claims).setProtectedHeader(AUTH0_JWS_HEADER).sign(await joseKey(signer, 'private', 'RS256'))
  return new jose.CompactEncrypt(utf8(jwt))
    .setProtectedHeader(AUTH0_JWE_HEADER)
    .encrypt(await joseKey(recipient, 'public', 'RSA-OAEP-256'))
}

/** The same token made by webjose: signJwt, then encryptJwt. */
async function webjoseNestedToken(claims: jose.JWTPayload): Promise<string> {
  const jwt = await signJwt(claims, await webjoseKey(signer.privatePem, 'RS256'), { alg: 'RS256', kid: AUTH0_JWS_HEADER.kid })
  return encryptJwt(jwt, await webjoseKey(recipient.publicPem, 'RSA-OAEP-256'), { alg: 'RSA-OAEP-256', kid: AUTH0_JWE_HEADER.kid })
}

describe('jose → webjose', () => {
  it.each(jweMatrix(KEY_MANAGEMENT_ALGS))('compactDecrypt reads a jose JWE with $alg / $enc', async ({ alg, enc }) => {
    const header = { alg, enc, kid: 'enc-1' }
    const token = await new jose.CompactEncrypt(utf8(PLAINTEXT)).setProtectedHeader(header).encrypt(await joseKey(recipient, 'public', alg))

    const result = await compactDecrypt(token, await webjoseKey(recipient.privatePem, alg), {
      keyManagementAlgorithms: [alg],
      contentEncryptionAlgorithms: [enc],
    })

    expect(text(result.plaintext)).toBe(PLAINTEXT)
    expect(result.header).toEqual(header)
  })

  it.each(SIGNATURE_ALGS)('compactVerify reads a jose JWS with %s', async (alg) => {
    const header = { alg, kid: 'sig-1' }
    const token = await new jose.CompactSign(utf8(PLAINTEXT)).setProtectedHeader(header).sign(await joseKey(signer, 'private', alg))

    const result = await compactVerify(token, await webjoseKey(signer.publicPem, alg), { algorithms: [alg] })

    expect(text(result.payload)).toBe(PLAINTEXT)
    expect(result.header).toEqual(header)
  })

  it.each(SIGNATURE_ALGS)('jwtVerify reads a jose JWT with %s and validates its claims', async (alg) => {
    const claims = interopClaims()
    const header = { alg, typ: 'JWT', kid: 'sig-1' }
    const token = await new jose.SignJWT(claims).setProtectedHeader(header).sign(await joseKey(signer, 'private', alg))

    const result = await jwtVerify(token, await webjoseKey(signer.publicPem, alg), jwtOptions(alg))

    expect(result.claims).toEqual(claims)
    expect(result.header).toEqual(header)
  })

  it('decryptAndVerifyJwt reads a jose Auth0-shaped token (RS256 inside RSA-OAEP-256 / A256GCM, kid, cty "JWT")', async () => {
    const claims = interopClaims()
    const token = await joseNestedToken(claims)

    const result = await decryptAndVerifyJwt(token, await auth0Options(keys))

    expect(result.claims).toEqual(claims)
    expect(result.header).toEqual(AUTH0_JWS_HEADER)
    expect(result.encryptionHeader).toEqual(AUTH0_JWE_HEADER)
  })

  it('rejects a jose Auth0-shaped token whose GCM tag was altered: ERR_JWE_DECRYPTION_FAILED', async () => {
    const token = flipBit(await joseNestedToken(interopClaims()), 4, -1)

    await expectJoseError(
      decryptAndVerifyJwt(token, await auth0Options(keys)),
      'ERR_JWE_DECRYPTION_FAILED',
    )
  })

  it('rejects a jose JWT whose signature was altered: ERR_JWS_SIGNATURE_INVALID', async () => {
    const jwt = await new jose.SignJWT(interopClaims()).setProtectedHeader(AUTH0_JWS_HEADER).sign(await joseKey(signer, 'private', 'RS256'))

    await expectJoseError(
      jwtVerify(flipBit(jwt, 2, 7), await webjoseKey(signer.publicPem, 'RS256'), { algorithms: ['RS256'], issuer: ISSUER, audience: AUDIENCE }),
      'ERR_JWS_SIGNATURE_INVALID',
    )
  })
})

describe('webjose → jose', () => {
  it.each(jweMatrix(KEY_MANAGEMENT_ALGS))('jose compactDecrypt reads a webjose JWE with $alg / $enc', async ({ alg, enc }) => {
    const header = { alg, enc, kid: 'enc-1' }
    const token = await compactEncrypt(PLAINTEXT, await webjoseKey(recipient.publicPem, alg), header)

    const result = await jose.compactDecrypt(token, await joseKey(recipient, 'private', alg), {
      keyManagementAlgorithms: [alg],
      contentEncryptionAlgorithms: [enc],
    })

    expect(text(result.plaintext)).toBe(PLAINTEXT)
    expect(result.protectedHeader).toEqual(header)
  })

  it.each(SIGNATURE_ALGS)('jose compactVerify reads a webjose JWS with %s', async (alg) => {
    const header = { alg, kid: 'sig-1' }
    const token = await compactSign(PLAINTEXT, await webjoseKey(signer.privatePem, alg), header)

    const result = await jose.compactVerify(token, await joseKey(signer, 'public', alg), { algorithms: [alg] })

    expect(text(result.payload)).toBe(PLAINTEXT)
    expect(result.protectedHeader).toEqual(header)
  })

  it.each(SIGNATURE_ALGS)('jose jwtVerify reads a webjose JWT with %s and validates its claims', async (alg) => {
    const claims = interopClaims()
    const token = await signJwt(claims, await webjoseKey(signer.privatePem, alg), { alg, kid: 'sig-1' })

    const result = await jose.jwtVerify(token, await joseKey(signer, 'public', alg), {
      algorithms: [alg],
      issuer: ISSUER,
      audience: AUDIENCE,
      typ: 'JWT',
      requiredClaims: ['sub', 'exp', 'iat', 'jti'],
    })

    expect(result.payload).toEqual(claims)
    expect(result.protectedHeader).toEqual({ alg, typ: 'JWT', kid: 'sig-1' })
  })

  it('jose reads a webjose Auth0-shaped token (compactDecrypt, then jwtVerify of the plaintext)', async () => {
    const claims = interopClaims()
    const token = await webjoseNestedToken(claims)

    const decrypted = await jose.compactDecrypt(token, await joseKey(recipient, 'private', 'RSA-OAEP-256'), {
      keyManagementAlgorithms: ['RSA-OAEP-256'],
      contentEncryptionAlgorithms: ['A256GCM'],
    })
    expect(decrypted.protectedHeader).toEqual(AUTH0_JWE_HEADER)
    const verified = await jose.jwtVerify(decrypted.plaintext, await joseKey(signer, 'public', 'RS256'), {
      algorithms: ['RS256'],
      issuer: ISSUER,
      audience: AUDIENCE,
    })

    expect(verified.payload).toEqual(claims)
    expect(verified.protectedHeader).toEqual(AUTH0_JWS_HEADER)
  })

  it('jose rejects a webjose Auth0-shaped token whose GCM tag was altered', async () => {
    const token = flipBit(await webjoseNestedToken(interopClaims()), 4, -1)

    const error = await jose
      .compactDecrypt(token, await joseKey(recipient, 'private', 'RSA-OAEP-256'), {
        keyManagementAlgorithms: ['RSA-OAEP-256'],
        contentEncryptionAlgorithms: ['A256GCM'],
      })
      .then(() => expect.unreachable('jose accepted an altered tag'), (reason: unknown) => reason)

    expect(error).toBeInstanceOf(jose.errors.JWEDecryptionFailed)
    expect(error).toMatchObject({ code: 'ERR_JWE_DECRYPTION_FAILED' })
  })

  it('jose rejects a webjose JWT whose signature was altered', async () => {
    const jwt = await signJwt(interopClaims(), await webjoseKey(signer.privatePem, 'RS256'), { alg: 'RS256' })

    const error = await jose
      .jwtVerify(flipBit(jwt, 2, 7), await joseKey(signer, 'public', 'RS256'), { algorithms: ['RS256'] })
      .then(() => expect.unreachable('jose accepted an altered signature'), (reason: unknown) => reason)

    expect(error).toBeInstanceOf(jose.errors.JWSSignatureVerificationFailed)
    expect(error).toMatchObject({ code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' })
  })
})
