/**
 * Header parameters that name keys ("jwk", "jku", "x5u", "x5c", RFC 7515 §4.1.2–4.1.6) are
 * chosen by whoever made the token and are never used to find, fetch or trust a key; "kid"
 * only selects among keys the caller configured, is never used as a path or URL, and never
 * appears in a message.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createPrivateKey, createPublicKey } from 'node:crypto'
import { jwtVerify } from '../../src/jwt/jwt-verify.ts'
import { compactVerify } from '../../src/jws/compact-verify.ts'
import { compactDecrypt } from '../../src/jwe/compact-decrypt.ts'
import { decryptAndVerifyJwt } from '../../src/verifier/decrypt-and-verify-jwt.ts'
import { createLocalJwks } from '../../src/jwks/local-jwks.ts'
import { createRemoteJwks } from '../../src/jwks/remote-jwks.ts'
import { DecryptionKeySet } from '../../src/jwks/decryption-key-set.ts'
import { startJwksServer, type JwksServer } from '../helpers/jwks-server.ts'
import { makeCertificate, pemBody } from '../keys/helpers.ts'
import {
  createContext,
  defaultClaims,
  encryptJwe,
  namedKey,
  nestedToken,
  registerSecret,
  rejects,
  signJws,
  type Context,
  type TestRsaKey,
} from './support.ts'

let ctx: Context
let attacker: TestRsaKey
let evil: JwksServer
let issuer: JwksServer
let x5c: string[]
let certSigner: TestRsaKey

beforeAll(async () => {
  ctx = await createContext()
  attacker = namedKey('attacker')
  ;[evil, issuer] = await Promise.all([startJwksServer(), startJwksServer()])
  // The attacker's server would happily serve the attacker's key.
  evil.serve({ keys: [{ ...attacker.publicJwk, kid: 'sig-1' }, { ...attacker.publicJwk, kid: 'attacker' }] })
  issuer.serve({ keys: [{ ...ctx.signer.publicJwk, kid: 'sig-1' }] })
  // A real self-signed certificate for the attacker's key when openssl is there; its SPKI otherwise.
  const certificate = makeCertificate('rsa:2048')
  if (certificate !== undefined) {
    const privateKey = createPrivateKey(certificate.privateKeyPem)
    const publicKey = createPublicKey(privateKey)
    registerSecret(certificate.privateKeyPem)
    certSigner = {
      ...attacker,
      privateKey,
      publicKey,
      publicJwk: publicKey.export({ format: 'jwk' }) as JsonWebKey,
    }
    x5c = [pemBody(certificate.certificatePem)]
  } else {
    certSigner = attacker
    x5c = [attacker.spkiDer.toString('base64')]
  }
})

afterAll(async () => {
  await Promise.all([evil.close(), issuer.close()])
})

afterEach(() => {
  vi.restoreAllMocks()
})

describe('"jwk", "jku", "x5u", "x5c" are never used to find, fetch or trust a key', () => {
  /** Attacker-signed tokens that carry the attacker's own key, or a pointer to it. */
  const forgeries = (kid: string | undefined): Array<[string, string]> => {
    const base = kid === undefined ? { kid: undefined } : { kid }
    return [
      ['embedded jwk', signJws(defaultClaims(), { key: attacker, header: { ...base, jwk: attacker.publicJwk } })],
      ['jku to the attacker server', signJws(defaultClaims(), { key: attacker, header: { ...base, jku: evil.url } })],
      ['x5u to the attacker server', signJws(defaultClaims(), { key: attacker, header: { ...base, x5u: evil.url } })],
      ['x5c with the attacker certificate', signJws(defaultClaims(), { key: certSigner, header: { ...base, x5c } })],
      [
        'all of them at once',
        signJws(defaultClaims(), { key: attacker, header: { ...base, jwk: attacker.publicJwk, jku: evil.url, x5u: evil.url, x5c } }),
      ],
    ]
  }

  it('a CryptoKey: ERR_JWS_SIGNATURE_INVALID, and the attacker server gets no request', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch')
    for (const kid of ['sig-1', 'attacker', undefined]) {
      for (const [, token] of forgeries(kid)) {
        await rejects(jwtVerify(token, ctx.verificationKey, ctx.jws), 'ERR_JWS_SIGNATURE_INVALID', token)
        await rejects(compactVerify(token, ctx.verificationKey, { algorithms: ['RS256'] }), 'ERR_JWS_SIGNATURE_INVALID', token)
      }
    }
    expect(fetchSpy).not.toHaveBeenCalled()
    expect(evil.hits).toBe(0)
  })

  it('a local JWK set: the issuer kid gives ERR_JWS_SIGNATURE_INVALID, another kid ERR_JWKS_NO_MATCHING_KEY', async () => {
    const jwks = createLocalJwks({ keys: [{ ...ctx.signer.publicJwk, kid: 'sig-1' }] })
    for (const [, token] of forgeries('sig-1')) await rejects(jwtVerify(token, jwks, ctx.jws), 'ERR_JWS_SIGNATURE_INVALID', token)
    for (const [, token] of forgeries(undefined)) await rejects(jwtVerify(token, jwks, ctx.jws), 'ERR_JWS_SIGNATURE_INVALID', token)
    for (const [, token] of forgeries('attacker')) await rejects(jwtVerify(token, jwks, ctx.jws), 'ERR_JWKS_NO_MATCHING_KEY', token)
    expect(evil.hits).toBe(0)
  })

  it('a remote JWK set fetches only its own URL: the attacker server gets zero requests', async () => {
    // On one instant the set fetched is as new as every token, so it judges each unknown kid at
    // once; on a moving clock a few may be answered ERR_KEY_UNAVAILABLE instead (remote-jwks tests).
    const instant = Date.now()
    const jwks = createRemoteJwks(issuer.url, { now: () => instant })
    const before = issuer.hits
    for (const [, token] of forgeries('sig-1')) await rejects(jwtVerify(token, jwks, ctx.jws), 'ERR_JWS_SIGNATURE_INVALID', token)
    for (const [, token] of forgeries('attacker')) await rejects(jwtVerify(token, jwks, ctx.jws), 'ERR_JWKS_NO_MATCHING_KEY', token)
    // One fetch of the configured set; unknown kids within the cooldown cause no more.
    expect(issuer.hits - before).toBe(1)
    expect(evil.hits).toBe(0)
    // The genuine token still verifies through the same resolver.
    await expect(jwtVerify(signJws(defaultClaims()), jwks, ctx.jws)).resolves.toBeDefined()
  })

  it('inside a nested token (and in the JWE header too), with a CryptoKey, a local and a remote set', async () => {
    const local = createLocalJwks({ keys: [{ ...ctx.signer.publicJwk, kid: 'sig-1' }] })
    const remote = createRemoteJwks(issuer.url)
    const pointers = { jku: evil.url, x5u: evil.url, jwk: attacker.publicJwk, x5c }
    for (const [, inner] of forgeries('sig-1')) {
      const token = encryptJwe(inner, { header: pointers })
      for (const verificationKey of [ctx.verificationKey, local, remote]) {
        await rejects(decryptAndVerifyJwt(token, ctx.nested({ verificationKey })), 'ERR_JWS_SIGNATURE_INVALID', [token, inner])
      }
    }
    expect(evil.hits).toBe(0)
  })

  it('a resolver sees the header, but the library itself acts on none of these members', async () => {
    const seen: unknown[] = []
    const resolver = vi.fn(async (header: unknown) => {
      seen.push(header)
      return ctx.verificationKey
    })
    const [, token] = forgeries('sig-1')[4]!
    await rejects(compactVerify(token, resolver, { algorithms: ['RS256'] }), 'ERR_JWS_SIGNATURE_INVALID', token)
    expect(resolver).toHaveBeenCalledTimes(1)
    expect(seen[0]).toMatchObject({ jku: evil.url })
    expect(evil.hits).toBe(0)
  })

  it('the JWE header "jwk", "jku", "x5u", "x5c" do not change the decryption key', async () => {
    // Encrypted to the attacker's key, pointing at it: the configured key is used and fails.
    const token = nestedToken({ encrypt: { key: attacker, header: { jwk: attacker.publicJwk, jku: evil.url, x5u: evil.url, x5c } } })
    await rejects(compactDecrypt(token, ctx.decryptionKey, ctx.jwe), 'ERR_JWE_DECRYPTION_FAILED', token)
    await rejects(decryptAndVerifyJwt(token, ctx.nested()), 'ERR_JWE_DECRYPTION_FAILED', token)
    expect(evil.hits).toBe(0)
  })
})

