import { beforeAll, describe, expect, it } from 'vitest'
import { createVerifier, type Verifier } from '../../src/verifier/create-verifier.ts'
import { decryptAndVerifyJwt } from '../../src/verifier/decrypt-and-verify-jwt.ts'
import { compactVerify } from '../../src/jws/compact-verify.ts'
import { compactDecrypt } from '../../src/jwe/compact-decrypt.ts'
import { jwtVerify } from '../../src/jwt/jwt-verify.ts'
import type { JoseErrorCode } from '../../src/errors.ts'
import { expectJoseError } from '../helpers/expect-jose.ts'
import { AUDIENCE, ISSUER, cryptoKeyFor, namedKey, nestedToken, signJws } from '../helpers/tokens.ts'

let decryptionKey: CryptoKey
let verificationKey: CryptoKey
let verifier: Verifier
let jwsVerifier: Verifier

beforeAll(async () => {
  decryptionKey = await cryptoKeyFor(namedKey('recipient'), 'RSA-OAEP-256', 'private')
  verificationKey = await cryptoKeyFor(namedKey('signer'), 'RS256', 'public')
  const common = { verificationKey, algorithms: ['RS256'] as const, issuer: ISSUER, audience: AUDIENCE }
  verifier = createVerifier({ ...common, decryptionKey, keyManagementAlgorithms: ['RSA-OAEP-256'], contentEncryptionAlgorithms: ['A256GCM'] })
  jwsVerifier = createVerifier({ ...common, ...decryption, requireEncryption: false })
})

const decryption = { keyManagementAlgorithms: ['RSA-OAEP-256'], contentEncryptionAlgorithms: ['A256GCM'] } as const

/** The error for `token` passed with its scheme: the code of the structure, a message naming the fix, no token text. */
async function expectBearerError(action: (token: string) => Promise<unknown>, token: string, code: JoseErrorCode, label: 'JWE' | 'JWS') {
  for (const scheme of ['Bearer ', 'bearer ', 'BEARER ']) {
    const error = await expectJoseError(action(scheme + token), code)
    expect(error.message).toBe(`${label} has a "Bearer " prefix: pass the token alone`)
  }
}

describe('a token passed with its "Bearer " scheme', () => {
  it('verifier.verify and decryptAndVerifyJwt: a JWE, or a JWS where a JWE is required', async () => {
    const options = { ...decryption, decryptionKey, verificationKey, algorithms: ['RS256'] as const, issuer: ISSUER, audience: AUDIENCE }
    for (const token of [nestedToken(), signJws({ iss: ISSUER })]) {
      await expectBearerError((value) => verifier.verify(value), token, 'ERR_JWE_INVALID', 'JWE')
      await expectBearerError((value) => decryptAndVerifyJwt(value, options), token, 'ERR_JWE_INVALID', 'JWE')
    }
  })

  it('a verifier that accepts bare JWS', async () => {
    await expectBearerError((value) => jwsVerifier.verify(value), signJws({ iss: ISSUER }), 'ERR_JWS_INVALID', 'JWS')
  })

  it('compactDecrypt, compactVerify, jwtVerify', async () => {
    await expectBearerError((value) => compactDecrypt(value, decryptionKey, decryption), nestedToken(), 'ERR_JWE_INVALID', 'JWE')
    const jws = signJws({ iss: ISSUER })
    await expectBearerError((value) => compactVerify(value, verificationKey, { algorithms: ['RS256'] }), jws, 'ERR_JWS_INVALID', 'JWS')
    await expectBearerError((value) => jwtVerify(value, verificationKey, { algorithms: ['RS256'] }), jws, 'ERR_JWS_INVALID', 'JWS')
  })

  it('the same token without the scheme verifies', async () => {
    expect((await verifier.verify(nestedToken({ claims: { sub: 'alice' } }))).claims.sub).toBe('alice')
  })
})
