/**
 * Interop with panva/jose for the JWE JSON serializations (RFC 7516 §7.2), both ways: flattened
 * and general, protected, shared unprotected and per-recipient headers, aad, and several
 * recipients of different algorithms sharing one CEK.
 */
import { describe, expect, it } from 'vitest'
import * as jose from 'jose'
import { flattenedDecrypt, flattenedEncrypt, generalDecrypt, generalEncrypt, importKey } from '../../src/index.ts'

const PLAINTEXT = 'Live long and prosper.'
const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes)
const utf8 = (value: string): Uint8Array => new TextEncoder().encode(value)
const OPTIONS = { keyManagementAlgorithms: ['A128KW', 'A256GCMKW', 'RSA-OAEP-256', 'dir'], contentEncryptionAlgorithms: ['A256GCM', 'A128CBC-HS256'] } as const

const kwSecret = crypto.getRandomValues(new Uint8Array(16))
const gcmSecret = crypto.getRandomValues(new Uint8Array(32))
const rsa = await crypto.subtle.generateKey({ name: 'RSA-OAEP', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, false, ['encrypt', 'decrypt'])
const kw = await importKey(kwSecret, 'A128KW')
const gcm = await importKey(gcmSecret, 'A256GCMKW')

describe('jose → webjose (JWE JSON serializations)', () => {
  it.each(['A256GCM', 'A128CBC-HS256'] as const)('flattenedDecrypt reads a jose flattened JWE with every header and aad (%s)', async (enc) => {
    const jwe = await new jose.FlattenedEncrypt(utf8(PLAINTEXT))
      .setProtectedHeader({ enc })
      .setSharedUnprotectedHeader({ cty: 'text/plain' })
      .setUnprotectedHeader({ alg: 'A128KW', kid: 'kw' })
      .setAdditionalAuthenticatedData(utf8('meta'))
      .encrypt(kwSecret)
    const result = await flattenedDecrypt(jwe, kw, OPTIONS)
    expect(text(result.plaintext)).toBe(PLAINTEXT)
    expect(result.header).toEqual({ enc, cty: 'text/plain', alg: 'A128KW', kid: 'kw' })
    expect(text(result.additionalAuthenticatedData!)).toBe('meta')
  })

  it('generalDecrypt reads a jose general JWE with three recipients, each with its own key', async () => {
    const encrypt = new jose.GeneralEncrypt(utf8(PLAINTEXT)).setProtectedHeader({ enc: 'A256GCM' }).setSharedUnprotectedHeader({ cty: 'text/plain' })
    encrypt.addRecipient(rsa.publicKey).setUnprotectedHeader({ alg: 'RSA-OAEP-256', kid: 'rsa' })
    encrypt.addRecipient(kwSecret).setUnprotectedHeader({ alg: 'A128KW', kid: 'kw' })
    encrypt.addRecipient(gcmSecret).setUnprotectedHeader({ alg: 'A256GCMKW', kid: 'gcm' })
    const jwe = await encrypt.encrypt()
    for (const [index, key] of [rsa.privateKey, kw, gcm].entries()) {
      const result = await generalDecrypt(jwe, key, OPTIONS)
      expect(result.index).toBe(index)
      expect(text(result.plaintext)).toBe(PLAINTEXT)
    }
  })
})

describe('webjose → jose (JWE JSON serializations)', () => {
  it('jose flattenedDecrypt reads webjose flattened JWEs, the algorithm parameters in the protected header or the recipient\'s', async () => {
    for (const options of [
      { protectedHeader: { alg: 'A256GCMKW', enc: 'A128CBC-HS256' }, unprotectedHeader: { cty: 'text/plain' }, aad: 'meta' },
      { protectedHeader: { enc: 'A256GCM' }, unprotectedHeader: { cty: 'text/plain' } },
    ]) {
      const header = options.protectedHeader.alg ? { kid: 'gcm' } : { alg: 'A256GCMKW', kid: 'gcm' }
      const jwe = await flattenedEncrypt(PLAINTEXT, options, { key: gcm, header })
      const result = await jose.flattenedDecrypt(jwe, gcmSecret)
      expect(text(result.plaintext)).toBe(PLAINTEXT)
      expect(result.sharedUnprotectedHeader).toEqual({ cty: 'text/plain' })
      if (options.aad) expect(text(result.additionalAuthenticatedData!)).toBe('meta')
    }
  })

  it('jose generalDecrypt reads a webjose general JWE for RSA-OAEP-256, A128KW and A256GCMKW recipients', async () => {
    const jwe = await generalEncrypt(PLAINTEXT, { protectedHeader: { enc: 'A256GCM' }, aad: utf8('meta') }, [
      { key: rsa.publicKey, header: { alg: 'RSA-OAEP-256', kid: 'rsa' } },
      { key: kw, header: { alg: 'A128KW', kid: 'kw' } },
      { key: gcm, header: { alg: 'A256GCMKW', kid: 'gcm' } },
    ])
    for (const key of [rsa.privateKey, kwSecret, gcmSecret]) {
      const result = await jose.generalDecrypt(jwe, key)
      expect(text(result.plaintext)).toBe(PLAINTEXT)
      expect(text(result.additionalAuthenticatedData!)).toBe('meta')
    }
  })

  it('"dir": jose reads a webjose flattened JWE without "encrypted_key"', async () => {
    const secret = crypto.getRandomValues(new Uint8Array(32))
    const jwe = await flattenedEncrypt(PLAINTEXT, { protectedHeader: { alg: 'dir', enc: 'A256GCM' } }, { key: await importKey(secret, 'dir') })
    expect(jwe.encrypted_key).toBeUndefined()
    expect(text((await jose.flattenedDecrypt(jwe, secret)).plaintext)).toBe(PLAINTEXT)
  })
})
