/**
 * DecryptionKeySet with every key type, and generateSecret for the JWE secrets: what the set reads
 * of a runtime's CryptoKeys (AES and HMAC lengths, curve names) and JWK exports differs by runtime.
 */
import {
  base64url,
  compactDecrypt,
  compactEncrypt,
  createDecryptionKeySet,
  generateSecret,
  importKey,
  type ContentEncryptionAlgorithm,
  type DecryptionKeySet,
  type KeyManagementAlgorithm,
} from '../../src/index.ts'
import type { JweHeader } from '../../src/serialization/header.ts'
import { assertEqual, assertRejectsWithCode, skip, test } from './harness.ts'
import { AES192_UNSUPPORTED, publicJwk, supportsAes192, text } from './support.ts'

const allow = (alg: KeyManagementAlgorithm, enc: ContentEncryptionAlgorithm) => ({ keyManagementAlgorithms: [alg], contentEncryptionAlgorithms: [enc] })

/** Decrypts `token` with the one key the set selects for its header. */
async function openWith(set: DecryptionKeySet, token: string): Promise<string> {
  const header = JSON.parse(text(base64url.decode(token.split('.')[0]!))) as JweHeader
  const keys = await set.candidates(header)
  assertEqual(keys.length, 1, 'one candidate')
  return text((await compactDecrypt(token, keys[0]!, allow(header.alg as KeyManagementAlgorithm, header.enc as ContentEncryptionAlgorithm))).plaintext)
}

const hasX25519 = await crypto.subtle.generateKey({ name: 'X25519' }, true, ['deriveBits']).then(
  () => true,
  () => false,
)

test('DecryptionKeySet: one kid-less set of every key type; each token gets the one key of its type, curve and size', async () => {
  const p256 = (await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits'])) as CryptoKeyPair
  // Deno's export names an "alg" of its own ("ECDH"), which a set entry must not carry.
  const { alg: _alg, ...p256Jwk } = await crypto.subtle.exportKey('jwk', p256.privateKey)
  const kek = crypto.getRandomValues(new Uint8Array(16))
  const gcmKek = crypto.getRandomValues(new Uint8Array(32))
  const cek = crypto.getRandomValues(new Uint8Array(64))
  const password = new TextEncoder().encode('correct horse battery staple')
  const x25519 = hasX25519 ? ((await crypto.subtle.generateKey({ name: 'X25519' }, true, ['deriveBits'])) as CryptoKeyPair) : undefined
  const set = createDecryptionKeySet(
    [
      { key: p256Jwk },
      // Unbound bytes serve every shared-key alg of their size, and PBES2 (a password has any size): bound here.
      { key: { kty: 'oct', k: base64url.encode(kek), alg: 'A128KW' } },
      { key: await importKey(gcmKek, 'A256GCMKW') },
      { key: await generateSecret('A128GCM') },
      { key: { kty: 'oct', k: base64url.encode(cek), alg: 'dir' } },
      { key: password },
      ...(x25519 ? [{ key: x25519.privateKey }] : []),
    ],
    { maxKeysPerToken: 1 },
  )
  const cases: [CryptoKey, KeyManagementAlgorithm, ContentEncryptionAlgorithm][] = [
    [await importKey(publicJwk(p256Jwk as Record<string, unknown>), 'ECDH-ES+A128KW'), 'ECDH-ES+A128KW', 'A128GCM'],
    [await importKey(kek, 'A128KW'), 'A128KW', 'A256GCM'],
    [await importKey(gcmKek, 'A256GCMKW'), 'A256GCMKW', 'A128CBC-HS256'],
    [await importKey(cek, 'dir'), 'dir', 'A256CBC-HS512'],
    [await importKey(password, 'PBES2-HS256+A128KW'), 'PBES2-HS256+A128KW', 'A128GCM'],
  ]
  if (x25519) cases.push([x25519.publicKey, 'ECDH-ES', 'A128GCM'])
  for (const [key, alg, enc] of cases) {
    const token = await compactEncrypt(`for ${alg}`, key, { alg, enc, ...(alg.startsWith('PBES2') && { p2c: 1000 }) })
    assertEqual(await openWith(set, token), `for ${alg}`)
  }
  // No secret of 32 bytes serves "dir": the AES-GCM key is bound to A256GCMKW, the generated "dir" key is 16 bytes.
  await assertRejectsWithCode(() => set.candidates({ alg: 'dir', enc: 'A256GCM' }), 'ERR_JWKS_NO_MATCHING_KEY')
})

test('DecryptionKeySet: a public EC JWK and a signing key are refused when the set is made', async () => {
  const pair = (await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-384' }, true, ['deriveBits'])) as CryptoKeyPair
  const { alg: _alg, ...jwk } = await crypto.subtle.exportKey('jwk', pair.privateKey)
  await assertRejectsWithCode(() => createDecryptionKeySet([{ key: publicJwk(jwk as Record<string, unknown>) }]), 'ERR_KEY_INVALID')
  const signing = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify'])) as CryptoKeyPair
  await assertRejectsWithCode(() => createDecryptionKeySet([{ key: signing.privateKey }]), 'ERR_KEY_INVALID')
})

for (const [alg, bits] of [
  ['A128KW', 128],
  ['A192KW', 192],
  ['A256KW', 256],
  ['A128GCMKW', 128],
  ['A256GCMKW', 256],
  ['A128GCM', 128],
  ['A256CBC-HS512', 512],
] as const) {
  const name = `generateSecret ${alg}: a ${bits}-bit secret that round-trips${alg.endsWith('KW') ? '' : ' as a "dir" key'}`
  if (alg === 'A192KW' && !(await supportsAes192())) {
    skip(name, AES192_UNSUPPORTED)
    continue
  }
  test(name, async () => {
    const key = await generateSecret(alg)
    assertEqual((key.algorithm as AesKeyAlgorithm).length, bits)
    const [keyAlg, enc]: [KeyManagementAlgorithm, ContentEncryptionAlgorithm] = alg.endsWith('KW') ? [alg as KeyManagementAlgorithm, 'A128GCM'] : ['dir', alg as ContentEncryptionAlgorithm]
    const token = await compactEncrypt('secret', key, { alg: keyAlg, enc })
    assertEqual(text((await compactDecrypt(token, key, allow(keyAlg, enc))).plaintext), 'secret')
  })
}

if (!(await supportsAes192())) {
  test('generateSecret A192KW where the runtime lacks AES-192 is ERR_ALG_NOT_SUPPORTED', async () => {
    await assertRejectsWithCode(() => generateSecret('A192KW'), 'ERR_ALG_NOT_SUPPORTED')
  })
}
