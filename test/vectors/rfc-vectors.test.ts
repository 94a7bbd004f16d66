/**
 * Conformance with the published vectors: RFC 7515 A.2, RFC 7516 A.1, A.4 and A.5 and the RFC 7520
 * cookbook (§3 keys, §4.1, §4.2, §5.2, §6). Every vector is verified or decrypted through
 * the public API, and the deterministic parts are reproduced byte for byte.
 */
import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { compactDecrypt, compactSign, compactVerify, flattenedDecrypt, generalDecrypt, importKey, jwtVerify, type JweHeader } from '../../src/index.ts'
import { encrypt as aesGcmEncrypt } from '../../src/algorithms/content-encryption/aes-gcm-encrypt.ts'
import { contentEncryption } from '../../src/algorithms/content-encryption.ts'
import { expectJoseError } from '../helpers/expect-jose.ts'

const load = (path: string) => JSON.parse(readFileSync(new URL(`../../vectors/${path}`, import.meta.url), 'utf8'))
const bytes = (b64u: string) => new Uint8Array(Buffer.from(b64u, 'base64url'))
const text = (data: Uint8Array) => new TextDecoder().decode(data)
const publicPart = ({ kty, n, e }: { kty: string; n: string; e: string }): JsonWebKey => ({ kty, n, e })

const rfc7515 = load('rfc7515-a2-rs256.json')
const rfc7516 = load('rfc7516-a1-rsa-oaep-a256gcm.json')
const rfc7516General = load('rfc7516-a4-general-rsa1_5-a128kw-a128cbc-hs256.json')
const rfc7516Flattened = load('rfc7516-a5-flattened-a128kw-a128cbc-hs256.json')
const cookbookRsaPublic = load('rfc7520/jwk/3_3.rsa_public_key.json')
const cookbookRsaPrivate = load('rfc7520/jwk/3_4.rsa_private_key.json')
const rs256 = load('rfc7520/jws/4_1.rsa_v15_signature.json')
const ps384 = load('rfc7520/jws/4_2.rsa-pss_signature.json')
const oaepGcm = load('rfc7520/jwe/5_2.key_encryption_using_rsa-oaep_with_aes-gcm.json')
const nested = load('rfc7520/6.nesting_signatures_and_encryption.json')

describe('RFC 7515 A.2 (RS256)', () => {
  it('verifies the compact JWS', async () => {
    const key = await importKey(publicPart(rfc7515.jwk), 'RS256')
    const { payload, header } = await compactVerify(rfc7515.compact, key, { algorithms: ['RS256'] })
    expect(header).toEqual({ alg: 'RS256' })
    expect(payload).toEqual(bytes(rfc7515.payload))
  })

  it('reproduces the signature and the compact form byte for byte', async () => {
    const key = await importKey(rfc7515.jwk, 'RS256')
    const token = await compactSign(bytes(rfc7515.payload), key, JSON.parse(rfc7515.protectedHeaderJson))
    expect(token).toBe(rfc7515.compact)
  })

  it('rejects the vector with one payload bit flipped', async () => {
    const key = await importKey(publicPart(rfc7515.jwk), 'RS256')
    const payload = bytes(rfc7515.payload)
    payload[0]! ^= 1
    const forged = `${rfc7515.protected}.${Buffer.from(payload).toString('base64url')}.${rfc7515.signature}`
    await expectJoseError(compactVerify(forged, key, { algorithms: ['RS256'] }), 'ERR_JWS_SIGNATURE_INVALID')
  })
})

