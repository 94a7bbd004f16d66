import { beforeAll, describe, expect, it } from 'vitest'
import { constants, createDecipheriv, privateDecrypt, verify } from 'node:crypto'
import { signJwt, type SignJwtHeader } from '../../src/jwt/sign-jwt.ts'
import { encryptJwt } from '../../src/jwt/encrypt-jwt.ts'
import { decryptAndVerifyJwt } from '../../src/verifier/decrypt-and-verify-jwt.ts'
import type { JwtClaims } from '../../src/jwt/claims.ts'
import type { KeyManagementAlgorithm } from '../../src/algorithms/key-management.ts'
import { expectJoseError } from '../helpers/expect-jose.ts'
import type { TestRsaKey } from '../helpers/keys.ts'
import { AUDIENCE, ISSUER, cryptoKeyFor, defaultClaims, namedKey, segmentJson } from '../helpers/tokens.ts'

let signer: TestRsaKey
let recipient: TestRsaKey
let rs256: CryptoKey
let ps256: CryptoKey
let oaep256: CryptoKey
let oaep384: CryptoKey

beforeAll(async () => {
  signer = namedKey('signer')
  recipient = namedKey('recipient')
  ;[rs256, ps256, oaep256, oaep384] = await Promise.all([
    cryptoKeyFor(signer, 'RS256', 'private'),
    cryptoKeyFor(signer, 'PS256', 'private'),
    cryptoKeyFor(recipient, 'RSA-OAEP-256', 'public'),
    cryptoKeyFor(recipient, 'RSA-OAEP-384', 'public'),
  ])
})

const OAEP_HASH: Record<string, string> = { 'RSA-OAEP': 'sha1', 'RSA-OAEP-256': 'sha256', 'RSA-OAEP-384': 'sha384', 'RSA-OAEP-512': 'sha512' }

/** Verifies a compact JWS with node:crypto only and returns its header and payload. */
function nodeVerifyJws(jws: string, pss = false): { header: Record<string, unknown>; payload: unknown } {
  const [h, p, s] = jws.split('.') as [string, string, string]
  const key = pss ? { key: signer.publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 } : signer.publicKey
  expect(verify('sha256', Buffer.from(`${h}.${p}`, 'ascii'), key, Buffer.from(s, 'base64url'))).toBe(true)
  return { header: segmentJson(jws, 0), payload: segmentJson(jws, 1) }
}

/** Decrypts a compact JWE with node:crypto only (RSA-OAEP + AES-GCM). */
function nodeDecryptJwe(jwe: string): { header: Record<string, unknown>; plaintext: string } {
  const [h, k, iv, c, t] = jwe.split('.') as [string, string, string, string, string]
  const header = segmentJson(jwe, 0)
  const cek = privateDecrypt(
    { key: recipient.privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: OAEP_HASH[header.alg as string]! },
    Buffer.from(k, 'base64url'),
  )
  const decipher = createDecipheriv(`aes-${cek.length * 8}-gcm` as 'aes-256-gcm', cek, Buffer.from(iv, 'base64url'))
  decipher.setAAD(Buffer.from(h, 'ascii'))
  decipher.setAuthTag(Buffer.from(t, 'base64url'))
  const plaintext = Buffer.concat([decipher.update(Buffer.from(c, 'base64url')), decipher.final()]).toString('utf8')
  return { header, plaintext }
}

