/** generateKeyPair and generateSecret: keys bound to their alg, and every refusal with its code. */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { compactDecrypt, compactEncrypt, compactSign, compactVerify, generateKeyPair, generateSecret, type KeyAlgorithm } from '../../src/index.ts'
import { expectJoseError } from '../helpers/expect-jose.ts'
import type { KeyManagementAlgorithm } from '../../src/algorithms/key-management.ts'
import type { ContentEncryptionAlgorithm } from '../../src/algorithms/content-encryption.ts'

const SIGNATURE = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'] as const
const OAEP = ['RSA-OAEP', 'RSA-OAEP-256', 'RSA-OAEP-384', 'RSA-OAEP-512'] as const

afterEach(() => vi.restoreAllMocks())

describe('generateKeyPair', () => {
  for (const alg of SIGNATURE) {
    it(`${alg}: a 2048-bit pair bound to the alg's hash that signs and verifies`, async () => {
      const { privateKey, publicKey } = await generateKeyPair(alg)
      const algorithm = privateKey.algorithm as RsaHashedKeyAlgorithm
      expect([algorithm.modulusLength, algorithm.hash.name, privateKey.extractable, publicKey.extractable]).toEqual([2048, `SHA-${alg.slice(2)}`, false, true])
      expect([privateKey.usages, publicKey.usages]).toEqual([['sign'], ['verify']])
      const jws = await compactSign('x', privateKey, { alg })
      expect(Buffer.from((await compactVerify(jws, publicKey, { algorithms: [alg] })).payload).toString()).toBe('x')
    })
  }

  for (const alg of OAEP) {
    it(`${alg}: a pair that encrypts and decrypts`, async () => {
      const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true })
      expect(privateKey.extractable).toBe(true)
      const jwe = await compactEncrypt('x', publicKey, { alg, enc: 'A128GCM' })
      const { plaintext } = await compactDecrypt(jwe, privateKey, { keyManagementAlgorithms: [alg], contentEncryptionAlgorithms: ['A128GCM'] })
      expect(Buffer.from(plaintext).toString()).toBe('x')
    })
  }

  it('takes a modulusLength from 2048 to 16384 bits, a multiple of 8', async () => {
    const { privateKey } = await generateKeyPair('PS256', { modulusLength: 3072 })
    expect((privateKey.algorithm as RsaHashedKeyAlgorithm).modulusLength).toBe(3072)
    for (const modulusLength of [1024, 2047, 2049, 2056.5, 16392, Number.NaN, '2048', null]) {
      const error = await expectJoseError(generateKeyPair('RS256', { modulusLength } as never), 'ERR_INVALID_ARGUMENT')
      expect(error.message).toBe('modulusLength must be an RSA size of 2048 to 16384 bits')
    }
  })

  it('refuses malformed options: ERR_INVALID_ARGUMENT', async () => {
    // Options are a plain object: an array, a Map or a Date is no options object.
    for (const options of [null, 'x', [], new Map([['extractable', true]]), new Date(), { extractable: 1 }]) {
      await expectJoseError(generateKeyPair('RS256', options as never), 'ERR_INVALID_ARGUMENT')
    }
  })

  it('refuses secret-key and unsupported algs: ERR_ALG_NOT_SUPPORTED', async () => {
    expect((await expectJoseError(generateKeyPair('HS256'), 'ERR_ALG_NOT_SUPPORTED')).message).toBe('HS256 keys are secrets: use generateSecret')
    for (const alg of ['none', 'ES256K', 'A256GCM', 'toString', undefined]) {
      await expectJoseError(generateKeyPair(alg as KeyAlgorithm), 'ERR_ALG_NOT_SUPPORTED')
    }
  })

  it('a Web Crypto that cannot generate the key answers ERR_ALG_NOT_SUPPORTED, not a DOMException', async () => {
    vi.spyOn(crypto.subtle, 'generateKey').mockRejectedValueOnce(new DOMException('no', 'NotSupportedError'))
    const error = await expectJoseError(generateKeyPair('RS256'), 'ERR_ALG_NOT_SUPPORTED')
    expect(error.message).toBe('RSASSA-PKCS1-v1_5 key generation is not available in this runtime')
  })
})