describe('RFC 7516 A.1 (RSA-OAEP + A256GCM)', () => {
  it('decrypts the compact JWE', async () => {
    const key = await importKey(rfc7516.jwk, 'RSA-OAEP')
    const { plaintext, header } = await compactDecrypt(rfc7516.compact, key, {
      keyManagementAlgorithms: ['RSA-OAEP'],
      contentEncryptionAlgorithms: ['A256GCM'],
    })
    expect(header).toEqual({ alg: 'RSA-OAEP', enc: 'A256GCM' })
    expect(text(plaintext)).toBe(rfc7516.plaintext)
  })

  it('reproduces ciphertext and tag from the given CEK and IV', async () => {
    const cek = bytes(rfc7516.cek)
    const aad = new TextEncoder().encode(rfc7516.aad)
    const { ciphertext, tag } = await aesGcmEncrypt('A256GCM', cek, bytes(rfc7516.iv), new TextEncoder().encode(rfc7516.plaintext), aad)
    expect(Buffer.from(ciphertext).toString('base64url')).toBe(rfc7516.ciphertext)
    expect(Buffer.from(tag).toString('base64url')).toBe(rfc7516.tag)
  })

  it('refuses the vector when RSA-OAEP (SHA-1) is not in the allow-list', async () => {
    const key = await importKey(rfc7516.jwk, 'RSA-OAEP')
    await expectJoseError(
      compactDecrypt(rfc7516.compact, key, { keyManagementAlgorithms: ['RSA-OAEP-256'], contentEncryptionAlgorithms: ['A256GCM'] }),
      'ERR_ALG_NOT_ALLOWED',
    )
  })
})

describe('RFC 7516 A.4 (general JWE JSON: RSA1_5 and A128KW recipients, A128CBC-HS256)', () => {
  const { general, recipientJwks, joseHeaders } = rfc7516General
  const allowA128kw = { keyManagementAlgorithms: ['A128KW'], contentEncryptionAlgorithms: ['A128CBC-HS256'] } as const
  const a3Key = () => importKey(recipientJwks[1], 'A128KW')
  const flipped = (segment: string) => {
    const data = bytes(segment)
    data[0]! ^= 1
    return Buffer.from(data).toString('base64url')
  }

  it('decrypts the A128KW recipient (index 1) with the A.3 key and returns its protected, shared and own headers', async () => {
    const result = await generalDecrypt(general, await a3Key(), allowA128kw)
    expect(text(result.plaintext)).toBe('Live long and prosper.')
    expect(result.index).toBe(1)
    expect(result.protectedHeader).toEqual({ enc: 'A128CBC-HS256' })
    expect(result.protectedHeader).toEqual(JSON.parse(rfc7516General.protectedHeaderJson))
    expect(result.sharedUnprotectedHeader).toEqual({ jku: 'https://server.example.com/keys.jwks' })
    expect(result.unprotectedHeader).toEqual({ alg: 'A128KW', kid: '7' })
    // RFC 7516 §A.4.4: the JOSE Header is the union of the three.
    expect(result.header).toEqual(joseHeaders[1])
    expect(result.additionalAuthenticatedData).toBeUndefined()
  })

  it('reproduces ciphertext and tag from the given CEK, IV and AAD (A128CBC-HS256 is deterministic)', async () => {
    expect(rfc7516General.aad).toBe(general.protected)
    const family = await contentEncryption('A128CBC-HS256')
    const plaintext = new TextEncoder().encode(rfc7516General.plaintext)
    const { ciphertext, tag } = await family.encrypt('A128CBC-HS256', bytes(rfc7516General.cek), bytes(general.iv), plaintext, new TextEncoder().encode(rfc7516General.aad))
    expect(Buffer.from(ciphertext).toString('base64url')).toBe(general.ciphertext)
    expect(Buffer.from(tag).toString('base64url')).toBe(general.tag)
  })

  it('never uses the RSA1_5 recipient: RSA1_5 is ERR_ALG_NOT_SUPPORTED, and a resolver sees only the A128KW header', async () => {
    const noKey = (): never => expect.unreachable('no key is resolved when the allow-list is refused')
    await expectJoseError(generalDecrypt(general, noKey, { keyManagementAlgorithms: ['RSA1_5'], contentEncryptionAlgorithms: ['A128CBC-HS256'] } as never), 'ERR_ALG_NOT_SUPPORTED')
    await expectJoseError(generalDecrypt(general, noKey, { keyManagementAlgorithms: ['RSA1_5', 'A128KW'], contentEncryptionAlgorithms: ['A128CBC-HS256'] } as never), 'ERR_ALG_NOT_SUPPORTED')
    await expectJoseError(importKey(recipientJwks[0], 'RSA1_5' as never), 'ERR_ALG_NOT_SUPPORTED')
    const key = await a3Key()
    const seen: JweHeader[] = []
    const resolver = (header: JweHeader) => {
      seen.push(header)
      return key
    }
    await expect(generalDecrypt(general, resolver, allowA128kw)).resolves.toMatchObject({ index: 1 })
    expect(seen).toEqual([joseHeaders[1]])
  })

  it('refuses a changed ciphertext, a changed tag and an added "aad" with ERR_JWE_DECRYPTION_FAILED', async () => {
    const key = await a3Key()
    await expectJoseError(generalDecrypt({ ...general, ciphertext: flipped(general.ciphertext) }, key, allowA128kw), 'ERR_JWE_DECRYPTION_FAILED')
    await expectJoseError(generalDecrypt({ ...general, tag: flipped(general.tag) }, key, allowA128kw), 'ERR_JWE_DECRYPTION_FAILED')
    await expectJoseError(generalDecrypt({ ...general, aad: Buffer.from('Live long').toString('base64url') }, key, allowA128kw), 'ERR_JWE_DECRYPTION_FAILED')
  })
})

