/**
 * What the no-oracle tests (test/security/no-oracle-*.test.ts) share, after RFC 7516 §11.5 /
 * RFC 3218: a valid RSA-OAEP-256 JWE with one failing token per kind of failure (key unwrap, CEK
 * length, authentication tag), every decryption entry point to put them through, a count of the
 * Web Crypto calls each path makes, and the check that failures are indistinguishable.
 */
import { beforeAll, expect, vi } from 'vitest'
import { randomBytes } from 'node:crypto'
import { compactDecrypt } from '../../src/jwe/compact-decrypt.ts'
import { decryptAndVerifyJwt } from '../../src/verifier/decrypt-and-verify-jwt.ts'
import { DecryptionKeySet } from '../../src/jwks/decryption-key-set.ts'
import { DECRYPTION_FAILED_MESSAGE, type JoseError } from '../../src/errors.ts'
import type { Context } from '../security/support.ts'
import { cryptoKeyFor, namedKey } from './keys.ts'
import { b64, defaultClaims, encryptJwe, flipBit, setSegment, signJws } from './tokens.ts'

/** A valid JWE for the file's recipient, and tokens that fail decryption, each named for how. */
export interface DecryptionFailures {
  valid: string
  failures: Record<string, string>
}

/** The file's DecryptionFailures, filled in by a beforeAll this registers: read its members inside tests only. */
export function fileDecryptionFailures(): DecryptionFailures {
  const tokens = {} as DecryptionFailures
  beforeAll(() => {
    const inner = signJws(defaultClaims())
    const valid = encryptJwe(inner)
    const shortCek = randomBytes(16)
    tokens.valid = valid
    tokens.failures = {
      'unwrap failure: random encrypted key': setSegment(valid, 1, b64(randomBytes(256))),
      'unwrap failure: encrypted key for another recipient': encryptJwe(inner, { key: namedKey('stranger') }),
      'unwrap failure: encrypted key bit flipped': flipBit(valid, 1, 100, 3),
      'unwrap failure: encrypted key too short': setSegment(valid, 1, b64(randomBytes(255))),
      'CEK length mismatch: 16-byte CEK under A256GCM': encryptJwe(inner, { cek: shortCek, contentKey: shortCek }),
      'CEK length mismatch: 24-byte CEK under A256GCM': encryptJwe(inner, { cek: randomBytes(24), contentKey: randomBytes(32) }),
      'CEK length mismatch: 33-byte CEK': encryptJwe(inner, { cek: randomBytes(33), contentKey: randomBytes(32) }),
      'tag failure: tag bit flipped': flipBit(valid, 4, 15, 7),
      'tag failure: ciphertext bit flipped': flipBit(valid, 3, 0, 0),
      'tag failure: IV changed': flipBit(valid, 2, 0, 0),
    }
  })
  return tokens
}

export type Decrypt = (token: string) => Promise<unknown>

export interface EntryPoint {
  name: string
  decrypt: () => Promise<Decrypt>
}

/** Every way to decrypt the file's tokens with `ctx`'s recipient key (`ctx` is read when `decrypt` is called). */
export const decryptionEntryPoints = (ctx: Context): EntryPoint[] => [
  { name: 'compactDecrypt, CryptoKey with decrypt and unwrapKey', decrypt: async () => (t) => compactDecrypt(t, ctx.decryptionKey, ctx.jwe) },
  {
    name: 'compactDecrypt, CryptoKey limited to unwrapKey',
    decrypt: async () => {
      const key = await cryptoKeyFor(ctx.recipient, 'RSA-OAEP-256', 'private', ['unwrapKey'])
      return (t) => compactDecrypt(t, key, ctx.jwe)
    },
  },
  {
    name: 'compactDecrypt, CryptoKey limited to decrypt',
    decrypt: async () => {
      const key = await cryptoKeyFor(ctx.recipient, 'RSA-OAEP-256', 'private', ['decrypt'])
      return (t) => compactDecrypt(t, key, ctx.jwe)
    },
  },
  { name: 'decryptAndVerifyJwt, CryptoKey', decrypt: async () => (t) => decryptAndVerifyJwt(t, ctx.nested()) },
  {
    name: 'decryptAndVerifyJwt, DecryptionKeySet of three kid-less keys (PEM, JWK, CryptoKey)',
    decrypt: async () => {
      const set = new DecryptionKeySet([
        { key: namedKey('other-recipient').privatePem },
        { key: namedKey('third-recipient').privateJwk },
        { key: ctx.decryptionKey },
      ])
      return (t) => decryptAndVerifyJwt(t, ctx.nested({ decryptionKey: set }))
    },
  },
  {
    name: 'decryptAndVerifyJwt, DecryptionKeySet selected by kid',
    decrypt: async () => {
      const set = new DecryptionKeySet([
        { kid: 'enc-0', key: namedKey('other-recipient').privatePem },
        { kid: 'enc-1', key: ctx.recipient.privatePem },
      ])
      return (t) => decryptAndVerifyJwt(t, ctx.nested({ decryptionKey: set }))
    },
  },
]

/** Calls `run` with every crypto.subtle method wrapped, and returns how often each was called. */
export async function countSubtleCalls(run: () => Promise<unknown>): Promise<Record<string, number>> {
  const subtle = crypto.subtle as unknown as Record<string, (...args: unknown[]) => unknown>
  const names = ['decrypt', 'encrypt', 'unwrapKey', 'wrapKey', 'importKey', 'exportKey', 'sign', 'verify', 'digest', 'deriveBits', 'deriveKey', 'generateKey']
  const spies = names.map((name) => [name, vi.spyOn(subtle, name)] as const)
  try {
    await run().catch(() => undefined)
    // Read before mockRestore, which also clears the recorded calls.
    return Object.fromEntries(spies.map(([name, spy]) => [name, spy.mock.calls.length]))
  } finally {
    for (const [, spy] of spies) spy.mockRestore()
  }
}

/** The errors carry the one message, no cause, and the same own properties and stack as the first. */
export function expectIndistinguishable(errors: readonly JoseError[]): void {
  for (const error of errors) {
    expect(error.message).toBe(DECRYPTION_FAILED_MESSAGE)
    expect(error.cause).toBeUndefined()
    expect(Reflect.ownKeys(error)).toEqual(Reflect.ownKeys(errors[0]!))
    expect(error.stack).toBe(errors[0]!.stack)
  }
}