describe('generateSecret', () => {
  for (const alg of ['HS256', 'HS384', 'HS512'] as const) {
    it(`${alg}: a non-extractable secret as long as the hash output`, async () => {
      const key = await generateSecret(alg)
      const algorithm = key.algorithm as HmacKeyAlgorithm
      expect([algorithm.length, algorithm.hash.name, key.extractable, key.type]).toEqual([Number(alg.slice(2)), `SHA-${alg.slice(2)}`, false, 'secret'])
      expect(key.usages.slice().sort()).toEqual(['sign', 'verify'])
    })
  }

  for (const alg of ['HS256', 'HS384', 'HS512'] as const) {
    it(`${alg}: the generated secret signs and verifies`, async () => {
      const key = await generateSecret(alg)
      const jws = await compactSign('x', key, { alg })
      expect(Buffer.from((await compactVerify(jws, key, { algorithms: [alg] })).payload).toString()).toBe('x')
    })
  }

  const roundTrip = async (key: CryptoKey, alg: KeyManagementAlgorithm, enc: ContentEncryptionAlgorithm) => {
    const jwe = await compactEncrypt('x', key, { alg, enc })
    const { plaintext } = await compactDecrypt(jwe, key, { keyManagementAlgorithms: [alg], contentEncryptionAlgorithms: [enc] })
    return Buffer.from(plaintext).toString()
  }

  for (const [alg, name, bits] of [
    ['A128KW', 'AES-KW', 128],
    ['A192KW', 'AES-KW', 192],
    ['A256KW', 'AES-KW', 256],
    ['A128GCMKW', 'AES-GCM', 128],
    ['A192GCMKW', 'AES-GCM', 192],
    ['A256GCMKW', 'AES-GCM', 256],
  ] as const) {
    it(`${alg}: a non-extractable ${bits}-bit ${name} key that wraps and unwraps a CEK`, async () => {
      const key = await generateSecret(alg)
      expect([key.algorithm, key.extractable, key.type]).toEqual([{ name, length: bits }, false, 'secret'])
      expect(await roundTrip(key, alg, 'A256GCM')).toBe('x')
      expect((await generateSecret(alg, { extractable: true })).extractable).toBe(true)
    })
  }

  for (const [enc, bits] of [
    ['A128GCM', 128],
    ['A192GCM', 192],
    ['A256GCM', 256],
    ['A128CBC-HS256', 256],
    ['A192CBC-HS384', 384],
    ['A256CBC-HS512', 512],
  ] as const) {
    it(`"dir" with ${enc}: generateSecret('${enc}') is a ${bits}-bit CEK, extractable (read for every token), that encrypts and decrypts`, async () => {
      const key = await generateSecret(enc)
      expect([(key.algorithm as HmacKeyAlgorithm).length, key.extractable]).toEqual([bits, true])
      expect(await roundTrip(key, 'dir', enc)).toBe('x')
      // A CEK of one enc's size does not serve another's.
      const other: ContentEncryptionAlgorithm = bits === 512 ? 'A128GCM' : 'A256CBC-HS512'
      await expectJoseError(compactEncrypt('x', key, { alg: 'dir', enc: other }), 'ERR_KEY_INVALID')
    })
  }

  it('a runtime without AES-192 (Chromium) answers ERR_ALG_NOT_SUPPORTED', async () => {
    vi.spyOn(crypto.subtle, 'generateKey').mockRejectedValueOnce(new DOMException('no', 'OperationError'))
    const error = await expectJoseError(generateSecret('A192KW'), 'ERR_ALG_NOT_SUPPORTED')
    expect(error.message).toBe('AES-KW key generation is not available in this runtime')
  })

  it('refuses key-pair and unsupported algs: ERR_ALG_NOT_SUPPORTED', async () => {
    expect((await expectJoseError(generateSecret('RS256'), 'ERR_ALG_NOT_SUPPORTED')).message).toBe('RS256 keys are pairs: use generateKeyPair')
    for (const alg of ['RSA-OAEP', 'RSA-OAEP-256', 'ES256', 'EdDSA', 'ECDH-ES', 'ECDH-ES+A256KW', 'none', 'HS257', 'A512KW', 'A256CBC']) {
      await expectJoseError(generateSecret(alg as KeyAlgorithm), 'ERR_ALG_NOT_SUPPORTED')
    }
  })

  it('"dir" alone names no size, and a PBES2 password is not generated: ERR_ALG_NOT_SUPPORTED naming what to do', async () => {
    expect((await expectJoseError(generateSecret('dir'), 'ERR_ALG_NOT_SUPPORTED')).message).toBe('a "dir" key is as long as its "enc" needs: generateSecret(enc)')
    for (const alg of ['PBES2-HS256+A128KW', 'PBES2-HS384+A192KW', 'PBES2-HS512+A256KW'] as const) {
      expect((await expectJoseError(generateSecret(alg), 'ERR_ALG_NOT_SUPPORTED')).message).toBe(`${alg} takes a password: importKey its bytes`)
    }
  })

  it('refuses malformed options: ERR_INVALID_ARGUMENT', async () => {
    for (const options of [null, 7, { extractable: 'true' }]) {
      await expectJoseError(generateSecret('HS256', options as never), 'ERR_INVALID_ARGUMENT')
    }
  })
})