describe('RFC 7516 A.5 (flattened JWE JSON: the A128KW recipient of A.4)', () => {
  it('decrypts with the A.3 key to the A.4 plaintext and returns the same headers', async () => {
    const { flattened, jwk, joseHeader } = rfc7516Flattened
    const result = await flattenedDecrypt(flattened, await importKey(jwk, 'A128KW'), {
      keyManagementAlgorithms: ['A128KW'],
      contentEncryptionAlgorithms: ['A128CBC-HS256'],
    })
    expect(text(result.plaintext)).toBe(rfc7516General.plaintext)
    expect(result.protectedHeader).toEqual({ enc: 'A128CBC-HS256' })
    expect(result.sharedUnprotectedHeader).toEqual({ jku: 'https://server.example.com/keys.jwks' })
    expect(result.unprotectedHeader).toEqual({ alg: 'A128KW', kid: '7' })
    expect(result.header).toEqual(joseHeader)
  })
})

describe('RFC 7520 §3 keys', () => {
  it('imports the RSA public and private keys and they pair up', async () => {
    const privateKey = await importKey(cookbookRsaPrivate, 'RS256')
    const publicKey = await importKey(cookbookRsaPublic, 'RS256')
    const token = await compactSign('pair', privateKey, { alg: 'RS256' })
    await expect(compactVerify(token, publicKey, { algorithms: ['RS256'] })).resolves.toBeTruthy()
  })

  it('refuses the EC public key for an RSA algorithm (RS256)', async () => {
    await expectJoseError(importKey(load('rfc7520/jwk/3_1.ec_public_key.json'), 'RS256'), 'ERR_KEY_INVALID')
  })
})

describe('RFC 7520 §4.1 (RS256)', () => {
  it('verifies the compact output', async () => {
    const key = await importKey(cookbookRsaPublic, 'RS256')
    const { payload, header } = await compactVerify(rs256.output.compact, key, { algorithms: ['RS256'] })
    expect(header).toEqual(rs256.signing.protected)
    expect(text(payload)).toBe(rs256.input.payload)
  })

  it('reproduces the signature byte for byte', async () => {
    const key = await importKey(rs256.input.key, 'RS256')
    const token = await compactSign(rs256.input.payload, key, rs256.signing.protected)
    expect(token.split('.')[0]).toBe(rs256.signing.protected_b64u)
    expect(token).toBe(rs256.output.compact)
  })
})

