/** The shared-key families (dir, A*KW, A*GCMKW, PBES2) and CBC-HS: round trips with jose both ways, and refusals by code. */
import { describe, expect, it, vi } from 'vitest'
import * as jose from 'jose'
import { compactDecrypt } from '../../src/jwe/compact-decrypt.ts'
import { compactEncrypt } from '../../src/jwe/compact-encrypt.ts'
import { importKey } from '../../src/keys/import-key.ts'
import type { KeyManagementAlgorithm } from '../../src/algorithms/key-management.ts'
import type { ContentEncryptionAlgorithm } from '../../src/algorithms/content-encryption.ts'
import { CEK_BYTES } from '../helpers/tokens.ts'

const ENCS: ContentEncryptionAlgorithm[] = ['A128GCM', 'A192GCM', 'A256GCM', 'A128CBC-HS256', 'A192CBC-HS384', 'A256CBC-HS512']
const ALGS: KeyManagementAlgorithm[] = ['A128KW', 'A192KW', 'A256KW', 'A128GCMKW', 'A192GCMKW', 'A256GCMKW', 'PBES2-HS256+A128KW', 'PBES2-HS384+A192KW', 'PBES2-HS512+A256KW']
const secretFor = (alg: string, enc: string): Uint8Array =>
  crypto.getRandomValues(new Uint8Array(alg === 'dir' ? CEK_BYTES[enc as ContentEncryptionAlgorithm] : alg.startsWith('PBES2') ? 12 : +/A(\d+)/.exec(alg)![1]! / 8))
const options = (alg: KeyManagementAlgorithm, enc: ContentEncryptionAlgorithm) => ({ keyManagementAlgorithms: [alg], contentEncryptionAlgorithms: [enc] })
const plaintext = new TextEncoder().encode('The true sign of intelligence is not knowledge but imagination.')

async function code(promise: Promise<unknown>): Promise<string> {
  return promise.then(() => 'resolved', (error: { code?: string }) => error.code ?? String(error))
}

describe('every alg × enc pair round-trips, and interoperates with jose both ways', () => {
  for (const alg of [...ALGS, 'dir' as const]) {
    for (const enc of ENCS) {
      it(`${alg} + ${enc}`, async () => {
        const secret = secretFor(alg, enc)
        const key = await importKey(secret, alg)
        const ours = await compactEncrypt(plaintext, key, { alg, enc })
        expect((await compactDecrypt(ours, key, options(alg, enc))).plaintext).toEqual(plaintext)
        const theirs = await new jose.CompactEncrypt(plaintext).setProtectedHeader({ alg, enc }).encrypt(secret)
        expect((await compactDecrypt(theirs, key, options(alg, enc))).plaintext).toEqual(plaintext)
        expect((await jose.compactDecrypt(ours, secret, { keyManagementAlgorithms: [alg] })).plaintext).toEqual(plaintext)
      })
    }
  }
})