describe('"kid" that is huge or path-like', () => {
  const HUGE = 'k'.repeat(10_000)
  const KIDS = [
    '../../etc/passwd',
    '../../../../../../etc/passwd%00',
    'http://evil',
    'http://127.0.0.1:1/jwks.json',
    'file:///etc/passwd',
    '/dev/random',
    '..\\..\\windows\\win.ini',
    "' OR '1'='1",
    '$(id)',
    'sig-1\u0000',
    'SIG-1',
    ' sig-1',
    'sig-1 ',
    '__proto__',
    'constructor',
    'hasOwnProperty',
    '*',
    '',
  ]
  const RAISED = { maxHeaderLength: 32 * 1024, maxTokenLength: 64 * 1024 }

  function checkNotQuoted(message: string, kid: string): void {
    if (kid.trim().length >= 4) expect(message).not.toContain(kid.trim())
    expect(message).not.toContain('kkkkkkkkkkkkkkkk')
  }

  it('a local JWK set: ERR_JWKS_NO_MATCHING_KEY for a validly signed token, and the kid is never quoted', async () => {
    const jwks = createLocalJwks({ keys: [{ ...ctx.signer.publicJwk, kid: 'sig-1' }, { ...namedKey('other-signer').publicJwk, kid: 'sig-2' }] })
    for (const kid of [...KIDS, HUGE]) {
      const token = signJws(defaultClaims(), { header: { kid } })
      const error = await rejects(jwtVerify(token, jwks, { ...ctx.jws, ...RAISED }), 'ERR_JWKS_NO_MATCHING_KEY', token)
      checkNotQuoted(error.message, kid)
      const nested = encryptJwe(token)
      const again = await rejects(decryptAndVerifyJwt(nested, ctx.nested({ verificationKey: jwks, ...RAISED })), 'ERR_JWKS_NO_MATCHING_KEY', [nested, token])
      checkNotQuoted(again.message, kid)
    }
  })

  it('a remote JWK set: ERR_JWKS_NO_MATCHING_KEY without a request per kid, and no request built from the kid', async () => {
    const instant = Date.now()
    const jwks = createRemoteJwks(issuer.url, { now: () => instant })
    const before = issuer.hits
    const fetchSpy = vi.spyOn(globalThis, 'fetch')
    for (const kid of [...KIDS, HUGE]) {
      const token = signJws(defaultClaims(), { header: { kid } })
      const error = await rejects(jwtVerify(token, jwks, { ...ctx.jws, ...RAISED }), 'ERR_JWKS_NO_MATCHING_KEY', token)
      checkNotQuoted(error.message, kid)
    }
    expect(issuer.hits - before).toBe(1)
    for (const [url] of fetchSpy.mock.calls) expect(String(url)).toBe(issuer.url)
  })

  it('a huge kid under the default limits is refused by size first', async () => {
    const jws = signJws(defaultClaims(), { header: { kid: HUGE } })
    await rejects(jwtVerify(jws, createLocalJwks({ keys: [ctx.signer.publicJwk] }), ctx.jws), 'ERR_TOKEN_TOO_LARGE', jws)
    const jwe = nestedToken({ encrypt: { header: { kid: HUGE } } })
    await rejects(decryptAndVerifyJwt(jwe, ctx.nested()), 'ERR_TOKEN_TOO_LARGE', jwe)
  })

  it('a DecryptionKeySet whose keys all have a kid: ERR_JWKS_NO_MATCHING_KEY, and the kid is never quoted', async () => {
    const set = new DecryptionKeySet([
      { kid: 'enc-1', key: ctx.recipient.privatePem },
      { kid: 'enc-2', key: namedKey('other-recipient').privateJwk },
    ])
    for (const kid of [...KIDS, HUGE]) {
      const token = nestedToken({ encrypt: { header: { kid } } })
      const error = await rejects(decryptAndVerifyJwt(token, ctx.nested({ decryptionKey: set, ...RAISED })), 'ERR_JWKS_NO_MATCHING_KEY', token)
      checkNotQuoted(error.message, kid)
    }
  })

  it('a DecryptionKeySet with kid-less keys only compares the kid: a path-like kid falls back to those keys', async () => {
    const set = new DecryptionKeySet([{ kid: 'enc-9', key: namedKey('other-recipient').privatePem }, { key: ctx.recipient.privatePem }])
    for (const kid of ['../../etc/passwd', 'http://evil']) {
      await expect(decryptAndVerifyJwt(nestedToken({ encrypt: { header: { kid } } }), ctx.nested({ decryptionKey: set }))).resolves.toBeDefined()
    }
  })
})