describe('RFC 7520 §4.2 (PS384)', () => {
  it('verifies the compact output', async () => {
    const key = await importKey(publicPart(ps384.input.key), 'PS384')
    const { payload } = await compactVerify(ps384.output.compact, key, { algorithms: ['PS384'] })
    expect(text(payload)).toBe(ps384.input.payload)
  })

  it('refuses the PS384 key when the header is relabelled RS384 (the padding is bound into the key)', async () => {
    const key = await importKey(publicPart(ps384.input.key), 'PS384')
    const [, payload, signature] = ps384.output.compact.split('.')
    const relabelled = `${Buffer.from('{"alg":"RS384"}').toString('base64url')}.${payload}.${signature}`
    await expectJoseError(compactVerify(relabelled, key, { algorithms: ['RS384'] }), 'ERR_KEY_INVALID')
  })
})

describe('RFC 7520 §5.2 (RSA-OAEP + A256GCM, 4096-bit key)', () => {
  it('decrypts the compact output', async () => {
    const key = await importKey(oaepGcm.input.key, 'RSA-OAEP')
    const { plaintext, header } = await compactDecrypt(oaepGcm.output.compact, key, {
      keyManagementAlgorithms: ['RSA-OAEP'],
      contentEncryptionAlgorithms: ['A256GCM'],
    })
    expect(header).toEqual(oaepGcm.encrypting_content.protected)
    expect(text(plaintext)).toBe(oaepGcm.input.plaintext)
  })

  it('reproduces ciphertext and tag from the given CEK and IV', async () => {
    const cek = bytes(oaepGcm.generated.cek)
    const aad = new TextEncoder().encode(oaepGcm.encrypting_content.protected_b64u)
    const { ciphertext, tag } = await aesGcmEncrypt('A256GCM', cek, bytes(oaepGcm.generated.iv), new TextEncoder().encode(oaepGcm.input.plaintext), aad)
    expect(Buffer.from(ciphertext).toString('base64url')).toBe(oaepGcm.encrypting_content.ciphertext)
    expect(Buffer.from(tag).toString('base64url')).toBe(oaepGcm.encrypting_content.tag)
  })
})

describe('RFC 7520 §6 (PS256 JWS nested in RSA-OAEP + A128GCM)', () => {
  it('decrypts the outer JWE and verifies the inner JWS', async () => {
    const decryptionKey = await importKey(nested.encrypt.input.key, 'RSA-OAEP')
    const { plaintext, header } = await compactDecrypt(nested.encrypt.output.compact, decryptionKey, {
      keyManagementAlgorithms: ['RSA-OAEP'],
      contentEncryptionAlgorithms: ['A128GCM'],
    })
    expect(header.cty).toBe('JWT')
    expect(text(plaintext)).toBe(nested.sign.output.compact)
    const verificationKey = await importKey(publicPart(nested.sign.input.key), 'PS256')
    const { claims } = await jwtVerify(text(plaintext), verificationKey, { algorithms: ['PS256'], currentDate: new Date(0) })
    expect(claims).toEqual(JSON.parse(nested.sign.input.payload))
  })

  it('reproduces the content encryption from the given CEK and IV', async () => {
    const cek = bytes(nested.encrypt.generated.cek)
    const aad = new TextEncoder().encode(nested.encrypt.encrypting_content.protected_b64u)
    const plaintext = new TextEncoder().encode(nested.sign.output.compact)
    const { ciphertext, tag } = await aesGcmEncrypt('A256GCM', cek, bytes(nested.encrypt.generated.iv), plaintext, aad)
    expect(Buffer.from(ciphertext).toString('base64url')).toBe(nested.encrypt.encrypting_content.ciphertext)
    expect(Buffer.from(tag).toString('base64url')).toBe(nested.encrypt.encrypting_content.tag)
  })
})
