import { beforeAll, describe, expect, it, vi } from 'vitest'
import { createLocalJwks } from '../../src/jwks/local-jwks.ts'
import { importJwk, MAX_JWKS_KEYS, readJwkSet, type JsonWebKeySet, type JwkKeyCache, type JwkSetKey } from '../../src/jwks/jwk-set.ts'
import { MAX_JSON_DEPTH } from '../../src/serialization/limits.ts'
import { compactVerify } from '../../src/jws/compact-verify.ts'
import { createTestKey, type TestKey } from '../helpers/jwks-server.ts'
import { rsaKey } from '../helpers/keys.ts'
import { joseErrorCode, rejectionCode } from '../helpers/expect-jose.ts'

let k1: TestKey
let k2: TestKey
let weak: TestKey

beforeAll(async () => {
  ;[k1, k2, weak] = await Promise.all([createTestKey('k1'), createTestKey('k2'), createTestKey('weak', {}, 1024)])
})

describe('readJwkSet', () => {
  it('refuses documents that are not a JWK set', () => {
    for (const document of [null, [], 'keys', { keys: {} }, { keys: 'x' }, {}, Object.create({ keys: [] })]) {
      expect(joseErrorCode(() => readJwkSet(document))).toBe('ERR_JWKS_INVALID')
    }
  })

  it(`refuses more than ${MAX_JWKS_KEYS} entries`, () => {
    expect(readJwkSet({ keys: Array.from({ length: MAX_JWKS_KEYS }, () => k1.jwk) })).toHaveLength(MAX_JWKS_KEYS)
    expect(joseErrorCode(() => readJwkSet({ keys: Array.from({ length: MAX_JWKS_KEYS + 1 }, () => k1.jwk) }))).toBe(
      'ERR_JWKS_INVALID',
    )
  })

  it(`refuses a document nested deeper than ${MAX_JSON_DEPTH} levels, as a fetched one, rather than overflow the stack`, () => {
    // As JSON.parse gives it (no depth limit there); copying a deep "kid" overflowed JSON.stringify.
    const nested = (depth: number): unknown =>
      JSON.parse(`{"keys":[{"kty":"RSA","n":"AQAB","e":"AQAB","kid":${'['.repeat(depth)}${']'.repeat(depth)}}]}`)
    // The document, "keys" and the entry are levels 1 to 3.
    expect(readJwkSet(nested(MAX_JSON_DEPTH - 3))).toHaveLength(1)
    for (const depth of [MAX_JSON_DEPTH - 2, 100_000]) {
      expect(joseErrorCode(() => readJwkSet(nested(depth)))).toBe('ERR_JWKS_INVALID')
      expect(joseErrorCode(() => createLocalJwks(nested(depth) as JsonWebKeySet))).toBe('ERR_JWKS_INVALID')
    }
  })

  it('refuses a cyclic set built in code, and walks shared objects without blowing up', () => {
    // Ten members pointing back: walked naively, 10^16 paths before the depth limit.
    const cyclic: Record<string, unknown> = { kty: 'RSA', n: 'AQAB', e: 'AQAB' }
    for (let i = 0; i < 10; i++) cyclic[`m${i}`] = cyclic
    expect(joseErrorCode(() => readJwkSet({ keys: [cyclic] }))).toBe('ERR_JWKS_INVALID')
    // A chain of levels that each hold the next one ten times: shared, not cyclic, and shallow
    // enough to be accepted (the document, "keys", the entry and the chain make 16 levels).
    let chain: unknown = 'leaf'
    for (let level = 0; level < MAX_JSON_DEPTH - 3; level++) chain = Array.from({ length: 10 }, () => chain)
    expect(readJwkSet({ keys: [{ kty: 'RSA', n: 'AQAB', e: 'AQAB', x: chain }] })).toHaveLength(1)
    // Under members the copy keeps, too: below them only strings survive (10^13 items otherwise).
    const [copy] = readJwkSet({ keys: [{ kty: 'EC', crv: chain, x: 'AA', y: 'AA', kid: chain, key_ops: chain, alg: { chain } }] })
    expect(copy).toEqual({ kty: 'EC', crv: Array(10).fill(null), x: 'AA', y: 'AA', kid: Array(10).fill(null), key_ops: Array(10).fill(null), alg: { chain: null } })
    chain = [chain]
    expect(joseErrorCode(() => readJwkSet({ keys: [{ kty: 'RSA', n: 'AQAB', e: 'AQAB', x: chain }] }))).toBe('ERR_JWKS_INVALID')
  })

  it('skips entries that are not RSA, EC, OKP or AKP plain objects or lack their public members as strings, and leaves value checks to the import', () => {
    const keys = readJwkSet({
      keys: [
        null,
        7,
        'RSA',
        [k1.jwk],
        Object.create(k1.jwk),
        { kty: 'EC', crv: 'P-256', x: 'AA', y: 'AA', kid: 'ec' },
        { kty: 'EC', crv: 'P-256', x: 'AA', kid: 'no-y' },
        { kty: 'oct', k: 'AA' },
        { kty: 'AKP', pub: 'AA', alg: 'ML-DSA-44', kid: 'akp' },
        { kty: 'AKP', alg: 'ML-DSA-44', kid: 'no-pub' },
        { kty: 'AKP', pub: 7, alg: 'ML-DSA-44', kid: 'numeric-pub' },
        { ...k1.jwk, kty: 'rsa' },
        { ...k1.jwk, kid: 'numeric-n', n: 12 },
        { kty: 'RSA', kid: 'no-e', n: k1.jwk.n },
        { ...k1.jwk, kid: 'bad-n', n: 'not base64url!' },
        k2.jwk,
      ],
    })
    expect(keys.map((key) => key.kid)).toEqual(['ec', 'akp', 'bad-n', 'k2'])
  })

  it('keeps only public members, as deep copies', () => {
    const privateJwk = { ...rsaKey().privateJwk, kid: 'p', use: 'sig', x5c: ['AA'], key_ops: ['verify'] }
    const [key] = readJwkSet({ keys: [privateJwk] })
    expect(Object.keys(key!).sort()).toEqual(['e', 'key_ops', 'kid', 'kty', 'n', 'use'])
    privateJwk.key_ops.push('sign')
    expect(key!.key_ops).toEqual(['verify'])
  })
})

