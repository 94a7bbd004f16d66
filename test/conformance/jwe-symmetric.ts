/** The shared-key JWE families and CBC-HS against the RFC vectors (compact form), and RSA1_5's refusal. */
import { base64url, compactDecrypt, importKey, type ContentEncryptionAlgorithm, type KeyManagementAlgorithm } from '../../src/index.ts'
import { contentEncryption } from '../../src/algorithms/content-encryption.ts'
import { assertBytesEqual, assertEqual, assertRejectsWithCode, skip, test } from './harness.ts'
import { AES192_UNSUPPORTED, supportsAes192, text, utf8 } from './support.ts'
import { cookbook51, cookbook53, cookbook56, cookbook57, cookbook58, cookbook59, rfc7516A2, rfc7516A3, rfc7518B } from './vectors.ts'

const allow = (alg: KeyManagementAlgorithm, enc: ContentEncryptionAlgorithm) => ({ keyManagementAlgorithms: [alg], contentEncryptionAlgorithms: [enc] })

test('JWE RFC 7516 A.3: A128KW + A128CBC-HS256 decrypts to the plaintext', async () => {
  const key = await importKey(rfc7516A3.jwk as JsonWebKey, 'A128KW')
  const { plaintext, header } = await compactDecrypt(rfc7516A3.compact, key, allow('A128KW', 'A128CBC-HS256'))
  assertEqual(text(plaintext), rfc7516A3.plaintext)
  assertEqual(header.enc, 'A128CBC-HS256')
})

// Top-level await: whether AES-192 can run is known before the tests register.
const aes192 = await supportsAes192()

for (const enc of ['A128CBC-HS256', 'A192CBC-HS384', 'A256CBC-HS512'] as const) {
  const name = `RFC 7518 Appendix B: ${enc} encrypts to E and T, and decrypts them back`
  if (enc === 'A192CBC-HS384' && !aes192) {
    skip(name, AES192_UNSUPPORTED)
    continue
  }
  test(name, async () => {
    const vector = rfc7518B[enc]
    const [k, p, iv, a, e, t] = [vector.k, vector.p, vector.iv, vector.a, vector.e, vector.t].map((value) => base64url.decode(value))
    const family = await contentEncryption(enc)
    const { ciphertext, tag } = await family.encrypt(enc, k!, iv!, p!, a!)
    assertBytesEqual(ciphertext, e!)
    assertBytesEqual(tag, t!)
    const sealed = new Uint8Array(e!.length + t!.length)
    sealed.set(e!)
    sealed.set(t!, e!.length)
    assertBytesEqual((await family.decrypt(enc, k!, iv!, sealed, a!))!, p!)
    sealed[sealed.length - 1]! ^= 1
    assertEqual(await family.decrypt(enc, k!, iv!, sealed, a!), undefined)
  })
}

test('JWE RFC 7520 §5.3: PBES2-HS512+A256KW + A128CBC-HS256 decrypts with the password bytes', async () => {
  const { input, output } = cookbook53
  const key = await importKey(utf8(input.pwd), 'PBES2-HS512+A256KW')
  const { plaintext, header } = await compactDecrypt(output.compact, key, allow('PBES2-HS512+A256KW', 'A128CBC-HS256'))
  assertEqual(text(plaintext), input.plaintext)
  assertEqual(header.p2c, 8192)
})

test('JWE RFC 7520 §5.6: dir + A128GCM decrypts with the CEK as the key', async () => {
  const { input, output } = cookbook56
  const key = await importKey(input.key as JsonWebKey, 'dir')
  const { plaintext } = await compactDecrypt(output.compact, key, allow('dir', 'A128GCM'))
  assertEqual(text(plaintext), input.plaintext)
})

test('JWE RFC 7520 §5.7: A256GCMKW + A128CBC-HS256 decrypts', async () => {
  const { input, output } = cookbook57
  const key = await importKey(input.key as JsonWebKey, 'A256GCMKW')
  const { plaintext, header } = await compactDecrypt(output.compact, key, allow('A256GCMKW', 'A128CBC-HS256'))
  assertEqual(text(plaintext), input.plaintext)
  assertEqual(typeof header.iv, 'string')
})

test('JWE RFC 7520 §5.8: A128KW + A128GCM decrypts', async () => {
  const { input, output } = cookbook58
  const key = await importKey(input.key as JsonWebKey, 'A128KW')
  const { plaintext } = await compactDecrypt(output.compact, key, allow('A128KW', 'A128GCM'))
  assertEqual(text(plaintext), input.plaintext)
})

test('JWE RFC 7520 §5.9: compressed A128KW + A128GCM decrypts with zip enabled, and is refused without', async () => {
  const { input, output } = cookbook59
  const key = await importKey(input.key as JsonWebKey, 'A128KW')
  const { plaintext, header } = await compactDecrypt(output.compact, key, { ...allow('A128KW', 'A128GCM'), zip: { maxDecompressedBytes: 10_000 } })
  assertEqual(text(plaintext), input.plaintext)
  assertEqual(header.zip, 'DEF')
  await assertRejectsWithCode(() => compactDecrypt(output.compact, key, allow('A128KW', 'A128GCM')), 'ERR_JWE_INVALID')
})

test('JWE RFC 7516 A.2 and RFC 7520 §5.1: RSA1_5 is refused (no Web Crypto primitive; Bleichenbacher)', async () => {
  const options = { keyManagementAlgorithms: ['RSA1_5'], contentEncryptionAlgorithms: ['A128CBC-HS256'] } as never
  await assertRejectsWithCode(() => compactDecrypt(rfc7516A2.compact, {} as CryptoKey, options), 'ERR_ALG_NOT_SUPPORTED')
  await assertRejectsWithCode(() => importKey(cookbook51.input.key as JsonWebKey, 'RSA1_5' as never), 'ERR_ALG_NOT_SUPPORTED')
  // Not allowed, it is refused before any key is needed.
  await assertRejectsWithCode(() => compactDecrypt(cookbook51.output.compact, {} as CryptoKey, allow('RSA-OAEP', 'A128CBC-HS256')), 'ERR_ALG_NOT_ALLOWED')
})
