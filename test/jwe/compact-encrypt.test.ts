import { describe, expect, it } from 'vitest'
import { compactEncrypt } from '../../src/jwe/compact-encrypt.ts'
import { compactDecrypt } from '../../src/jwe/compact-decrypt.ts'
import { expectJoseError } from '../helpers/expect-jose.ts'
import { rsaKey, webCryptoKey } from '../helpers/keys.ts'
import { importKey } from '../../src/keys/import-key.ts'

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
    ['an unsupported alg', { alg: 'RSA1_5', enc: 'A256GCM' }, 'ERR_ALG_NOT_SUPPORTED'],
    ['an unsupported enc', { alg: 'RSA-OAEP-256', enc: 'A512GCM' }, 'ERR_ALG_NOT_SUPPORTED'],
    ['a missing enc', { alg: 'RSA-OAEP-256' }, 'ERR_ALG_NOT_SUPPORTED'],
    ['zip', { alg: 'RSA-OAEP-256', enc: 'A256GCM', zip: 'DEF' }, 'ERR_INVALID_ARGUMENT'],
    ['a header that is an array', [], 'ERR_INVALID_ARGUMENT'],
  ] as const)('refuses %s', async (_name, header, code) => {
    await expectJoseError(compactEncrypt('x', await webCryptoKey('RSA-OAEP-256', 'public'), header as never), code)
  })

  it('encrypts with a recipient key limited to "wrapKey" (RFC 7517 §4.3 key_ops for key encryption)', async () => {
    const header = { alg: 'RSA-OAEP-256', enc: 'A256GCM' } as const
    const options = { keyManagementAlgorithms: ['RSA-OAEP-256'], contentEncryptionAlgorithms: ['A256GCM'] } as const
    const privateKey = await webCryptoKey('RSA-OAEP-256', 'private')
    const fromJwk = await importKey({ ...rsaKey().publicJwk, key_ops: ['wrapKey'] }, 'RSA-OAEP-256')
    expect(fromJwk.usages).toEqual(['wrapKey'])
    for (const key of [fromJwk, await webCryptoKey('RSA-OAEP-256', 'public', 2048, ['wrapKey'])]) {
      const { plaintext } = await compactDecrypt(await compactEncrypt('wrapped', key, header), privateKey, options)
      expect(new TextDecoder().decode(plaintext)).toBe('wrapped')
    }
    const error = await expectJoseError(compactEncrypt('x', await webCryptoKey('RSA-OAEP-256', 'public', 2048, []), header), 'ERR_KEY_INVALID')
    expect(error.message).toBe('key usages lack encrypt')
  })

  it('refuses a private key, a key for another hash, and a non-bytes plaintext', async () => {
    const header = { alg: 'RSA-OAEP-256', enc: 'A256GCM' }
    await expectJoseError(compactEncrypt('x', await webCryptoKey('RSA-OAEP-256', 'private'), header), 'ERR_KEY_INVALID')
    await expectJoseError(compactEncrypt('x', await webCryptoKey('RSA-OAEP', 'public'), header), 'ERR_KEY_INVALID')
    await expectJoseError(compactEncrypt(1 as unknown as string, await webCryptoKey('RSA-OAEP-256', 'public'), header), 'ERR_INVALID_ARGUMENT')
  })
})