describe('refusals', () => {
  it('a wrong key, a flipped tag and a flipped encrypted key are the one uniform failure', async () => {
    for (const alg of ALGS) {
      for (const enc of ['A256GCM', 'A256CBC-HS512'] as const) {
        const key = await importKey(secretFor(alg, enc), alg)
        const other = await importKey(secretFor(alg, enc), alg)
        const token = await compactEncrypt(plaintext, key, { alg, enc })
        const parts = token.split('.')
        const flip = (index: number) => parts.map((part, i) => (i === index ? (part[0] === 'A' ? 'B' : 'A') + part.slice(1) : part)).join('.')
        for (const [bad, k] of [[token, other], [flip(4), key], [flip(1), key], [flip(3), key]] as const) {
          const error = await compactDecrypt(bad, k, options(alg, enc)).catch((e: Error & { code: string }) => e)
          expect((error as { code: string }).code, `${alg} ${enc}`).toBe('ERR_JWE_DECRYPTION_FAILED')
          expect((error as Error).message).toBe('JWE decryption failed')
        }
      }
    }
  })

  it('PBES2: p2c under 1000 or above maxPbes2Count, and p2s under 8 bytes, fail before any derivation', async () => {
    const alg = 'PBES2-HS256+A128KW'
    const key = await importKey(new TextEncoder().encode('password'), alg)
    const make = (header: Record<string, unknown>) => compactEncrypt(plaintext, key, { alg, enc: 'A128GCM', ...header })
    const token = await make({ p2c: 20_000 })
    expect(await code(compactDecrypt(token, key, options(alg, 'A128GCM')))).toBe('ERR_JWE_INVALID')
    expect((await compactDecrypt(token, key, { ...options(alg, 'A128GCM'), maxPbes2Count: 20_000 })).plaintext).toEqual(plaintext)
    expect(await code(make({ p2c: 999 }))).toBe('ERR_JWE_INVALID')
    expect(await code(make({ p2s: 'AAAAAAAAAA' }))).toBe('ERR_JWE_INVALID')
    expect(await code(compactDecrypt(token, key, { ...options(alg, 'A128GCM'), maxPbes2Count: 999 }))).toBe('ERR_INVALID_ARGUMENT')
  })

  /** The token with its protected header edited (a member set to undefined is removed). */
  const forge = (token: string, edit: Record<string, unknown>): string => {
    const [h, ...rest] = token.split('.')
    const header = JSON.parse(new TextDecoder().decode(jose.base64url.decode(h!)))
    return [jose.base64url.encode(JSON.stringify({ ...header, ...edit })), ...rest].join('.')
  }

  it('PBES2, decrypting: a received p2c under 1000 or not an integer, and a p2s under 8 bytes or absent, fail before any derivation', async () => {
    const alg = 'PBES2-HS256+A128KW'
    const key = await importKey(new TextEncoder().encode('password'), alg)
    const token = await compactEncrypt(plaintext, key, { alg, enc: 'A128GCM', p2c: 1000 })
    const derive = vi.spyOn(crypto.subtle, 'deriveBits')
    try {
      const cases = [
        [{ p2c: 999 }, 'ERR_JWE_INVALID'],
        [{ p2c: 1000.5 }, 'ERR_JWE_INVALID'],
        [{ p2c: undefined }, 'ERR_JWE_INVALID'],
        [{ p2c: '2000' }, 'ERR_JWE_INVALID'],
        [{ p2s: 'AAAAAAAAAA' }, 'ERR_JWE_INVALID'],
        [{ p2s: undefined }, 'ERR_BASE64URL'],
      ] as const
      for (const [edit, expected] of cases) {
        expect(await code(compactDecrypt(forge(token, edit), key, options(alg, 'A128GCM'))), JSON.stringify(edit)).toBe(expected)
      }
      expect(derive).not.toHaveBeenCalled()
    } finally {
      derive.mockRestore()
    }
  })

  it('A*GCMKW: a header iv or tag of the wrong size is ERR_JWE_INVALID, an absent one ERR_BASE64URL', async () => {
    const alg = 'A128GCMKW'
    const key = await importKey(secretFor(alg, 'A128GCM'), alg)
    const token = await compactEncrypt(plaintext, key, { alg, enc: 'A128GCM' })
    const cases = [
      [{ iv: 'AAAA' }, 'ERR_JWE_INVALID'],
      [{ iv: jose.base64url.encode(new Uint8Array(16)) }, 'ERR_JWE_INVALID'],
      [{ tag: 'AAAA' }, 'ERR_JWE_INVALID'],
      [{ tag: jose.base64url.encode(new Uint8Array(12)) }, 'ERR_JWE_INVALID'],
      [{ iv: undefined }, 'ERR_BASE64URL'],
      [{ tag: undefined }, 'ERR_BASE64URL'],
    ] as const
    for (const [edit, expected] of cases) {
      expect(await code(compactDecrypt(forge(token, edit), key, options(alg, 'A128GCM'))), JSON.stringify(edit)).toBe(expected)
    }
  })

  it('dir: a non-empty encrypted key is ERR_JWE_INVALID; a key of another size is refused to encrypt and fails uniformly to decrypt', async () => {
    const key = await importKey(secretFor('dir', 'A256GCM'), 'dir')
    const token = await compactEncrypt(plaintext, key, { alg: 'dir', enc: 'A256GCM' })
    const parts = token.split('.')
    parts[1] = 'AAAA'
    expect(await code(compactDecrypt(parts.join('.'), key, options('dir', 'A256GCM')))).toBe('ERR_JWE_INVALID')
    expect(await code(compactEncrypt(plaintext, key, { alg: 'dir', enc: 'A128GCM' }))).toBe('ERR_KEY_INVALID')
    const other = await importKey(secretFor('dir', 'A128GCM'), 'dir')
    expect(await code(compactDecrypt(token, other, options('dir', 'A256GCM')))).toBe('ERR_JWE_DECRYPTION_FAILED')
  })

  it('keys: an AES key of another size than the alg names, empty bytes or a PEM are ERR_KEY_INVALID', async () => {
    expect(await code(importKey(new Uint8Array(16), 'A256KW'))).toBe('ERR_KEY_INVALID')
    expect(await code(importKey(new Uint8Array(0), 'dir'))).toBe('ERR_KEY_INVALID')
    expect(await code(importKey('-----BEGIN PRIVATE KEY-----', 'A128KW'))).toBe('ERR_KEY_INVALID')
    const k128 = await crypto.subtle.importKey('raw', new Uint8Array(16), 'AES-KW', false, ['wrapKey', 'unwrapKey'])
    expect(await code(compactEncrypt(plaintext, k128, { alg: 'A256KW', enc: 'A256GCM' }))).toBe('ERR_KEY_INVALID')
    const jwk = { kty: 'oct', k: jose.base64url.encode(new Uint8Array(32)) }
    expect((await importKey(jwk, 'A256KW')).algorithm.name).toBe('AES-KW')
  })
})
