/** Unwrap, CEK-length and tag failures make the same Web Crypto calls of each kind, on every RSA-OAEP decryption entry point. */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { randomBytes } from 'node:crypto'
import { compactDecrypt } from '../../src/jwe/compact-decrypt.ts'
import { countSubtleCalls, decryptionEntryPoints, fileDecryptionFailures, type Decrypt } from '../helpers/decryption-failures.ts'
import { b64, cryptoKeyFor, fileContext, setSegment } from './support.ts'

const ctx = fileContext()
const tokens = fileDecryptionFailures()
const entryPoints = decryptionEntryPoints(ctx)

afterEach(() => {
  vi.restoreAllMocks()
})

describe('the same Web Crypto calls on every failure path', () => {
  it('the spies see the library\'s calls', async () => {
    // RSA-OAEP decrypt, importKey of the CEK, AES-GCM decrypt (unwrapKey only for unwrap-only keys).
    const counts = await countSubtleCalls(() => compactDecrypt(tokens.valid, ctx.decryptionKey, ctx.jwe))
    expect(counts.unwrapKey).toBe(0)
    expect(counts.decrypt).toBe(2)
    expect(counts.importKey).toBe(1)
  })

  for (const entry of entryPoints) {
    it(`${entry.name}: unwrap failure, CEK length mismatch and tag failure make equal calls`, async () => {
      const decrypt = await entry.decrypt()
      // Warm-up: key imports of the set and the one-time decoy keys are excluded.
      await decrypt(tokens.valid)
      for (const token of Object.values(tokens.failures)) await decrypt(token).catch(() => undefined)

      const reference = await countSubtleCalls(() => decrypt(tokens.failures['tag failure: tag bit flipped']!))
      expect(Object.values(reference).reduce((a, b) => a + b)).toBeGreaterThanOrEqual(2)
      for (const [name, token] of Object.entries(tokens.failures)) {
        expect(await countSubtleCalls(() => decrypt(token)), name).toEqual(reference)
      }
    })
  }

  it('compactDecrypt: the successful path makes the same calls as the failure paths', async () => {
    const decrypt: Decrypt = (t) => compactDecrypt(t, ctx.decryptionKey, ctx.jwe)
    await decrypt(tokens.valid)
    for (const token of Object.values(tokens.failures)) await decrypt(token).catch(() => undefined)
    const success = await countSubtleCalls(() => decrypt(tokens.valid))
    for (const [name, token] of Object.entries(tokens.failures)) {
      expect(await countSubtleCalls(() => decrypt(token)), name).toEqual(success)
    }
  })

  it('an unwrap-only key continues with a decoy carrier created once: no per-failure key generation', async () => {
    const key = await cryptoKeyFor(ctx.recipient, 'RSA-OAEP-256', 'private', ['unwrapKey'])
    const decrypt: Decrypt = (t) => compactDecrypt(t, key, ctx.jwe)
    await decrypt(tokens.failures['unwrap failure: random encrypted key']!).catch(() => undefined)
    for (let i = 0; i < 3; i++) {
      const counts = await countSubtleCalls(() => decrypt(setSegment(tokens.valid, 1, b64(randomBytes(256)))))
      // The one import is the CEK's, as on the success path.
      expect(counts.importKey).toBe(1)
      expect(counts.exportKey).toBe(1)
      expect(counts.generateKey).toBe(0)
    }
  })
})
