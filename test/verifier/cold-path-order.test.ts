/**
 * The cold path overlaps its own checks with Web Crypto: the JWE content (IV, ciphertext, tag,
 * AAD) is decoded and checked while the first key unwraps, the inner payload while the signature
 * is verified. What must not change: every key-free
 * check runs on every token with the error code it had, a refused token costs no more
 * cryptography than one with a garbage encrypted key, and an unwrap whose result is dropped is
 * caught.
 */
import { describe, expect, it, vi } from 'vitest'
import { decryptAndVerifyJwt } from '../../src/verifier/decrypt-and-verify-jwt.ts'
import { compactDecrypt } from '../../src/jwe/compact-decrypt.ts'
import { compactEncrypt } from '../../src/jwe/compact-encrypt.ts'
import type { JoseErrorCode } from '../../src/errors.ts'
import { expectJoseError } from '../helpers/expect-jose.ts'
import { jwtVerify } from '../../src/jwt/jwt-verify.ts'
import { b64, namedKey, nestedToken, rsaSign, setSegment } from '../helpers/tokens.ts'
import { options, useVerifierKeys, verificationKey } from '../helpers/verifier-fixture.ts'

useVerifierKeys()

/** Each malformed content segment, with the code it has always had (segments: 2 IV, 3 ciphertext, 4 tag). */
const MALFORMED: [what: string, index: number, segment: string, code: JoseErrorCode][] = [
  ['an IV of the wrong size', 2, b64(new Uint8Array(16)), 'ERR_JWE_INVALID'],
  ['an IV that is not base64url', 2, 'AAAAAAAAAAAAAAA+', 'ERR_BASE64URL'],
  ['a ciphertext that is not base64url', 3, 'AA AA', 'ERR_BASE64URL'],
  ['a ciphertext of impossible length', 3, 'AAAAA', 'ERR_BASE64URL'],
  ['a tag of the wrong size', 4, b64(new Uint8Array(12)), 'ERR_JWE_INVALID'],
  ['a tag with non-zero trailing bits', 4, 'AAAAAAAAAAAAAAAAAAAAAB', 'ERR_BASE64URL'],
]

/** Runs `body`, then fails if a promise rejection went unhandled meanwhile. */
async function withoutUnhandledRejections(body: () => Promise<void>): Promise<void> {
  const unhandled: unknown[] = []
  const listener = (reason: unknown) => unhandled.push(reason)
  process.on('unhandledRejection', listener)
  try {
    await body()
    // Let any dropped rejection surface.
    await new Promise((resolve) => setTimeout(resolve, 20))
  } finally {
    process.off('unhandledRejection', listener)
  }
  expect(unhandled).toEqual([])
}

/** A JWS signed over a payload segment that is not base64url (the signer signed it as it is). */
function signedOverBadPayload(): string {
  const signingInput = `${b64(JSON.stringify({ alg: 'RS256' }))}.${b64('{}')}+`
  return `${signingInput}.${b64(rsaSign('RS256', namedKey('signer'), signingInput))}`
}

/** Web Crypto calls by operation and algorithm while `action` runs. */
async function countCalls(action: () => Promise<unknown>): Promise<Record<string, number>> {
  const counts: Record<string, number> = {}
  for (const method of ['decrypt', 'importKey', 'verify', 'unwrapKey'] as const) {
    const original = crypto.subtle[method].bind(crypto.subtle) as (...args: unknown[]) => Promise<unknown>
    vi.spyOn(crypto.subtle, method).mockImplementation(((...args: unknown[]) => {
      const algorithm = args[method === 'importKey' || method === 'unwrapKey' ? 2 : 0] as string | { name: string }
      const key = `${method} ${typeof algorithm === 'string' ? algorithm : algorithm.name}`
      counts[key] = (counts[key] ?? 0) + 1
      return original(...args)
    }) as never)
  }
  await action()
  return counts
}

