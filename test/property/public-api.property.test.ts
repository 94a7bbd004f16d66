/**
 * The README's promise, checked over the whole public API: whatever a caller passes, a function
 * returns or fails with a JoseError; no TypeError, RangeError or DOMException escapes.
 *
 * Arbitrary arguments mostly stop at the first type check, so every function also gets its valid
 * arguments with one thing broken (see hostile-arguments.ts). Where a function hands back a
 * verifier or a key resolver, that is called too, since a bad option can lie in wait until then.
 */
import { afterAll, beforeAll, describe, it, vi } from 'vitest'
import fc from 'fast-check'
import * as api from '../../src/index.ts'
import { JoseError } from '../../src/errors.ts'
import { AUDIENCE, ISSUER, cryptoKeyFor, defaultClaims, namedKey, nestedToken, signJws } from '../helpers/tokens.ts'
import { nodeFlattened, nodeGeneral } from '../jws/json-support.ts'
import { ANYTHING, broken, failure, type Args, type Call } from './hostile-arguments.ts'

const cases: [string, Call, () => Args][] = []
const JWE_OPTIONS = { keyManagementAlgorithms: ['RSA-OAEP-256'], contentEncryptionAlgorithms: ['A256GCM'] } as const
const JWT_OPTIONS = { algorithms: ['RS256'], issuer: ISSUER, audience: AUDIENCE } as const
let keys: { decryption: CryptoKey; encryption: CryptoKey; signing: CryptoKey; verification: CryptoKey; recipientPem: string; jwks: unknown }

// A deleted `fetch` option must not reach the network: the global one answers like the fake.
beforeAll(() => {
  vi.stubGlobal('fetch', jwksFetch)
})
afterAll(() => {
  vi.unstubAllGlobals()
})

beforeAll(async () => {
  const recipient = namedKey('recipient')
  const signer = namedKey('signer')
  keys = {
    decryption: await cryptoKeyFor(recipient, 'RSA-OAEP-256', 'private'),
    encryption: await cryptoKeyFor(recipient, 'RSA-OAEP-256', 'public'),
    signing: await cryptoKeyFor(signer, 'RS256', 'private'),
    verification: await cryptoKeyFor(signer, 'RS256', 'public'),
    recipientPem: recipient.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string,
    jwks: { keys: [{ ...signer.publicJwk, kid: 'sig-1', use: 'sig' }] },
  }
})

// Valid JSON JWEs for the decryptors' cases, made once the keys are.
let jweJson: { flattened: api.FlattenedJwe; general: api.GeneralJwe }
beforeAll(async () => {
  const options = { protectedHeader: { alg: 'RSA-OAEP-256', enc: 'A256GCM' }, unprotectedHeader: { cty: 'text/plain' }, aad: 'meta' }
  jweJson = {
    flattened: await api.flattenedEncrypt('text', options, { key: keys.encryption, header: { kid: 'enc-1' } }),
    general: await api.generalEncrypt('text', { ...options, protectedHeader: { enc: 'A256GCM' } }, [{ key: keys.encryption, header: { alg: 'RSA-OAEP-256', kid: 'enc-1' } }]),
  }
})

const jwsHeader = { alg: 'RS256', kid: 'sig-1' }
const jwksFetch = async () => new Response(JSON.stringify(keys.jwks), { headers: { 'content-type': 'application/json' } })
const bearer = (token: string) => new Request('http://127.0.0.1/api', { headers: { authorization: `Bearer ${token}` } })

