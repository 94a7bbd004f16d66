import { describe, expect, it } from 'vitest'
import { importKey } from '../../src/keys/import-key.ts'
import { encode } from '../../src/keys/der-convert.ts'
import { expectJoseError } from '../helpers/expect-jose.ts'
import { CURVE_KEY_TYPES, generateCurveKey, generateKeyObjects, type CurveAlgorithm } from '../helpers/keys.ts'
import { makeCertificate, pemBody } from './helpers.ts'

const ALGS = Object.keys(CURVE_KEY_TYPES) as CurveAlgorithm[]
const keys = Object.fromEntries(ALGS.map((alg) => [alg, generateCurveKey(alg)])) as Record<CurveAlgorithm, ReturnType<typeof generateCurveKey>>
const pem = (label: string, der: Uint8Array): string => `-----BEGIN ${label}-----\n${Buffer.from(der).toString('base64')}\n-----END ${label}-----\n`
const der = (text: string): Uint8Array => Uint8Array.from(Buffer.from(pemBody(text), 'base64'))


describe.each(ALGS)('importKey for %s', (alg) => {
  const key = keys[alg]
  const [, crv] = CURVE_KEY_TYPES[alg]
  const forms: [string, string | JsonWebKey, 'private' | 'public'][] = [
    ['private JWK', key.privateJwk, 'private'],
    ['public JWK', key.publicJwk, 'public'],
    ['PKCS#8', key.privatePem, 'private'],
    ['SPKI', key.publicPem, 'public'],
    ...(key.sec1Pem ? [['SEC1 EC PRIVATE KEY', key.sec1Pem, 'private'] as [string, string, 'private']] : []),
  ]
  for (const [name, material, type] of forms) {
    it(`${name}: a ${type} key of the alg's curve with its usages`, async () => {
      const imported = await importKey(material, alg)
      expect(imported.type).toBe(type)
      expect(imported.extractable).toBe(false)
      expect(imported.usages).toEqual([type === 'private' ? 'sign' : 'verify'])
      const algorithm = imported.algorithm as EcKeyAlgorithm
      expect(algorithm.namedCurve ?? algorithm.name).toBe(crv)
    })
  }

  it('refuses a JWK of another curve, and one whose "alg" or "use" contradicts', async () => {
    const other = keys[alg === 'ES256' ? 'ES384' : alg === 'EdDSA' ? 'ES256' : alg === 'Ed448' ? 'Ed25519' : alg === 'Ed25519' ? 'Ed448' : 'ES256']
    await expectJoseError(importKey(other.publicJwk, alg), 'ERR_KEY_INVALID')
    await expectJoseError(importKey(other.publicPem, alg), 'ERR_KEY_INVALID')
    await expectJoseError(importKey({ ...key.publicJwk, alg: 'RS256' }, alg), 'ERR_KEY_INVALID')
    await expectJoseError(importKey({ ...key.publicJwk, use: 'enc' }, alg), 'ERR_KEY_INVALID')
    await expectJoseError(importKey({ ...key.publicJwk, crv: [crv] } as unknown as JsonWebKey, alg), 'ERR_KEY_INVALID')
  })

  it('refuses RSA keys and bad options', async () => {
    const rsa = generateKeyObjects('rsa', { modulusLength: 2048 })
    await expectJoseError(importKey(rsa.publicPem, alg), 'ERR_KEY_INVALID')
    await expectJoseError(importKey(rsa.privatePem, alg), 'ERR_KEY_INVALID')
    await expectJoseError(importKey(key.publicPem, alg, { extractable: 'yes' } as never), 'ERR_INVALID_ARGUMENT')
  })
})

