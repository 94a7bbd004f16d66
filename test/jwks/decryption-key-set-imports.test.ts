/** DecryptionKeySet imports over every key type: once per alg on first use, then reused; a key Web Crypto refuses is not cached. */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createDecryptionKeySet } from '../../src/jwks/decryption-key-set.ts'
import type { JweHeader } from '../../src/serialization/header.ts'
import { expectJoseError } from '../helpers/expect-jose.ts'
import { b64 } from '../helpers/tokens.ts'
import { curveKeys, secret, type CurveKey } from '../helpers/decryption-key-set-forms.ts'

let P256: CurveKey, X25519: CurveKey
beforeAll(() => {
  ;({ P256, X25519 } = curveKeys())
})

afterEach(() => {
  vi.restoreAllMocks()
})

describe('imports', () => {
  const importCalls = (spy: { mock: { calls: unknown[][] } }, format: string) => spy.mock.calls.filter((call) => call[0] === format).length

  it('bytes, oct JWKs and EC keys are imported once per alg on first use (one CryptoKey: copiesPerKey is for RSA), and reused', async () => {
    const set = createDecryptionKeySet([{ kid: 's', key: secret(32, 1) }, { kid: 'j', key: { kty: 'oct', k: b64(secret(32, 2)) } }, { kid: 'e', key: X25519.privateJwk }], { copiesPerKey: 4 })
    const headers = [
      { alg: 'A256KW', enc: 'A256GCM', kid: 's' },
      { alg: 'A256KW', enc: 'A256GCM', kid: 'j' },
      { alg: 'ECDH-ES', enc: 'A256GCM', kid: 'e', epk: { crv: 'X25519' } },
    ] as JweHeader[]
    await Promise.all(headers.map((header) => set.candidates(header)))
    const importKeySpy = vi.spyOn(crypto.subtle, 'importKey')
    for (let i = 0; i < 3; i++) {
      for (const header of headers) {
        const [first, ...rest] = await set.candidates(header)
        expect(rest).toEqual([])
        expect(first).toBe((await set.candidates(header))[0])
      }
    }
    expect(importKeySpy).not.toHaveBeenCalled()
    // Another alg for the same bytes: one more import.
    await set.candidates({ alg: 'A256GCMKW', enc: 'A256GCM', kid: 's' })
    await set.candidates({ alg: 'ECDH-ES+A256KW', enc: 'A256GCM', kid: 'e', epk: { crv: 'X25519' } })
    expect([importCalls(importKeySpy, 'raw'), importCalls(importKeySpy, 'jwk')]).toEqual([1, 1])
  })

  it("a key Web Crypto refuses on import is the server's fault (ERR_KEY_UNAVAILABLE), not cached; a runtime without the alg says ERR_ALG_NOT_SUPPORTED", async () => {
    // Full-length members of a point that is not on P-256: well-formed, refused by Web Crypto.
    const offCurve = { ...P256.privateJwk, y: b64(secret(32, 1)) }
    const set = createDecryptionKeySet([{ key: offCurve }])
    const header = { alg: 'ECDH-ES', enc: 'A256GCM', epk: { crv: 'P-256' } } as JweHeader
    const error = await expectJoseError(set.candidates(header), 'ERR_KEY_UNAVAILABLE')
    expect(error.message).toBe('decryption key 0 could not be imported')
    const importKeySpy = vi.spyOn(crypto.subtle, 'importKey')
    await expectJoseError(set.candidates(header), 'ERR_KEY_UNAVAILABLE')
    expect(importKeySpy).toHaveBeenCalled()
    // Web Crypto without AES-192 (Chromium): the alg is unsupported, not the key unavailable.
    importKeySpy.mockRejectedValue(new DOMException('AES-192 is not supported', 'OperationError'))
    const aes192 = createDecryptionKeySet([{ key: secret(24, 1) }])
    await expectJoseError(aes192.candidates({ alg: 'A192KW', enc: 'A256GCM' }), 'ERR_ALG_NOT_SUPPORTED')
  })
})
