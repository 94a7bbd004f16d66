/** flattenedDecrypt (RFC 7516 §7.2.2): every refusal by code, the joined and separate headers, and aad. */
import { describe, expect, it } from 'vitest'
import { DECRYPTION_FAILED_MESSAGE } from '../../src/errors.ts'
import { flattenedDecrypt } from '../../src/jwe/flattened-decrypt.ts'
import { flattenedEncrypt } from '../../src/jwe/flattened-encrypt.ts'
import { importKey } from '../../src/keys/import-key.ts'
import { expectJoseError } from '../helpers/expect-jose.ts'
import { b64 } from '../helpers/tokens.ts'
import { OPTIONS, copy, kwKey, secret, text } from '../helpers/json-decrypt-fixture.ts'

const header = (value: object): string => b64(JSON.stringify(value))

async function flat(key?: CryptoKey, extra: { aad?: string; unprotectedHeader?: object; header?: object; protectedHeader?: object } = {}) {
  key ??= await kwKey()
  const jwe = await flattenedEncrypt(
    'hello',
    { protectedHeader: (extra.protectedHeader ?? { alg: 'A128KW', enc: 'A128GCM' }) as never, unprotectedHeader: extra.unprotectedHeader as never, aad: extra.aad },
    { key, header: (extra.header ?? { kid: 'k1' }) as never },
  )
  return { jwe: copy(jwe), key }
}

