/**
 * The key verbs: JWK thumbprints (RFC 7638 §3.1, RFC 8037 A.3, RFC 9278 URIs), generateKeyPair
 * for RSA signatures and RSA-OAEP, exportJwk, and ML-DSA (RFC 9964) where the runtime has it.
 */
import {
  base64url,
  calculateJwkThumbprint,
  calculateJwkThumbprintUri,
  compactDecrypt,
  compactEncrypt,
  compactSign,
  compactVerify,
  exportJwk,
  generateKeyPair,
  importKey,
  type SignatureAlgorithm,
} from '../../src/index.ts'
import { assert, assertEqual, assertRejectsWithCode, skip, test } from './harness.ts'
import { flipBit, ML_DSA_SUPPORTED, ML_DSA_UNSUPPORTED, text, utf8 } from './support.ts'
import { thumbprints } from './vectors.ts'

const rfc7638 = thumbprints['rfc7638-3.1']
const rfc8037 = thumbprints['rfc8037-A.3']

test('JWK thumbprint RFC 7638 §3.1: the RSA example', async () => {
  assertEqual(await calculateJwkThumbprint(rfc7638.jwk), rfc7638.thumbprint)
})

test('JWK thumbprint RFC 8037 A.3: the Ed25519 example', async () => {
  assertEqual(await calculateJwkThumbprint(rfc8037.jwk), rfc8037.thumbprint)
})

test('JWK thumbprint URI RFC 9278: sha-256 of the RFC 7638 example', async () => {
  assertEqual(await calculateJwkThumbprintUri(rfc7638.jwk), `urn:ietf:params:oauth:jwk-thumbprint:sha-256:${rfc7638.thumbprint}`)
  assert((await calculateJwkThumbprintUri(rfc7638.jwk, 'sha512')).startsWith('urn:ietf:params:oauth:jwk-thumbprint:sha-512:'), 'sha-512 URI')
})

for (const alg of ['RS256', 'PS384'] as const) {
  test(`generateKeyPair ${alg}: sign with the private key, verify with the public one`, async () => {
    const { privateKey, publicKey } = await generateKeyPair(alg)
    assertEqual(privateKey.extractable, false)
    const jws = await compactSign('generated', privateKey, { alg })
    assertEqual(text((await compactVerify(jws, publicKey, { algorithms: [alg] })).payload), 'generated')
  })
}

test('generateKeyPair RSA-OAEP-256: encrypt to the public key, decrypt with the private one', async () => {
  const { privateKey, publicKey } = await generateKeyPair('RSA-OAEP-256')
  const jwe = await compactEncrypt('generated', publicKey, { alg: 'RSA-OAEP-256', enc: 'A256GCM' })
  const { plaintext } = await compactDecrypt(jwe, privateKey, { keyManagementAlgorithms: ['RSA-OAEP-256'], contentEncryptionAlgorithms: ['A256GCM'] })
  assertEqual(text(plaintext), 'generated')
})

test('exportJwk: a non-extractable private key is refused', async () => {
  const { privateKey } = await generateKeyPair('RS256')
  await assertRejectsWithCode(() => exportJwk(privateKey), 'ERR_KEY_INVALID')
})

const ML_DSA: SignatureAlgorithm[] = ['ML-DSA-44', 'ML-DSA-65', 'ML-DSA-87']

for (const alg of ML_DSA) {
  const name = `round trip ${alg}: generateKeyPair, sign, export the public JWK, import it, verify; a flipped bit fails`
  if (!ML_DSA_SUPPORTED) {
    skip(name, ML_DSA_UNSUPPORTED)
    skip(`${alg}: refusals`, ML_DSA_UNSUPPORTED)
    continue
  }
  test(name, async () => {
    const { privateKey, publicKey } = await generateKeyPair(alg)
    const jws = await compactSign(utf8('post-quantum'), privateKey, { alg })
    const jwk = await exportJwk(publicKey)
    assertEqual(jwk.kty, 'AKP')
    assertEqual(jwk.alg, alg)
    const imported = await importKey(jwk, alg)
    assertEqual(text((await compactVerify(jws, imported, { algorithms: [alg] })).payload), 'post-quantum')
    await assertRejectsWithCode(() => compactVerify(flipBit(jws, 2, 5), imported, { algorithms: [alg] }), 'ERR_JWS_SIGNATURE_INVALID')
    assertEqual((await calculateJwkThumbprint(jwk)).length, 43)
  })

  test(`${alg}: refusals (PEM text, a malformed or mismatched AKP JWK, modulusLength, non-extractable export)`, async () => {
    const { privateKey, publicKey } = await generateKeyPair(alg)
    const jwk = await exportJwk(publicKey)
    await assertRejectsWithCode(() => importKey('-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----', alg), 'ERR_KEY_INVALID')
    await assertRejectsWithCode(() => importKey({ ...jwk, pub: 'AAAA' }, alg), 'ERR_KEY_INVALID')
    await assertRejectsWithCode(() => importKey({ ...jwk, alg: alg === 'ML-DSA-44' ? 'ML-DSA-65' : 'ML-DSA-44' }, alg), 'ERR_KEY_INVALID')
    await assertRejectsWithCode(() => importKey({ ...jwk, kty: 'OKP' }, alg), 'ERR_KEY_INVALID')
    await assertRejectsWithCode(() => generateKeyPair(alg, { modulusLength: 2048 }), 'ERR_INVALID_ARGUMENT')
    await assertRejectsWithCode(() => exportJwk(privateKey), 'ERR_KEY_INVALID')
    const extractable = await generateKeyPair(alg, { extractable: true })
    const privateJwk = await exportJwk(extractable.privateKey)
    const signer = await importKey(privateJwk, alg)
    const jws = await compactSign('seed', signer, { alg })
    assertEqual(text((await compactVerify(jws, extractable.publicKey, { algorithms: [alg] })).payload), 'seed')
  })
}

const unsupportedName = 'ML-DSA where the runtime lacks it: sign, verify, import and generate fail with ERR_ALG_NOT_SUPPORTED'
if (ML_DSA_SUPPORTED) {
  skip(unsupportedName, 'this runtime has ML-DSA')
} else {
  test(unsupportedName, async () => {
    const { privateKey, publicKey } = await generateKeyPair('PS256')
    const token = `${base64url.encode(utf8('{"alg":"ML-DSA-44"}'))}.${base64url.encode(utf8('x'))}.AAAA`
    await assertRejectsWithCode(() => compactSign('x', privateKey, { alg: 'ML-DSA-44' }), 'ERR_ALG_NOT_SUPPORTED')
    await assertRejectsWithCode(() => compactVerify(token, publicKey, { algorithms: ['ML-DSA-44'] }), 'ERR_ALG_NOT_SUPPORTED')
    await assertRejectsWithCode(() => importKey({ kty: 'AKP', alg: 'ML-DSA-65', pub: 'AAAA' } as JsonWebKey, 'ML-DSA-65'), 'ERR_ALG_NOT_SUPPORTED')
    await assertRejectsWithCode(() => generateKeyPair('ML-DSA-87'), 'ERR_ALG_NOT_SUPPORTED')
  })
}
