/**
 * RFC 7520 §5.1–5.13 in the flattened and general JSON serializations the cookbook gives (RFC 7516
 * §7.2): every implemented algorithm decrypts both forms; aad (§5.10), split headers (§5.11,
 * §5.12), several recipients (§5.13). ECDH-ES vectors run only where the library implements the
 * alg, and are reported as skipped with the reason elsewhere. RSA1_5 (§5.1) is refused.
 */
import { base64url, flattenedDecrypt, generalDecrypt, importKey, type ContentEncryptionAlgorithm, type KeyAlgorithm, type KeyManagementAlgorithm } from '../../src/index.ts'
import { isKeyManagementAlgorithm } from '../../src/algorithms/key-management.ts'
import cookbook51 from '../../vectors/rfc7520/jwe/5_1.key_encryption_using_rsa_v15_and_aes-hmac-sha2.json' with { type: 'json' }
import cookbook52 from '../../vectors/rfc7520/jwe/5_2.key_encryption_using_rsa-oaep_with_aes-gcm.json' with { type: 'json' }
import cookbook53 from '../../vectors/rfc7520/jwe/5_3.key_wrap_using_pbes2-aes-keywrap_with-aes-cbc-hmac-sha2.json' with { type: 'json' }
import cookbook54 from '../../vectors/rfc7520/jwe/5_4.key_agreement_with_key_wrapping_using_ecdh-es_and_aes-keywrap_with_aes-gcm.json' with { type: 'json' }
import cookbook55 from '../../vectors/rfc7520/jwe/5_5.key_agreement_using_ecdh-es_with_aes-cbc-hmac-sha2.json' with { type: 'json' }
import cookbook56 from '../../vectors/rfc7520/jwe/5_6.direct_encryption_using_aes-gcm.json' with { type: 'json' }
import cookbook57 from '../../vectors/rfc7520/jwe/5_7.key_wrap_using_aes-gcm_keywrap_with_aes-cbc-hmac-sha2.json' with { type: 'json' }
import cookbook58 from '../../vectors/rfc7520/jwe/5_8.key_wrap_using_aes-keywrap_with_aes-gcm.json' with { type: 'json' }
import cookbook59 from '../../vectors/rfc7520/jwe/5_9.compressed_content.json' with { type: 'json' }
import cookbook510 from '../../vectors/rfc7520/jwe/5_10.including_additional_authentication_data.json' with { type: 'json' }
import cookbook511 from '../../vectors/rfc7520/jwe/5_11.protecting_specific_header_fields.json' with { type: 'json' }
import cookbook512 from '../../vectors/rfc7520/jwe/5_12.protecting_content_only.json' with { type: 'json' }
import cookbook513 from '../../vectors/rfc7520/jwe/5_13.encrypting_to_multiple_recipients.json' with { type: 'json' }
import x25519 from '../../vectors/rfc7520/curve25519/ecdh-es.json' with { type: 'json' }
import { assertEqual, assertRejectsWithCode, skip, test } from './harness.ts'
import { text, utf8 } from './support.ts'

type Vector = { input: { plaintext: string; alg: string; enc: string; key?: unknown; pwd?: string }; output: { json?: object; json_flat?: object } }

const options = (alg: string, enc: string) => ({
  keyManagementAlgorithms: [alg as KeyManagementAlgorithm],
  contentEncryptionAlgorithms: [enc as ContentEncryptionAlgorithm],
  zip: { maxDecompressedBytes: 10_000 },
})

/** The recipient's private key: a password's bytes for PBES2, else its JWK. */
async function decryptionKey(vector: Vector, alg: string): Promise<CryptoKey> {
  if (vector.input.pwd !== undefined) return importKey(utf8(vector.input.pwd), alg as KeyAlgorithm)
  return importKey(vector.input.key as JsonWebKey, alg as KeyAlgorithm)
}

/** Registers `fn` when the library implements `alg`, else a skip naming the reason. */
function testWithAlg(name: string, alg: string, fn: () => Promise<void>): void {
  if (isKeyManagementAlgorithm(alg)) test(name, fn)
  else skip(name, `${alg} is not implemented by this build of webjose`)
}

const SECTIONS: Array<[string, Vector]> = [
  ['5.2', cookbook52],
  ['5.3', cookbook53],
  ['5.4', cookbook54],
  ['5.5', cookbook55],
  ['5.6', cookbook56],
  ['5.7', cookbook57],
  ['5.8', cookbook58],
  ['5.9', cookbook59],
  ['5.10', cookbook510],
  ['5.11', cookbook511],
  ['5.12', cookbook512],
]

for (const [section, vector] of SECTIONS) {
  const { alg, enc, plaintext } = vector.input
  const { json, json_flat: flat } = vector.output
  testWithAlg(`JWE RFC 7520 §${section}: ${alg} + ${enc} flattened JSON decrypts`, alg, async () => {
    const key = await decryptionKey(vector, alg)
    const result = await flattenedDecrypt(flat!, key, options(alg, enc))
    assertEqual(text(result.plaintext), plaintext)
    assertEqual(result.header.alg, alg)
    assertEqual(result.header.enc, enc)
  })
  const hasRecipients = json !== undefined && 'recipients' in json
  if (!hasRecipients) {
    // The cookbook's "json" of §5.5 and §5.6 is flattened in form, without "recipients" (RFC 7516 §7.2.1 requires it).
    test(`JWE RFC 7520 §${section}: its "json" output has no "recipients", so generalDecrypt refuses it`, async () => {
      const noKey = (): never => {
        throw new Error('no key is resolved for a malformed JWE')
      }
      // Refused while the JWE is read, whatever the allow-list: an implemented one serves where ECDH-ES is not.
      await assertRejectsWithCode(() => generalDecrypt(json!, noKey, options('A128KW', 'A128GCM')), 'ERR_JWE_INVALID')
    })
    continue
  }
  testWithAlg(`JWE RFC 7520 §${section}: ${alg} + ${enc} general JSON decrypts`, alg, async () => {
    const key = await decryptionKey(vector, alg)
    const result = await generalDecrypt(json!, key, options(alg, enc))
    assertEqual(text(result.plaintext), plaintext)
    assertEqual(result.index, 0)
  })
}

