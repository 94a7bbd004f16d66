/**
 * Issue 14, items 1, 5, 6 and 7, through the package root as an application calls it: caller
 * input that once escaped as a TypeError (BigInt, Symbol, a getter or Proxy that throws) is
 * ERR_INVALID_ARGUMENT; cache typos are refused; a decryption key that cannot work is refused
 * when the verifier is made, and one that still fails on import is answered 503, not 401.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import * as api from '../../src/index.ts'
import { expectJoseError, expectJoseErrorSync } from '../helpers/expect-jose.ts'
import { AUDIENCE, ISSUER, cryptoKeyFor, namedKey, nestedToken } from '../helpers/tokens.ts'
import { generateKeyObjects, generateRsaKey } from '../helpers/keys.ts'

const trap = (): never => {
  throw new Error('caller trap')
}
/** Every way an options object can throw when read. */
const hostile = (valid: Record<string, unknown>): [string, object][] => [
  ['a Proxy whose every trap throws', new Proxy({}, { get: trap, has: trap, ownKeys: trap, getOwnPropertyDescriptor: trap })],
  ...Object.keys(valid).map((name): [string, object] => [`a getter for ${name} that throws`, Object.defineProperty({ ...valid }, name, { get: trap, enumerable: true })]),
  ...Object.keys(valid).map((name): [string, object] => [`a Proxy throwing on ${name}`, new Proxy({ ...valid }, { get: (target, key) => (key === name ? trap() : Reflect.get(target, key)) })]),
]

let verifierOptions: api.VerifierOptions
beforeAll(async () => {
  verifierOptions = {
    decryptionKey: await cryptoKeyFor(namedKey('recipient'), 'RSA-OAEP-256', 'private'),
    verificationKey: await cryptoKeyFor(namedKey('signer'), 'RS256', 'public'),
    keyManagementAlgorithms: ['RSA-OAEP-256'],
    contentEncryptionAlgorithms: ['A256GCM'],
    algorithms: ['RS256'],
    issuer: ISSUER,
    audience: AUDIENCE,
    cache: { maxEntries: 10 },
  }
})

describe('options that throw when read are ERR_INVALID_ARGUMENT, at the boundary', () => {
  it('createVerifier, synchronously, for every member', () => {
    for (const [, options] of hostile(verifierOptions as unknown as Record<string, unknown>)) {
      expectJoseErrorSync(() => api.createVerifier(options as api.VerifierOptions), 'ERR_INVALID_ARGUMENT')
    }
    const cache = new Proxy({}, { get: trap })
    expectJoseErrorSync(() => api.createVerifier({ ...verifierOptions, cache }), 'ERR_INVALID_ARGUMENT')
  })

  it('createVerifier reads each option once, when it is made: a getter that would throw later is never read again', async () => {
    let reads = 0
    const options = Object.defineProperty({ ...verifierOptions }, 'decryptionKey', {
      get: () => (++reads === 1 ? verifierOptions.decryptionKey : trap()),
      enumerable: true,
    })
    const verifier = api.createVerifier(options)
    await expect(verifier.verify(nestedToken())).resolves.toBeDefined()
    expect(reads).toBe(1)
  })

  it('verifyAuthorization and verifyRequest', async () => {
    const verifier = api.createVerifier(verifierOptions)
    const authorization = `Bearer ${nestedToken()}`
    for (const [, options] of hostile({ realm: 'api', scope: 'read' })) {
      await expectJoseError(api.verifyAuthorization(authorization, verifier, options), 'ERR_INVALID_ARGUMENT')
      const request = new Request('http://127.0.0.1/', { headers: { authorization } })
      await expectJoseError(api.verifyRequest(request, verifier, options), 'ERR_INVALID_ARGUMENT')
    }
    const throwingVerifier = Object.defineProperty({}, 'verify', { get: trap })
    await expectJoseError(api.verifyAuthorization(authorization, throwingVerifier as api.Verifier), 'ERR_INVALID_ARGUMENT')
  })

  it('a BigInt kid in createLocalJwks', () => {
    const jwk = { ...namedKey('signer').publicJwk, kid: 1n }
    expectJoseErrorSync(() => api.createLocalJwks({ keys: [jwk as never] }), 'ERR_INVALID_ARGUMENT')
  })

  it.each([
    ['a BigInt', 1n],
    ['a Symbol', Symbol('t')],
  ])('createRemoteJwks: %s snapshot fetchedAt', (_name, fetchedAt) => {
    const cached = { jwks: { keys: [] }, fetchedAt: fetchedAt as never }
    const error = expectJoseErrorSync(() => api.createRemoteJwks('https://issuer.example/jwks', { cached }), 'ERR_INVALID_ARGUMENT')
    expect(error.message).toBe('invalid cached')
  })

  it('createRemoteJwks: a now() that returns a BigInt, when made; a header that throws, when used', async () => {
    const error = expectJoseErrorSync(() => api.createRemoteJwks('https://issuer.example/jwks', { now: () => 1n as never }), 'ERR_INVALID_ARGUMENT')
    expect(error.message).toBe('invalid now')
    let calls = 0
    const flipping = () => (++calls > 1 ? (1n as never) : 0)
    const fetch = async () => new Response('{"keys":[]}')
    const jwks = api.createRemoteJwks('https://issuer.example/jwks', { now: flipping, fetch })
    await expectJoseError(jwks({ alg: 'RS256' }), 'ERR_INVALID_ARGUMENT')
    await expectJoseError(jwks(new Proxy({}, { get: trap }) as never), 'ERR_INVALID_ARGUMENT')
  })
})

