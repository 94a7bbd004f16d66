/** Branches of the shared-key families and CBC-HS that need a runtime without AES-192 or a failing Web Crypto call. */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { compactDecrypt } from '../../src/jwe/compact-decrypt.ts'
import { compactEncrypt } from '../../src/jwe/compact-encrypt.ts'
import { importKey } from '../../src/keys/import-key.ts'
import { DecryptionKeySet } from '../../src/jwks/decryption-key-set.ts'
import { decryptAndVerifyJwt } from '../../src/verifier/decrypt-and-verify-jwt.ts'
import { expectJoseError } from '../helpers/expect-jose.ts'

const plaintext = new TextEncoder().encode('payload')
const subtle = crypto.subtle as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>

afterEach(() => {
  vi.restoreAllMocks()
})

/** Makes Web Crypto refuse 192-bit AES keys of `name`, as Chromium does. */
function withoutAes192(name: string): void {
  const importKeyOriginal = subtle.importKey!.bind(crypto.subtle)
  vi.spyOn(subtle, 'importKey').mockImplementation((...args: unknown[]) => {
    const [format, data, algorithm] = args as [string, Uint8Array, { name: string }]
    if (format === 'raw' && (algorithm?.name ?? algorithm) === name && data.length === 24) return Promise.reject(new DOMException('192-bit AES keys are not supported', 'OperationError'))
    return importKeyOriginal(...args)
  })
}

describe('AES-192 where the runtime lacks it: ERR_ALG_NOT_SUPPORTED', () => {
  it('A192CBC-HS384 content decryption', async () => {
    const key = await importKey(new Uint8Array(16), 'A128KW')
    const token = await compactEncrypt(plaintext, key, { alg: 'A128KW', enc: 'A192CBC-HS384' })
    withoutAes192('AES-CBC')
    await expectJoseError(compactDecrypt(token, key, { keyManagementAlgorithms: ['A128KW'], contentEncryptionAlgorithms: ['A192CBC-HS384'] }), 'ERR_ALG_NOT_SUPPORTED')
  })

  it('PBES2-HS384+A192KW: the derived key', async () => {
    const key = await importKey(new TextEncoder().encode('password'), 'PBES2-HS384+A192KW')
    const token = await compactEncrypt(plaintext, key, { alg: 'PBES2-HS384+A192KW', enc: 'A128GCM', p2c: 1000 })
    withoutAes192('AES-KW')
    await expectJoseError(
      compactDecrypt(token, key, { keyManagementAlgorithms: ['PBES2-HS384+A192KW'], contentEncryptionAlgorithms: ['A128GCM'] }),
      'ERR_ALG_NOT_SUPPORTED',
    )
  })

  it('importKey of a 192-bit AES key', async () => {
    withoutAes192('AES-KW')
    await expectJoseError(importKey(new Uint8Array(24), 'A192KW'), 'ERR_ALG_NOT_SUPPORTED')
  })
})

