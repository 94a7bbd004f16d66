import { describe, it, expect, beforeAll } from 'vitest'
import {
  constants,
  createPrivateKey,
  privateDecrypt,
  publicEncrypt,
  sign as nodeSign,
  verify as nodeVerify,
  type KeyObject,
} from 'node:crypto'
import { importKey, type KeyAlgorithm } from '../../src/keys/import-key.ts'
import { importRsaKey } from '../../src/keys/import-rsa.ts'
import { importRsaJwk } from '../../src/keys/import-rsa-jwk.ts'
import { RSA_SIGNATURE_SPECS as SIGNATURE_ALGORITHMS } from '../../src/algorithms/signature/rsa.ts'
import { encode } from '../../src/keys/der-convert.ts'
import { generateKeyObjects } from '../helpers/keys.ts'
import { expectJoseError } from '../helpers/expect-jose.ts'
import { leaksNothing, makeCertificate, pemBody } from './helpers.ts'

const subtle = globalThis.crypto.subtle
const message = new TextEncoder().encode('webjose key import')

interface Pems {
  pkcs8: string
  pkcs1: string
  spki: string
  pkcs1Public: string
  privateJwk: JsonWebKey
  publicJwk: JsonWebKey
}

function exportAll(privateKey: KeyObject, publicKey: KeyObject): Pems {
  return {
    pkcs8: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    pkcs1: privateKey.export({ type: 'pkcs1', format: 'pem' }) as string,
    spki: publicKey.export({ type: 'spki', format: 'pem' }) as string,
    pkcs1Public: publicKey.export({ type: 'pkcs1', format: 'pem' }) as string,
    privateJwk: privateKey.export({ format: 'jwk' }) as JsonWebKey,
    publicJwk: publicKey.export({ format: 'jwk' }) as JsonWebKey,
  }
}

const rsaCertificate = makeCertificate('rsa:2048')
const ecCertificate = makeCertificate('ec', '-pkeyopt', 'ec_paramgen_curve:P-256')

let rsa: { privateKey: KeyObject; publicKey: KeyObject }
let keys: Pems
let weak: Pems
let ec: Pems

beforeAll(() => {
  rsa = generateKeyObjects('rsa', { modulusLength: 2048 })
  keys = exportAll(rsa.privateKey, rsa.publicKey)
  const small = generateKeyObjects('rsa', { modulusLength: 1024 })
  weak = exportAll(small.privateKey, small.publicKey)
  const p256 = generateKeyObjects('ec', { namedCurve: 'P-256' })
  ec = {
    pkcs8: p256.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    pkcs1: p256.privateKey.export({ type: 'sec1', format: 'pem' }) as string,
    spki: p256.publicKey.export({ type: 'spki', format: 'pem' }) as string,
    pkcs1Public: '',
    privateJwk: p256.privateKey.export({ format: 'jwk' }) as JsonWebKey,
    publicJwk: p256.publicKey.export({ format: 'jwk' }) as JsonWebKey,
  }
})

const privateForms = () => ({ 'PKCS#8 PEM': keys.pkcs8, 'PKCS#1 PEM': keys.pkcs1, JWK: keys.privateJwk })
const publicForms = () => ({ 'SPKI PEM': keys.spki, 'PKCS#1 PEM': keys.pkcs1Public, JWK: keys.publicJwk })

const PSS = { name: 'RSA-PSS', saltLength: 32 }
const SEQUENCE = 0x30
/** 1.2.840.113549.1.1.1 */
const RSA_OID = Uint8Array.of(0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01)