describe('EC/OKP PEM forms', () => {
  it('refuses PKCS#1 labels and an SEC1 key for an OKP alg', async () => {
    await expectJoseError(importKey(pem('RSA PRIVATE KEY', der(keys.ES256.privatePem)), 'ES256'), 'ERR_KEY_INVALID')
    await expectJoseError(importKey(keys.ES256.sec1Pem!, 'EdDSA'), 'ERR_KEY_INVALID')
  })

  it('SEC1: the curve in the key must be the alg\'s; a key without one takes the alg\'s', async () => {
    await expectJoseError(importKey(keys.ES384.sec1Pem!, 'ES256'), 'ERR_KEY_INVALID')
    await expectJoseError(importKey(keys.ES256.sec1Pem!, 'ES512'), 'ERR_KEY_INVALID')
    const sec1 = der(keys.ES256.sec1Pem!)
    // ECPrivateKey { version 1, privateKey } without parameters and public key (RFC 5915 §3).
    const bare = encode(0x30, sec1.subarray(2, 5 + 2 + 32))
    expect((await importKey(pem('EC PRIVATE KEY', bare), 'ES256')).type).toBe('private')
    await expectJoseError(importKey(pem('EC PRIVATE KEY', bare), 'EdDSA'), 'ERR_KEY_INVALID')
    // Version 2 is not RFC 5915.
    const version2 = Uint8Array.from(sec1)
    version2[4] = 2
    await expectJoseError(importKey(pem('EC PRIVATE KEY', version2), 'ES256'), 'ERR_KEY_INVALID')
  })

  it('refuses a key whose AlgorithmIdentifier has parameters it must not have (Ed25519 with NULL)', async () => {
    const spki = der(keys.Ed25519.publicPem)
    // SEQUENCE { SEQUENCE { OID, NULL }, BIT STRING }
    const withNull = encode(0x30, encode(0x30, [6, 3, 43, 101, 112, 5, 0]), spki.subarray(2 + 7))
    await expectJoseError(importKey(pem('PUBLIC KEY', withNull), 'Ed25519'), 'ERR_KEY_INVALID')
  })

  it('an X25519 key (an ECDH key) is not an EdDSA key', async () => {
    const x25519 = generateKeyObjects('x25519' as 'ed25519')
    await expectJoseError(importKey(x25519.publicPem, 'EdDSA'), 'ERR_KEY_INVALID')
  })

  it('refuses a point Web Crypto rejects, with ERR_KEY_INVALID', async () => {
    const { x } = keys.ES256.publicJwk
    await expectJoseError(importKey({ ...keys.ES256.publicJwk, y: x! }, 'ES256'), 'ERR_KEY_INVALID')
  })

  const ecCertificate = makeCertificate('ec', '-pkeyopt', 'ec_paramgen_curve:P-384')
  const edCertificate = makeCertificate('ed25519')
  it.skipIf(!ecCertificate || !edCertificate)('X.509 certificates: the public key, for the right alg only', async () => {
    expect((await importKey(ecCertificate!.certificatePem, 'ES384')).type).toBe('public')
    expect((await importKey(edCertificate!.certificatePem, 'EdDSA')).type).toBe('public')
    await expectJoseError(importKey(ecCertificate!.certificatePem, 'ES256'), 'ERR_KEY_INVALID')
    await expectJoseError(importKey(edCertificate!.certificatePem, 'RS256'), 'ERR_KEY_INVALID')
  })
})

describe('EdDSA keys', () => {
  it('"EdDSA" takes Ed25519 and Ed448 keys; "Ed25519" and "Ed448" only their own', async () => {
    expect((await importKey(keys.Ed448.publicJwk, 'EdDSA')).algorithm.name).toBe('Ed448')
    expect((await importKey(keys.Ed448.privatePem, 'EdDSA')).algorithm.name).toBe('Ed448')
    expect((await importKey(keys.Ed25519.publicJwk, 'EdDSA')).algorithm.name).toBe('Ed25519')
    await expectJoseError(importKey(keys.Ed448.publicJwk, 'Ed25519'), 'ERR_KEY_INVALID')
  })
})

