/** flattenedEncrypt and generalEncrypt (RFC 7516 §7.2): members, header placement, one CEK, and every refusal by code. */
import { describe, expect, it } from 'vitest'
import { flattenedEncrypt } from '../../src/jwe/flattened-encrypt.ts'
import { generalEncrypt } from '../../src/jwe/general-encrypt.ts'
import { flattenedDecrypt } from '../../src/jwe/flattened-decrypt.ts'
import { generalDecrypt } from '../../src/jwe/general-decrypt.ts'
import { importKey } from '../../src/keys/import-key.ts'
import { expectJoseError } from '../helpers/expect-jose.ts'

const secret = (bytes: number): Uint8Array => crypto.getRandomValues(new Uint8Array(bytes))
const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes)
const decoded = (segment: string): unknown => JSON.parse(Buffer.from(segment, 'base64url').toString())
const OPTIONS = {
  keyManagementAlgorithms: ['A128KW', 'A256GCMKW', 'PBES2-HS256+A128KW', 'dir'],
  contentEncryptionAlgorithms: ['A128GCM', 'A128CBC-HS256'],
} as const
const PROTECTED = { alg: 'A128KW', enc: 'A128GCM' }

describe('flattenedEncrypt', () => {
  it('writes the members of RFC 7516 §7.2.2 in order, leaving out empty ones', async () => {
    const key = await importKey(secret(16), 'A128KW')
    const jwe = await flattenedEncrypt(new TextEncoder().encode('x'), { protectedHeader: PROTECTED, unprotectedHeader: { cty: 'a' }, aad: new Uint8Array([1, 2]) }, { key, header: { kid: 'k' } })
    expect(Object.keys(jwe)).toEqual(['protected', 'unprotected', 'header', 'encrypted_key', 'aad', 'iv', 'ciphertext', 'tag'])
    expect(decoded(jwe.protected!)).toEqual(PROTECTED)
    expect(jwe.aad).toBe('AQI')
    const bare = await flattenedEncrypt('x', { protectedHeader: PROTECTED, unprotectedHeader: {}, aad: '' }, { key, header: {} })
    expect(Object.keys(bare)).toEqual(['protected', 'encrypted_key', 'iv', 'ciphertext', 'tag'])
    expect(text((await flattenedDecrypt(bare, key, OPTIONS)).plaintext)).toBe('x')
  })

  it('puts the algorithm\'s parameters in the header that carries "alg", or where the caller named them', async () => {
    const gcm = await importKey(secret(32), 'A256GCMKW')
    const inProtected = await flattenedEncrypt('x', { protectedHeader: { alg: 'A256GCMKW', enc: 'A128GCM' } }, { key: gcm })
    expect(Object.keys(decoded(inProtected.protected!) as object).sort()).toEqual(['alg', 'enc', 'iv', 'tag'])
    const inRecipient = await flattenedEncrypt('x', { protectedHeader: { enc: 'A128GCM' } }, { key: gcm, header: { alg: 'A256GCMKW' } })
    expect(Object.keys(inRecipient.header!).sort()).toEqual(['alg', 'iv', 'tag'])
    const inShared = await flattenedEncrypt('x', { unprotectedHeader: { alg: 'A256GCMKW', enc: 'A128GCM' } }, { key: gcm })
    expect(Object.keys(inShared.unprotected!).sort()).toEqual(['alg', 'enc', 'iv', 'tag'])
    const password = await importKey(new TextEncoder().encode('correct horse'), 'PBES2-HS256+A128KW')
    const p2c = await flattenedEncrypt('x', { protectedHeader: { alg: 'PBES2-HS256+A128KW', enc: 'A128GCM' } }, { key: password, header: { p2c: 2000 } })
    expect(p2c.header).toEqual({ p2c: 2000 })
    expect(decoded(p2c.protected!)).toHaveProperty('p2s')
    for (const jwe of [inProtected, inRecipient, inShared]) expect(text((await flattenedDecrypt(jwe, gcm, OPTIONS)).plaintext)).toBe('x')
    expect(text((await flattenedDecrypt(p2c, password, OPTIONS)).plaintext)).toBe('x')
  })

  it.each([
    ['options not an object', 'x', null],
    ['a protected header not an object', 'x', { protectedHeader: [] }],
    ['a shared header not an object', 'x', { protectedHeader: PROTECTED, unprotectedHeader: 'h' }],
    ['"zip"', 'x', { protectedHeader: { ...PROTECTED, zip: 'DEF' } }],
    ['"crit" unprotected', 'x', { protectedHeader: PROTECTED, unprotectedHeader: { crit: ['a'] } }],
    ['"zip" unprotected', 'x', { protectedHeader: PROTECTED, unprotectedHeader: { zip: 'DEF' } }],
    ['a parameter in two headers', 'x', { protectedHeader: PROTECTED, unprotectedHeader: { enc: 'A128GCM' } }],
    ['a registered parameter of the wrong type', 'x', { protectedHeader: PROTECTED, unprotectedHeader: { kid: 1 } }],
    ['a plaintext of another type', 42, { protectedHeader: PROTECTED }],
    ['an aad of another type', 'x', { protectedHeader: PROTECTED, aad: 42 }],
  ])('refuses %s (ERR_INVALID_ARGUMENT)', async (_name, plaintext, options) => {
    const key = await importKey(secret(16), 'A128KW')
    await expectJoseError(flattenedEncrypt(plaintext as never, options as never, { key }), 'ERR_INVALID_ARGUMENT')
  })

  it('refuses a recipient that is not an object, a recipient header in conflict, and a key that does not fit', async () => {
    const key = await importKey(secret(16), 'A128KW')
    await expectJoseError(flattenedEncrypt('x', { protectedHeader: PROTECTED }, null as never), 'ERR_INVALID_ARGUMENT')
    await expectJoseError(flattenedEncrypt('x', { protectedHeader: PROTECTED }, { key, header: 'h' as never }), 'ERR_INVALID_ARGUMENT')
    await expectJoseError(flattenedEncrypt('x', { protectedHeader: PROTECTED }, { key, header: { alg: 'A128KW' } }), 'ERR_INVALID_ARGUMENT')
    await expectJoseError(flattenedEncrypt('x', { protectedHeader: PROTECTED }, { key, header: { crit: ['b'] } }), 'ERR_INVALID_ARGUMENT')
    await expectJoseError(flattenedEncrypt('x', { protectedHeader: PROTECTED }, { key: await importKey(secret(32), 'A256GCMKW') }), 'ERR_KEY_INVALID')
    await expectJoseError(flattenedEncrypt('x', { protectedHeader: PROTECTED }, { key: {} as CryptoKey }), 'ERR_KEY_INVALID')
  })

  it('refuses an "alg" or "enc" it does not implement (ERR_ALG_NOT_SUPPORTED)', async () => {
    const key = await importKey(secret(16), 'A128KW')
    await expectJoseError(flattenedEncrypt('x', { protectedHeader: { alg: 'RSA1_5', enc: 'A128GCM' } }, { key }), 'ERR_ALG_NOT_SUPPORTED')
    await expectJoseError(flattenedEncrypt('x', { protectedHeader: { enc: 'A128GCM' } }, { key }), 'ERR_ALG_NOT_SUPPORTED')
    await expectJoseError(flattenedEncrypt('x', { protectedHeader: { alg: 'A128KW', enc: 'A128CBC' } }, { key }), 'ERR_ALG_NOT_SUPPORTED')
  })
})

