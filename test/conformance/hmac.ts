/**
 * HS256/384/512 (RFC 7518 §3.2): the RFC 7515 A.1 and RFC 7520 §4.4 vectors, reproduced byte for
 * byte (HMAC is deterministic), round trips with generated secrets, and the refusals of short
 * keys and of text as a secret.
 */
import { base64url, compactSign, compactVerify, exportJwk, generateSecret, importKey, type SignatureAlgorithm } from '../../src/index.ts'
import { assert, assertBytesEqual, assertEqual, assertRejectsWithCode, test } from './harness.ts'
import { flipBit, text, utf8 } from './support.ts'
import { cookbook35, cookbook44, rfc7515A1 } from './vectors.ts'

const HMAC: SignatureAlgorithm[] = ['HS256', 'HS384', 'HS512']

test('JWS RFC 7515 A.1: HS256 verifies', async () => {
  const key = await importKey(rfc7515A1.jwk, 'HS256')
  const { payload, header } = await compactVerify(rfc7515A1.compact, key, { algorithms: ['HS256'] })
  assertEqual(header.typ, 'JWT')
  assertBytesEqual(payload, base64url.decode(rfc7515A1.payload))
})

test('JWS RFC 7515 A.1: the imported key MACs the signing input to the RFC signature', async () => {
  // compactSign writes its own header JSON; the RFC's has a CRLF, so its signing input is MACed as given.
  const key = await importKey(rfc7515A1.jwk, 'HS256')
  const mac = await crypto.subtle.sign('HMAC', key, utf8(`${rfc7515A1.protected}.${rfc7515A1.payload}`) as BufferSource)
  assertEqual(base64url.encode(new Uint8Array(mac)), rfc7515A1.signature)
})

test('JWS RFC 7520 §4.4: HS256 verifies with the §3.5 oct key', async () => {
  const key = await importKey(cookbook35, 'HS256')
  const { payload, header } = await compactVerify(cookbook44.output.compact, key, { algorithms: ['HS256'] })
  assertEqual(header.kid, cookbook35.kid)
  assertEqual(text(payload), cookbook44.input.payload)
})

test('JWS RFC 7520 §4.4: HS256 signature reproduced byte for byte', async () => {
  const key = await importKey(cookbook44.input.key, 'HS256')
  assertEqual(await compactSign(cookbook44.input.payload, key, cookbook44.signing.protected), cookbook44.output.compact)
})

test('JWS RFC 7520 §3.5: the oct key imports as raw bytes too, with the same MAC', async () => {
  const key = await importKey(base64url.decode(cookbook35.k), 'HS256')
  assertEqual(await compactSign(cookbook44.input.payload, key, cookbook44.signing.protected), cookbook44.output.compact)
})

test('JWS RFC 7520 §4.4: a flipped MAC bit is refused', async () => {
  const key = await importKey(cookbook35, 'HS256')
  await assertRejectsWithCode(() => compactVerify(flipBit(cookbook44.output.compact, 2, 31), key, { algorithms: ['HS256'] }), 'ERR_JWS_SIGNATURE_INVALID')
})

for (const alg of HMAC) {
  test(`round trip ${alg}: generateSecret, sign, verify; the MAC is as long as the hash`, async () => {
    const key = await generateSecret(alg)
    const jws = await compactSign(utf8('hello'), key, { alg })
    assertEqual(base64url.decode(jws.split('.')[2]!).length * 8, Number(alg.slice(2)))
    assertEqual(text((await compactVerify(jws, key, { algorithms: [alg] })).payload), 'hello')
  })

  test(`${alg}: a secret shorter than the hash output is refused (RFC 7518 §3.2)`, async () => {
    const bytes = Number(alg.slice(2)) / 8
    await assertRejectsWithCode(() => importKey(new Uint8Array(bytes - 1), alg), 'ERR_KEY_INVALID')
    await assertRejectsWithCode(() => importKey({ kty: 'oct', k: base64url.encode(new Uint8Array(bytes - 1)) }, alg), 'ERR_KEY_INVALID')
    assert(await importKey(new Uint8Array(bytes), alg), 'a secret of exactly the hash length imports')
  })

  test(`${alg}: a string is never a secret (a PEM public key cannot become an HMAC key)`, async () => {
    await assertRejectsWithCode(() => importKey('-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----' as never, alg), 'ERR_KEY_INVALID')
  })

  test(`${alg}: an extractable secret exports as the oct JWK it came from`, async () => {
    const jwk = { kty: 'oct', k: base64url.encode(new Uint8Array(Number(alg.slice(2)) / 8).fill(7)) }
    const exported = await exportJwk(await importKey(jwk, alg, { extractable: true }))
    assertEqual(exported.k, jwk.k)
    assertEqual(exported.alg, alg)
  })
}
