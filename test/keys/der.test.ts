import { describe, it, expect, beforeAll } from 'vitest'
import { X509Certificate, type KeyObject } from 'node:crypto'
import { isRsaEncryption, tlv } from '../../src/keys/der.ts'
import { certificateSpki, encode, wrapPkcs1 } from '../../src/keys/der-convert.ts'
import { generateKeyObjects } from '../helpers/keys.ts'
import { expectJoseErrorSync } from '../helpers/expect-jose.ts'
import { makeCertificate, pemBody } from './helpers.ts'

const INTEGER = 0x02
const BIT_STRING = 0x03
const SEQUENCE = 0x30

const bytes = (...values: number[]) => Uint8Array.from(values)
const der = (key: KeyObject, type: 'pkcs1' | 'pkcs8' | 'spki') =>
  new Uint8Array(key.export({ type, format: 'der' } as never) as Buffer)
const refuse = (fn: () => unknown) => expectJoseErrorSync(fn, 'ERR_KEY_INVALID')
const malformed = (fn: () => unknown) => expect(refuse(fn).message).toBe('DER: malformed')

const rsaCertificate = makeCertificate('rsa:2048')

let rsa2048: { publicKey: KeyObject; privateKey: KeyObject }
let rsa1024: { publicKey: KeyObject; privateKey: KeyObject }
let ec: { publicKey: KeyObject; privateKey: KeyObject }
let ed25519: { publicKey: KeyObject; privateKey: KeyObject }

beforeAll(() => {
  rsa2048 = generateKeyObjects('rsa', { modulusLength: 2048 })
  rsa1024 = generateKeyObjects('rsa', { modulusLength: 1024 })
  ec = generateKeyObjects('ec', { namedCurve: 'P-256' })
  ed25519 = generateKeyObjects('ed25519')
})

describe('tlv', () => {
  it('reads short and long form lengths, one TLV after another', () => {
    const input = new Uint8Array([...encode(INTEGER, bytes(7)), ...encode(SEQUENCE, new Uint8Array(200)), ...encode(BIT_STRING, new Uint8Array(300))])
    expect(tlv(input, 0, input.length, INTEGER)).toEqual([2, 3])
    expect(tlv(input, 3, input.length, SEQUENCE)).toEqual([6, 206])
    expect(Array.from(input.subarray(3, 6))).toEqual([0x30, 0x81, 200])
    expect(tlv(input, 206, input.length, BIT_STRING)).toEqual([210, 510])
    // Several tags: the last one's contents.
    expect(tlv(input, 0, input.length, INTEGER, SEQUENCE, BIT_STRING)).toEqual([210, 510])
    expect(input.length).toBe(510)
  })

  it('without a limit, the TLV must span the whole input', () => {
    expect(tlv(bytes(0x30, 0x00), 0, 0, SEQUENCE)).toEqual([2, 2])
    malformed(() => tlv(bytes(0x30, 0x00, 0x00), 0, 0, SEQUENCE))
    malformed(() => tlv(bytes(0x30, 0x01), 0, 0, SEQUENCE))
  })

  it('reads a four-byte length without reading past the end', () => {
    // Claims 0x01000000 bytes but holds one: refused, never read.
    malformed(() => tlv(bytes(0x04, 0x84, 0x01, 0x00, 0x00, 0x00, 0xaa), 0, 7, 0x04))
  })

  it('refuses truncated input and contents past the limit', () => {
    malformed(() => tlv(bytes(), 0, 0, INTEGER))
    malformed(() => tlv(bytes(0x02), 0, 1, INTEGER))
    malformed(() => tlv(bytes(0x02, 0x82, 0x01), 0, 3, INTEGER))
    malformed(() => tlv(bytes(0x02, 0x03, 0x01, 0x02), 0, 4, INTEGER))
    // Fits the array but not the container.
    malformed(() => tlv(bytes(0x02, 0x02, 0x01, 0x02), 0, 3, INTEGER))
    malformed(() => tlv(bytes(0x02, 0x01, 0x00), 3, 3, INTEGER))
  })

  it('refuses indefinite, oversized and non-minimal lengths', () => {
    malformed(() => tlv(bytes(0x30, 0x80, 0x00, 0x00), 0, 4, SEQUENCE))
    malformed(() => tlv(bytes(0x30, 0x85, 1, 0, 0, 0, 0), 0, 7, SEQUENCE))
    malformed(() => tlv(bytes(0x30, 0xff), 0, 2, SEQUENCE))
    malformed(() => tlv(bytes(0x30, 0x81, 0x05, 1, 2, 3, 4, 5), 0, 8, SEQUENCE))
    malformed(() => tlv(bytes(0x30, 0x82, 0x00, 0x80, ...new Uint8Array(128)), 0, 132, SEQUENCE))
  })

  it('refuses a wrong tag, including high-tag-number form', () => {
    malformed(() => tlv(bytes(0x04, 0x00), 0, 2, SEQUENCE))
    malformed(() => tlv(bytes(0x1f, 0x81, 0x00, 0x00), 0, 4, SEQUENCE))
    malformed(() => tlv(bytes(0x02, 0x00, 0x04, 0x00), 0, 4, INTEGER, SEQUENCE))
  })
})