describe('importKey: RS256 and PS256', () => {
  it('imports every private and public form; the keys sign and verify each other', async () => {
    for (const alg of ['RS256', 'PS256'] as const) {
      const params = alg === 'PS256' ? PSS : { name: 'RSASSA-PKCS1-v1_5' }
      const publicKeys = await Promise.all(Object.values(publicForms()).map((m) => importKey(m, alg)))
      for (const [form, material] of Object.entries(privateForms())) {
        const privateKey = await importKey(material, alg)
        expect(privateKey.type, form).toBe('private')
        expect(privateKey.usages).toEqual(['sign'])
        const signature = await subtle.sign(params, privateKey, message)
        for (const publicKey of publicKeys) {
          expect(publicKey.type).toBe('public')
          expect(publicKey.usages).toEqual(['verify'])
          expect(await subtle.verify(params, publicKey, signature, message), `${alg} ${form}`).toBe(true)
        }
      }
    }
  })

  it('cross-checks with node:crypto in both directions', async () => {
    const pkcs1 = { padding: constants.RSA_PKCS1_PADDING }
    const pss = { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }
    for (const [alg, params, padding] of [
      ['RS256', { name: 'RSASSA-PKCS1-v1_5' }, pkcs1],
      ['PS256', PSS, pss],
    ] as const) {
      const nodeSignature = nodeSign('sha256', message, { key: rsa.privateKey, ...padding })
      const verifyKey = await importKey(keys.spki, alg)
      expect(await subtle.verify(params, verifyKey, nodeSignature, message)).toBe(true)
      const ourSignature = new Uint8Array(await subtle.sign(params, await importKey(keys.pkcs1, alg), message))
      expect(nodeVerify('sha256', message, { key: rsa.publicKey, ...padding }, ourSignature)).toBe(true)
    }
  })

  it('binds the key to the algorithm and hash of alg', async () => {
    for (const alg of ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'] as const) {
      const spec = SIGNATURE_ALGORITHMS[alg]
      for (const key of [await importKey(keys.pkcs8, alg), await importKey(keys.spki, alg)]) {
        const algorithm = key.algorithm as RsaHashedKeyAlgorithm
        expect(algorithm.name).toBe(spec.name)
        expect(algorithm.hash.name).toBe(spec.hash)
        expect(algorithm.modulusLength).toBe(2048)
      }
    }
  })
})

describe('importKey: RSA-OAEP', () => {
  it.each([
    ['RSA-OAEP', 'SHA-1'],
    ['RSA-OAEP-256', 'SHA-256'],
    ['RSA-OAEP-384', 'SHA-384'],
    ['RSA-OAEP-512', 'SHA-512'],
  ] as const)('%s imports with hash %s and the JWE usages', async (alg, hash) => {
    const privateKey = await importKey(keys.pkcs8, alg)
    const publicKey = await importKey(keys.publicJwk, alg)
    for (const key of [privateKey, publicKey]) {
      expect(key.algorithm.name).toBe('RSA-OAEP')
      expect((key.algorithm as RsaHashedKeyAlgorithm).hash.name).toBe(hash)
    }
    expect(privateKey.usages.sort()).toEqual(['decrypt', 'unwrapKey'])
    expect(publicKey.usages.sort()).toEqual(['encrypt', 'wrapKey'])
  })

  it('RSA-OAEP-256 keys from every form wrap and unwrap, and interoperate with node:crypto', async () => {
    const publicKeys = await Promise.all(Object.values(publicForms()).map((m) => importKey(m, 'RSA-OAEP-256')))
    const cek = await subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt'])
    const raw = new Uint8Array(await subtle.exportKey('raw', cek))
    for (const material of Object.values(privateForms())) {
      const privateKey = await importKey(material, 'RSA-OAEP-256')
      for (const publicKey of publicKeys) {
        const wrapped = await subtle.wrapKey('raw', cek, publicKey, { name: 'RSA-OAEP' })
        const unwrapped = await subtle.unwrapKey('raw', wrapped, privateKey, { name: 'RSA-OAEP' }, 'AES-GCM', true, ['encrypt'])
        expect(new Uint8Array(await subtle.exportKey('raw', unwrapped))).toEqual(raw)
      }
      const oaep = { padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }
      const fromNode = publicEncrypt({ key: rsa.publicKey, ...oaep }, raw)
      expect(new Uint8Array(await subtle.decrypt({ name: 'RSA-OAEP' }, privateKey, fromNode))).toEqual(raw)
      const toNode = await subtle.encrypt({ name: 'RSA-OAEP' }, publicKeys[0]!, raw)
      expect(new Uint8Array(privateDecrypt({ key: rsa.privateKey, ...oaep }, new Uint8Array(toNode)))).toEqual(raw)
    }
  })

  it('honours key_ops by narrowing the usages', async () => {
    const key = await importKey({ ...keys.privateJwk, key_ops: ['decrypt'] }, 'RSA-OAEP-256')
    expect(key.usages).toEqual(['decrypt'])
  })
})

