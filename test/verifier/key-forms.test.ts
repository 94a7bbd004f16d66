import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createVerifier, type VerifierOptions } from '../../src/verifier/create-verifier.ts'
import { decryptAndVerifyJwt } from '../../src/verifier/decrypt-and-verify-jwt.ts'
import { compactVerify } from '../../src/jws/compact-verify.ts'
import { compactDecrypt } from '../../src/jwe/compact-decrypt.ts'
import { jwtVerify } from '../../src/jwt/jwt-verify.ts'
import { createLocalJwks } from '../../src/jwks/local-jwks.ts'
import { expectJoseError, expectJoseErrorSync } from '../helpers/expect-jose.ts'
import { AUDIENCE, ISSUER, cryptoKeyFor, namedKey, nestedToken, signJws } from '../helpers/tokens.ts'

const signer = () => namedKey('signer')
const recipient = () => namedKey('recipient')
let decryptionKey: CryptoKey

beforeAll(async () => {
  decryptionKey = await cryptoKeyFor(recipient(), 'RSA-OAEP-256', 'private')
})

afterEach(() => {
  vi.restoreAllMocks()
})

function options(overrides: Partial<VerifierOptions>): VerifierOptions {
  return {
    decryptionKey,
    verificationKey: () => cryptoKeyFor(signer(), 'RS256', 'public'),
    keyManagementAlgorithms: ['RSA-OAEP-256'],
    contentEncryptionAlgorithms: ['A256GCM'],
    algorithms: ['RS256', 'PS256'],
    issuer: ISSUER,
    audience: AUDIENCE,
    cache: false,
    ...overrides,
  }
}

/** Counts the imports Web Crypto makes per algorithm name (AES content keys are imported per token by design). */
/** Keys made per Web Crypto algorithm: a PEM's extractable probe for the weak-key checks (import-rsa.ts) is not one. */
function countImports() {
  const spy = vi.spyOn(crypto.subtle, 'importKey')
  return (name: string) => spy.mock.calls.filter(([, , algorithm, extractable]) => (algorithm as { name?: string }).name === name && !extractable).length
}

