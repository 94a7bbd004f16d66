/**
 * RFC 7516 Appendix A.4 (general JWE JSON: an RSA1_5 and an A128KW recipient, A128CBC-HS256, with
 * protected, shared unprotected and per-recipient headers) and A.5 (flattened: the A128KW recipient
 * alone). Only the A128KW recipient can decrypt: RSA1_5 has no Web Crypto primitive (README).
 */
import { base64url, flattenedDecrypt, generalDecrypt, importKey, type JweHeader } from '../../src/index.ts'
import { AssertionError, assertEqual, assertRejectsWithCode, test } from './harness.ts'
import { text } from './support.ts'
import { rfc7516A4, rfc7516A5 } from './vectors.ts'

const A128KW = { keyManagementAlgorithms: ['A128KW'], contentEncryptionAlgorithms: ['A128CBC-HS256'] } as const
const a3Key = () => importKey(rfc7516A4.recipientJwks[1] as JsonWebKey, 'A128KW')

/** The same members with the same values, in any order (the library joins the headers in its own order). */
function assertSameMembers(actual: object | undefined, expected: object, label: string): void {
  const canonical = (value: object) => JSON.stringify(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1)))
  if (actual === undefined) throw new AssertionError(`${label}: missing`)
  assertEqual(canonical(actual), canonical(expected), label)
}

/** Flips one bit of a base64url member's bytes; the member stays valid base64url. */
function flipped(segment: string): string {
  const bytes = base64url.decode(segment)
  bytes[0]! ^= 1
  return base64url.encode(bytes)
}

test('JWE RFC 7516 A.4: the A128KW recipient (index 1) decrypts with the A.3 key; protected, shared unprotected and its own header as given', async () => {
  const { general, plaintext, protectedHeaderJson, joseHeaders } = rfc7516A4
  const result = await generalDecrypt(general, await a3Key(), A128KW)
  assertEqual(text(result.plaintext), plaintext)
  assertEqual(result.index, 1)
  assertSameMembers(result.protectedHeader, JSON.parse(protectedHeaderJson), 'protected header')
  assertSameMembers(result.sharedUnprotectedHeader, general.unprotected, 'shared unprotected header')
  assertSameMembers(result.unprotectedHeader, general.recipients[1]!.header, 'recipient header')
  // RFC 7516 §A.4.4: the JOSE Header is the union of the three.
  assertSameMembers(result.header, joseHeaders[1]!, 'JOSE header')
  assertEqual(result.additionalAuthenticatedData, undefined)
})

test('JWE RFC 7516 A.4: the RSA1_5 recipient is never used (RSA1_5 is ERR_ALG_NOT_SUPPORTED; a resolver sees only kid "7")', async () => {
  const { general, recipientJwks } = rfc7516A4
  const noKey = (): never => {
    throw new Error('no key is resolved when the allow-list is refused')
  }
  const rsa15 = { keyManagementAlgorithms: ['RSA1_5'], contentEncryptionAlgorithms: ['A128CBC-HS256'] } as never
  await assertRejectsWithCode(() => generalDecrypt(general, noKey, rsa15), 'ERR_ALG_NOT_SUPPORTED')
  // An allow-list naming RSA1_5 is refused whole, not trimmed to what is implemented.
  const both = { keyManagementAlgorithms: ['RSA1_5', 'A128KW'], contentEncryptionAlgorithms: ['A128CBC-HS256'] } as never
  await assertRejectsWithCode(() => generalDecrypt(general, noKey, both), 'ERR_ALG_NOT_SUPPORTED')
  // The A.2 key cannot become an RSA1_5 key either.
  await assertRejectsWithCode(() => importKey(recipientJwks[0] as JsonWebKey, 'RSA1_5' as never), 'ERR_ALG_NOT_SUPPORTED')
  const key = await a3Key()
  const seen: JweHeader[] = []
  const result = await generalDecrypt(
    general,
    (header) => {
      seen.push(header)
      return key
    },
    A128KW,
  )
  assertEqual(result.index, 1)
  assertEqual(seen.length, 1)
  assertEqual(seen[0]!.alg, 'A128KW')
  assertEqual(seen[0]!.kid, '7')
})

test('JWE RFC 7516 A.4: a changed ciphertext, a changed tag or an added "aad" fails with ERR_JWE_DECRYPTION_FAILED', async () => {
  const { general } = rfc7516A4
  const key = await a3Key()
  for (const tampered of [
    { ...general, ciphertext: flipped(general.ciphertext) },
    { ...general, tag: flipped(general.tag) },
    // RFC 7516 §5.1 step 14: "aad" joins the protected header in the authenticated data.
    { ...general, aad: base64url.encode('Live long and prosper.') },
  ]) {
    await assertRejectsWithCode(() => generalDecrypt(tampered, key, A128KW), 'ERR_JWE_DECRYPTION_FAILED')
  }
})

test('JWE RFC 7516 A.5: flattened JSON (A.4\'s A128KW recipient) decrypts with the A.3 key; its three headers as given', async () => {
  const { flattened, jwk, plaintext, joseHeader } = rfc7516A5
  const result = await flattenedDecrypt(flattened, await importKey(jwk as JsonWebKey, 'A128KW'), A128KW)
  assertEqual(text(result.plaintext), plaintext)
  assertEqual(plaintext, rfc7516A4.plaintext)
  assertSameMembers(result.protectedHeader, JSON.parse(rfc7516A4.protectedHeaderJson), 'protected header')
  assertSameMembers(result.sharedUnprotectedHeader, flattened.unprotected, 'shared unprotected header')
  assertSameMembers(result.unprotectedHeader, flattened.header, 'recipient header')
  assertSameMembers(result.header, joseHeader, 'JOSE header')
})
