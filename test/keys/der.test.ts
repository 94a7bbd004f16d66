import { describe, it, expect, beforeAll } from 'vitest'
import { generateKeyPairSync, X509Certificate, type KeyObject } from 'node:crypto'
import {
  assertRsaEncryption,
  BIT_STRING,
  certificateSpki,
  DerReader,
  encode,
  INTEGER,
  readSequence,
  rsaPrivateKeyToPkcs8,
  rsaPublicKeyToSpki,
  SEQUENCE,
} from '../../src/keys/der.ts'
import { readPem } from '../../src/keys/pem.ts'
import { makeCertificate, throwsWith } from './helpers.ts'

const bytes = (...values: number[]) => Uint8Array.from(values)
const der = (key: KeyObject, type: 'pkcs1' | 'pkcs8' | 'spki') =>
  new Uint8Array(key.export({ type, format: 'der' } as never) as Buffer)
const refuse = (fn: () => unknown) => throwsWith(fn, 'ERR_KEY_INVALID')

const rsaCertificate = makeCertificate('rsa:2048')

let rsa2048: { publicKey: KeyObject; privateKey: KeyObject }
let rsa1024: { publicKey: KeyObject; privateKey: KeyObject }
let ec: { publicKey: KeyObject; privateKey: KeyObject }
let ed25519: { publicKey: KeyObject; privateKey: KeyObject }

beforeAll(() => {
  rsa2048 = generateKeyPairSync('rsa', { modulusLength: 2048 })
  rsa1024 = generateKeyPairSync('rsa', { modulusLength: 1024 })
  ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  ed25519 = generateKeyPairSync('ed25519')
})

describe('DerReader', () => {
  it('reads short and long form lengths', () => {
    const long = new Uint8Array(300)
    const input = new Uint8Array([...encode(INTEGER, bytes(7)), ...encode(SEQUENCE, new Uint8Array(200)), ...encode(BIT_STRING, long)])
    const reader = new DerReader(input)
    expect(reader.read(INTEGER, 'a').value).toEqual(bytes(7))
    const seq = reader.read(SEQUENCE, 'b')
    expect(seq.value.length).toBe(200)
    expect(Array.from(seq.tlv.subarray(0, 3))).toEqual([0x30, 0x81, 200])
    expect(reader.read(BIT_STRING, 'c').value.length).toBe(300)
    expect(reader.peekTag()).toBeUndefined()
    reader.end('input')
  })

  it('reads a four-byte length without reading past the end', () => {
    // Claims 0x01000000 bytes but holds one: refused, never read.
    expect(refuse(() => new DerReader(bytes(0x04, 0x84, 0x01, 0x00, 0x00, 0x00, 0xaa)).read(0x04, 'x')).message).toMatch(
      /past the end/,
    )
  })

  it('refuses truncated input', () => {
    expect(refuse(() => new DerReader(bytes()).read(INTEGER, 'x')).message).toMatch(/truncated/)
    expect(refuse(() => new DerReader(bytes(0x02)).read(INTEGER, 'x')).message).toMatch(/truncated/)
    expect(refuse(() => new DerReader(bytes(0x02, 0x82, 0x01)).read(INTEGER, 'x')).message).toMatch(/truncated/)
    expect(refuse(() => new DerReader(bytes(0x02, 0x03, 0x01, 0x02)).read(INTEGER, 'x')).message).toMatch(/past the end/)
  })

  it('refuses indefinite, oversized and non-minimal lengths', () => {
    expect(refuse(() => new DerReader(bytes(0x30, 0x80, 0x00, 0x00)).read(SEQUENCE, 'x')).message).toMatch(/indefinite/)
    expect(refuse(() => new DerReader(bytes(0x30, 0x85, 1, 0, 0, 0, 0)).read(SEQUENCE, 'x')).message).toMatch(/too long/)
    expect(refuse(() => new DerReader(bytes(0x30, 0xff)).read(SEQUENCE, 'x')).message).toMatch(/too long/)
    expect(refuse(() => new DerReader(bytes(0x30, 0x81, 0x05, 1, 2, 3, 4, 5)).read(SEQUENCE, 'x')).message).toMatch(
      /non-minimal/,
    )
    expect(refuse(() => new DerReader(bytes(0x30, 0x82, 0x00, 0x80)).read(SEQUENCE, 'x')).message).toMatch(/non-minimal/)
  })

  it('refuses a wrong tag, including high-tag-number form', () => {
    expect(refuse(() => new DerReader(bytes(0x04, 0x00)).read(SEQUENCE, 'thing')).message).toBe(
      'malformed DER: thing has an unexpected tag',
    )
    refuse(() => new DerReader(bytes(0x1f, 0x81, 0x00, 0x00)).read(SEQUENCE, 'x'))
  })

  it('readSequence refuses trailing bytes', () => {
    expect(readSequence(bytes(0x30, 0x00), 'x').peekTag()).toBeUndefined()
    expect(refuse(() => readSequence(bytes(0x30, 0x00, 0x00), 'x')).message).toMatch(/unexpected data after x/)
  })
})

