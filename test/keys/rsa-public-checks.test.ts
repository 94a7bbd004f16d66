/**
 * Weak RSA public values are refused wherever an RSA key comes in (issue 14, item 4): an even
 * exponent or one below 3 (RFC 8017 §3.1), and a modulus with the ROCA fingerprint
 * (CVE-2017-15361), from a JWK, a JWK set, or a PEM (SPKI, PKCS#1, certificate, PKCS#8).
 */
import { readFileSync } from 'node:fs'
import { createPublicKey, generateKeyPairSync } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { importKey } from '../../src/keys/import-key.ts'
import { createLocalJwks } from '../../src/jwks/local-jwks.ts'
import { createDecryptionKeySet } from '../../src/jwks/decryption-key-set.ts'
import { assertRsaPublicValues } from '../../src/keys/rsa-public-checks.ts'
import { expectJoseError, expectJoseErrorSync } from '../helpers/expect-jose.ts'
import { namedKey } from '../helpers/tokens.ts'

const EXPONENT = 'RSA exponent must be odd and at least 3'
const ROCA = 'RSA modulus has the ROCA fingerprint (CVE-2017-15361)'
/** A public key from the ROCA detector's test data (provenance: vectors/README.md). */
const ROCA_PEM = readFileSync(new URL('../../vectors/roca/pubkey03.pem', import.meta.url), 'utf8')
const b64url = (bytes: number[]) => Buffer.from(bytes).toString('base64url')
const pem = (label: string, der: Uint8Array) => `-----BEGIN ${label}-----\n${Buffer.from(der).toString('base64')}\n-----END ${label}-----\n`

/** `der` with its exponent 65537 (the one INTEGER 02 03 01 00 01 in it) replaced by three other bytes. */
function withExponent(der: Uint8Array, bytes: [number, number, number]): Uint8Array {
  const copy = Uint8Array.from(der)
  const at = Buffer.from(copy).indexOf(Buffer.from([2, 3, 1, 0, 1]))
  expect(at).toBeGreaterThan(0)
  copy.set(bytes, at + 2)
  return copy
}

describe('RSA exponent (RFC 8017 §3.1: odd, at least 3)', () => {
  it.each([
    ['1', [1]],
    ['1 with a leading zero', [0, 1]],
    ['0', [0]],
    ['2', [2]],
    ['65536', [1, 0, 0]],
    ['even and large', [1, 0, 0, 0, 2]],
  ])('e = %s in a JWK is refused (ERR_KEY_INVALID), public or private', async (_name, e) => {
    const { publicJwk, privateJwk } = namedKey('signer')
    for (const jwk of [publicJwk, privateJwk]) {
      const error = await expectJoseError(importKey({ ...jwk, e: b64url(e) }, 'RS256'), 'ERR_KEY_INVALID')
      expect(error.message).toBe(EXPONENT)
    }
    const jwks = createLocalJwks({ keys: [{ ...publicJwk, e: b64url(e), kid: 'weak' }] })
    expect((await expectJoseError(jwks({ alg: 'RS256', kid: 'weak' }), 'ERR_KEY_INVALID')).message).toBe(EXPONENT)
  })

  it('e = 3 and e = 65537 are accepted', async () => {
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 3 })
    await expect(importKey(publicKey.export({ format: 'jwk' }), 'RS256')).resolves.toBeDefined()
    await expect(importKey(publicKey.export({ format: 'pem', type: 'spki' }) as string, 'RS256')).resolves.toBeDefined()
    await expect(importKey(namedKey('signer').publicJwk, 'RS256')).resolves.toBeDefined()
  })

  it('in a PEM: SPKI, PKCS#1 public, PKCS#8 and PKCS#1 private, read from the DER before Web Crypto', async () => {
    const key = namedKey('signer')
    const forms: [string, Uint8Array][] = [
      ['PUBLIC KEY', key.spkiDer],
      ['RSA PUBLIC KEY', key.pkcs1PublicDer],
      ['PRIVATE KEY', key.privateKey.export({ format: 'der', type: 'pkcs8' })],
      ['RSA PRIVATE KEY', key.privateKey.export({ format: 'der', type: 'pkcs1' })],
    ]
    for (const [label, der] of forms) {
      for (const e of [[1, 0, 0], [0, 0, 1]] as [number, number, number][]) {
        const error = await expectJoseError(importKey(pem(label, withExponent(der, e)), 'RS256'), 'ERR_KEY_INVALID')
        expect(error.message).toBe(EXPONENT)
      }
    }
  })

  it('a decryption key set refuses such a key when it is made', () => {
    const der = namedKey('recipient').privateKey.export({ format: 'der', type: 'pkcs8' })
    expect(expectJoseErrorSync(() => createDecryptionKeySet([{ key: pem('PRIVATE KEY', withExponent(der, [1, 0, 0])) }]), 'ERR_KEY_INVALID').message).toBe(EXPONENT)
    const jwk = { ...namedKey('recipient').privateJwk, e: b64url([1]) }
    expect(expectJoseErrorSync(() => createDecryptionKeySet([{ key: jwk }]), 'ERR_KEY_INVALID').message).toBe(EXPONENT)
  })
})

describe('ROCA fingerprint (CVE-2017-15361)', () => {
  const rocaJwk = () => createPublicKey(ROCA_PEM).export({ format: 'jwk' })

  it('refuses an affected modulus as a PEM, a JWK, and in a JWK set', async () => {
    expect((await expectJoseError(importKey(ROCA_PEM, 'RS256'), 'ERR_KEY_INVALID')).message).toBe(ROCA)
    expect((await expectJoseError(importKey(rocaJwk(), 'PS256'), 'ERR_KEY_INVALID')).message).toBe(ROCA)
    const jwks = createLocalJwks({ keys: [{ ...rocaJwk(), kid: 'infineon' }, { ...namedKey('signer').publicJwk, kid: 'sig-1' }] })
    expect((await expectJoseError(jwks({ alg: 'RS256', kid: 'infineon' }), 'ERR_KEY_INVALID')).message).toBe(ROCA)
    await expect(jwks({ alg: 'RS256', kid: 'sig-1' })).resolves.toBeDefined()
  })

  it('the same modulus with one prime residue moved off the subgroup passes the fingerprint test', () => {
    const n = Buffer.from(rocaJwk().n!, 'base64url')
    expect(() => assertRsaPublicValues(n, Uint8Array.of(1, 0, 1))).toThrow(ROCA)
    // n + 2 has another residue mod every prime, and for some prime it falls outside the subgroup: the fingerprint needs all of them.
    const moved = Uint8Array.from(n)
    moved[moved.length - 1]! += 2
    expect(() => assertRsaPublicValues(moved, Uint8Array.of(1, 0, 1))).not.toThrow()
  })

  it('passes freshly generated keys', () => {
    for (let i = 0; i < 5; i++) {
      const { n } = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'jwk' })
      expect(() => assertRsaPublicValues(Buffer.from(n!, 'base64url'), Uint8Array.of(1, 0, 1))).not.toThrow()
    }
  })
})
