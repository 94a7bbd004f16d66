/** Malformed, tampered and disallowed tokens fail with their documented JoseError codes. */
import { base64url, compactDecrypt, compactVerify, importKey } from '../../src/index.ts'
import { assertRejectsWithCode, test } from './harness.ts'
import { flipBit, importPair, withSegment } from './support.ts'
import { rfc7515A2, rfc7516A1 } from './vectors.ts'

const JWE_OPTIONS = { keyManagementAlgorithms: ['RSA-OAEP'], contentEncryptionAlgorithms: ['A256GCM'] } as const
const jweKey = () => importKey(rfc7516A1.jwk, 'RSA-OAEP')
const jwsKey = async () => (await importPair(rfc7515A2.jwk, 'RS256')).publicKey
const decrypt = async (token: string) => compactDecrypt(token, await jweKey(), JWE_OPTIONS)
const verify = async (token: string) => compactVerify(token, await jwsKey(), { algorithms: ['RS256'] })

// RFC 7516 §11.5: every decryption failure has the same code, whatever part was tampered.
test('negative: JWE tampered tag → ERR_JWE_DECRYPTION_FAILED', () =>
  assertRejectsWithCode(() => decrypt(flipBit(rfc7516A1.compact, 4)), 'ERR_JWE_DECRYPTION_FAILED'))
test('negative: JWE tampered ciphertext → ERR_JWE_DECRYPTION_FAILED', () =>
  assertRejectsWithCode(() => decrypt(flipBit(rfc7516A1.compact, 3, 5)), 'ERR_JWE_DECRYPTION_FAILED'))
test('negative: JWE tampered IV → ERR_JWE_DECRYPTION_FAILED', () =>
  assertRejectsWithCode(() => decrypt(flipBit(rfc7516A1.compact, 2)), 'ERR_JWE_DECRYPTION_FAILED'))
test('negative: JWE tampered encrypted key → ERR_JWE_DECRYPTION_FAILED', () =>
  assertRejectsWithCode(() => decrypt(flipBit(rfc7516A1.compact, 1, 17)), 'ERR_JWE_DECRYPTION_FAILED'))
test('negative: JWE protected header changed (AAD) → ERR_JWE_DECRYPTION_FAILED', () => {
  const header = base64url.encode('{"alg":"RSA-OAEP","enc":"A256GCM","kid":"x"}')
  return assertRejectsWithCode(() => decrypt(withSegment(rfc7516A1.compact, 0, header)), 'ERR_JWE_DECRYPTION_FAILED')
})

test('negative: JWS tampered signature → ERR_JWS_SIGNATURE_INVALID', () =>
  assertRejectsWithCode(() => verify(flipBit(rfc7515A2.compact, 2, 10)), 'ERR_JWS_SIGNATURE_INVALID'))
test('negative: JWS tampered payload → ERR_JWS_SIGNATURE_INVALID', () =>
  assertRejectsWithCode(() => verify(flipBit(rfc7515A2.compact, 1, 3)), 'ERR_JWS_SIGNATURE_INVALID'))

test('negative: JWS alg not in the allow-list → ERR_ALG_NOT_ALLOWED', async () => {
  const key = await jwsKey()
  await assertRejectsWithCode(() => compactVerify(rfc7515A2.compact, key, { algorithms: ['PS256'] }), 'ERR_ALG_NOT_ALLOWED')
})
test('negative: JWE alg not in the allow-list → ERR_ALG_NOT_ALLOWED', async () => {
  const key = await jweKey()
  const options = { keyManagementAlgorithms: ['RSA-OAEP-256'], contentEncryptionAlgorithms: ['A256GCM'] } as const
  await assertRejectsWithCode(() => compactDecrypt(rfc7516A1.compact, key, options), 'ERR_ALG_NOT_ALLOWED')
})
test('negative: JWE enc not in the allow-list → ERR_ALG_NOT_ALLOWED', async () => {
  const key = await jweKey()
  const options = { keyManagementAlgorithms: ['RSA-OAEP'], contentEncryptionAlgorithms: ['A128GCM'] } as const
  await assertRejectsWithCode(() => compactDecrypt(rfc7516A1.compact, key, options), 'ERR_ALG_NOT_ALLOWED')
})
// RFC 7518 §3.6: an unsecured JWS is never accepted, whatever the letter case.
for (const none of ['none', 'None', 'NONE']) {
  test(`negative: JWS alg "${none}" → ERR_ALG_NOT_ALLOWED`, () => {
    const token = `${base64url.encode(JSON.stringify({ alg: none }))}.${rfc7515A2.payload}.`
    return assertRejectsWithCode(() => verify(token), 'ERR_ALG_NOT_ALLOWED')
  })
}

test('negative: JWE with 4 segments → ERR_JWE_INVALID', () =>
  assertRejectsWithCode(() => decrypt(rfc7516A1.compact.split('.').slice(0, 4).join('.')), 'ERR_JWE_INVALID'))
test('negative: JWE with 6 segments → ERR_JWE_INVALID', () =>
  assertRejectsWithCode(() => decrypt(`${rfc7516A1.compact}.`), 'ERR_JWE_INVALID'))
test('negative: JWS with 2 segments → ERR_JWS_INVALID', () =>
  assertRejectsWithCode(() => verify(rfc7515A2.compact.split('.').slice(0, 2).join('.')), 'ERR_JWS_INVALID'))

test('negative: JWE segment with bad base64url → ERR_BASE64URL', () =>
  assertRejectsWithCode(() => decrypt(withSegment(rfc7516A1.compact, 2, `${rfc7516A1.iv}=`)), 'ERR_BASE64URL'))
test('negative: JWS signature with bad base64url → ERR_BASE64URL', () =>
  assertRejectsWithCode(() => verify(withSegment(rfc7515A2.compact, 2, `+${rfc7515A2.signature.slice(1)}`)), 'ERR_BASE64URL'))
