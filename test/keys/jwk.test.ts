import { describe, it, expect, beforeAll } from 'vitest'
import { generateKeyPairSync } from 'node:crypto'
import { checkRsaJwk } from '../../src/keys/jwk.ts'
import { SIGNATURE_ALGORITHMS } from '../../src/algorithms/signature.ts'
import { KEY_MANAGEMENT_ALGORITHMS } from '../../src/algorithms/key-management.ts'
import { throwsWith } from './helpers.ts'

const RS256 = SIGNATURE_ALGORITHMS.RS256
const PS256 = SIGNATURE_ALGORITHMS.PS256
const OAEP256 = KEY_MANAGEMENT_ALGORITHMS['RSA-OAEP-256']

let publicJwk: Record<string, unknown>
let privateJwk: Record<string, unknown>

beforeAll(() => {
  // Member checks do not depend on the key size; a 1024-bit key keeps this file fast.
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 })
  publicJwk = publicKey.export({ format: 'jwk' }) as Record<string, unknown>
  privateJwk = privateKey.export({ format: 'jwk' }) as Record<string, unknown>
})

const refuse = (input: unknown, alg = 'RS256', spec = RS256, extractable = false) =>
  throwsWith(() => checkRsaJwk(input, alg, spec, extractable), 'ERR_KEY_INVALID')

describe('checkRsaJwk: accepted keys', () => {
  it('passes only kty, n, e to Web Crypto for a public key', () => {
    const input = { ...publicJwk, alg: 'RS256', use: 'sig', key_ops: ['verify'], ext: true, kid: 'k1', x5t: 'abc' }
    const { jwk, isPrivate, usages } = checkRsaJwk(input, 'RS256', RS256, false)
    expect(jwk).toEqual({ kty: 'RSA', n: publicJwk.n, e: publicJwk.e })
    expect(isPrivate).toBe(false)
    expect(usages).toEqual(['verify'])
  })

  it('passes the private members for a private key', () => {
    const { jwk, isPrivate, usages } = checkRsaJwk({ ...privateJwk, alg: 'RS256' }, 'RS256', RS256, true)
    expect(Object.keys(jwk).sort()).toEqual(['d', 'dp', 'dq', 'e', 'kty', 'n', 'p', 'q', 'qi'])
    expect(jwk).toMatchObject(privateJwk)
    expect(isPrivate).toBe(true)
    expect(usages).toEqual(['sign'])
  })

  it('gives the spec usages, narrowed by key_ops', () => {
    expect(checkRsaJwk(privateJwk, 'RSA-OAEP-256', OAEP256, false).usages).toEqual(['decrypt', 'unwrapKey'])
    expect(checkRsaJwk({ ...privateJwk, key_ops: ['unwrapKey'] }, 'RSA-OAEP-256', OAEP256, false).usages).toEqual(['unwrapKey'])
    expect(checkRsaJwk({ ...privateJwk, key_ops: ['decrypt', 'x'] }, 'RSA-OAEP-256', OAEP256, false).usages).toEqual(['decrypt'])
    expect(checkRsaJwk({ ...publicJwk, key_ops: ['wrapKey', 'encrypt'] }, 'RSA-OAEP-256', OAEP256, false).usages).toEqual([
      'encrypt',
      'wrapKey',
    ])
  })

  it('accepts a null-prototype object and ext: false when not extractable', () => {
    const bare = Object.assign(Object.create(null) as object, publicJwk, { ext: false })
    expect(checkRsaJwk(bare, 'RS256', RS256, false).jwk.kty).toBe('RSA')
  })
})

