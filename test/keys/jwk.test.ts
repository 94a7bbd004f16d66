import { describe, it, expect, beforeAll } from 'vitest'
import { runInNewContext } from 'node:vm'
import { checkJwk, isRsaJwk } from '../../src/keys/jwk.ts'
import { RSA_SIGNATURE_SPECS as SIGNATURE_ALGORITHMS } from '../../src/algorithms/signature/rsa.ts'
import { KEY_MANAGEMENT_ALGORITHMS } from '../../src/algorithms/key-management.ts'
import { generateKeyObjects } from '../helpers/keys.ts'
import { expectJoseErrorSync } from '../helpers/expect-jose.ts'

const RS256 = SIGNATURE_ALGORITHMS.RS256
const PS256 = SIGNATURE_ALGORITHMS.PS256
const OAEP256 = KEY_MANAGEMENT_ALGORITHMS['RSA-OAEP-256']
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi']

let publicJwk: Record<string, unknown>
let privateJwk: Record<string, unknown>

beforeAll(() => {
  // Member checks do not depend on the key size; a 1024-bit key keeps this file fast.
  const { publicKey, privateKey } = generateKeyObjects('rsa', { modulusLength: 1024 })
  publicJwk = publicKey.export({ format: 'jwk' }) as Record<string, unknown>
  privateJwk = privateKey.export({ format: 'jwk' }) as Record<string, unknown>
})

const check = (input: unknown, alg = 'RS256', spec = RS256, extractable = false) => checkJwk(input, alg, spec, extractable)
const refuse = (input: unknown, alg = 'RS256', spec = RS256, extractable = false) =>
  expectJoseErrorSync(() => checkJwk(input, alg, spec, extractable), 'ERR_KEY_INVALID')

describe('checkJwk: accepted keys', () => {
  it('passes only kty, n, e to Web Crypto for a public key', () => {
    const input = { ...publicJwk, alg: 'RS256', use: 'sig', key_ops: ['verify'], ext: true, kid: 'k1', x5t: 'abc', oth: [] }
    const [jwk, usages] = check(input)
    expect(jwk).toEqual({ kty: 'RSA', n: publicJwk.n, e: publicJwk.e })
    expect(usages).toEqual(['verify'])
  })

  it('passes the private members for a private key', () => {
    const [jwk, usages] = check({ ...privateJwk, alg: 'RS256' }, 'RS256', RS256, true)
    expect(Object.keys(jwk).sort()).toEqual(['d', 'dp', 'dq', 'e', 'kty', 'n', 'p', 'q', 'qi'])
    expect(jwk).toMatchObject(privateJwk)
    expect(usages).toEqual(['sign'])
  })

  it('gives the spec usages, narrowed by key_ops', () => {
    expect(check(privateJwk, 'RSA-OAEP-256', OAEP256)[1]).toEqual(['decrypt', 'unwrapKey'])
    expect(check({ ...privateJwk, key_ops: ['unwrapKey'] }, 'RSA-OAEP-256', OAEP256)[1]).toEqual(['unwrapKey'])
    expect(check({ ...privateJwk, key_ops: ['decrypt', 'x'] }, 'RSA-OAEP-256', OAEP256)[1]).toEqual(['decrypt'])
    expect(check({ ...publicJwk, key_ops: ['wrapKey', 'encrypt'] }, 'RSA-OAEP-256', OAEP256)[1]).toEqual(['encrypt', 'wrapKey'])
  })

  it('accepts a null-prototype object, an object from another realm and ext: false when not extractable', () => {
    const bare = Object.assign(Object.create(null) as object, publicJwk, { ext: false })
    expect(check(bare)[0].kty).toBe('RSA')
    const foreign = runInNewContext('JSON.parse(json)', { json: JSON.stringify(publicJwk) }) as unknown
    expect(Object.getPrototypeOf(foreign)).not.toBe(Object.prototype)
    expect(check(foreign)[0].n).toBe(publicJwk.n)
  })
})