const add = (name: string, call: Call, valid: () => Args) => cases.push([name, call, valid])
add('importKey', ([material, alg, options]) => api.importKey(material as string, alg as 'RSA-OAEP-256', options as never), () => [keys.recipientPem, 'RSA-OAEP-256', { extractable: false }])
add('compactDecrypt', ([token, key, options]) => api.compactDecrypt(token as string, key as CryptoKey, options as never), () => [nestedToken(), keys.decryption, { ...JWE_OPTIONS, maxTokenLength: 8192 }])
add('compactEncrypt', ([plaintext, key, header]) => api.compactEncrypt(plaintext as string, key as CryptoKey, header as never), () => ['text', keys.encryption, { alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: 'enc-1' }])
add('flattenedDecrypt', ([jwe, key, options]) => api.flattenedDecrypt(jwe as string, key as CryptoKey, options as never), () => [
  jweJson.flattened,
  keys.decryption,
  { ...JWE_OPTIONS, crit: [], maxTokenLength: 8192 },
])
add('generalDecrypt', ([jwe, key, options]) => api.generalDecrypt(jwe as string, key as CryptoKey, options as never), () => [
  JSON.stringify(jweJson.general),
  keys.decryption,
  { ...JWE_OPTIONS, maxRecipients: 2, zip: { maxDecompressedBytes: 100 } },
])
add('flattenedEncrypt', ([plaintext, options, recipient]) => api.flattenedEncrypt(plaintext as string, options as never, recipient as never), () => [
  'text',
  { protectedHeader: { alg: 'RSA-OAEP-256', enc: 'A256GCM' }, unprotectedHeader: { cty: 'text/plain' }, aad: 'meta' },
  { key: keys.encryption, header: { kid: 'enc-1' } },
])
add('generalEncrypt', ([plaintext, options, recipients]) => api.generalEncrypt(plaintext as string, options as never, recipients as never), () => [
  'text',
  { protectedHeader: { enc: 'A256GCM' }, aad: new Uint8Array([1]) },
  [{ key: keys.encryption, header: { alg: 'RSA-OAEP-256', kid: 'enc-1' } }],
])
add('compactVerify', ([token, key, options]) => api.compactVerify(token as string, key as CryptoKey, options as never), () => [signJws(defaultClaims()), keys.verification, { algorithms: ['RS256'], crit: [] }])
add('compactSign', ([payload, key, header]) => api.compactSign(payload as string, key as CryptoKey, header as never), () => ['payload', keys.signing, { ...jwsHeader }])
add('flattenedVerify', ([jws, key, options]) => api.flattenedVerify(jws as string, key as CryptoKey, options as never), () => [
  nodeFlattened('payload', { protected: { alg: 'RS256' }, header: { kid: 'sig-1' }, key: namedKey('signer') }),
  keys.verification,
  { algorithms: ['RS256'], crit: [], maxTokenLength: 8192 },
])
add('generalVerify', ([jws, key, options]) => api.generalVerify(jws as string, key as CryptoKey, options as never), () => [
  nodeGeneral('payload', [{ protected: { alg: 'RS256' }, header: { kid: 'sig-1' }, key: namedKey('signer') }]),
  keys.verification,
  { algorithms: ['RS256'], maxSignatures: 2, payload: undefined },
])
add('flattenedSign', ([payload, key, headers]) => api.flattenedSign(payload as string, key as CryptoKey, headers as never), () => [
  'payload',
  keys.signing,
  { protectedHeader: { alg: 'RS256' }, unprotectedHeader: { kid: 'sig-1' } },
])
add('generalSign', ([payload, signers]) => api.generalSign(payload as string, signers as never), () => ['payload', [{ key: keys.signing, protectedHeader: { ...jwsHeader } }]])
add('jwtVerify', ([token, key, options]) => api.jwtVerify(token as string, key as CryptoKey, options as never), () => [signJws(defaultClaims()), keys.verification, { ...JWT_OPTIONS, clockTolerance: 5, requiredClaims: ['sub'] }])
add('signJwt', ([claims, key, header]) => api.signJwt(claims as never, key as CryptoKey, header as never), () => [defaultClaims(), keys.signing, { ...jwsHeader }])
add('encryptJwt', ([jwt, key, header]) => api.encryptJwt(jwt as string, key as CryptoKey, header as never), () => [signJws(defaultClaims()), keys.encryption, { alg: 'RSA-OAEP-256', kid: 'enc-1' }])
add('decryptAndVerifyJwt', ([token, options]) => api.decryptAndVerifyJwt(token as string, options as never), () => [
  nestedToken(),
  { decryptionKey: keys.decryption, verificationKey: keys.verification, ...JWE_OPTIONS, ...JWT_OPTIONS, maxTokenAge: 600 },
])
add(
  'createVerifier + verify',
  async ([options, token]) => api.createVerifier(options as never).verify(token as string),
  () => [{ decryptionKey: keys.recipientPem, verificationKey: keys.verification, ...JWE_OPTIONS, ...JWT_OPTIONS, cache: { maxEntries: 10 } }, nestedToken()],
)
add(
  'verifyRequest',
  ([request, verifier, options]) => api.verifyRequest(request as Request, verifier as api.Verifier, options as never),
  () => [bearer(nestedToken()), api.createVerifier({ decryptionKey: keys.decryption, verificationKey: keys.verification, ...JWE_OPTIONS, ...JWT_OPTIONS }), { realm: 'api', scope: ['read:messages'] }],
)
add(
  'verifyAuthorization',
  ([authorization, verifier, options]) => api.verifyAuthorization(authorization as string, verifier as api.Verifier, options as never),
  () => [`Bearer ${nestedToken()}`, api.createVerifier({ decryptionKey: keys.decryption, verificationKey: keys.verification, ...JWE_OPTIONS, ...JWT_OPTIONS }), { realm: 'api', scope: ['read:messages'] }],
)
add('createLocalJwks + lookup', async ([jwks, header]) => api.createLocalJwks(jwks as never)(header as never), () => [keys.jwks, { ...jwsHeader }])
add(
  'createRemoteJwks + lookup',
  async ([url, options, header]) => api.createRemoteJwks(url as string, options as never)(header as never),
  () => [
    'https://issuer.example.com/.well-known/jwks.json',
    { fetch: jwksFetch, timeoutMs: 1000, cacheMaxAgeMs: 60_000, cooldownMs: 1000, maxResponseBytes: 10_000, headers: { 'x-client': 'test' } },
    { ...jwsHeader },
  ],
)
add('selectJwk', ([jwks, header]) => api.selectJwk(jwks as never, header as never), () => [(keys.jwks as { keys: object[] }).keys, { ...jwsHeader }])
add(
  'createDecryptionKeySet + candidates',
  async ([entries, options, header]) => api.createDecryptionKeySet(entries as never, options as never).candidates(header as never),
  () => [[{ kid: 'enc-1', key: keys.recipientPem }], { maxKeysPerToken: 2, copiesPerKey: 1 }, { alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: 'enc-1' }],
)
add('base64url.encode', ([input]) => api.base64url.encode(input as string), () => ['text'])
add('base64url.decode', ([input]) => api.base64url.decode(input as string), () => ['dGV4dA'])

function expectJoseErrorOrNothing(name: string, error: unknown): void {
  if (error !== undefined && !(error instanceof JoseError)) {
    throw new Error(`${name} threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`)
  }
}

describe('the public API: returns, or fails with a JoseError', () => {
  it.each(cases)('%s, its valid arguments', async (name, call, valid) => {
    // The baseline must succeed, or the broken variants below prove little.
    const error = await failure(call, valid())
    if (error !== undefined) throw new Error(`${name}: the valid arguments fail: ${String(error)}`)
  })

  it.each(cases)('%s, one argument or member broken', async (name, call, valid) => {
    const baseline = valid()
    await fc.assert(
      fc.asyncProperty(broken(baseline), async (args) => expectJoseErrorOrNothing(name, await failure(call, args))),
      { numRuns: 300 },
    )
  })

  it.each(cases)('%s, arbitrary arguments', async (name, call) => {
    await fc.assert(
      fc.asyncProperty(fc.array(ANYTHING, { maxLength: 4 }), async (args) => expectJoseErrorOrNothing(name, await failure(call, args))),
      { numRuns: 100 },
    )
  })
})