describe('checkRsaJwk: refusals name the member, never its value', () => {
  it('refuses non-objects, arrays and class instances', () => {
    for (const input of [undefined, null, 'RSA', 42, true, [publicJwk], new Map(), new Date(0)]) {
      expect(refuse(input).message).toBe('JWK must be a plain object')
    }
  })

  it('refuses an own __proto__ member and ignores inherited members', () => {
    const polluted = JSON.parse(`{"__proto__": {"kty": "RSA"}, "n": "AQAB", "e": "AQAB"}`) as unknown
    expect(refuse(polluted).message).toMatch(/"__proto__"/)
    const inherited = Object.assign(Object.create({ kty: 'RSA' }) as object, { n: publicJwk.n, e: publicJwk.e })
    refuse(inherited)
  })

  it('refuses a kty other than RSA', () => {
    expect(refuse({ ...publicJwk, kty: 'EC' }).message).toBe('JWK member "kty" must be "RSA"')
    refuse({ ...publicJwk, kty: undefined })
    refuse({ n: publicJwk.n, e: publicJwk.e })
  })

  it('refuses missing or malformed n and e', () => {
    expect(refuse({ kty: 'RSA', e: 'AQAB' }).message).toBe('JWK member "n" must be a non-empty string')
    refuse({ ...publicJwk, n: 12345 })
    refuse({ ...publicJwk, e: '' })
    const padded = `${publicJwk.n as string}=`
    const error = refuse({ ...publicJwk, n: padded })
    expect(error.message).toBe('JWK member "n" is not valid base64url')
    expect(error.message).not.toContain((publicJwk.n as string).slice(0, 20))
    refuse({ ...publicJwk, e: 'AQ+B' })
  })

  it('refuses d without every CRT member, and CRT members without d', () => {
    expect(refuse({ kty: 'RSA', n: privateJwk.n, e: privateJwk.e, d: privateJwk.d }).message).toBe(
      'private JWK is missing member "p"',
    )
    for (const name of ['p', 'q', 'dp', 'dq', 'qi']) {
      expect(refuse({ ...privateJwk, [name]: undefined }).message).toBe(`private JWK is missing member "${name}"`)
    }
    refuse({ ...privateJwk, qi: 7 })
    refuse({ ...privateJwk, d: '' })
    expect(refuse({ ...publicJwk, p: privateJwk.p }).message).toBe('JWK has private members but no "d"')
    expect(refuse({ ...privateJwk, oth: [] }).message).toMatch(/"oth"/)
  })

  it('refuses an alg other than the requested one', () => {
    const error = refuse({ ...publicJwk, alg: 'RS256' }, 'PS256', PS256)
    expect(error.message).toBe('JWK member "alg" does not match PS256')
    refuse({ ...publicJwk, alg: 'none' })
    refuse({ ...publicJwk, alg: 256 })
  })

  it('refuses a use other than the spec use', () => {
    expect(refuse({ ...publicJwk, use: 'enc' }).message).toBe('JWK member "use" must be "sig" for RS256')
    expect(refuse({ ...publicJwk, use: 'sig' }, 'RSA-OAEP-256', OAEP256).message).toBe(
      'JWK member "use" must be "enc" for RSA-OAEP-256',
    )
  })

  it('refuses key_ops that do not allow the operation', () => {
    expect(refuse({ ...publicJwk, key_ops: ['sign'] }).message).toBe('JWK member "key_ops" does not allow verify')
    expect(refuse({ ...privateJwk, key_ops: ['verify'] }).message).toBe('JWK member "key_ops" does not allow sign')
    expect(refuse({ ...privateJwk, key_ops: ['encrypt', 'wrapKey'] }, 'RSA-OAEP-256', OAEP256).message).toBe(
      'JWK member "key_ops" does not allow decrypt or unwrapKey',
    )
    refuse({ ...publicJwk, key_ops: [] })
  })

  it('refuses malformed key_ops', () => {
    expect(refuse({ ...publicJwk, key_ops: 'verify' }).message).toBe('JWK member "key_ops" must be an array of strings')
    refuse({ ...publicJwk, key_ops: ['verify', 1] })
    refuse({ ...publicJwk, key_ops: { 0: 'verify', length: 1 } })
    expect(refuse({ ...publicJwk, key_ops: ['verify', 'verify'] }).message).toMatch(/duplicate/)
  })

  it('refuses ext: false when an extractable key is requested', () => {
    expect(refuse({ ...privateJwk, ext: false }, 'RS256', RS256, true).message).toBe(
      'JWK member "ext" is false but an extractable key was requested',
    )
    refuse({ ...privateJwk, ext: 'false' })
    expect(checkRsaJwk({ ...privateJwk, ext: true }, 'RS256', RS256, true).isPrivate).toBe(true)
  })

  it('never puts a member value in any message', () => {
    const secret = privateJwk.d as string
    const inputs = [
      { ...privateJwk, d: `${secret}!` },
      { ...privateJwk, p: undefined },
      { ...privateJwk, alg: secret },
      { ...privateJwk, use: secret },
      { ...privateJwk, key_ops: [secret] },
      { ...privateJwk, kty: secret },
    ]
    for (const input of inputs) expect(refuse(input).message).not.toContain(secret.slice(0, 20))
  })
})