describe('robustness', () => {
  it('every truncation and single-byte corruption either parses or throws ERR_KEY_INVALID', () => {
    const inputs = [der(rsa1024.publicKey, 'spki'), der(rsa1024.privateKey, 'pkcs8'), der(rsa1024.publicKey, 'pkcs1')]
    const parsers = [
      (b: Uint8Array) => isRsaEncryption(b, false),
      (b: Uint8Array) => isRsaEncryption(b, true),
      (b: Uint8Array) => wrapPkcs1(b, false),
      (b: Uint8Array) => wrapPkcs1(b, true),
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
    const tlvBytes = encode(0x04, new Uint8Array(length))
    expect(Array.from(tlvBytes.subarray(0, header.length))).toEqual(header)
    expect(tlvBytes.length).toBe(header.length + length)
    expect(tlv(tlvBytes, 0, 0, 0x04)).toEqual([header.length, tlvBytes.length])
  })

  it('concatenates several parts', () => {
    expect(encode(SEQUENCE, [1, 2], bytes(3))).toEqual(bytes(0x30, 3, 1, 2, 3))
  })
})

describe('wrapPkcs1 (RFC 8017 appendix A)', () => {
  it('builds exactly the PKCS#8 node:crypto exports', () => {
    for (const { privateKey } of [rsa2048, rsa1024]) {
      expect(wrapPkcs1(der(privateKey, 'pkcs1'), true)).toEqual(der(privateKey, 'pkcs8'))
    }
  })

  it('builds exactly the SPKI node:crypto exports (0x81 and 0x82 lengths)', () => {
    for (const { publicKey } of [rsa2048, rsa1024]) {
      expect(wrapPkcs1(der(publicKey, 'pkcs1'), false)).toEqual(der(publicKey, 'spki'))
    }
    expect(der(rsa1024.publicKey, 'spki')[1]).toBe(0x81)
    expect(der(rsa2048.publicKey, 'spki')[1]).toBe(0x82)
  })

  it('refuses input that is not one SEQUENCE, and multi-prime (version 1) private keys', () => {
    malformed(() => wrapPkcs1(bytes(), true))
    malformed(() => wrapPkcs1(bytes(0x02, 0x01, 0x00), true))
    malformed(() => wrapPkcs1(bytes(0x30, 0x03, 0x02, 0x01, 0x01), true))
    malformed(() => wrapPkcs1(bytes(0x30, 0x00), true))
    const pkcs1 = der(rsa2048.privateKey, 'pkcs1')
    malformed(() => wrapPkcs1(pkcs1.subarray(0, pkcs1.length - 1), true))
    malformed(() => wrapPkcs1(new Uint8Array([...pkcs1, 0]), true))
    const publicPkcs1 = der(rsa2048.publicKey, 'pkcs1')
    malformed(() => wrapPkcs1(publicPkcs1.subarray(0, 100), false))
    malformed(() => wrapPkcs1(new Uint8Array([...publicPkcs1, 0]), false))
    // The contents are Web Crypto's to parse (see import-key-refusals.test.ts).
    expect(() => wrapPkcs1(encode(SEQUENCE, encode(INTEGER, bytes(1))), false)).not.toThrow()
  })
})

describe('certificateSpki (RFC 5280 §4.1)', () => {
  it.skipIf(!rsaCertificate)('extracts the same SPKI node:crypto reads from an openssl certificate', () => {
    const pem = rsaCertificate!.certificatePem
    const spki = certificateSpki(new Uint8Array(Buffer.from(pemBody(pem), 'base64')))
    const expected = new X509Certificate(pem).publicKey.export({ type: 'spki', format: 'der' })
    expect(spki).toEqual(new Uint8Array(expected))
  })

  const name = encode(SEQUENCE)
  const v1Certificate = (spki: Uint8Array, ...tail: Uint8Array[]) =>
    encode(SEQUENCE, encode(SEQUENCE, encode(INTEGER, bytes(1)), encode(SEQUENCE), name, encode(SEQUENCE), name, spki), ...tail)
  const tail = () => [encode(SEQUENCE), encode(BIT_STRING, bytes(0))]

  it('handles a v1 certificate without the [0] version, and a v3 one with it', () => {
    const spki = der(rsa2048.publicKey, 'spki')
    expect(certificateSpki(v1Certificate(spki, ...tail()))).toEqual(spki)
    const v3 = encode(
      SEQUENCE,
      encode(SEQUENCE, encode(0xa0, encode(INTEGER, bytes(2))), encode(INTEGER, bytes(1)), encode(SEQUENCE), name, encode(SEQUENCE), name, spki),
      ...tail(),
    )
    expect(certificateSpki(v3)).toEqual(spki)
  })

  it('refuses truncated or malformed certificates', () => {
    const spki = der(rsa2048.publicKey, 'spki')
    const good = v1Certificate(spki, ...tail())
    malformed(() => certificateSpki(good.subarray(0, good.length - 1)))
    malformed(() => certificateSpki(v1Certificate(spki)))
    malformed(() => certificateSpki(v1Certificate(spki, ...tail(), encode(SEQUENCE))))
    malformed(() => certificateSpki(v1Certificate(encode(INTEGER, bytes(1)), ...tail())))
    malformed(() => certificateSpki(spki))
  })
})

describe('isRsaEncryption', () => {
  it('is true for rsaEncryption SPKI and PKCS#8', () => {
    expect(isRsaEncryption(der(rsa2048.publicKey, 'spki'), false)).toBe(true)
    expect(isRsaEncryption(der(rsa2048.privateKey, 'pkcs8'), true)).toBe(true)
  })

  it('is false for EC and Ed25519 keys', () => {
    for (const [key, isPrivate] of [
      [der(ec.publicKey, 'spki'), false],
      [der(ec.privateKey, 'pkcs8'), true],
      [der(ed25519.publicKey, 'spki'), false],
      [der(ed25519.privateKey, 'pkcs8'), true],
    ] as const) {
      expect(isRsaEncryption(key, isPrivate)).toBe(false)
    }
  })

  it('refuses the wrong structure', () => {
    refuse(() => isRsaEncryption(der(rsa2048.privateKey, 'pkcs8'), false))
    refuse(() => isRsaEncryption(der(rsa2048.publicKey, 'spki'), true))
    refuse(() => isRsaEncryption(der(rsa2048.privateKey, 'pkcs1'), true))
    malformed(() => isRsaEncryption(new Uint8Array([...der(rsa2048.publicKey, 'spki'), 0]), false))
  })
})