describe('flattenedDecrypt', () => {
  it('decrypts, with the joined header, each header apart and the aad bytes', async () => {
    const { jwe, key } = await flat(undefined, { aad: 'meta', unprotectedHeader: { cty: 'text/plain' } })
    const result = await flattenedDecrypt(JSON.stringify(jwe), key, OPTIONS)
    expect(text(result.plaintext)).toBe('hello')
    expect(result.header).toEqual({ alg: 'A128KW', enc: 'A128GCM', cty: 'text/plain', kid: 'k1' })
    expect(result.protectedHeader).toEqual({ alg: 'A128KW', enc: 'A128GCM' })
    expect(result.sharedUnprotectedHeader).toEqual({ cty: 'text/plain' })
    expect(result.unprotectedHeader).toEqual({ kid: 'k1' })
    expect(text(result.additionalAuthenticatedData!)).toBe('meta')
  })

  it('the resolver receives the joined header; without "aad" or headers none is reported', async () => {
    const key = await kwKey()
    const jwe = copy(await flattenedEncrypt('x', { unprotectedHeader: { alg: 'A128KW', enc: 'A128GCM', kid: 'only' } }, { key }))
    expect(jwe.protected).toBeUndefined()
    let seen: unknown
    const result = await flattenedDecrypt(jwe, (h) => ((seen = h.kid), key), OPTIONS)
    expect(seen).toBe('only')
    expect(result.protectedHeader).toBeUndefined()
    expect(result.unprotectedHeader).toBeUndefined()
    expect(result.additionalAuthenticatedData).toBeUndefined()
  })

  it('"aad" and the protected header are authenticated with the ciphertext (RFC 7516 §5.1 step 14)', async () => {
    const { jwe, key } = await flat(undefined, { aad: 'meta' })
    await expectJoseError(flattenedDecrypt({ ...jwe, aad: b64('other') }, key, OPTIONS), 'ERR_JWE_DECRYPTION_FAILED')
    await expectJoseError(flattenedDecrypt({ ...jwe, aad: undefined }, key, OPTIONS), 'ERR_JWE_DECRYPTION_FAILED')
    const noAad = (await flat(key)).jwe
    await expectJoseError(flattenedDecrypt({ ...noAad, aad: b64('added') }, key, OPTIONS), 'ERR_JWE_DECRYPTION_FAILED')
    const error = await expectJoseError(flattenedDecrypt({ ...jwe, protected: header({ alg: 'A128KW', enc: 'A128GCM', x: 1 }) }, key, OPTIONS), 'ERR_JWE_DECRYPTION_FAILED')
    expect(error.message).toBe(DECRYPTION_FAILED_MESSAGE)
  })

  it.each([
    ['a number', 42],
    ['an array', []],
    ['JSON text of an array', '[]'],
    ['text that is not JSON', '{'],
    ['an object with "recipients"', { recipients: [] }],
    ['no "ciphertext"', { protected: header({ alg: 'A128KW', enc: 'A128GCM' }), iv: 'AAAAAAAAAAAAAAAA', tag: 'AAAAAAAAAAAAAAAAAAAAAA', encrypted_key: 'AAAA' }],
  ])('refuses %s (ERR_JWE_INVALID)', async (_name, input) => {
    await expectJoseError(flattenedDecrypt(input as never, await kwKey(), OPTIONS), 'ERR_JWE_INVALID')
  })

  it('refuses an object JSON cannot carry (ERR_JWE_INVALID) and text over maxTokenLength (ERR_TOKEN_TOO_LARGE)', async () => {
    const { jwe, key } = await flat()
    await expectJoseError(flattenedDecrypt({ ...jwe, extra: 1n }, key, OPTIONS), 'ERR_JWE_INVALID')
    await expectJoseError(flattenedDecrypt(jwe, key, { ...OPTIONS, maxTokenLength: 100 }), 'ERR_TOKEN_TOO_LARGE')
    await expectJoseError(flattenedDecrypt(JSON.stringify(jwe), key, { ...OPTIONS, maxTokenLength: 100 }), 'ERR_TOKEN_TOO_LARGE')
    await expectJoseError(flattenedDecrypt(jwe, key, { ...OPTIONS, maxHeaderLength: 10 }), 'ERR_TOKEN_TOO_LARGE')
  })

  describe('members', () => {
    it.each([
      ['"protected" not a string', { protected: 1 }],
      ['"protected" empty', { protected: '' }],
      ['"protected" not base64url', { protected: 'e30=' }, 'ERR_BASE64URL'],
      ['"protected" not JSON', { protected: b64('{') }],
      ['"protected" an array', { protected: b64('[]') }],
      ['a parameter of the wrong type', { protected: header({ alg: 'A128KW', enc: 'A128GCM', kid: 7 }) }],
      ['"unprotected" not an object', { unprotected: 'x' }],
      ['"unprotected" empty', { unprotected: {} }],
      ['"unprotected" with a typed parameter of the wrong type', { unprotected: { cty: 1 } }],
      ['"header" not an object', { header: [] }],
      ['"header" empty', { header: {} }],
      ['"encrypted_key" not a string', { encrypted_key: 1 }],
      ['"encrypted_key" empty', { encrypted_key: '' }],
      ['"encrypted_key" absent', { encrypted_key: undefined }],
      ['"iv" empty', { iv: '' }],
      ['"iv" absent', { iv: undefined }],
      ['"iv" of another size', { iv: 'AAAAAAAAAAAAAAAAAAAA' }],
      ['"tag" absent', { tag: undefined }],
      ['"tag" of another size', { tag: 'AAAAAAAAAAAAAAAA' }],
      ['"ciphertext" not a string', { ciphertext: 7 }],
      ['"ciphertext" not base64url', { ciphertext: 'a+b' }, 'ERR_BASE64URL'],
      ['"aad" not a string', { aad: 1 }],
      ['"aad" empty', { aad: '' }],
      ['"aad" not base64url', { aad: 'a=' }, 'ERR_BASE64URL'],
      ['no "alg" in any header', { protected: header({ enc: 'A128GCM' }) }],
      ['no "enc" in any header', { protected: header({ alg: 'A128KW' }) }],
      ['"alg" and "enc" swapped', { protected: header({ alg: 'A128GCM', enc: 'A128KW' }) }],
      ['"zip" not enabled', { protected: header({ alg: 'A128KW', enc: 'A128GCM', zip: 'DEF' }) }],
    ])('refuses %s', async (_name, change, code = 'ERR_JWE_INVALID') => {
      const { jwe, key } = await flat()
      await expectJoseError(flattenedDecrypt({ ...jwe, ...change }, key, OPTIONS), code as never)
    })

    it('refuses a header parameter in two headers, and "crit" or "zip" outside the protected header (RFC 7516 §7.2.1, §4.1.3)', async () => {
      const { jwe, key } = await flat()
      for (const change of [
        { unprotected: { alg: 'A128KW' } },
        { header: { enc: 'A128GCM' } },
        { unprotected: { kid: 'k1' } },
        { unprotected: { crit: ['x'] } },
        { unprotected: { zip: 'DEF' } },
        { header: { kid: 'k1', crit: ['x'] } },
        { header: { kid: 'k1', zip: 'DEF' } },
      ]) {
        await expectJoseError(flattenedDecrypt({ ...jwe, ...change }, key, { ...OPTIONS, zip: { maxDecompressedBytes: 100 } }), 'ERR_JWE_INVALID')
      }
    })

    it('"crit" in the protected header must be understood', async () => {
      const { jwe, key } = await flat(undefined, { protectedHeader: { alg: 'A128KW', enc: 'A128GCM', crit: ['exp'], exp: 1 } })
      await expectJoseError(flattenedDecrypt(jwe, key, OPTIONS), 'ERR_CRIT_UNSUPPORTED')
      expect(text((await flattenedDecrypt(jwe, key, { ...OPTIONS, crit: ['exp'] })).plaintext)).toBe('hello')
      await expectJoseError(flattenedDecrypt({ ...jwe, protected: header({ alg: 'A128KW', enc: 'A128GCM', crit: [] }) }, key, OPTIONS), 'ERR_JWE_INVALID')
    })

    it('the allow-lists apply to the joined header', async () => {
      const { jwe, key } = await flat(undefined, { protectedHeader: { enc: 'A128GCM' }, header: { alg: 'A128KW' } })
      await expectJoseError(flattenedDecrypt(jwe, key, { ...OPTIONS, keyManagementAlgorithms: ['A128GCMKW'] }), 'ERR_ALG_NOT_ALLOWED')
      await expectJoseError(flattenedDecrypt(jwe, key, { ...OPTIONS, contentEncryptionAlgorithms: ['A256GCM'] }), 'ERR_ALG_NOT_ALLOWED')
      expect(text((await flattenedDecrypt(jwe, key, OPTIONS)).plaintext)).toBe('hello')
    })

    it('"dir" has no "encrypted_key"; the family checks of the compact form apply', async () => {
      const key = await importKey(secret(16), 'dir')
      const jwe = copy(await flattenedEncrypt('d', { protectedHeader: { alg: 'dir', enc: 'A128GCM' } }, { key }))
      expect(jwe.encrypted_key).toBeUndefined()
      expect(text((await flattenedDecrypt(jwe, key, OPTIONS)).plaintext)).toBe('d')
      await expectJoseError(flattenedDecrypt({ ...jwe, encrypted_key: 'AAAA' }, key, OPTIONS), 'ERR_JWE_INVALID')
      await expectJoseError(flattenedDecrypt(jwe, key, { ...OPTIONS, keyManagementAlgorithms: ['A128KW'] }), 'ERR_ALG_NOT_ALLOWED')
    })

    it('a wrong key and a flipped ciphertext are the one uniform failure; a resolver error passes through as in compactDecrypt', async () => {
      const { jwe, key } = await flat()
      await expectJoseError(flattenedDecrypt(jwe, await kwKey(), OPTIONS), 'ERR_JWE_DECRYPTION_FAILED')
      const bytes = Buffer.from(jwe.ciphertext, 'base64url')
      bytes[0]! ^= 1
      await expectJoseError(flattenedDecrypt({ ...jwe, ciphertext: b64(bytes) }, key, OPTIONS), 'ERR_JWE_DECRYPTION_FAILED')
      await expectJoseError(flattenedDecrypt(jwe, () => { throw new Error('no') }, OPTIONS), 'ERR_KEY_INVALID')
      await expectJoseError(flattenedDecrypt(jwe, key, { keyManagementAlgorithms: ['A128KW'] } as never), 'ERR_INVALID_ARGUMENT')
    })
  })
})
