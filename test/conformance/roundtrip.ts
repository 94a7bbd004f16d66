/**
 * Round trips for every supported algorithm: encrypt/sign with the library, then decrypt/verify
 * with it, with keys imported through the library's importKey (the path applications use).
 *
 * The keys are the RFC 7520 cookbook's RSA keys (2048 and 4096 bits), not freshly generated:
 * generate-then-export is slow everywhere, and on Node 20 exporting a key straight out of
 * key generation can deadlock the process (see test/helpers/keys.ts).
 */
import {
  base64url,
  compactDecrypt,
  compactEncrypt,
  compactSign,
  compactVerify,
  type ContentEncryptionAlgorithm,
  type KeyManagementAlgorithm,
  type SignatureAlgorithm,
} from '../../src/index.ts'
import { assert, assertEqual, assertRejectsWithCode, skip, test } from './harness.ts'
import { AES192_UNSUPPORTED, importPair, supportsAes192, text } from './support.ts'
import { cookbook34, cookbook52, cookbook6 } from './vectors.ts'

const KEY_MANAGEMENT: KeyManagementAlgorithm[] = ['RSA-OAEP', 'RSA-OAEP-256', 'RSA-OAEP-384', 'RSA-OAEP-512']
const SIGNATURE: SignatureAlgorithm[] = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512']
const ENCS: ContentEncryptionAlgorithm[] = ['A128GCM', 'A192GCM', 'A256GCM']
const PLAINTEXT = 'Round trip ✓ – “quoted” 𝄞'

/**
 * The cookbook's RSA keys with only the key members: their "kid", "use" and "alg" name one
 * purpose each, and here every key serves every algorithm. Algorithms take them in turn.
 */
const KEYS = [cookbook34, cookbook52.input.key, cookbook6.sign.input.key].map(({ kty, n, e, d, p, q, dp, dq, qi }) => ({ kty, n, e, d, p, q, dp, dq, qi }))

const pairs = new Map<string, Promise<CryptoKeyPair>>()
function pairFor(alg: KeyManagementAlgorithm | SignatureAlgorithm, index: number): Promise<CryptoKeyPair> {
  let pair = pairs.get(alg)
  if (pair === undefined) {
    pair = importPair(KEYS[index % KEYS.length]!, alg)
    pairs.set(alg, pair)
  }
  return pair
}

// Top-level await: whether A192GCM can run is known before the tests register.
const aes192 = await supportsAes192()

for (const [index, alg] of KEY_MANAGEMENT.entries()) {
  for (const enc of ENCS) {
    const name = `roundtrip JWE ${alg} + ${enc}`
    if (enc === 'A192GCM' && !aes192) {
      skip(name, AES192_UNSUPPORTED)
      continue
    }
    test(name, async () => {
      const { publicKey, privateKey } = await pairFor(alg, index)
      const jwe = await compactEncrypt(PLAINTEXT, publicKey, { alg, enc, kid: 'k1' })
      const { plaintext, header } = await compactDecrypt(jwe, privateKey, {
        keyManagementAlgorithms: [alg],
        contentEncryptionAlgorithms: [enc],
      })
      assertEqual(text(plaintext), PLAINTEXT)
      assertEqual(header.alg, alg)
      assertEqual(header.enc, enc)
      assertEqual(header.kid, 'k1')
    })
  }
}

// Runs everywhere: where AES-192 exists an A192GCM token with a forged tag fails decryption; where
// it does not, producing or reading A192GCM is ERR_ALG_NOT_SUPPORTED (a JoseError, never a
// DOMException), and alike for every token, so the code tells nothing about this one.
test('A192GCM: a forged token fails decryption, or the runtime says ERR_ALG_NOT_SUPPORTED', async () => {
  const { publicKey, privateKey } = await pairFor('RSA-OAEP-256', 1)
  const cek = crypto.getRandomValues(new Uint8Array(24))
  const wrapped = new Uint8Array(await crypto.subtle.encrypt({ name: 'RSA-OAEP' }, publicKey, cek))
  const segment = (length: number) => base64url.encode(crypto.getRandomValues(new Uint8Array(length)))
  const header = base64url.encode('{"alg":"RSA-OAEP-256","enc":"A192GCM"}')
  const forged = [header, base64url.encode(wrapped), segment(12), segment(20), segment(16)].join('.')
  const options = { keyManagementAlgorithms: ['RSA-OAEP-256'], contentEncryptionAlgorithms: ['A192GCM'] } as const
  await assertRejectsWithCode(() => compactDecrypt(forged, privateKey, options), aes192 ? 'ERR_JWE_DECRYPTION_FAILED' : 'ERR_ALG_NOT_SUPPORTED')
  if (!aes192) {
    await assertRejectsWithCode(() => compactEncrypt(PLAINTEXT, publicKey, { alg: 'RSA-OAEP-256', enc: 'A192GCM' }), 'ERR_ALG_NOT_SUPPORTED')
  }
})

for (const [index, alg] of SIGNATURE.entries()) {
  test(`roundtrip JWS ${alg}`, async () => {
    const { publicKey, privateKey } = await pairFor(alg, index)
    const jws = await compactSign(PLAINTEXT, privateKey, { alg, typ: 'JWT' })
    const { payload, header } = await compactVerify(jws, publicKey, { algorithms: [alg] })
    assertEqual(text(payload), PLAINTEXT)
    assertEqual(header.alg, alg)
    // PKCS#1 v1.5 is deterministic and PSS is salted: a second signature tells them apart.
    const again = await compactSign(PLAINTEXT, privateKey, { alg, typ: 'JWT' })
    assert((again === jws) === alg.startsWith('RS'), `${alg} determinism: second signature ${again === jws ? 'equal' : 'different'}`)
  })
}
