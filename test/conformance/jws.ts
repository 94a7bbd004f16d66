/** Verifies the RFC JWS vectors; RS256 (deterministic) is also reproduced byte for byte. */
import { base64url, compactSign, compactVerify } from '../../src/index.ts'
import { assertBytesEqual, assertEqual, test } from './harness.ts'
import { importPair, text, utf8 } from './support.ts'
import { cookbook41, cookbook42, cookbook6, rfc7515A2 } from './vectors.ts'

test('JWS RFC 7515 A.2: RS256 verifies', async () => {
  const { publicKey } = await importPair(rfc7515A2.jwk, 'RS256')
  const { payload, header } = await compactVerify(rfc7515A2.compact, publicKey, { algorithms: ['RS256'] })
  assertEqual(header.alg, 'RS256')
  assertBytesEqual(payload, base64url.decode(rfc7515A2.payload))
})

test('JWS RFC 7515 A.2: RS256 signature reproduced byte for byte', async () => {
  const { privateKey } = await importPair(rfc7515A2.jwk, 'RS256')
  // The payload bytes include CRLFs, so they are signed as decoded, not re-serialized.
  const jws = await compactSign(base64url.decode(rfc7515A2.payload), privateKey, JSON.parse(rfc7515A2.protectedHeaderJson))
  assertEqual(jws, rfc7515A2.compact)
})

test('JWS RFC 7520 §4.1: RS256 verifies', async () => {
  const { publicKey } = await importPair(cookbook41.input.key, 'RS256')
  const { payload, header } = await compactVerify(cookbook41.output.compact, publicKey, { algorithms: ['RS256'] })
  assertEqual(header.kid, 'bilbo.baggins@hobbiton.example')
  assertEqual(text(payload), cookbook41.input.payload)
})

test('JWS RFC 7520 §4.1: RS256 signature reproduced byte for byte', async () => {
  const { privateKey } = await importPair(cookbook41.input.key, 'RS256')
  const jws = await compactSign(cookbook41.input.payload, privateKey, cookbook41.signing.protected)
  const [protectedSegment, , signature] = jws.split('.')
  assertEqual(protectedSegment, cookbook41.signing.protected_b64u, 'protected header segment')
  assertEqual(signature, cookbook41.signing.sig, 'signature')
  assertEqual(jws, cookbook41.output.compact)
})

test('JWS RFC 7520 §4.2: PS384 verifies (SHA-384, 48-byte salt)', async () => {
  const { publicKey } = await importPair(cookbook42.input.key, 'PS384')
  const { payload, header } = await compactVerify(cookbook42.output.compact, publicKey, { algorithms: ['PS384'] })
  assertEqual(header.alg, 'PS384')
  assertEqual(text(payload), cookbook42.input.payload)
})

test('JWS RFC 7520 §6: inner PS256 JWT verifies (SHA-256, 32-byte salt)', async () => {
  const { publicKey } = await importPair(cookbook6.sign.input.key, 'PS256')
  const { payload } = await compactVerify(cookbook6.sign.output.compact, publicKey, { algorithms: ['PS256'] })
  assertBytesEqual(payload, utf8(cookbook6.sign.input.payload))
})
