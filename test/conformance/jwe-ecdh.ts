/** ECDH-ES against the RFC vectors (compact form): RFC 7518 Appendix C, RFC 7520 §5.4 and §5.5, RFC 8037 X25519; round trips per curve. */
import { base64url, compactDecrypt, compactEncrypt, importKey, type ContentEncryptionAlgorithm, type KeyManagementAlgorithm } from '../../src/index.ts'
import { concatKdf, otherInfo } from '../../src/algorithms/key-management/concat-kdf.ts'
import { ecdhEs } from '../../src/algorithms/key-management/ecdh-es.ts'
import { contentEncryption } from '../../src/algorithms/content-encryption.ts'
import type { JweHeader } from '../../src/serialization/header.ts'
import { assertBytesEqual, assertEqual, assertRejectsWithCode, skip, test } from './harness.ts'
import { publicJwk, text, utf8 } from './support.ts'
import { cookbook54, cookbook55, rfc7518C, rfc8037EcdhEs } from './vectors.ts'

const allow = (alg: KeyManagementAlgorithm, enc: ContentEncryptionAlgorithm) => ({ keyManagementAlgorithms: [alg], contentEncryptionAlgorithms: [enc] })

test('RFC 7518 Appendix C: the Concat KDF gives the derived key from Z and OtherInfo', async () => {
  const { header, keydatalen } = rfc7518C
  const info = otherInfo(header.enc, base64url.decode(header.apu), base64url.decode(header.apv), keydatalen)
  assertBytesEqual(info, base64url.decode(rfc7518C.otherInfo))
  assertBytesEqual(await concatKdf(base64url.decode(rfc7518C.z), keydatalen, info), base64url.decode(rfc7518C.derivedKey))
})

test('RFC 7518 Appendix C: Bob\'s key and the header derive the CEK; a token under it decrypts', async () => {
  const bob = await importKey(rfc7518C.bob as JsonWebKey, 'ECDH-ES')
  const header = rfc7518C.header as JweHeader
  assertBytesEqual(await ecdhEs.unwrap('ECDH-ES', bob, new Uint8Array(0), header, 16), base64url.decode(rfc7518C.derivedKey))
  // A compact token under that CEK: decrypting it runs the whole ECDH-ES derivation.
  const protectedSegment = base64url.encode(JSON.stringify(header))
  const iv = new Uint8Array(12)
  const plaintext = utf8('Appendix C')
  const aead = await contentEncryption('A128GCM')
  const { ciphertext, tag } = await aead.encrypt('A128GCM', base64url.decode(rfc7518C.derivedKey), iv, plaintext, utf8(protectedSegment))
  const token = [protectedSegment, '', base64url.encode(iv), base64url.encode(ciphertext), base64url.encode(tag)].join('.')
  assertEqual(text((await compactDecrypt(token, bob, allow('ECDH-ES', 'A128GCM'))).plaintext), 'Appendix C')
})

test('JWE RFC 7520 §5.4: ECDH-ES+A128KW (P-384) + A128GCM decrypts', async () => {
  const { input, output } = cookbook54
  const key = await importKey(input.key as JsonWebKey, 'ECDH-ES+A128KW')
  const { plaintext, header } = await compactDecrypt(output.compact, key, allow('ECDH-ES+A128KW', 'A128GCM'))
  assertEqual(text(plaintext), input.plaintext)
  assertEqual((header.epk as JsonWebKey).crv, 'P-384')
})

test('JWE RFC 7520 §5.5: ECDH-ES (P-256) + A128CBC-HS256 decrypts', async () => {
  const { input, output } = cookbook55
  const key = await importKey(input.key as JsonWebKey, 'ECDH-ES')
  const { plaintext } = await compactDecrypt(output.compact, key, allow('ECDH-ES', 'A128CBC-HS256'))
  assertEqual(text(plaintext), input.plaintext)
})

test('JWE RFC 8037: ECDH-ES (X25519) + A128GCM decrypts', async () => {
  const { input, output } = rfc8037EcdhEs
  const key = await importKey(input.key as JsonWebKey, 'ECDH-ES')
  const { plaintext } = await compactDecrypt(output.compact, key, allow('ECDH-ES', 'A128GCM'))
  assertEqual(text(plaintext), input.plaintext)
})

test('JWE ECDH-ES: an epk off the curve is ERR_JWE_INVALID (every runtime: Deno\'s importKey would take it)', async () => {
  const { input, output } = cookbook55
  const key = await importKey(input.key as JsonWebKey, 'ECDH-ES')
  const [, ...rest] = output.compact.split('.')
  const header = { ...cookbook55.encrypting_content.protected }
  const y = base64url.decode(header.epk.y)
  y[31]! ^= 1
  const forged = [base64url.encode(JSON.stringify({ ...header, epk: { ...header.epk, y: base64url.encode(y) } })), ...rest].join('.')
  await assertRejectsWithCode(() => compactDecrypt(forged, key, allow('ECDH-ES', 'A128CBC-HS256')), 'ERR_JWE_INVALID')
})

/** Which ECDH curves this runtime's Web Crypto has (X448 is missing in Bun and browsers), probed once. */
const CURVES = ['P-256', 'P-384', 'P-521', 'X25519', 'X448'] as const
const params = (crv: string) => (crv.startsWith('P-') ? { name: 'ECDH', namedCurve: crv } : { name: crv })
const supported = Object.fromEntries(
  await Promise.all(CURVES.map(async (crv) => [crv, await crypto.subtle.generateKey(params(crv), true, ['deriveBits']).then(() => true, () => false)] as const)),
)

for (const crv of CURVES) {
  for (const alg of ['ECDH-ES', 'ECDH-ES+A128KW', 'ECDH-ES+A256KW'] as const) {
    const name = `JWE ${alg} round trip on ${crv}`
    if (!supported[crv]) {
      skip(name, `${crv} not supported by this runtime`)
      continue
    }
    test(name, async () => {
      const pair = (await crypto.subtle.generateKey(params(crv), true, ['deriveBits'])) as CryptoKeyPair
      // Deno's export names an "alg" of its own ("ECDH"), which a JWK imported for another alg must not carry.
      const { alg: _alg, ...jwk } = await crypto.subtle.exportKey('jwk', pair.privateKey)
      const privateKey = await importKey(jwk, alg)
      const publicKey = await importKey(publicJwk(jwk as Record<string, unknown>), alg)
      const token = await compactEncrypt('round trip', publicKey, { alg, enc: 'A128CBC-HS256' })
      assertEqual(text((await compactDecrypt(token, privateKey, allow(alg, 'A128CBC-HS256'))).plaintext), 'round trip')
    })
  }
}

// A runtime without X448 refuses its key with ERR_ALG_NOT_SUPPORTED, never a DOMException.
if (!supported.X448) {
  test('JWE ECDH-ES: an X448 key where the runtime lacks X448 is ERR_ALG_NOT_SUPPORTED', async () => {
    const jwk = { kty: 'OKP', crv: 'X448', x: base64url.encode(new Uint8Array(56).fill(5)) }
    await assertRejectsWithCode(() => importKey(jwk, 'ECDH-ES'), 'ERR_ALG_NOT_SUPPORTED')
  })
}