describe('createLocalJwks', () => {
  it('verifies tokens through compactVerify, choosing the key by kid', async () => {
    const keys = createLocalJwks({ keys: [k1.jwk, k2.jwk] })
    for (const key of [k1, k2]) {
      const token = await key.sign(`{"sub":"${key.kid}"}`)
      const { payload, header } = await compactVerify(token, keys, { algorithms: ['RS256'] })
      expect(new TextDecoder().decode(payload)).toBe(`{"sub":"${key.kid}"}`)
      expect(header.kid).toBe(key.kid)
    }
  })

  it('serves PS256 from a key without "alg"', async () => {
    const keys = createLocalJwks({ keys: [k1.jwk] })
    const { header } = await compactVerify(await k1.sign('{}', 'PS256'), keys, { algorithms: ['PS256'] })
    expect(header.alg).toBe('PS256')
  })

  it('verifies a kid-less token when a kid-less entry beside the key lacks "e" (RFC 7517 §5: ignored)', async () => {
    const { kid: _kid, ...kidless } = k1.jwk
    const keys = createLocalJwks({ keys: [{ kty: 'RSA', n: String(k2.jwk.n) }, kidless] })
    const { header } = await compactVerify(await k1.sign('{}', 'RS256', { kid: undefined }), keys, { algorithms: ['RS256'] })
    expect(header.kid).toBeUndefined()
  })

  it('imports each key once per algorithm, as a public non-extractable key', async () => {
    const keys = createLocalJwks({ keys: [k1.jwk] })
    const [a, b] = await Promise.all([keys({ alg: 'RS256', kid: 'k1' }), keys({ alg: 'RS256', kid: 'k1' })])
    expect(a).toBe(b)
    expect(await keys({ alg: 'RS256', kid: 'k1' })).toBe(a)
    const pss = await keys({ alg: 'PS256', kid: 'k1' })
    expect(pss).not.toBe(a)
    for (const key of [a, pss]) {
      expect(key.type).toBe('public')
      expect(key.extractable).toBe(false)
      expect(key.usages).toEqual(['verify'])
    }
  })

  it('uses only the public part of a set that publishes private keys', async () => {
    const keys = createLocalJwks({ keys: [{ ...rsaKey().privateJwk, kid: 'p' }] })
    expect((await keys({ alg: 'RS256', kid: 'p' })).type).toBe('public')
  })

  it('validates the document eagerly', () => {
    expect(joseErrorCode(() => createLocalJwks({} as JsonWebKeySet))).toBe('ERR_JWKS_INVALID')
    expect(joseErrorCode(() => createLocalJwks({ keys: {} } as unknown as JsonWebKeySet))).toBe('ERR_JWKS_INVALID')
    expect(joseErrorCode(() => createLocalJwks(null as unknown as JsonWebKeySet))).toBe('ERR_JWKS_INVALID')
  })

  it('is not affected by later changes to the caller’s document', async () => {
    const document: { keys: JwkSetKey[] } = { keys: [{ ...k1.jwk, key_ops: ['verify'] }] }
    const keys = createLocalJwks(document)
    document.keys[0]!.kid = 'changed'
    document.keys[0]!.key_ops!.length = 0
    document.keys.push(k2.jwk)
    await expect(keys({ alg: 'RS256', kid: 'k1' })).resolves.toBeDefined()
    expect(await rejectionCode(keys({ alg: 'RS256', kid: 'k2' }))).toBe('ERR_JWKS_NO_MATCHING_KEY')
  })

  it('reports selection failures with their codes', async () => {
    const keys = createLocalJwks({ keys: [k1.jwk, k2.jwk] })
    expect(await rejectionCode(keys({ alg: 'RS256', kid: 'nope' }))).toBe('ERR_JWKS_NO_MATCHING_KEY')
    expect(await rejectionCode(keys({ alg: 'RS256' }))).toBe('ERR_JWKS_MULTIPLE_MATCHING_KEYS')
    expect(await rejectionCode(keys({ alg: 'ES256K', kid: 'k1' }))).toBe('ERR_ALG_NOT_SUPPORTED')
    // A supported alg whose key type the set lacks: no key, not an RSA key imported for it.
    expect(await rejectionCode(keys({ alg: 'ES256', kid: 'k1' }))).toBe('ERR_JWKS_NO_MATCHING_KEY')
    // Called by hand without a header: a JoseError, not a TypeError.
    for (const header of [null, undefined]) expect(await rejectionCode(keys(header as never))).toBe('ERR_ALG_NOT_SUPPORTED')
    const token = await k1.sign('{}')
    expect(await rejectionCode(compactVerify(token, createLocalJwks({ keys: [] }), { algorithms: ['RS256'] }))).toBe(
      'ERR_JWKS_NO_MATCHING_KEY',
    )
  })

  it('rejects a signature made by another key with the same kid', async () => {
    const keys = createLocalJwks({ keys: [{ ...k2.jwk, kid: 'k1' }] })
    expect(await rejectionCode(compactVerify(await k1.sign('{}'), keys, { algorithms: ['RS256'] }))).toBe(
      'ERR_JWS_SIGNATURE_INVALID',
    )
  })

  it('refuses RSA keys under 2048 bits with ERR_KEY_INVALID, every time, importing once', async () => {
    const keys = createLocalJwks({ keys: [weak.jwk] })
    const importKey = vi.spyOn(crypto.subtle, 'importKey')
    try {
      expect(await rejectionCode(keys({ alg: 'RS256', kid: 'weak' }))).toBe('ERR_KEY_INVALID')
      expect(await rejectionCode(keys({ alg: 'RS256', kid: 'weak' }))).toBe('ERR_KEY_INVALID')
      expect(importKey).toHaveBeenCalledTimes(1)
    } finally {
      importKey.mockRestore()
    }
  })

  it('refuses a selected JWK with malformed members with ERR_KEY_INVALID', async () => {
    const keys = createLocalJwks({
      keys: [
        { ...k1.jwk, kid: 'n', n: '' },
        { ...k1.jwk, kid: 'e', e: '' },
        { ...k1.jwk, kid: 'b64', n: 'a+b/' },
        { ...k1.jwk, kid: 'ops', key_ops: ['verify', 'verify'] },
      ],
    })
    for (const kid of ['n', 'e', 'b64', 'ops']) {
      expect(await rejectionCode(keys({ alg: 'RS256', kid }))).toBe('ERR_KEY_INVALID')
    }
  })

  it('never selects an entry whose "n" is not a string: it was skipped when the set was read', async () => {
    const keys = createLocalJwks({ keys: [{ ...k1.jwk, kid: 'n', n: 12 } as unknown as JwkSetKey] })
    expect(await rejectionCode(keys({ alg: 'RS256', kid: 'n' }))).toBe('ERR_JWKS_NO_MATCHING_KEY')
  })
})

describe('importJwk', () => {
  it('imports once per JWK object and algorithm: another object with the same members is another entry', async () => {
    const cache: JwkKeyCache = new WeakMap()
    const [jwk] = readJwkSet({ keys: [k1.jwk] })
    const first = importJwk(cache, jwk!, 'RS256')
    expect(importJwk(cache, jwk!, 'RS256')).toBe(first)
    const pss = importJwk(cache, jwk!, 'PS256')
    expect(pss).not.toBe(first)
    expect((await pss).algorithm.name).toBe('RSA-PSS')
    expect((await first).algorithm.name).toBe('RSASSA-PKCS1-v1_5')
    const copy = importJwk(cache, { ...jwk! }, 'RS256')
    expect(copy).not.toBe(first)
    expect((await copy).algorithm).toEqual((await first).algorithm)
    expect(cache.get(jwk!)).toEqual({ RS256: first, PS256: pss })
  })
})