describe('importKey: CERTIFICATE', () => {
  it.skipIf(!rsaCertificate)('imports the public key of an openssl self-signed certificate', async () => {
    const { certificatePem, privateKeyPem } = rsaCertificate!
    const signer = createPrivateKey(privateKeyPem)
    const verifyKey = await importKey(certificatePem, 'RS256')
    expect(verifyKey.type).toBe('public')
    expect(verifyKey.usages).toEqual(['verify'])
    const signature = nodeSign('sha256', message, signer)
    expect(await subtle.verify('RSASSA-PKCS1-v1_5', verifyKey, signature, message)).toBe(true)

    const encryptKey = await importKey(certificatePem, 'RSA-OAEP-256')
    const ciphertext = await subtle.encrypt({ name: 'RSA-OAEP' }, encryptKey, message)
    const oaep = { padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }
    expect(new Uint8Array(privateDecrypt({ key: signer, ...oaep }, new Uint8Array(ciphertext)))).toEqual(message)
  })

  it.skipIf(!ecCertificate)('refuses a certificate with an EC key', async () => {
    const error = await expectJoseError(importKey(ecCertificate!.certificatePem, 'RS256'), 'ERR_KEY_INVALID')
    expect(error.message).toBe('RSA key import failed')
  })
})

describe('importKey: extractable', () => {
  it('is false by default for private and public keys', async () => {
    for (const material of [keys.pkcs8, keys.pkcs1, keys.privateJwk, keys.spki, keys.pkcs1Public, keys.publicJwk]) {
      expect((await importKey(material, 'RS256')).extractable).toBe(false)
      expect((await importKey(material, 'RS256', {})).extractable).toBe(false)
      expect((await importKey(material, 'RS256', { extractable: false })).extractable).toBe(false)
    }
  })

  it('is true when asked, and exports the same key', async () => {
    const key = await importKey(keys.pkcs1, 'PS256', { extractable: true })
    expect(key.extractable).toBe(true)
    const jwk = await subtle.exportKey('jwk', key)
    expect(jwk.n).toBe(keys.privateJwk.n)
    expect(jwk.d).toBe(keys.privateJwk.d)
    expect((await importKey(keys.spki, 'RS256', { extractable: true })).extractable).toBe(true)
  })

  it('refuses ext: false with extractable: true', async () => {
    await expectJoseError(importKey({ ...keys.privateJwk, ext: false }, 'RS256', { extractable: true }), 'ERR_KEY_INVALID')
  })

  it('refuses malformed options with ERR_INVALID_ARGUMENT', async () => {
    // Options are a plain object: a Map, a class instance or one inheriting defaults is not.
    const inherited = Object.create({ extractable: true }) as object
    class Options {
      extractable = true
    }
    for (const options of [null, 'yes', [], new Map([['extractable', true]]), new Options(), inherited, { extractable: 'yes' }, { extractable: 1 }]) {
      await expectJoseError(importKey(keys.spki, 'RS256', options as never), 'ERR_INVALID_ARGUMENT')
    }
  })
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

describe('importRsaKey', () => {
  it('takes the spec directly', async () => {
    const key = await importRsaKey(keys.spki, 'PS384', SIGNATURE_ALGORITHMS.PS384)
    expect((key.algorithm as RsaHashedKeyAlgorithm).hash.name).toBe('SHA-384')
  })
})

describe('importRsaJwk', () => {
  it('imports JWKs only, with the same checks and options', async () => {
    const key = await importRsaJwk(keys.publicJwk, 'PS384', SIGNATURE_ALGORITHMS.PS384)
    expect((key.algorithm as RsaHashedKeyAlgorithm).hash.name).toBe('SHA-384')
    expect(key.extractable).toBe(false)
    expect((await importRsaJwk(keys.privateJwk, 'RS256', SIGNATURE_ALGORITHMS.RS256, { extractable: true })).extractable).toBe(true)
    await expectJoseError(importRsaJwk(keys.spki as never, 'RS256', SIGNATURE_ALGORITHMS.RS256), 'ERR_KEY_INVALID')
    await expectJoseError(importRsaJwk(weak.publicJwk, 'RS256', SIGNATURE_ALGORITHMS.RS256), 'ERR_KEY_INVALID')
    await expectJoseError(importRsaJwk(keys.publicJwk, 'RS256', SIGNATURE_ALGORITHMS.RS256, null as never), 'ERR_INVALID_ARGUMENT')
  })
})