describe('createVerifier: every verification key form', () => {
  const forms: [string, () => VerifierOptions['verificationKey']][] = [
    ['an SPKI PEM', () => signer().publicPem],
    ['a PKCS#1 public PEM', () => signer().pkcs1PublicPem],
    ['a public JWK', () => signer().publicJwk],
    ['a { keys } JWK set', () => ({ keys: [{ ...signer().publicJwk, kid: 'sig-1' }] })],
    ['a CryptoKey', () => cryptoKeyFor(signer(), 'RS256', 'public') as never],
    ['createLocalJwks', () => createLocalJwks({ keys: [{ ...signer().publicJwk, kid: 'sig-1' }] })],
  ]
  for (const [name, form] of forms) {
    it(`verifies with ${name}`, async () => {
      const input = await form()
      const verifier = createVerifier(options({ verificationKey: input }))
      const { claims } = await verifier.verify(nestedToken({ claims: { sub: 'alice' } }))
      expect(claims.sub).toBe('alice')
    })
  }

  it('imports a PEM once per algorithm, never per token', async () => {
    const verifier = createVerifier(options({ verificationKey: signer().publicPem }))
    const imports = countImports()
    for (let i = 0; i < 3; i++) await verifier.verify(nestedToken({ claims: { jti: `rs-${i}` } }))
    for (let i = 0; i < 2; i++) await verifier.verify(nestedToken({ claims: { jti: `ps-${i}` }, sign: { alg: 'PS256' } }))
    expect([imports('RSASSA-PKCS1-v1_5'), imports('RSA-PSS')]).toEqual([1, 1])
  })

  it('imports a JWK once, and a later change to the caller\'s object has no effect', async () => {
    const jwk: JsonWebKey = { ...signer().publicJwk }
    const verifier = createVerifier(options({ verificationKey: jwk }))
    const imports = countImports()
    jwk.n = namedKey('other').publicJwk.n!
    for (let i = 0; i < 3; i++) await verifier.verify(nestedToken({ claims: { jti: `t-${i}` } }))
    expect(imports('RSASSA-PKCS1-v1_5')).toBe(1)
  })

  it('judges a PEM or JWK when the verifier is made, as far as it can without importing', () => {
    const other = namedKey('other')
    const refused: [string, unknown][] = [
      ['a PEM that is not base64', '-----BEGIN PUBLIC KEY-----\n!!!!\n-----END PUBLIC KEY-----'],
      ['a PEM with another label', '-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----'],
      ['a PEM with labels that differ', '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PRIVATE KEY-----'],
      ['a JWK with a bad "n"', { ...other.publicJwk, n: 'not base64url!' }],
      ['a JWK bound to encryption', { ...other.publicJwk, use: 'enc' }],
      ['a JWK for an algorithm outside the allow-list', { ...other.publicJwk, alg: 'RS512' }],
    ]
    for (const [, value] of refused) expectJoseErrorSync(() => createVerifier(options({ verificationKey: value as never })), 'ERR_KEY_INVALID')
    // An ML-DSA private JWK (RFC 9964) carries "priv" rather than "d"; judged by shape, on any runtime.
    const akpPrivate = { kty: 'AKP', alg: 'ML-DSA-65', pub: 'AAAA', priv: 'AAAA' } as JsonWebKey
    for (const value of [other.privatePem, other.pkcs1PrivatePem, other.privateJwk, akpPrivate]) {
      const error = expectJoseErrorSync(() => createVerifier(options({ verificationKey: value })), 'ERR_KEY_INVALID')
      expect(error.message).toBe("options.verificationKey is a private key: pass the issuer's public key")
    }
  })

  it('fails each token with ERR_KEY_INVALID when the DER inside a well-formed PEM is not an RSA key', async () => {
    const verifier = createVerifier(options({ verificationKey: '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----' }))
    for (let i = 0; i < 2; i++) await expectJoseError(verifier.verify(nestedToken({ claims: { jti: `t-${i}` } })), 'ERR_KEY_INVALID')
  })

  it('fails each token the same way, importing once, when the import itself refuses the key', async () => {
    // Well formed, so accepted when the verifier is made; a 1024-bit key fails the import.
    const verifier = createVerifier(options({ verificationKey: namedKey('weak', 1024).publicPem }))
    const spy = vi.spyOn(crypto.subtle, 'importKey')
    for (let i = 0; i < 2; i++) await expectJoseError(verifier.verify(nestedToken({ claims: { jti: `t-${i}` } })), 'ERR_KEY_INVALID')
    // One attempt in all: the weak-key probe, which the 1024-bit modulus fails.
    expect(spy.mock.calls.filter(([, , algorithm]) => (algorithm as { name?: string }).name === 'RSASSA-PKCS1-v1_5')).toHaveLength(1)
  })

  it('refuses a JWK set without any RSA, EC or OKP public key', () => {
    for (const keys of [[], [{ kty: 'EC', crv: 'P-256', x: 'AA' }, { kty: 'oct', k: 'AAAA' }]]) {
      expectJoseErrorSync(() => createVerifier(options({ verificationKey: { keys } as never })), 'ERR_INVALID_ARGUMENT')
    }
    // An EC key is a public key (its values are checked when a token needs it).
    expect(() => createVerifier(options({ verificationKey: { keys: [{ kty: 'EC', crv: 'P-256', x: 'AA', y: 'AA' }] } }))).not.toThrow()
  })

  it('refuses a malformed JWK set when the verifier is made', () => {
    const keys = Array.from({ length: 101 }, () => signer().publicJwk)
    expectJoseErrorSync(() => createVerifier(options({ verificationKey: { keys } })), 'ERR_JWKS_INVALID')
  })

  it('names the accepted forms for anything else', () => {
    // undefined is no key form: it asks for discovery (test/verifier/discovery.test.ts).
    for (const value of [42, null, true, {}, { n: 'x' }]) {
      const error = expectJoseErrorSync(() => createVerifier(options({ verificationKey: value as never })), 'ERR_INVALID_ARGUMENT')
      expect(error.message).toBe(
        'options.verificationKey: pass a CryptoKey, a PEM or JWK (imported once), a { keys } JWK set, createLocalJwks(...) or createRemoteJwks(...)',
      )
    }
  })
})