describe('generalEncrypt', () => {
  it('wraps one CEK for every recipient; each decrypts the one ciphertext', async () => {
    const kw = await importKey(secret(16), 'A128KW')
    const gcm = await importKey(secret(32), 'A256GCMKW')
    const password = await importKey(new TextEncoder().encode('pw'), 'PBES2-HS256+A128KW')
    const jwe = await generalEncrypt('shared', { protectedHeader: { enc: 'A128CBC-HS256', p2c: 1000 }, aad: 'x' }, [
      { key: kw, header: { alg: 'A128KW' } },
      { key: gcm, header: { alg: 'A256GCMKW' } },
      { key: password, header: { alg: 'PBES2-HS256+A128KW' } },
    ])
    expect(Object.keys(jwe)).toEqual(['protected', 'recipients', 'aad', 'iv', 'ciphertext', 'tag'])
    expect(Object.keys(jwe.recipients[1]!.header!).sort()).toEqual(['alg', 'iv', 'tag'])
    expect(Object.keys(jwe.recipients[2]!.header!).sort()).toEqual(['alg', 'p2s'])
    for (const [index, key] of [kw, gcm, password].entries()) {
      const result = await generalDecrypt(jwe, key, OPTIONS)
      expect(result.index).toBe(index)
      expect(text(result.plaintext)).toBe('shared')
    }
  })

  it('refuses no recipients, "dir" with several, disagreeing "enc", and a per-recipient parameter set in a shared header', async () => {
    const kw = await importKey(secret(16), 'A128KW')
    const gcm = await importKey(secret(32), 'A256GCMKW')
    const dir = await importKey(secret(16), 'dir')
    await expectJoseError(generalEncrypt('x', { protectedHeader: { enc: 'A128GCM' } }, []), 'ERR_INVALID_ARGUMENT')
    await expectJoseError(generalEncrypt('x', { protectedHeader: { enc: 'A128GCM' } }, {} as never), 'ERR_INVALID_ARGUMENT')
    await expectJoseError(generalEncrypt('x', { protectedHeader: { enc: 'A128GCM' } }, [{ key: dir, header: { alg: 'dir' } }, { key: kw, header: { alg: 'A128KW' } }]), 'ERR_INVALID_ARGUMENT')
    await expectJoseError(generalEncrypt('x', {}, [{ key: kw, header: { alg: 'A128KW', enc: 'A128GCM' } }, { key: kw, header: { alg: 'A128KW', enc: 'A128CBC-HS256' } }]), 'ERR_INVALID_ARGUMENT')
    await expectJoseError(generalEncrypt('x', { protectedHeader: { enc: 'A128GCM', iv: 'AAAAAAAAAAAAAAAA' } }, [{ key: gcm, header: { alg: 'A256GCMKW' } }, { key: gcm, header: { alg: 'A256GCMKW' } }]), 'ERR_INVALID_ARGUMENT')
    await expectJoseError(generalEncrypt('x', { protectedHeader: { enc: 'A128GCM' } }, [{ key: kw, header: { alg: 'A128KW' } }, 7 as never]), 'ERR_INVALID_ARGUMENT')
  })

  it('"dir" with a single recipient sends no "encrypted_key"', async () => {
    const dir = await importKey(secret(16), 'dir')
    const jwe = await generalEncrypt('d', { protectedHeader: { alg: 'dir', enc: 'A128GCM' } }, [{ key: dir }])
    expect(jwe.recipients).toEqual([{}])
    expect(text((await generalDecrypt(jwe, dir, OPTIONS)).plaintext)).toBe('d')
  })
})