describe('the cold path checks the JWE content while the key unwraps', () => {
  it.each(MALFORMED)('%s: the same code as ever, after one RSA-OAEP decryption at most and no content decryption', async (_what, index, segment, code) => {
    const token = setSegment(nestedToken(), index, segment)
    const calls = await countCalls(() => expectJoseError(decryptAndVerifyJwt(token, options()), code))
    // One RSA decryption, as a well-formed token with a garbage encrypted key costs; nothing after it.
    expect(calls).toEqual({ 'decrypt RSA-OAEP': 1 })
  })

  it('a well-formed token still makes exactly the four calls of the floor', async () => {
    const calls = await countCalls(() => decryptAndVerifyJwt(nestedToken(), options()))
    expect(calls).toEqual({ 'decrypt RSA-OAEP': 1, 'importKey AES-GCM': 1, 'decrypt AES-GCM': 1, 'verify RSASSA-PKCS1-v1_5': 1 })
  })

  it('key candidates that offer no key: the content is still checked, and a good token fails uniformly', async () => {
    const none = { candidates: async () => [] }
    await expectJoseError(decryptAndVerifyJwt(setSegment(nestedToken(), 2, b64(new Uint8Array(16))), options({ decryptionKey: none })), 'ERR_JWE_INVALID')
    await expectJoseError(decryptAndVerifyJwt(nestedToken(), options({ decryptionKey: none })), 'ERR_JWE_DECRYPTION_FAILED')
  })

  it('an unwrap that rejects while the content check fails: the content error, and no unhandled rejection', async () => {
    await withoutUnhandledRejections(async () => {
      // An A256KW token opened with a 128-bit AES-KW key: the family's unwrap refuses the key (a rejected promise).
      const wrapKey = await crypto.subtle.importKey('raw', new Uint8Array(32), 'AES-KW', false, ['wrapKey', 'unwrapKey'])
      const shortKey = await crypto.subtle.importKey('raw', new Uint8Array(16), 'AES-KW', false, ['wrapKey', 'unwrapKey'])
      const token = await compactEncrypt(new TextEncoder().encode('x'), wrapKey, { alg: 'A256KW', enc: 'A256GCM' })
      const decrypt = { keyManagementAlgorithms: ['A256KW'], contentEncryptionAlgorithms: ['A256GCM'] } as const
      await expectJoseError(compactDecrypt(token, shortKey, decrypt), 'ERR_KEY_INVALID')
      await expectJoseError(compactDecrypt(setSegment(token, 2, b64(new Uint8Array(16))), shortKey, decrypt), 'ERR_JWE_INVALID')
    })
  })
})

describe('the inner payload is decoded before the signature is verified', () => {
  it('a payload segment that is not base64url is ERR_BASE64URL, whether the signature over it holds or not, and costs no verification', async () => {
    const token = signedOverBadPayload()
    const calls = await countCalls(() => expectJoseError(jwtVerify(token, verificationKey, { algorithms: ['RS256'] }), 'ERR_BASE64URL'))
    expect(calls).toEqual({})
    await expectJoseError(jwtVerify(setSegment(token, 2, b64(new Uint8Array(256))), verificationKey, { algorithms: ['RS256'] }), 'ERR_BASE64URL')
  })

  it('a key the family refuses: the payload error first when the payload is bad, and no unhandled rejection', async () => {
    await withoutUnhandledRejections(async () => {
      // HS256 with a 128-bit key: the family's verify refuses the key (a rejected promise).
      const shortKey = await crypto.subtle.importKey('raw', new Uint8Array(16), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify'])
      const signingInput = `${b64(JSON.stringify({ alg: 'HS256' }))}.${b64('{}')}`
      const options = { algorithms: ['HS256'] } as const
      await expectJoseError(jwtVerify(`${signingInput}.${b64(new Uint8Array(32))}`, shortKey, options), 'ERR_KEY_INVALID')
      await expectJoseError(jwtVerify(`${signingInput}+.${b64(new Uint8Array(32))}`, shortKey, options), 'ERR_BASE64URL')
    })
  })
})
