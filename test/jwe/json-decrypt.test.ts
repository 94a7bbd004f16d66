/** flattenedDecrypt and generalDecrypt (RFC 7516 §7.2): every refusal by code, headers, aad and recipient selection. */
import { describe, expect, it } from 'vitest'
import { JoseError, DECRYPTION_FAILED_MESSAGE } from '../../src/errors.ts'
import { flattenedDecrypt } from '../../src/jwe/flattened-decrypt.ts'
import { generalDecrypt, type GeneralDecryptOptions } from '../../src/jwe/general-decrypt.ts'
import { flattenedEncrypt } from '../../src/jwe/flattened-encrypt.ts'
import { generalEncrypt } from '../../src/jwe/general-encrypt.ts'
import { importKey } from '../../src/keys/import-key.ts'
import { expectJoseError } from '../helpers/expect-jose.ts'
import { b64 } from '../helpers/tokens.ts'

const secret = (bytes: number): Uint8Array => crypto.getRandomValues(new Uint8Array(bytes))
const kwKey = (bytes = 16) => importKey(secret(bytes), 'A128KW')
const OPTIONS: GeneralDecryptOptions = { keyManagementAlgorithms: ['A128KW', 'A128GCMKW', 'dir'], contentEncryptionAlgorithms: ['A128GCM', 'A256GCM'] }
const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes)
const copy = <T>(value: T): Record<string, any> => JSON.parse(JSON.stringify(value))
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

