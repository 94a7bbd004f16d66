import { describe, expect, it } from 'vitest'
import { compactEncrypt } from '../../src/jwe/compact-encrypt.ts'
import { compactDecrypt } from '../../src/jwe/compact-decrypt.ts'
import { expectJoseError } from '../helpers/expect-jose.ts'
import { webCryptoKey } from '../helpers/keys.ts'

describe('compactEncrypt', () => {
  it('draws a fresh CEK and IV per call', async () => {
    const key = await webCryptoKey('RSA-OAEP-256', 'public')
    const a = (await compactEncrypt('same', key, { alg: 'RSA-OAEP-256', enc: 'A256GCM' })).split('.')
    const b = (await compactEncrypt('same', key, { alg: 'RSA-OAEP-256', enc: 'A256GCM' })).split('.')
    expect(a[0]).toBe(b[0])
    expect(a[1]).not.toBe(b[1])
    expect(a[2]).not.toBe(b[2])
    expect(a[3]).not.toBe(b[3])
  })

  it('round-trips bytes, including an empty plaintext', async () => {
    const token = await compactEncrypt(new Uint8Array(0), await webCryptoKey('RSA-OAEP-512', 'public'), { alg: 'RSA-OAEP-512', enc: 'A128GCM' })
    const { plaintext } = await compactDecrypt(token, await webCryptoKey('RSA-OAEP-512', 'private'), {
      keyManagementAlgorithms: ['RSA-OAEP-512'],
      contentEncryptionAlgorithms: ['A128GCM'],
    })
    expect(plaintext.length).toBe(0)
  })

  it.each([
    ['an unsupported alg', { alg: 'dir', enc: 'A256GCM' }, 'ERR_ALG_NOT_SUPPORTED'],
    ['an unsupported enc', { alg: 'RSA-OAEP-256', enc: 'A256CBC-HS512' }, 'ERR_ALG_NOT_SUPPORTED'],
    ['a missing enc', { alg: 'RSA-OAEP-256' }, 'ERR_ALG_NOT_SUPPORTED'],
    ['zip', { alg: 'RSA-OAEP-256', enc: 'A256GCM', zip: 'DEF' }, 'ERR_INVALID_ARGUMENT'],
    ['a header that is an array', [], 'ERR_INVALID_ARGUMENT'],
  ] as const)('refuses %s', async (_name, header, code) => {
    await expectJoseError(compactEncrypt('x', await webCryptoKey('RSA-OAEP-256', 'public'), header as never), code)
  })

  it('refuses a private key, a key for another hash, and a non-bytes plaintext', async () => {
    const header = { alg: 'RSA-OAEP-256', enc: 'A256GCM' }
    await expectJoseError(compactEncrypt('x', await webCryptoKey('RSA-OAEP-256', 'private'), header), 'ERR_KEY_INVALID')
    await expectJoseError(compactEncrypt('x', await webCryptoKey('RSA-OAEP', 'public'), header), 'ERR_KEY_INVALID')
    await expectJoseError(compactEncrypt(1 as unknown as string, await webCryptoKey('RSA-OAEP-256', 'public'), header), 'ERR_INVALID_ARGUMENT')
  })
})