describe('createVerifier: cache is false or an object', () => {
  it.each([['yes'], [0], ['false'], [null], [true], [[]]])('cache %j → ERR_INVALID_ARGUMENT, thrown synchronously', (cache) => {
    const error = expectJoseErrorSync(() => api.createVerifier({ ...verifierOptions, cache: cache as never }), 'ERR_INVALID_ARGUMENT')
    expect(error.message).toBe('options.cache must be false or { maxEntries }')
  })
})

describe('createVerifier: a decryption key that cannot work is refused when the verifier is made', () => {
  const recipient = () => namedKey('recipient')
  it.each([
    ['not a PEM', () => 'not a pem', 'PEM: malformed'],
    ['a public-key PEM', () => recipient().publicPem, 'decryption key 0 is a public key; a private key is needed'],
    ['a PKCS#1 public-key PEM', () => recipient().pkcs1PublicPem, 'decryption key 0 is a public key; a private key is needed'],
    ['a public JWK', () => recipient().publicJwk, 'decryption key 0 is a public key; a private key is needed'],
    // EC P-256/384/521 and X25519/X448 keys decrypt (ECDH-ES); an Ed25519 key only signs.
    ['an Ed25519 private key', () => generateKeyObjects('ed25519').privatePem, 'key is not for ECDH-ES'],
    ['a private JWK of a signing curve', () => ({ kty: 'OKP', crv: 'Ed25519', x: 'AA', d: 'AA' }), 'JWK "crv" invalid'],
    ['a private JWK of no JWE key type', () => ({ kty: 'AKP', pub: 'AA', priv: 'AA' }), 'JWK "kty" invalid'],
  ])('%s → ERR_KEY_INVALID', (_name, key, message) => {
    const error = expectJoseErrorSync(() => api.createVerifier({ ...verifierOptions, decryptionKey: key() as string }), 'ERR_KEY_INVALID')
    expect(error.message).toBe(message)
  })

  it('a well-formed PKCS#8 PEM that Web Crypto then refuses (1024 bits) is answered 503 by verifyAuthorization, never 401', async () => {
    const small = generateRsaKey(1024)
    const verifier = api.createVerifier({ ...verifierOptions, decryptionKey: small.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string })
    await expectJoseError(verifier.verify(nestedToken()), 'ERR_KEY_UNAVAILABLE')
    const auth = await api.verifyAuthorization(`Bearer ${nestedToken()}`, verifier)
    expect(auth.ok).toBe(false)
    if (auth.ok) return
    expect(auth.status).toBe(503)
    expect(auth.cause?.code).toBe('ERR_KEY_UNAVAILABLE')
    expect(auth.wwwAuthenticate).toBeUndefined()
    expect(auth.response().status).toBe(503)
  })
})