describe('signJwt', () => {
  it('signs the claims with "typ" "JWT" by default; node:crypto verifies it', async () => {
    const claims = defaultClaims()
    const jwt = await signJwt(claims, rs256, { alg: 'RS256' })
    const { header, payload } = nodeVerifyJws(jwt)
    expect(header).toEqual({ alg: 'RS256', typ: 'JWT' })
    expect(payload).toEqual(claims)
  })

  it('lets the caller override "typ" (at+jwt) and passes "kid" and other parameters through', async () => {
    const jwt = await signJwt({ sub: 'x' }, rs256, { alg: 'RS256', typ: 'at+jwt', kid: 'sig-7', 'urn:example': 'v' })
    expect(nodeVerifyJws(jwt).header).toEqual({ alg: 'RS256', typ: 'at+jwt', kid: 'sig-7', 'urn:example': 'v' })
  })

  it('signs PS256 (RSASSA-PSS, 32-byte salt) that node:crypto verifies', async () => {
    const jwt = await signJwt({ sub: 'pss' }, ps256, { alg: 'PS256', kid: 'pss' })
    expect(nodeVerifyJws(jwt, true)).toEqual({ header: { alg: 'PS256', typ: 'JWT', kid: 'pss' }, payload: { sub: 'pss' } })
  })

  it('accepts a null-prototype claims object', async () => {
    const claims = Object.assign(Object.create(null) as JwtClaims, { sub: 'np' })
    expect(nodeVerifyJws(await signJwt(claims, rs256, { alg: 'RS256' })).payload).toEqual({ sub: 'np' })
  })

  it.each([
    ['null', null],
    ['an array', [{ sub: 'x' }]],
    ['a string', '{"sub":"x"}'],
    ['a number', 42],
    ['a Date', new Date(0)],
    ['a Map', new Map([['sub', 'x']])],
  ])('rejects claims that are %s with ERR_INVALID_ARGUMENT', async (_name, claims) => {
    await expectJoseError(() => signJwt(claims as unknown as JwtClaims, rs256, { alg: 'RS256' }), 'ERR_INVALID_ARGUMENT')
  })

  it.each([
    ['null', null],
    ['a string', 'RS256'],
    ['an array', [{ alg: 'RS256' }]],
  ])('rejects a header that is %s with ERR_INVALID_ARGUMENT', async (_name, header) => {
    await expectJoseError(() => signJwt({ sub: 'x' }, rs256, header as unknown as SignJwtHeader), 'ERR_INVALID_ARGUMENT')
  })

  it('rejects claims or a header JSON cannot represent (BigInt, a cycle, a throwing toJSON) with ERR_INVALID_ARGUMENT, as a rejected promise', async () => {
    const cyclic: Record<string, unknown> = { sub: 'x' }
    cyclic.self = cyclic
    const throwing = { sub: 'x', ctx: { toJSON: () => { throw new Error('no') } } }
    for (const claims of [{ sub: 'x', n: 1n }, cyclic, throwing]) {
      const pending = signJwt(claims as JwtClaims, rs256, { alg: 'RS256' })
      await expectJoseError(pending, 'ERR_INVALID_ARGUMENT')
    }
    await expectJoseError(signJwt({ sub: 'x' }, rs256, { alg: 'RS256', x: 1n } as unknown as SignJwtHeader), 'ERR_INVALID_ARGUMENT')
    const jwt = await signJwt({ sub: 'x' }, rs256, { alg: 'RS256' })
    await expectJoseError(encryptJwt(jwt, oaep256, { alg: 'RSA-OAEP-256', x: 1n } as never), 'ERR_INVALID_ARGUMENT')
  })

  it('rejects claims or a header whose own toJSON makes them no JSON object (undefined, a number) with ERR_INVALID_ARGUMENT', async () => {
    // JSON.stringify answers undefined (then a TypeError) or "5" (a token whose header or claims are no object).
    for (const toJSON of [() => undefined, () => 5, () => [1]]) {
      await expectJoseError(signJwt({ sub: 'x', toJSON } as JwtClaims, rs256, { alg: 'RS256' }), 'ERR_INVALID_ARGUMENT')
      await expectJoseError(signJwt({ sub: 'x' }, rs256, { alg: 'RS256', toJSON } as unknown as SignJwtHeader), 'ERR_INVALID_ARGUMENT')
      await expectJoseError(encryptJwt('a.b.c', oaep256, { alg: 'RSA-OAEP-256', toJSON } as never), 'ERR_INVALID_ARGUMENT')
    }
  })

  it.each([['ES256K'], ['none'], ['Ed']])('rejects alg %s with ERR_ALG_NOT_SUPPORTED', async (alg) => {
    await expectJoseError(() => signJwt({ sub: 'x' }, rs256, { alg } as SignJwtHeader), 'ERR_ALG_NOT_SUPPORTED')
  })

  it('rejects a key that cannot sign for the alg with ERR_KEY_INVALID', async () => {
    await expectJoseError(() => signJwt({ sub: 'x' }, ps256, { alg: 'RS256' }), 'ERR_KEY_INVALID')
    const publicKey = await cryptoKeyFor(signer, 'RS256', 'public')
    await expectJoseError(() => signJwt({ sub: 'x' }, publicKey, { alg: 'RS256' }), 'ERR_KEY_INVALID')
  })
})