test('JWE RFC 7520 §5.10: the "aad" member is authenticated and returned', async () => {
  const { input, output } = cookbook510
  const key = await decryptionKey(cookbook510, 'A128KW')
  for (const result of [await flattenedDecrypt(output.json_flat, key, options('A128KW', 'A128GCM')), await generalDecrypt(output.json, key, options('A128KW', 'A128GCM'))]) {
    assertEqual(text(result.additionalAuthenticatedData!), input.aad)
  }
  const changed = { ...output.json_flat, aad: base64url.encode(`${input.aad} `) }
  await assertRejectsWithCode(() => flattenedDecrypt(changed, key, options('A128KW', 'A128GCM')), 'ERR_JWE_DECRYPTION_FAILED')
})

test('JWE RFC 7520 §5.11 and §5.12: shared unprotected headers are read, and the protected header is optional', async () => {
  const key = await decryptionKey(cookbook511, 'A128KW')
  const specific = await flattenedDecrypt(cookbook511.output.json_flat, key, options('A128KW', 'A128GCM'))
  assertEqual(specific.sharedUnprotectedHeader?.kid, cookbook511.input.key.kid)
  assertEqual(specific.protectedHeader?.enc, 'A128GCM')
  const contentOnly = await generalDecrypt(cookbook512.output.json, key, options('A128KW', 'A128GCM'))
  assertEqual(contentOnly.protectedHeader, undefined)
  assertEqual(contentOnly.sharedUnprotectedHeader?.enc, 'A128GCM')
})

test('JWE RFC 7520 §5.13: the A256GCMKW recipient (index 2) of three decrypts; its input\'s "A128CBC-H256" is a typo for the protected "enc"', async () => {
  const { input, output } = cookbook513
  assertEqual(input.enc, 'A128CBC-H256')
  const key = await importKey(input.key[2] as JsonWebKey, 'A256GCMKW')
  const result = await generalDecrypt(output.json, key, options('A256GCMKW', 'A128CBC-HS256'))
  assertEqual(result.index, 2)
  assertEqual(result.header.enc, 'A128CBC-HS256')
  assertEqual(result.sharedUnprotectedHeader?.cty, 'text/plain')
  assertEqual(text(result.plaintext), input.plaintext)
})

testWithAlg('JWE RFC 7520 §5.13: the ECDH-ES+A256KW recipient (index 1) of three decrypts', 'ECDH-ES+A256KW', async () => {
  const { input, output } = cookbook513
  const key = await importKey(input.key[1] as JsonWebKey, 'ECDH-ES+A256KW' as KeyAlgorithm)
  const result = await generalDecrypt(output.json, key, options('ECDH-ES+A256KW', 'A128CBC-HS256'))
  assertEqual(result.index, 1)
  assertEqual(text(result.plaintext), input.plaintext)
})

test('JWE RFC 7520 §5.1 and §5.13: RSA1_5 is refused in the JSON forms (no Web Crypto primitive; Bleichenbacher)', async () => {
  const refused = { keyManagementAlgorithms: ['RSA1_5'], contentEncryptionAlgorithms: ['A128CBC-HS256'] } as never
  await assertRejectsWithCode(() => flattenedDecrypt(cookbook51.output.json_flat, {} as CryptoKey, refused), 'ERR_ALG_NOT_SUPPORTED')
  await assertRejectsWithCode(() => generalDecrypt(cookbook51.output.json, {} as CryptoKey, refused), 'ERR_ALG_NOT_SUPPORTED')
  // Not allowed, it is refused before any key is needed; §5.13's RSA1_5 recipient alone is not allowed either.
  const rsaOaep = options('RSA-OAEP', 'A128CBC-HS256')
  await assertRejectsWithCode(() => flattenedDecrypt(cookbook51.output.json_flat, {} as CryptoKey, rsaOaep), 'ERR_ALG_NOT_ALLOWED')
  await assertRejectsWithCode(() => generalDecrypt(cookbook513.output.json, {} as CryptoKey, rsaOaep), 'ERR_ALG_NOT_ALLOWED')
})

testWithAlg('JWE RFC 8037 (cookbook): ECDH-ES X25519 + A128GCM flattened JSON decrypts', 'ECDH-ES', async () => {
  const key = await importKey(x25519.input.key as JsonWebKey, 'ECDH-ES' as KeyAlgorithm)
  const result = await flattenedDecrypt(x25519.output.json_flat, key, options('ECDH-ES', x25519.input.enc))
  assertEqual(text(result.plaintext), x25519.input.plaintext)
})

test('JWE RFC 8037 (cookbook): the X25519 "json" output has no "recipients", so generalDecrypt refuses it', async () => {
  const noKey = (): never => {
    throw new Error('no key is resolved for a malformed JWE')
  }
  await assertRejectsWithCode(() => generalDecrypt(x25519.output.json, noKey, options('A128KW', 'A128GCM')), 'ERR_JWE_INVALID')
})
