/** What importKey refuses, with its code and a message free of key material: algs, material, EC and weak keys, PEM labels, Web Crypto failures. */
import { beforeAll, describe, expect, it } from 'vitest'
import { importKey, type KeyAlgorithm } from '../../src/keys/import-key.ts'
import { encode } from '../../src/keys/der-convert.ts'
import { expectJoseError } from '../helpers/expect-jose.ts'
import { importKeyForms, leaksNothing, pemBody, type ImportKeyForms, type Pems } from './helpers.ts'

const SEQUENCE = 0x30
/** 1.2.840.113549.1.1.1 */
const RSA_OID = Uint8Array.of(0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01)

let rsa: ImportKeyForms['rsa'], keys: Pems, weak: Pems, ec: Pems
beforeAll(() => {
  ;({ rsa, keys, weak, ec } = importKeyForms())
})

describe('importKey: refusals', () => {
  it('refuses algorithms the library does not implement', async () => {
    for (const alg of ['none', 'ES256K', 'HS257', 'ML-DSA-33', 'Ed', 'Ed449', 'RSA1_5', 'rs256', '', undefined, 'toString', '__proto__']) {
      const error = await expectJoseError(importKey(keys.spki, alg as KeyAlgorithm), 'ERR_ALG_NOT_SUPPORTED')
      expect(error.message).toBe('unsupported alg')
    }
  })

  it('refuses material that is neither a string nor an object', async () => {
    for (const material of [undefined, null, 42, true]) {
      const error = await expectJoseError(importKey(material as never, 'RS256'), 'ERR_KEY_INVALID')
      expect(error.message).toBe('JWK not a plain object')
    }
    await expectJoseError(importKey([keys.publicJwk] as never, 'RS256'), 'ERR_KEY_INVALID')
  })

  it('refuses EC keys: Web Crypto judges the key algorithm of a PKCS#8 or SPKI', async () => {
    for (const pem of [ec.pkcs8, ec.spki]) {
      const error = await expectJoseError(importKey(pem, 'RS256'), 'ERR_KEY_INVALID')
      expect(error.message).toBe('RSA key import failed')
      expect(error.cause).toBeDefined()
    }
    expect((await expectJoseError(importKey(ec.pkcs1, 'RS256'), 'ERR_KEY_INVALID')).message).toBe('PEM: unsupported label')
    expect((await expectJoseError(importKey(ec.publicJwk, 'RS256'), 'ERR_KEY_INVALID')).message).toBe('JWK "kty" invalid')
  })

  it('refuses RSA keys under 2048 bits in every form', async () => {
    for (const material of [weak.pkcs8, weak.pkcs1, weak.spki, weak.pkcs1Public, weak.privateJwk, weak.publicJwk]) {
      const error = await expectJoseError(importKey(material, 'RS256'), 'ERR_KEY_INVALID')
      expect(error.message).toBe('RSA key under 2048 bits')
    }
    await expectJoseError(importKey(weak.spki, 'RSA-OAEP-256'), 'ERR_KEY_INVALID')
  })

  it('refuses unknown labels and encrypted PEMs', async () => {
    const body = pemBody(keys.spki)
    await expectJoseError(importKey(`-----BEGIN CERTIFICATE REQUEST-----\n${body}\n-----END CERTIFICATE REQUEST-----`, 'RS256'), 'ERR_KEY_INVALID')
    const encrypted = rsa.privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-128-cbc', passphrase: 'pw' }) as string
    const error = await expectJoseError(importKey(encrypted, 'RS256'), 'ERR_KEY_INVALID')
    expect(error.message).toBe('PEM: encrypted key')
  })

  it('refuses a PEM whose label does not match its contents', async () => {
    const relabel = (pem: string, label: string) => pem.replace(/(BEGIN|END) [A-Z ]+-----/g, `$1 ${label}-----`)
    await expectJoseError(importKey(relabel(keys.spki, 'PRIVATE KEY'), 'RS256'), 'ERR_KEY_INVALID')
    await expectJoseError(importKey(relabel(keys.pkcs8, 'PUBLIC KEY'), 'RS256'), 'ERR_KEY_INVALID')
    await expectJoseError(importKey(relabel(keys.pkcs1Public, 'RSA PRIVATE KEY'), 'RS256'), 'ERR_KEY_INVALID')
    await expectJoseError(importKey(relabel(keys.spki, 'CERTIFICATE'), 'RS256'), 'ERR_KEY_INVALID')
    // An SPKI or a one-INTEGER SEQUENCE labelled RSA PUBLIC KEY has no modulus and exponent where
    // RFC 8017 A.1.1 puts them: Web Crypto refuses the SPKI it is wrapped into.
    for (const pem of [
      relabel(keys.spki, 'RSA PUBLIC KEY'),
      `-----BEGIN RSA PUBLIC KEY-----\n${Buffer.from(encode(SEQUENCE, encode(2, [1]))).toString('base64')}\n-----END RSA PUBLIC KEY-----`,
    ]) {
      expect((await expectJoseError(importKey(pem, 'RS256'), 'ERR_KEY_INVALID')).message).toBe('RSA key import failed')
    }
  })

  it('turns a Web Crypto failure into ERR_KEY_INVALID with a fixed message and the cause', async () => {
    // A genuine modulus and exponent (so the weak-key checks pass), in structures Web Crypto refuses:
    // an RSAPrivateKey without its private members, an RSAPublicKey with a member too many.
    const int = (bytes: Uint8Array) => encode(2, bytes[0]! & 0x80 ? [0, ...bytes] : bytes)
    const [n, e] = [Buffer.from(keys.publicJwk.n!, 'base64url'), Uint8Array.of(1, 0, 1)]
    for (const [label, der] of [
      ['RSA PRIVATE KEY', encode(SEQUENCE, [2, 1, 0], int(n), int(e))],
      ['RSA PUBLIC KEY', encode(SEQUENCE, int(n), int(e), [2, 1, 0])],
    ] as const) {
      const pem = `-----BEGIN ${label}-----\n${Buffer.from(der).toString('base64')}\n-----END ${label}-----\n`
      const error = await expectJoseError(importKey(pem, 'RS256'), 'ERR_KEY_INVALID')
      expect(error.message).toBe('RSA key import failed')
      expect(error.cause).toBeDefined()
    }
    // rsaEncryption SPKI and PKCS#8 whose key bytes are not an RSA key: Web Crypto refuses them.
    const algorithmIdentifier = encode(SEQUENCE, encode(0x06, RSA_OID), Uint8Array.of(0x05, 0x00))
    const spki = encode(SEQUENCE, algorithmIdentifier, encode(0x03, Uint8Array.of(0, 0x30, 0x00)))
    const pkcs8 = encode(SEQUENCE, Uint8Array.of(0x02, 0x01, 0x00), algorithmIdentifier, encode(0x04, Uint8Array.of(0x30, 0x00)))
    for (const [label, der] of [['PUBLIC KEY', spki], ['PRIVATE KEY', pkcs8]] as const) {
      const garbage = `-----BEGIN ${label}-----\n${Buffer.from(der).toString('base64')}\n-----END ${label}-----\n`
      expect((await expectJoseError(importKey(garbage, 'PS256'), 'ERR_KEY_INVALID')).message).toBe('RSA key import failed')
    }
  })

  it('refuses a mismatched JWK alg, use or key_ops end to end', async () => {
    await expectJoseError(importKey({ ...keys.privateJwk, alg: 'RS256' }, 'PS256'), 'ERR_KEY_INVALID')
    await expectJoseError(importKey({ ...keys.publicJwk, use: 'enc' }, 'RS256'), 'ERR_KEY_INVALID')
    await expectJoseError(importKey({ ...keys.publicJwk, use: 'sig' }, 'RSA-OAEP-256'), 'ERR_KEY_INVALID')
    await expectJoseError(importKey({ ...keys.publicJwk, key_ops: ['sign'] }, 'RS256'), 'ERR_KEY_INVALID')
  })

  it('never puts PEM material in the message', async () => {
    const body = pemBody(keys.pkcs8)
    const corrupted = keys.pkcs8.replace(body.slice(100, 104), body.slice(100, 103) + '!')
    const errors = await Promise.all(
      [
        corrupted,
        keys.pkcs8.replace('END PRIVATE KEY', 'END PUBLIC KEY'),
        keys.pkcs8.replace(/BEGIN PRIVATE KEY|END PRIVATE KEY/g, (m) => m.replace('PRIVATE', 'EC PRIVATE')),
        keys.pkcs8 + keys.pkcs8,
      ].map((pem) => expectJoseError(importKey(pem, 'RS256'), 'ERR_KEY_INVALID')),
    )
    for (const error of errors) expect(leaksNothing(error.message, body), error.message).toBe(true)
  })
})
