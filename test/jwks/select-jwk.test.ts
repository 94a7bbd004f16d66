import { describe, expect, it } from 'vitest'
import { selectJwk } from '../../src/jwks/select-jwk.ts'
import type { JwsHeader } from '../../src/serialization/header.ts'
import { joseErrorCode } from '../helpers/expect-jose.ts'

// Selection never imports, so the key members only need to be distinguishable strings.
const rsa = (n: string, members: Record<string, unknown> = {}): Record<string, unknown> => ({ kty: 'RSA', n, e: 'AQAB', ...members })

const header = (alg: string, kid?: string): JwsHeader => (kid === undefined ? { alg } : { alg, kid })

describe('selectJwk', () => {
  it('picks the key whose kid matches', () => {
    const keys = [rsa('a', { kid: 'k1' }), rsa('b', { kid: 'k2' })]
    expect(selectJwk(keys, header('RS256', 'k2'))).toBe(keys[1])
  })

  it('picks the only usable key when the header has no kid', () => {
    const keys = [rsa('a', { kid: 'k1' }), rsa('b', { kid: 'k2', use: 'enc' })]
    expect(selectJwk(keys, header('PS384'))).toBe(keys[0])
  })

  it('accepts matching use, alg and key_ops members', () => {
    const key = rsa('a', { kid: 'k', use: 'sig', alg: 'PS512', key_ops: ['verify'] })
    expect(selectJwk([key], header('PS512', 'k'))).toBe(key)
  })

  it('fails with ERR_JWKS_NO_MATCHING_KEY for an empty set', () => {
    expect(joseErrorCode(() => selectJwk([], header('RS256')))).toBe('ERR_JWKS_NO_MATCHING_KEY')
  })

  it('fails when the kid matches no key', () => {
    expect(joseErrorCode(() => selectJwk([rsa('a', { kid: 'k1' })], header('RS256', 'k2')))).toBe('ERR_JWKS_NO_MATCHING_KEY')
  })

  it('does not match a kid-less key to a header with a kid', () => {
    expect(joseErrorCode(() => selectJwk([rsa('a')], header('RS256', 'k1')))).toBe('ERR_JWKS_NO_MATCHING_KEY')
  })

  it('skips keys whose use is "enc"', () => {
    expect(joseErrorCode(() => selectJwk([rsa('a', { kid: 'k', use: 'enc' })], header('RS256', 'k')))).toBe(
      'ERR_JWKS_NO_MATCHING_KEY',
    )
  })

  it('skips keys whose alg differs from the header alg', () => {
    expect(joseErrorCode(() => selectJwk([rsa('a', { kid: 'k', alg: 'PS256' })], header('RS256', 'k')))).toBe(
      'ERR_JWKS_NO_MATCHING_KEY',
    )
  })

  it('skips keys whose key_ops contradict use "sig" (RFC 7517 §4.3), and takes them without use', () => {
    const contradicting = [rsa('a', { kid: 'k', use: 'sig', key_ops: ['verify', 'encrypt'] })]
    expect(joseErrorCode(() => selectJwk(contradicting, header('RS256', 'k')))).toBe('ERR_JWKS_NO_MATCHING_KEY')
    const consistent = [rsa('a', { kid: 'k', use: 'sig', key_ops: ['verify', 'sign'] })]
    expect(selectJwk(consistent, header('RS256', 'k'))).toBe(consistent[0])
    const withoutUse = [rsa('a', { kid: 'k', key_ops: ['verify', 'encrypt'] })]
    expect(selectJwk(withoutUse, header('RS256', 'k'))).toBe(withoutUse[0])
  })

  it('skips keys whose key_ops lack "verify"', () => {
    const keys = [rsa('a', { kid: 'k', key_ops: ['sign'] }), rsa('b', { kid: 'k', key_ops: 'verify' })]
    expect(joseErrorCode(() => selectJwk(keys, header('RS256', 'k')))).toBe('ERR_JWKS_NO_MATCHING_KEY')
  })

  it('skips keys whose members are present but not exactly right', () => {
    for (const members of [
      { kty: ['RSA'] },
      { kid: ['k'] },
      { use: ['sig'] },
      { use: null },
      { alg: ['RS256'] },
      { alg: null },
      { key_ops: null },
    ]) {
      expect(joseErrorCode(() => selectJwk([rsa('a', { kid: 'k', ...members })], header('RS256', 'k')))).toBe(
        'ERR_JWKS_NO_MATCHING_KEY',
      )
    }
  })

  it('skips EC, oct and malformed entries', () => {
    const keys = [
      { kty: 'EC', crv: 'P-256', x: 'x', y: 'y', kid: 'k' },
      { kty: 'oct', k: 'secret', kid: 'k' },
      null,
      'RSA',
      ['RSA'],
      rsa('a', { kid: 'k' }),
    ]
    expect(selectJwk(keys as object[], header('RS256', 'k'))).toBe(keys[5])
  })

  it('takes kty "RSA" exactly: "RSA " or "RSA x" is no RSA key, whatever its crv (ERR_JWKS_NO_MATCHING_KEY)', () => {
    for (const kty of ['RSA ', 'RSA x', 'rsa', ' RSA']) {
      expect(joseErrorCode(() => selectJwk([rsa('a', { kty }), rsa('b', { kty, crv: 'P-256' })], header('RS256')))).toBe('ERR_JWKS_NO_MATCHING_KEY')
    }
    // An RSA key's "crv" is no member of it (RFC 7517 §4): ignored.
    const keys = [rsa('a', { crv: 'any text' })]
    expect(selectJwk(keys, header('PS256'))).toBe(keys[0])
  })

  it('ignores inherited members', () => {
    const inherited = Object.create({ kty: 'RSA', kid: 'k', n: 'a', e: 'AQAB' }) as object
    expect(joseErrorCode(() => selectJwk([inherited], header('RS256', 'k')))).toBe('ERR_JWKS_NO_MATCHING_KEY')
  })

  it('fails with ERR_JWKS_MULTIPLE_MATCHING_KEYS when several keys fit a kid-less header', () => {
    expect(joseErrorCode(() => selectJwk([rsa('a', { kid: 'k1' }), rsa('b', { kid: 'k2' })], header('RS256')))).toBe(
      'ERR_JWKS_MULTIPLE_MATCHING_KEYS',
    )
  })

  it('fails with ERR_JWKS_MULTIPLE_MATCHING_KEYS when different keys share a kid', () => {
    expect(joseErrorCode(() => selectJwk([rsa('a', { kid: 'k' }), rsa('b', { kid: 'k' })], header('RS256', 'k')))).toBe(
      'ERR_JWKS_MULTIPLE_MATCHING_KEYS',
    )
  })

  it('treats the same public key listed twice as one key', () => {
    const keys = [rsa('a', { kid: 'k' }), rsa('a', { kid: 'k', use: 'sig' })]
    expect(selectJwk(keys, header('RS256', 'k'))).toBe(keys[0])
  })

  it('lets alg narrow several keys down to one', () => {
    const keys = [rsa('a', { alg: 'RS256' }), rsa('b', { alg: 'PS256' })]
    expect(selectJwk(keys, header('PS256'))).toBe(keys[1])
  })

  it('refuses header algorithms a JWK set cannot serve', () => {
    for (const alg of ['HS256', 'HS384', 'HS512', 'ES256K', 'none', 'RSA-OAEP', 'ML-DSA-33', '']) {
      expect(joseErrorCode(() => selectJwk([rsa('a')], header(alg)))).toBe('ERR_ALG_NOT_SUPPORTED')
    }
  })

  it('refuses a non-string kid and non-array keys', () => {
    expect(joseErrorCode(() => selectJwk([rsa('a')], { alg: 'RS256', kid: 7 } as unknown as JwsHeader))).toBe(
      'ERR_INVALID_ARGUMENT',
    )
    expect(joseErrorCode(() => selectJwk({} as unknown as object[], header('RS256')))).toBe('ERR_INVALID_ARGUMENT')
    expect(joseErrorCode(() => selectJwk([], null as unknown as JwsHeader))).toBe('ERR_INVALID_ARGUMENT')
  })

  it('never echoes the kid', () => {
    const kid = 'attacker<script>\n'
    for (const keys of [[rsa('a')], [rsa('a', { kid }), rsa('b', { kid })]]) {
      try {
        selectJwk(keys, header('RS256', kid))
        expect.unreachable()
      } catch (error) {
        expect((error as Error).message).not.toContain('attacker')
      }
    }
  })
})