describe('robustness', () => {
  it('every truncation and single-byte corruption either parses or throws ERR_KEY_INVALID', () => {
    const inputs = [der(rsa1024.publicKey, 'spki'), der(rsa1024.privateKey, 'pkcs8'), der(rsa1024.publicKey, 'pkcs1')]
    const parsers = [
      (b: Uint8Array) => assertRsaEncryption(b, 'spki'),
      (b: Uint8Array) => assertRsaEncryption(b, 'pkcs8'),
      rsaPublicKeyToSpki,
      rsaPrivateKeyToPkcs8,
      certificateSpki,
    ]
    for (const input of inputs) {
      const variants: Uint8Array[] = []
      for (let n = 0; n < input.length; n++) variants.push(input.subarray(0, n))
      for (let i = 0; i < 8; i++) {
        for (const value of [0x00, 0x80, 0x84, 0xff]) {
          const copy = input.slice()
          copy[i] = value
          variants.push(copy)
        }
      }
      for (const variant of variants) {
        for (const parse of parsers) {
          try {
            parse(variant)
          } catch (error) {
            expect(error).toMatchObject({ code: 'ERR_KEY_INVALID' })
          }
        }
      }
    }
  })
})

describe('encode', () => {
  it.each([
    [0, [0x04, 0x00]],
    [127, [0x04, 0x7f]],
    [128, [0x04, 0x81, 0x80]],
    [255, [0x04, 0x81, 0xff]],
    [256, [0x04, 0x82, 0x01, 0x00]],
    [65535, [0x04, 0x82, 0xff, 0xff]],
    [65536, [0x04, 0x83, 0x01, 0x00, 0x00]],
  ])('uses the minimal length for %i content bytes', (length, header) => {
    const tlv = encode(0x04, new Uint8Array(length))
    expect(Array.from(tlv.subarray(0, header.length))).toEqual(header)
    expect(tlv.length).toBe(header.length + length)
    expect(new DerReader(tlv).read(0x04, 'x').value.length).toBe(length)
  })
})

describe('PKCS#1 wrapping (RFC 8017 appendix A)', () => {
  it('builds exactly the PKCS#8 node:crypto exports', () => {
    for (const { privateKey } of [rsa2048, rsa1024]) {
      expect(rsaPrivateKeyToPkcs8(der(privateKey, 'pkcs1'))).toEqual(der(privateKey, 'pkcs8'))
    }
  })

  it('builds exactly the SPKI node:crypto exports (0x81 and 0x82 lengths)', () => {
    for (const { publicKey } of [rsa2048, rsa1024]) {
      expect(rsaPublicKeyToSpki(der(publicKey, 'pkcs1'))).toEqual(der(publicKey, 'spki'))
    }
    expect(der(rsa1024.publicKey, 'spki')[1]).toBe(0x81)
    expect(der(rsa2048.publicKey, 'spki')[1]).toBe(0x82)
  })

  it('refuses structures that are not PKCS#1', () => {
    refuse(() => rsaPrivateKeyToPkcs8(bytes()))
    refuse(() => rsaPrivateKeyToPkcs8(bytes(0x02, 0x01, 0x00)))
    expect(refuse(() => rsaPrivateKeyToPkcs8(bytes(0x30, 0x03, 0x02, 0x01, 0x01))).message).toMatch(/two-prime/)
    const pkcs1 = der(rsa2048.privateKey, 'pkcs1')
    refuse(() => rsaPrivateKeyToPkcs8(pkcs1.subarray(0, pkcs1.length - 1)))
    refuse(() => rsaPrivateKeyToPkcs8(new Uint8Array([...pkcs1, 0])))
    const spkiPkcs1 = der(rsa2048.publicKey, 'pkcs1')
    refuse(() => rsaPublicKeyToSpki(spkiPkcs1.subarray(0, 100)))
    refuse(() => rsaPublicKeyToSpki(encode(SEQUENCE, encode(INTEGER, bytes(1)))))
    refuse(() => rsaPublicKeyToSpki(der(rsa2048.publicKey, 'spki')))
  })
})