describe('checkJwk: refusals name the member, never its value', () => {
  it('refuses non-objects, arrays and class instances', () => {
    for (const input of [undefined, null, 'RSA', 42, true, [publicJwk], new Map(), new Date(0), () => publicJwk]) {
      expect(refuse(input).message).toBe('JWK not a plain object')
    }
  })

  it('refuses an own __proto__ member and ignores inherited members', () => {
    const polluted = JSON.parse(`{"__proto__": {"kty": "RSA"}, "n": "AQAB", "e": "AQAB"}`) as unknown
    expect(refuse(polluted).message).toBe('JWK not a plain object')
    const inherited = Object.assign(Object.create({ kty: 'RSA' }) as object, { n: publicJwk.n, e: publicJwk.e })
    expect(refuse(inherited).message).toBe('JWK not a plain object')
    // A prototype without its own prototype still makes a plain object; its "alg" is not the JWK's.
    const inheritedAlg = Object.assign(Object.create(Object.create(null, { alg: { value: 'PS256' } })) as object, publicJwk)
    expect(check(inheritedAlg)[0].kty).toBe('RSA')
  })

  it('refuses a kty other than RSA', () => {
    expect(refuse({ ...publicJwk, kty: 'EC' }).message).toBe('JWK "kty" invalid')
    refuse({ ...publicJwk, kty: undefined })
    refuse({ n: publicJwk.n, e: publicJwk.e })
  })

  it('refuses missing or malformed n and e', () => {
    expect(refuse({ kty: 'RSA', e: 'AQAB' }).message).toBe('JWK "n" invalid')
    expect(refuse({ ...publicJwk, n: 12345 }).message).toBe('JWK "n" invalid')
    expect(refuse({ ...publicJwk, e: '' }).message).toBe('JWK "e" invalid')
    const error = refuse({ ...publicJwk, n: `${publicJwk.n as string}=` })
    expect(error.message).toBe('JWK "n" invalid')
    expect(error.message).not.toContain((publicJwk.n as string).slice(0, 20))
    expect(refuse({ ...publicJwk, e: 'AQ+B' }).message).toBe('JWK "e" invalid')
    // Non-zero trailing bits: Node would silently read this as the same key.
    const n = publicJwk.n as string
    expect(n.length % 4).not.toBe(0)
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
    const sibling = n.slice(0, -1) + alphabet[alphabet.indexOf(n.at(-1)!) ^ 1]
    expect(Buffer.from(sibling, 'base64url')).toEqual(Buffer.from(n, 'base64url'))
    expect(refuse({ ...publicJwk, n: sibling }).message).toBe('JWK "n" invalid')
  })

  it('refuses d without every CRT member, and CRT members without d', () => {
    expect(refuse({ kty: 'RSA', n: privateJwk.n, e: privateJwk.e, d: privateJwk.d }).message).toBe('JWK "p" invalid')
    for (const name of PRIVATE_MEMBERS) {
      expect(refuse({ ...privateJwk, [name]: undefined }).message).toBe(`JWK "${name}" invalid`)
      expect(refuse({ ...privateJwk, [name]: 7 }).message).toBe(`JWK "${name}" invalid`)
    }
    expect(refuse({ ...privateJwk, d: '' }).message).toBe('JWK "d" invalid')
    expect(refuse({ ...publicJwk, p: privateJwk.p }).message).toBe('JWK "d" invalid')
    expect(refuse({ ...publicJwk, qi: null }).message).toBe('JWK "d" invalid')
  })

  it('refuses "oth" (multi-prime) in a private key', () => {
    expect(refuse({ ...privateJwk, oth: [] }).message).toBe('JWK "oth" mismatch')
  })

  it('refuses an alg other than the requested one', () => {
    expect(refuse({ ...publicJwk, alg: 'RS256' }, 'PS256', PS256).message).toBe('JWK "alg" mismatch')
    refuse({ ...publicJwk, alg: 'none' })
    refuse({ ...publicJwk, alg: 256 })
    refuse({ ...publicJwk, alg: null })
  })

  it('refuses a use other than the spec use', () => {
    expect(refuse({ ...publicJwk, use: 'enc' }).message).toBe('JWK "use" mismatch')
    expect(refuse({ ...publicJwk, use: 'sig' }, 'RSA-OAEP-256', OAEP256).message).toBe('JWK "use" mismatch')
  })

  it('refuses key_ops that do not allow the operation', () => {
    expect(refuse({ ...publicJwk, key_ops: ['sign'] }).message).toBe('JWK "key_ops" mismatch')
    expect(refuse({ ...privateJwk, key_ops: ['verify'] }).message).toBe('JWK "key_ops" mismatch')
    expect(refuse({ ...privateJwk, key_ops: ['encrypt', 'wrapKey'] }, 'RSA-OAEP-256', OAEP256).message).toBe('JWK "key_ops" mismatch')
    refuse({ ...publicJwk, key_ops: [] })
  })

  it('refuses key_ops that contradict "use" (RFC 7517 §4.3: they MUST agree), and takes them without it', () => {
    expect(refuse({ ...privateJwk, use: 'enc', key_ops: ['decrypt', 'sign'] }, 'RSA-OAEP-256', OAEP256).message).toBe('JWK "key_ops" mismatch')
    expect(refuse({ ...publicJwk, use: 'sig', key_ops: ['verify', 'encrypt'] }).message).toBe('JWK "key_ops" mismatch')
    expect(check({ ...privateJwk, use: 'enc', key_ops: ['decrypt', 'unwrapKey'] }, 'RSA-OAEP-256', OAEP256)[1]).toEqual(['decrypt', 'unwrapKey'])
    expect(check({ ...publicJwk, use: 'sig', key_ops: ['verify', 'sign'] }, 'RS256', RS256)[1]).toEqual(['verify'])
    expect(check({ ...privateJwk, key_ops: ['decrypt', 'sign'] }, 'RSA-OAEP-256', OAEP256)[1]).toEqual(['decrypt'])
  })

  it('refuses malformed key_ops', () => {
    expect(refuse({ ...publicJwk, key_ops: 'verify' }).message).toBe('JWK "key_ops" mismatch')
    refuse({ ...publicJwk, key_ops: ['verify', 1] })
    refuse({ ...publicJwk, key_ops: { 0: 'verify', length: 1 } })
    refuse({ ...publicJwk, key_ops: null })
    expect(refuse({ ...publicJwk, key_ops: ['verify', 'verify'] }).message).toBe('JWK "key_ops" mismatch')
  })

  it('refuses ext: false when an extractable key is requested, and a non-boolean ext', () => {
    expect(refuse({ ...privateJwk, ext: false }, 'RS256', RS256, true).message).toBe('JWK "ext" mismatch')
    expect(refuse({ ...privateJwk, ext: 'false' }).message).toBe('JWK "ext" mismatch')
    expect(refuse({ ...privateJwk, ext: 0 }).message).toBe('JWK "ext" mismatch')
    expect(check({ ...privateJwk, ext: true }, 'RS256', RS256, true)[1]).toEqual(['sign'])
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

describe('isRsaJwk', () => {
  it('accepts plain RSA JWKs with strict base64url n and e, public or private', () => {
    expect(isRsaJwk(publicJwk)).toBe(true)
    expect(isRsaJwk(privateJwk)).toBe(true)
    expect(isRsaJwk({ ...publicJwk, alg: 'whatever', kid: 7 })).toBe(true)
    expect(isRsaJwk(Object.assign(Object.create(null) as object, publicJwk))).toBe(true)
  })

  it('refuses anything else', () => {
    for (const value of [
      undefined,
      null,
      'RSA',
      [publicJwk],
      new Map(),
      { ...publicJwk, kty: 'EC' },
      { n: publicJwk.n, e: publicJwk.e },
      { ...publicJwk, n: `${publicJwk.n as string}=` },
      { ...publicJwk, e: '' },
      { ...publicJwk, e: 65537 },
      Object.assign(Object.create({ kty: 'RSA' }) as object, { n: publicJwk.n, e: publicJwk.e }),
    ]) {
      expect(isRsaJwk(value)).toBe(false)
    }
  })
})
