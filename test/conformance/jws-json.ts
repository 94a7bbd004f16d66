/**
 * RFC 7520 §4 in every serialization the cookbook gives (compact, flattened, general), detached
 * content (§4.5), split headers (§4.6, §4.7), several signatures (§4.8) and RFC 7797 §4.
 * An HS256 or ES512 vector runs only where the library implements that alg; elsewhere it is
 * reported as skipped with the reason.
 */
import {
  JoseError,
  base64url,
  compactVerify,
  flattenedSign,
  flattenedVerify,
  generalSign,
  generalVerify,
  importKey,
  type KeyAlgorithm,
  type SignatureAlgorithm,
} from '../../src/index.ts'
import { isSignatureAlgorithm } from '../../src/algorithms/signature.ts'
import cookbook41 from '../../vectors/rfc7520/jws/4_1.rsa_v15_signature.json' with { type: 'json' }
import cookbook42 from '../../vectors/rfc7520/jws/4_2.rsa-pss_signature.json' with { type: 'json' }
import cookbook45 from '../../vectors/rfc7520/jws/4_5.signature_with_detached_content.json' with { type: 'json' }
import cookbook46 from '../../vectors/rfc7520/jws/4_6.protecting_specific_header_fields.json' with { type: 'json' }
import cookbook47 from '../../vectors/rfc7520/jws/4_7.protecting_content_only.json' with { type: 'json' }
import cookbook48 from '../../vectors/rfc7520/jws/4_8.multiple_signatures.json' with { type: 'json' }
import rfc7797Compact from '../../vectors/rfc7520/rfc7797/hmac-sha2_b64_false.json' with { type: 'json' }
import rfc7797Json from '../../vectors/rfc7520/rfc7797/4.2.hmac-sha2_b64_false.json' with { type: 'json' }
import { assertEqual, test, skip } from './harness.ts'
import { importPair, text } from './support.ts'

type Jwk = Record<string, unknown>

/** Registers `fn` when the library implements `alg`, else a skip naming the reason. */
function testWithAlg(name: string, alg: string, fn: () => Promise<void>): void {
  if (isSignatureAlgorithm(alg)) test(name, fn)
  else skip(name, `${alg} is not implemented by this build of webjose`)
}

/** The verification key of a cookbook JWK for `alg`: the public half, or the HMAC secret itself. */
async function verificationKey(jwk: Jwk, alg: string): Promise<CryptoKey> {
  if (jwk.kty === 'RSA') return (await importPair(jwk, alg as KeyAlgorithm)).publicKey
  const { d: _private, ...rest } = jwk
  return importKey((jwk.kty === 'oct' ? jwk : rest) as JsonWebKey, alg as KeyAlgorithm)
}

const options = (alg: string, payload?: string) =>
  payload === undefined ? { algorithms: [alg as SignatureAlgorithm] } : { algorithms: [alg as SignatureAlgorithm], payload }

async function assertRefused(promise: Promise<unknown>, code: string): Promise<void> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  )
  if (!(outcome instanceof JoseError)) throw new Error(`expected a JoseError ${code}, got ${String(outcome)}`)
  assertEqual(outcome.code, code, 'error code')
}

for (const [section, vector] of [['4.1', cookbook41], ['4.2', cookbook42]] as const) {
  const { alg } = vector.input
  test(`JWS RFC 7520 §${section}: ${alg} flattened and general verify`, async () => {
    const key = await verificationKey(vector.input.key, alg)
    const flat = await flattenedVerify(vector.output.json_flat, key, options(alg))
    assertEqual(text(flat.payload), vector.input.payload)
    assertEqual(flat.header.kid, 'bilbo.baggins@hobbiton.example')
    const general = await generalVerify(vector.output.json, key, options(alg))
    assertEqual(general.index, 0)
    assertEqual(text(general.payload), vector.input.payload)
  })
}

test('JWS RFC 7520 §4.1: RS256 flattened and general output reproduced byte for byte', async () => {
  const { privateKey } = await importPair(cookbook41.input.key, 'RS256')
  const flat = await flattenedSign(cookbook41.input.payload, privateKey, { protectedHeader: cookbook41.signing.protected })
  assertEqual(JSON.stringify(flat), JSON.stringify(cookbook41.output.json_flat))
  const general = await generalSign(cookbook41.input.payload, [{ key: privateKey, protectedHeader: cookbook41.signing.protected }])
  assertEqual(JSON.stringify(general), JSON.stringify(cookbook41.output.json))
})

testWithAlg('JWS RFC 7520 §4.5: HS256 detached content, compact, flattened and general', 'HS256', async () => {
  const key = await verificationKey(cookbook45.input.key, 'HS256')
  const { payload } = cookbook45.input
  assertEqual(text((await compactVerify(cookbook45.output.compact, key, options('HS256', payload))).payload), payload)
  assertEqual(text((await flattenedVerify(cookbook45.output.json_flat, key, options('HS256', payload))).payload), payload)
  assertEqual(text((await generalVerify(cookbook45.output.json, key, options('HS256', payload))).payload), payload)
})

for (const [section, vector] of [['4.6', cookbook46], ['4.7', cookbook47]] as const) {
  testWithAlg(`JWS RFC 7520 §${section}: HS256 unprotected header, flattened and general`, 'HS256', async () => {
    const key = await verificationKey(vector.input.key, 'HS256')
    const flat = await flattenedVerify(vector.output.json_flat, key, options('HS256'))
    assertEqual(flat.header.kid, '018c0ae5-4d9b-471b-bfd6-eef314bc7037')
    assertEqual(flat.unprotectedHeader?.kid, '018c0ae5-4d9b-471b-bfd6-eef314bc7037')
    assertEqual(text((await generalVerify(vector.output.json, key, options('HS256'))).payload), vector.input.payload)
  })
}

cookbook48.input.alg.forEach((alg, index) => {
  testWithAlg(`JWS RFC 7520 §4.8: signature ${index} (${alg}) of three verifies`, alg, async () => {
    const key = await verificationKey(cookbook48.input.key[index]!, alg)
    const result = await generalVerify(cookbook48.output.json, key, options(alg))
    assertEqual(result.index, index)
    assertEqual(text(result.payload), cookbook48.input.payload)
  })
})

testWithAlg('RFC 7797 (cookbook): HS256 b64 false with crit, compact, flattened and general', 'HS256', async () => {
  const key = await verificationKey(rfc7797Compact.input.key, 'HS256')
  const { payload } = rfc7797Compact.input
  assertEqual(text((await compactVerify(rfc7797Compact.output.compact, key, options('HS256'))).payload), payload)
  assertEqual(text((await flattenedVerify(rfc7797Compact.output.json_flat, key, options('HS256'))).payload), payload)
  assertEqual(text((await generalVerify(rfc7797Compact.output.json, key, options('HS256'))).payload), payload)
})

test('RFC 7797 §4.2 as shipped: its protected header has "b64": false but no "crit", so it is refused', async () => {
  assertEqual(text(base64url.decode(rfc7797Json.output.json_flat.protected)), '{"alg":"HS256","b64":false}')
  // Refused while the JWS is read, before the allow-list, any key or any HMAC.
  const noKey = (): never => {
    throw new Error('no key is resolved for a malformed JWS')
  }
  await assertRefused(flattenedVerify(rfc7797Json.output.json_flat, noKey, options('RS256')), 'ERR_JWS_INVALID')
  await assertRefused(generalVerify(rfc7797Json.output.json, noKey, options('RS256')), 'ERR_JWS_INVALID')
})
