/** Decrypts every RFC JWE vector with compactDecrypt (RSA-OAEP is SHA-1 OAEP, RFC 7518 §4.3). */
import { base64url, compactDecrypt, compactVerify, importKey } from '../../src/index.ts'
import { assertBytesEqual, assertEqual, test } from './harness.ts'
import { importPair, text, utf8 } from './support.ts'
import { cookbook52, cookbook6, rfc7516A1 } from './vectors.ts'

test('JWE RFC 7516 A.1: RSA-OAEP + A256GCM decrypts to the plaintext', async () => {
  const key = await importKey(rfc7516A1.jwk, 'RSA-OAEP')
  const { plaintext, header } = await compactDecrypt(rfc7516A1.compact, key, {
    keyManagementAlgorithms: ['RSA-OAEP'],
    contentEncryptionAlgorithms: ['A256GCM'],
  })
  assertBytesEqual(plaintext, utf8(rfc7516A1.plaintext))
  assertEqual(header.alg, 'RSA-OAEP')
  assertEqual(header.enc, 'A256GCM')
})

test('JWE RFC 7516 A.1: compact equals its listed segments', () => {
  const { protected: p, encryptedKey, iv, ciphertext, tag } = rfc7516A1
  assertEqual(rfc7516A1.compact, [p, encryptedKey, iv, ciphertext, tag].join('.'))
  // RFC 7516 §5.1 step 14: the AAD is the ASCII of the protected header segment itself.
  assertEqual(rfc7516A1.aad, p)
  assertEqual(text(base64url.decode(p)), '{"alg":"RSA-OAEP","enc":"A256GCM"}')
})

test('JWE RFC 7520 §5.2: RSA-OAEP + A256GCM (RSA-4096, kid) decrypts to the plaintext', async () => {
  const key = await importKey(cookbook52.input.key, 'RSA-OAEP')
  const { plaintext, header } = await compactDecrypt(cookbook52.output.compact, key, {
    keyManagementAlgorithms: ['RSA-OAEP'],
    contentEncryptionAlgorithms: ['A256GCM'],
  })
  assertEqual(text(plaintext), cookbook52.input.plaintext)
  assertEqual(header.kid, cookbook52.input.key.kid)
})

test('JWE RFC 7520 §5.2: a key resolver receives the header and picks the key', async () => {
  const key = await importKey(cookbook52.input.key, 'RSA-OAEP')
  let seenKid: unknown
  const { plaintext } = await compactDecrypt(
    cookbook52.output.compact,
    (header) => {
      seenKid = header.kid
      return key
    },
    { keyManagementAlgorithms: ['RSA-OAEP'], contentEncryptionAlgorithms: ['A256GCM'] },
  )
  assertEqual(seenKid, 'samwise.gamgee@hobbiton.example')
  assertEqual(text(plaintext), cookbook52.input.plaintext)
})

test('JWE RFC 7520 §6: RSA-OAEP + A128GCM nested JWT decrypts, and the inner PS256 JWS verifies', async () => {
  const { encrypt, sign } = cookbook6
  const decryptionKey = await importKey(encrypt.input.key, 'RSA-OAEP')
  const { plaintext, header } = await compactDecrypt(encrypt.output.compact, decryptionKey, {
    keyManagementAlgorithms: ['RSA-OAEP'],
    contentEncryptionAlgorithms: ['A128GCM'],
  })
  assertEqual(header.enc, 'A128GCM')
  assertEqual(header.cty, 'JWT')
  const inner = text(plaintext)
  assertEqual(inner, sign.output.compact)

  const { publicKey } = await importPair(sign.input.key, 'PS256')
  const verified = await compactVerify(inner, publicKey, { algorithms: ['PS256'] })
  assertEqual(verified.header.alg, 'PS256')
  assertEqual(verified.header.typ, 'JWT')
  assertEqual(text(verified.payload), sign.input.payload)
})