describe('generalDecrypt', () => {
  async function twoRecipients() {
    const rsa = await crypto.subtle.generateKey({ name: 'RSA-OAEP', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, true, ['encrypt', 'decrypt'])
    const kw = await kwKey()
    const gcm = await importKey(secret(16), 'A128GCMKW')
    const jwe = copy(
      await generalEncrypt('to all', { protectedHeader: { enc: 'A128GCM' }, unprotectedHeader: { cty: 'text/plain' }, aad: 'a' }, [
        { key: rsa.publicKey, header: { alg: 'RSA-OAEP-256', kid: 'rsa' } },
        { key: kw, header: { alg: 'A128KW', kid: 'kw' } },
        { key: gcm, header: { alg: 'A128GCMKW', kid: 'gcm' } },
      ]),
    )
    return { jwe, rsa: rsa.privateKey, kw, gcm }
  }
  const ALL: GeneralDecryptOptions = { ...OPTIONS, keyManagementAlgorithms: ['RSA-OAEP-256', 'A128KW', 'A128GCMKW'] }

  it('each recipient decrypts with its own key, and the result names its index and headers', async () => {
    const { jwe, rsa, kw, gcm } = await twoRecipients()
    for (const [index, key] of [rsa, kw, gcm].entries()) {
      const result = await generalDecrypt(jwe, key, ALL)
      expect(result.index).toBe(index)
      expect(text(result.plaintext)).toBe('to all')
      expect(result.unprotectedHeader?.kid).toBe(['rsa', 'kw', 'gcm'][index])
      expect(result.sharedUnprotectedHeader).toEqual({ cty: 'text/plain' })
      expect(result.header.enc).toBe('A128GCM')
      expect(text(result.additionalAuthenticatedData!)).toBe('a')
    }
  })

  it('a resolver picks by kid; recipients without a key (ERR_JWKS_NO_MATCHING_KEY) are passed over', async () => {
    const { jwe, gcm } = await twoRecipients()
    const seen: unknown[] = []
    const resolver = (h: { kid?: string }) => {
      seen.push(h.kid)
      if (h.kid !== 'gcm') throw new JoseError('ERR_JWKS_NO_MATCHING_KEY', 'no key')
      return gcm
    }
    expect((await generalDecrypt(jwe, resolver, ALL)).index).toBe(2)
    expect(seen).toEqual(['rsa', 'kw', 'gcm'])
  })

  it('only recipients with an allowed "alg" are tried; none allowed is ERR_ALG_NOT_ALLOWED', async () => {
    const { jwe, kw } = await twoRecipients()
    const seen: unknown[] = []
    expect((await generalDecrypt(jwe, (h) => (seen.push(h.alg), kw), { ...OPTIONS, keyManagementAlgorithms: ['A128KW'] })).index).toBe(1)
    expect(seen).toEqual(['A128KW'])
    await expectJoseError(generalDecrypt(jwe, kw, { ...OPTIONS, keyManagementAlgorithms: ['dir'] }), 'ERR_ALG_NOT_ALLOWED')
    await expectJoseError(generalDecrypt(jwe, kw, { ...ALL, contentEncryptionAlgorithms: ['A256GCM'] }), 'ERR_ALG_NOT_ALLOWED')
  })

  it('every failure is the one ERR_JWE_DECRYPTION_FAILED: no key fits, a key does not open, a resolver fails to find one', async () => {
    const { jwe } = await twoRecipients()
    for (const key of [await kwKey(), await importKey(secret(16), 'dir'), (() => { throw new JoseError('ERR_KEY_INVALID', 'x') }) as never, (() => { throw new Error('x') }) as never]) {
      const error = await expectJoseError(generalDecrypt(jwe, key, ALL), 'ERR_JWE_DECRYPTION_FAILED')
      expect(error.message).toBe(DECRYPTION_FAILED_MESSAGE)
    }
  })

  it('a resolver that cannot reach its keys fails the call with its own error', async () => {
    const { jwe } = await twoRecipients()
    await expectJoseError(generalDecrypt(jwe, () => { throw new JoseError('ERR_JWKS_FETCH_FAILED', 'down') }, ALL), 'ERR_JWKS_FETCH_FAILED')
  })

  it.each([
    ['"recipients" absent', { recipients: undefined }],
    ['"recipients" not an array', { recipients: {} }],
    ['"recipients" empty', { recipients: [] }],
    ['a recipient not an object', { recipients: [1] }],
    ['a top-level "header"', { header: { kid: 'x' } }],
    ['a top-level "encrypted_key"', { encrypted_key: 'AAAA' }],
    ['recipients that disagree on "enc"', { protected: undefined, unprotected: { cty: 'x' }, recipients: [{ header: { alg: 'A128KW', enc: 'A128GCM' }, encrypted_key: 'AAAA' }, { header: { alg: 'A128KW', enc: 'A256GCM' }, encrypted_key: 'AAAA' }] }],
    ['a recipient header that repeats a shared parameter', { recipients: [{ header: { alg: 'A128KW', cty: 'x' }, encrypted_key: 'AAAA' }] }],
    ['a malformed AES-GCMKW "iv" of a candidate, before any key is used', { recipients: [{ header: { alg: 'A128GCMKW', iv: 'AAAA', tag: 'AAAAAAAAAAAAAAAAAAAAAA' }, encrypted_key: 'AAAA' }] }],
  ])('refuses %s (ERR_JWE_INVALID)', async (_name, change) => {
    const { jwe } = await twoRecipients()
    const noKey = () => expect.unreachable('no key is resolved for a malformed JWE') as never
    await expectJoseError(generalDecrypt({ ...jwe, ...change }, noKey, ALL), 'ERR_JWE_INVALID')
  })

  it('bounds the recipients (maxRecipients, default 8) and checks the option', async () => {
    const { jwe, kw } = await twoRecipients()
    const many = { ...jwe, recipients: Array.from({ length: 9 }, () => jwe.recipients[1]) }
    await expectJoseError(generalDecrypt(many, kw, ALL), 'ERR_JWE_INVALID')
    await expectJoseError(generalDecrypt(jwe, kw, { ...ALL, maxRecipients: 2 }), 'ERR_JWE_INVALID')
    expect((await generalDecrypt(many, kw, { ...ALL, maxRecipients: 9 })).index).toBe(0)
    for (const maxRecipients of [0, 1.5, '8', NaN]) {
      await expectJoseError(generalDecrypt(jwe, kw, { ...ALL, maxRecipients: maxRecipients as never }), 'ERR_INVALID_ARGUMENT')
    }
  })

  it('inflating a zipped plaintext that passes its cap fails the call (ERR_JWE_INVALID), not as a recipient failure', async () => {
    const vector = (await import('../../vectors/rfc7520/jwe/5_9.compressed_content.json', { with: { type: 'json' } })).default
    const key = await importKey(vector.input.key as JsonWebKey, 'A128KW')
    const options = { keyManagementAlgorithms: ['A128KW'], contentEncryptionAlgorithms: ['A128GCM'] } as const
    expect(text((await generalDecrypt(vector.output.json, key, { ...options, zip: { maxDecompressedBytes: 10_000 } })).plaintext)).toBe(vector.input.plaintext)
    await expectJoseError(generalDecrypt(vector.output.json, key, { ...options, zip: { maxDecompressedBytes: 10 } }), 'ERR_JWE_INVALID')
    await expectJoseError(flattenedDecrypt(vector.output.json_flat, key, options), 'ERR_JWE_INVALID')
  })
})