describe('createVerifier: decryption key forms', () => {
  const verificationKey = () => signer().publicPem

  it('takes a { keys } JWK set of private keys, selected by kid', async () => {
    const other = { ...namedKey('other').privateJwk, kid: 'enc-0' }
    const verifier = createVerifier(options({ verificationKey: verificationKey(), decryptionKey: { keys: [other, { ...recipient().privateJwk, kid: 'enc-1' }] } }))
    const { claims } = await verifier.verify(nestedToken({ claims: { sub: 'bob' } }))
    expect(claims.sub).toBe('bob')
    await expectJoseError(verifier.verify(nestedToken({ encrypt: { header: { kid: 'enc-9' } } })), 'ERR_JWKS_NO_MATCHING_KEY')
  })

  it('takes a PEM and a private JWK, as before', async () => {
    for (const decryption of [recipient().privatePem, recipient().pkcs1PrivatePem, recipient().privateJwk]) {
      const verifier = createVerifier(options({ verificationKey: verificationKey(), decryptionKey: decryption }))
      expect((await verifier.verify(nestedToken())).claims.iss).toBe(ISSUER)
    }
  })

  it('names the accepted forms for anything else', () => {
    for (const value of [42, true, Symbol('key')]) {
      const error = expectJoseErrorSync(() => createVerifier(options({ decryptionKey: value as never })), 'ERR_KEY_INVALID')
      expect(error.message).toMatch(/^options\.decryptionKey: pass a CryptoKey, a PEM, JWK or secret bytes \(imported once\), a \{ keys \} JWK set, createDecryptionKeySet/)
    }
  })
})

describe('the per-call verbs take a CryptoKey or a resolver, and say so to anything else', () => {
  const HINT = 'key must be a CryptoKey or a resolver'
  const jwe = () => nestedToken()
  const jws = () => signJws({ iss: ISSUER, aud: AUDIENCE, exp: 4_000_000_000 })
  const decryption = { keyManagementAlgorithms: ['RSA-OAEP-256'], contentEncryptionAlgorithms: ['A256GCM'] } as const

  it('compactVerify, jwtVerify: a PEM, a JWK or a JWK set', async () => {
    for (const key of [signer().publicPem, signer().publicJwk, { keys: [signer().publicJwk] }]) {
      expect((await expectJoseError(compactVerify(jws(), key as never, { algorithms: ['RS256'] }), 'ERR_KEY_INVALID')).message).toBe(HINT)
      expect((await expectJoseError(jwtVerify(jws(), key as never, { algorithms: ['RS256'] }), 'ERR_KEY_INVALID')).message).toBe(HINT)
    }
  })

  it('compactDecrypt, decryptAndVerifyJwt: a PEM or a JWK', async () => {
    for (const key of [recipient().privatePem, recipient().privateJwk]) {
      expect((await expectJoseError(compactDecrypt(jwe(), key as never, decryption), 'ERR_KEY_INVALID')).message).toBe(HINT)
      const access = { ...decryption, decryptionKey: key as never, verificationKey: signer().publicPem as never, algorithms: ['RS256'] as const, issuer: ISSUER, audience: AUDIENCE }
      expect((await expectJoseError(decryptAndVerifyJwt(jwe(), access), 'ERR_KEY_INVALID')).message).toBe(HINT)
    }
  })
})
