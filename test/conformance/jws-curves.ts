/** ECDSA and EdDSA: RFC vectors, round trips per alg, and runtime support for Ed448. */
import { base64url, compactSign, compactVerify, importKey, type SignatureAlgorithm } from '../../src/index.ts'
import { assertBytesEqual, assertEqual, assertRejectsWithCode, skip, test } from './harness.ts'
import { ED448_UNSUPPORTED, flipBit, importPair, supportsEd448, text, utf8 } from './support.ts'
import { cookbook43, rfc7515A3, rfc7515A4, rfc8037 } from './vectors.ts'

test('JWS RFC 7515 A.3: ES256 verifies', async () => {
  const { publicKey } = await importPair(rfc7515A3.jwk, 'ES256')
  const { payload, header } = await compactVerify(rfc7515A3.compact, publicKey, { algorithms: ['ES256'] })
  assertEqual(header.alg, 'ES256')
  assertBytesEqual(payload, base64url.decode(rfc7515A3.compact.split('.')[1]!))
})

test('JWS RFC 7515 A.4: ES512 verifies (P-521, 66-byte R and S)', async () => {
  const { publicKey } = await importPair(rfc7515A4.jwk, 'ES512')
  const { payload } = await compactVerify(rfc7515A4.compact, publicKey, { algorithms: ['ES512'] })
  assertEqual(text(payload), 'Payload')
})

test('JWS RFC 7520 §4.3: ES512 verifies', async () => {
  const { publicKey } = await importPair(cookbook43.input.key, 'ES512')
  const { payload, header } = await compactVerify(cookbook43.output.compact, publicKey, { algorithms: ['ES512'] })
  assertEqual(header.kid, 'bilbo.baggins@hobbiton.example')
  assertEqual(text(payload), cookbook43.input.payload)
})

test('JWS RFC 8037 A.4/A.5: EdDSA (Ed25519) verifies, and the signature is reproduced byte for byte', async () => {
  const { privateKey, publicKey } = await importPair(rfc8037.input.key, 'EdDSA')
  const { payload } = await compactVerify(rfc8037.output.compact, publicKey, { algorithms: ['EdDSA'] })
  assertEqual(text(payload), rfc8037.input.payload)
  assertEqual(await compactSign(rfc8037.input.payload, privateKey, { alg: 'EdDSA' }), rfc8037.output.compact)
})

test('JWS RFC 9864: the RFC 8037 key under the fully-specified "Ed25519"', async () => {
  const { privateKey, publicKey } = await importPair(rfc8037.input.key, 'Ed25519')
  const jws = await compactSign(rfc8037.input.payload, privateKey, { alg: 'Ed25519' })
  // Deterministic: signing again gives the same token.
  assertEqual(await compactSign(rfc8037.input.payload, privateKey, { alg: 'Ed25519' }), jws)
  assertEqual(text((await compactVerify(jws, publicKey, { algorithms: ['Ed25519'] })).payload), rfc8037.input.payload)
})

test('JWS: ES256 with r = s = 0 (CVE-2022-21449) and a DER signature are refused', async () => {
  const { privateKey, publicKey } = await importPair(rfc7515A3.jwk, 'ES256')
  const jws = await compactSign('x', privateKey, { alg: 'ES256' })
  const input = jws.slice(0, jws.lastIndexOf('.'))
  const zero = `${input}.${base64url.encode(new Uint8Array(64))}`
  await assertRejectsWithCode(() => compactVerify(zero, publicKey, { algorithms: ['ES256'] }), 'ERR_JWS_SIGNATURE_INVALID')
  // SEQUENCE { INTEGER 1, INTEGER 1 }: an ASN.1 signature, the wrong length for R‖S.
  const der = `${input}.${base64url.encode(Uint8Array.from([0x30, 6, 2, 1, 1, 2, 1, 1]))}`
  await assertRejectsWithCode(() => compactVerify(der, publicKey, { algorithms: ['ES256'] }), 'ERR_JWS_SIGNATURE_INVALID')
})

const ed448 = await supportsEd448()
const CURVES: [SignatureAlgorithm, EcKeyGenParams | Algorithm][] = [
  ['ES256', { name: 'ECDSA', namedCurve: 'P-256' }],
  ['ES384', { name: 'ECDSA', namedCurve: 'P-384' }],
  ['ES512', { name: 'ECDSA', namedCurve: 'P-521' }],
  ['EdDSA', { name: 'Ed25519' }],
  ['Ed25519', { name: 'Ed25519' }],
  ['Ed448', { name: 'Ed448' }],
]

for (const [alg, params] of CURVES) {
  const name = `JWS round trip: ${alg} (JWK import), a flipped signature bit refused`
  if (params.name === 'Ed448' && !ed448) {
    skip(name, ED448_UNSUPPORTED)
    continue
  }
  test(name, async () => {
    const generated = (await crypto.subtle.generateKey(params, true, ['sign', 'verify'])) as CryptoKeyPair
    // Web Crypto labels an exported Ed25519 JWK "alg": "Ed25519", which "EdDSA" would refuse.
    const { alg: _label, ...jwk } = (await crypto.subtle.exportKey('jwk', generated.privateKey)) as Record<string, unknown>
    const { privateKey, publicKey } = await importPair(jwk, alg)
    const jws = await compactSign(utf8('round trip'), privateKey, { alg, kid: 'k1' })
    assertEqual(text((await compactVerify(jws, publicKey, { algorithms: [alg] })).payload), 'round trip')
    await assertRejectsWithCode(() => compactVerify(flipBit(jws, 2, 5), publicKey, { algorithms: [alg] }), 'ERR_JWS_SIGNATURE_INVALID')
  })
}

// Runs everywhere: Ed448 works where the runtime has it, and is ERR_ALG_NOT_SUPPORTED (never a
// DOMException or TypeError) where it does not.
test('Ed448: imported where the runtime has it, else ERR_ALG_NOT_SUPPORTED, for "Ed448" and "EdDSA"', async () => {
  // Where the runtime has no Ed448, any 57-byte "x" shows what importKey says.
  const exported = ed448
    ? await crypto.subtle.exportKey('jwk', ((await crypto.subtle.generateKey({ name: 'Ed448' }, true, ['sign', 'verify'])) as CryptoKeyPair).publicKey)
    : undefined
  const ed448Key = { kty: 'OKP', crv: 'Ed448', x: exported?.x ?? base64url.encode(new Uint8Array(57).fill(7)) }
  for (const alg of ['Ed448', 'EdDSA'] as const) {
    if (ed448) assertEqual((await importKey(ed448Key, alg)).algorithm.name, 'Ed448')
    else await assertRejectsWithCode(() => importKey(ed448Key, alg), 'ERR_ALG_NOT_SUPPORTED')
  }
  const ed25519 = await importKey(publicOf(rfc8037.input.key), 'Ed25519')
  const token = `${base64url.encode('{"alg":"Ed448"}')}.${base64url.encode('x')}.${base64url.encode(new Uint8Array(114))}`
  // Where Ed448 exists the Ed25519 key is the wrong key; where it does not, the alg is unsupported.
  await assertRejectsWithCode(() => compactVerify(token, ed25519, { algorithms: ['Ed448'] }), ed448 ? 'ERR_KEY_INVALID' : 'ERR_ALG_NOT_SUPPORTED')
})

function publicOf(jwk: Record<string, unknown>): JsonWebKey {
  const { kty, crv, x } = jwk as Record<string, string>
  return { kty, crv, x } as JsonWebKey
}