describe('certificateSpki (RFC 5280 §4.1)', () => {
  it.skipIf(!rsaCertificate)('extracts the same SPKI node:crypto reads from an openssl certificate', () => {
    const pem = rsaCertificate!.certificatePem
    const spki = certificateSpki(readPem(pem).der)
    const expected = new X509Certificate(pem).publicKey.export({ type: 'spki', format: 'der' })
    expect(spki).toEqual(new Uint8Array(expected))
  })

  const name = encode(SEQUENCE)
  const v1Certificate = (spki: Uint8Array, ...tail: Uint8Array[]) =>
    encode(
      SEQUENCE,
      encode(SEQUENCE, encode(INTEGER, bytes(1)), encode(SEQUENCE), name, encode(SEQUENCE), name, spki),
      ...tail,
    )

  it('handles a v1 certificate without the [0] version', () => {
    const spki = der(rsa2048.publicKey, 'spki')
    expect(certificateSpki(v1Certificate(spki, encode(SEQUENCE), encode(BIT_STRING, bytes(0))))).toEqual(spki)
  })

  it('refuses truncated or malformed certificates', () => {
    const spki = der(rsa2048.publicKey, 'spki')
    const good = v1Certificate(spki, encode(SEQUENCE), encode(BIT_STRING, bytes(0)))
    refuse(() => certificateSpki(good.subarray(0, good.length - 1)))
    refuse(() => certificateSpki(v1Certificate(spki)))
    refuse(() => certificateSpki(v1Certificate(encode(INTEGER, bytes(1)), encode(SEQUENCE), encode(BIT_STRING, bytes(0)))))
    refuse(() => certificateSpki(spki))
  })
})

describe('assertRsaEncryption', () => {
  it('accepts rsaEncryption SPKI and PKCS#8', () => {
    assertRsaEncryption(der(rsa2048.publicKey, 'spki'), 'spki')
    assertRsaEncryption(der(rsa2048.privateKey, 'pkcs8'), 'pkcs8')
  })

  it('names the algorithm of EC and Ed25519 keys', () => {
    expect(refuse(() => assertRsaEncryption(der(ec.publicKey, 'spki'), 'spki')).message).toBe(
      'not an RSA key: algorithm 1.2.840.10045.2.1 is not rsaEncryption (1.2.840.113549.1.1.1)',
    )
    expect(refuse(() => assertRsaEncryption(der(ec.privateKey, 'pkcs8'), 'pkcs8')).message).toMatch(/1\.2\.840\.10045\.2\.1 /)
    expect(refuse(() => assertRsaEncryption(der(ed25519.publicKey, 'spki'), 'spki')).message).toMatch(/1\.3\.101\.112 /)
    expect(refuse(() => assertRsaEncryption(der(ed25519.privateKey, 'pkcs8'), 'pkcs8')).message).toMatch(/1\.3\.101\.112 /)
  })

  it('refuses the wrong structure', () => {
    refuse(() => assertRsaEncryption(der(rsa2048.privateKey, 'pkcs8'), 'spki'))
    refuse(() => assertRsaEncryption(der(rsa2048.publicKey, 'spki'), 'pkcs8'))
    refuse(() => assertRsaEncryption(der(rsa2048.privateKey, 'pkcs1'), 'pkcs8'))
  })
})
