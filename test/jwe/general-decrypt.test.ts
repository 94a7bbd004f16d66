/** generalDecrypt (RFC 7516 §7.2.1): recipient selection, the one uniform failure, and every refusal by code. */
import { describe, expect, it } from 'vitest'
import { JoseError, DECRYPTION_FAILED_MESSAGE } from '../../src/errors.ts'
import { flattenedDecrypt } from '../../src/jwe/flattened-decrypt.ts'
import { generalDecrypt, type GeneralDecryptOptions } from '../../src/jwe/general-decrypt.ts'
import { generalEncrypt } from '../../src/jwe/general-encrypt.ts'
import { importKey } from '../../src/keys/import-key.ts'
import { expectJoseError } from '../helpers/expect-jose.ts'
import { OPTIONS, copy, kwKey, secret, text } from '../helpers/json-decrypt-fixture.ts'

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