describe('encryptJwt', () => {
  it('encrypts with "cty" "JWT" and "enc" A256GCM by default; node:crypto decrypts and verifies the inner JWT', async () => {
    const claims = defaultClaims()
    const jwt = await signJwt(claims, rs256, { alg: 'RS256', kid: 'sig-1' })
    const jwe = await encryptJwt(jwt, oaep256, { alg: 'RSA-OAEP-256', kid: 'enc-1' })
    const { header, plaintext } = nodeDecryptJwe(jwe)
    expect(header).toEqual({ alg: 'RSA-OAEP-256', enc: 'A256GCM', cty: 'JWT', kid: 'enc-1' })
    expect(plaintext).toBe(jwt)
    expect(nodeVerifyJws(plaintext).payload).toEqual(claims)
  })

  it('honours another "enc" and "alg" (A128GCM, RSA-OAEP-384)', async () => {
    const jwt = await signJwt({ sub: 'x' }, rs256, { alg: 'RS256' })
    const jwe = await encryptJwt(jwt, oaep384, { alg: 'RSA-OAEP-384', enc: 'A128GCM' })
    const { header, plaintext } = nodeDecryptJwe(jwe)
    expect(header).toEqual({ alg: 'RSA-OAEP-384', enc: 'A128GCM', cty: 'JWT' })
    expect(plaintext).toBe(jwt)
  })

  it('always sets "cty" "JWT", whatever the caller passes', async () => {
    const jwt = await signJwt({ sub: 'x' }, rs256, { alg: 'RS256' })
    const jwe = await encryptJwt(jwt, oaep256, { alg: 'RSA-OAEP-256', cty: 'json' })
    expect(segmentJson(jwe).cty).toBe('JWT')
  })

  it('draws a fresh CEK and IV for every call', async () => {
    const jwt = await signJwt({ sub: 'x' }, rs256, { alg: 'RS256' })
    const [a, b] = [await encryptJwt(jwt, oaep256, { alg: 'RSA-OAEP-256' }), await encryptJwt(jwt, oaep256, { alg: 'RSA-OAEP-256' })]
    const [, keyA, ivA] = a.split('.')
    const [, keyB, ivB] = b.split('.')
    expect(keyA).not.toBe(keyB)
    expect(ivA).not.toBe(ivB)
    expect(nodeDecryptJwe(a).plaintext).toBe(nodeDecryptJwe(b).plaintext)
  })

  it('round-trips through decryptAndVerifyJwt', async () => {
    const claims = defaultClaims()
    const jwt = await signJwt(claims, rs256, { alg: 'RS256', typ: 'at+jwt', kid: 'sig-1' })
    const jwe = await encryptJwt(jwt, oaep256, { alg: 'RSA-OAEP-256', kid: 'enc-1' })
    const result = await decryptAndVerifyJwt(jwe, {
      decryptionKey: await cryptoKeyFor(recipient, 'RSA-OAEP-256', 'private'),
      verificationKey: await cryptoKeyFor(signer, 'RS256', 'public'),
      keyManagementAlgorithms: ['RSA-OAEP-256'],
      contentEncryptionAlgorithms: ['A256GCM'],
      algorithms: ['RS256'],
      issuer: ISSUER,
      audience: AUDIENCE,
      profile: 'at+jwt',
    })
    expect(result.claims).toEqual(claims)
    expect(result.header).toEqual({ alg: 'RS256', typ: 'at+jwt', kid: 'sig-1' })
    expect(result.encryptionHeader).toEqual({ alg: 'RSA-OAEP-256', enc: 'A256GCM', cty: 'JWT', kid: 'enc-1' })
  })

  it.each([
    ['two segments', 'a.b'],
    ['a compact JWE (five segments)', 'a.b.c.d.e'],
    ['an empty string', ''],
    ['a number', 42],
    ['undefined', undefined],
  ])('rejects a jwt that is %s with ERR_INVALID_ARGUMENT', async (_name, jwt) => {
    await expectJoseError(() => encryptJwt(jwt as unknown as string, oaep256, { alg: 'RSA-OAEP-256' }), 'ERR_INVALID_ARGUMENT')
  })

  it('rejects a nested JWE as input with ERR_INVALID_ARGUMENT', async () => {
    const jwe = await encryptJwt(await signJwt({ sub: 'x' }, rs256, { alg: 'RS256' }), oaep256, { alg: 'RSA-OAEP-256' })
    await expectJoseError(() => encryptJwt(jwe, oaep256, { alg: 'RSA-OAEP-256' }), 'ERR_INVALID_ARGUMENT')
  })

  it.each([
    ['null', null],
    ['a string', 'RSA-OAEP-256'],
    ['an array', [{ alg: 'RSA-OAEP-256' }]],
  ])('rejects a header that is %s with ERR_INVALID_ARGUMENT', async (_name, header) => {
    const jwt = await signJwt({ sub: 'x' }, rs256, { alg: 'RS256' })
    await expectJoseError(
      () => encryptJwt(jwt, oaep256, header as unknown as { alg: KeyManagementAlgorithm }),
      'ERR_INVALID_ARGUMENT',
    )
  })

  it.each([[{ alg: 'RSA1_5' }], [{ alg: 'ECDH-1PU' }], [{ alg: 'RSA-OAEP-256', enc: 'A512GCM' }]])(
    'rejects unsupported algorithms %j with ERR_ALG_NOT_SUPPORTED',
    async (header) => {
      const jwt = await signJwt({ sub: 'x' }, rs256, { alg: 'RS256' })
      await expectJoseError(() => encryptJwt(jwt, oaep256, header), 'ERR_ALG_NOT_SUPPORTED')
    },
  )

  it('rejects a key that cannot encrypt for the alg with ERR_KEY_INVALID', async () => {
    const jwt = await signJwt({ sub: 'x' }, rs256, { alg: 'RS256' })
    await expectJoseError(() => encryptJwt(jwt, oaep384, { alg: 'RSA-OAEP-256' }), 'ERR_KEY_INVALID')
    const privateKey = await cryptoKeyFor(recipient, 'RSA-OAEP-256', 'private')
    await expectJoseError(() => encryptJwt(jwt, privateKey, { alg: 'RSA-OAEP-256' }), 'ERR_KEY_INVALID')
  })
})