describe('failures inside a family', () => {
  it('PBES2: a failed derivation continues with a random CEK: the uniform failure', async () => {
    const key = await importKey(new TextEncoder().encode('password'), 'PBES2-HS256+A128KW')
    const token = await compactEncrypt(plaintext, key, { alg: 'PBES2-HS256+A128KW', enc: 'A128GCM', p2c: 1000 })
    vi.spyOn(subtle, 'deriveBits').mockRejectedValue(new DOMException('failed', 'OperationError'))
    const error = await expectJoseError(
      compactDecrypt(token, key, { keyManagementAlgorithms: ['PBES2-HS256+A128KW'], contentEncryptionAlgorithms: ['A128GCM'] }),
      'ERR_JWE_DECRYPTION_FAILED',
    )
    expect(error.message).toBe('JWE decryption failed')
  })

  it('dir: a key that cannot be read out is ERR_KEY_INVALID', async () => {
    const key = await crypto.subtle.importKey('raw', new Uint8Array(16), { name: 'HMAC', hash: 'SHA-1' }, false, ['sign'])
    await expectJoseError(compactEncrypt(plaintext, key, { alg: 'dir', enc: 'A128GCM' }), 'ERR_KEY_INVALID')
  })

  it('A*GCMKW: an AES-GCM key of another size than the alg names is ERR_KEY_INVALID both ways', async () => {
    const key = await importKey(new Uint8Array(16), 'A128GCMKW')
    const token = await compactEncrypt(plaintext, key, { alg: 'A128GCMKW', enc: 'A128GCM' })
    const big = await importKey(new Uint8Array(32), 'A256GCMKW')
    await expectJoseError(compactEncrypt(plaintext, big, { alg: 'A128GCMKW', enc: 'A128GCM' }), 'ERR_KEY_INVALID')
    await expectJoseError(compactDecrypt(token, big, { keyManagementAlgorithms: ['A128GCMKW'], contentEncryptionAlgorithms: ['A128GCM'] }), 'ERR_KEY_INVALID')
  })

  it('maxPbes2Count that is not an integer of at least 1000 is ERR_INVALID_ARGUMENT', async () => {
    const key = await importKey(new TextEncoder().encode('password'), 'PBES2-HS256+A128KW')
    const token = await compactEncrypt(plaintext, key, { alg: 'PBES2-HS256+A128KW', enc: 'A128GCM', p2c: 1000 })
    for (const maxPbes2Count of [999, 1000.5, Number.NaN, '2000' as never]) {
      await expectJoseError(
        compactDecrypt(token, key, { keyManagementAlgorithms: ['PBES2-HS256+A128KW'], contentEncryptionAlgorithms: ['A128GCM'], maxPbes2Count }),
        'ERR_INVALID_ARGUMENT',
      )
    }
  })
})

describe('DecryptionKeySet with CryptoKeys of the shared-key algorithms', () => {
  it('selects by kid, then by the alg the key serves', async () => {
    const kw = await importKey(new Uint8Array(16).fill(1), 'A128KW')
    const gcmkw = await importKey(new Uint8Array(32).fill(2), 'A256GCMKW')
    const password = await importKey(new TextEncoder().encode('password'), 'PBES2-HS256+A128KW')
    const dir = await importKey(new Uint8Array(32).fill(3), 'dir')
    const set = new DecryptionKeySet([{ key: kw }, { key: gcmkw }, { key: password }, { key: dir }])
    const cases = [
      [kw, 'A128KW'],
      [gcmkw, 'A256GCMKW'],
      [password, 'PBES2-HS256+A128KW'],
      [dir, 'dir'],
    ] as const
    for (const [key, alg] of cases) {
      const token = await compactEncrypt(plaintext, key, { alg, enc: 'A256GCM', ...(alg.startsWith('PBES2') ? { p2c: 1000 } : {}) })
      const header = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(token.split('.')[0]!.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0))))
      expect(await set.candidates(header)).toEqual([key])
      const { plaintext: opened } = await compactDecrypt(token, (h) => set.candidates(h).then(([k]) => k!), {
        keyManagementAlgorithms: [alg],
        contentEncryptionAlgorithms: ['A256GCM'],
      })
      expect(opened).toEqual(plaintext)
    }
    await expectJoseError(set.candidates({ alg: 'A192KW', enc: 'A256GCM' }), 'ERR_JWKS_NO_MATCHING_KEY')
  })

  it('decryptAndVerifyJwt takes a set of shared-key CryptoKeys (a failed unwrap is the uniform failure)', async () => {
    const kw = await importKey(new Uint8Array(16).fill(1), 'A128KW')
    const token = await compactEncrypt('not.a.jwt', await importKey(new Uint8Array(16).fill(9), 'A128KW'), { alg: 'A128KW', enc: 'A128GCM' })
    await expectJoseError(
      decryptAndVerifyJwt(token, {
        decryptionKey: new DecryptionKeySet([{ key: kw }]),
        verificationKey: kw,
        keyManagementAlgorithms: ['A128KW'],
        contentEncryptionAlgorithms: ['A128GCM'],
        algorithms: ['RS256'],
        issuer: 'i',
        audience: 'a',
      }),
      'ERR_JWE_DECRYPTION_FAILED',
    )
  })
})
