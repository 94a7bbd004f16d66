/**
 * "zip": "DEF" (RFC 7516 §4.1.3): refused unless the caller enables it with a size limit;
 * then inflated only after the tag has authenticated the ciphertext, and stopped as soon as
 * the output passes the limit (decompression bombs, RFC 8725 §3.6).
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { deflateRawSync } from 'node:zlib'
import { randomBytes } from 'node:crypto'
import { compactDecrypt } from '../../src/jwe/compact-decrypt.ts'
import { decryptAndVerifyJwt } from '../../src/verifier/decrypt-and-verify-jwt.ts'
import { createContext, defaultClaims, encryptJwe, flipBit, rejects, signJws, type Context } from './support.ts'

let ctx: Context
let inner: string
let zipped: string
const ZIP = { zip: { maxDecompressedBytes: 64 * 1024 } }

afterEach(() => {
  vi.restoreAllMocks()
})

beforeAll(async () => {
  ctx = await createContext()
  inner = signJws(defaultClaims())
  zipped = encryptJwe(inner, { header: { zip: 'DEF' }, deflate: true })
})

describe('"zip": "DEF"', () => {
  it('is refused with ERR_JWE_INVALID when not enabled', async () => {
    await rejects(compactDecrypt(zipped, ctx.decryptionKey, ctx.jwe), 'ERR_JWE_INVALID', zipped)
    await rejects(decryptAndVerifyJwt(zipped, ctx.nested()), 'ERR_JWE_INVALID', zipped)
  })

  it('is accepted when enabled: compressed with node:zlib deflateRawSync, encrypted with node:crypto', async () => {
    const { plaintext } = await compactDecrypt(zipped, ctx.decryptionKey, { ...ctx.jwe, ...ZIP })
    expect(new TextDecoder().decode(plaintext)).toBe(inner)
    const { claims } = await decryptAndVerifyJwt(zipped, ctx.nested(ZIP))
    expect(claims.sub).toBe('user-1')
  })

  it('any other "zip" value is refused, enabled or not', async () => {
    for (const zip of ['def', 'GZIP', 'deflate', '', 'DEF ']) {
      const token = encryptJwe(inner, { header: { zip }, deflate: true })
      await rejects(compactDecrypt(token, ctx.decryptionKey, { ...ctx.jwe, ...ZIP }), 'ERR_JWE_INVALID', token)
      await rejects(decryptAndVerifyJwt(token, ctx.nested(ZIP)), 'ERR_JWE_INVALID', token)
      await rejects(decryptAndVerifyJwt(token, ctx.nested()), 'ERR_JWE_INVALID', token)
    }
    for (const zip of [1, true, null, ['DEF'], { DEF: true }]) {
      const token = encryptJwe(inner, { header: { zip }, deflate: true })
      await rejects(decryptAndVerifyJwt(token, ctx.nested(ZIP)), 'ERR_JWE_INVALID', token)
    }
  })

  it('an invalid limit is the caller\'s error', async () => {
    for (const maxDecompressedBytes of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      await rejects(compactDecrypt(zipped, ctx.decryptionKey, { ...ctx.jwe, zip: { maxDecompressedBytes } }), 'ERR_INVALID_ARGUMENT')
    }
  })

  it('an invalid zip option is refused before any token is read, zipped or not, and is never a TypeError', async () => {
    const plain = encryptJwe(inner)
    for (const zip of [null, true, 'DEF', {}, { maxDecompressedBytes: 0 }, { maxDecompressedBytes: '65536' }, { maxDecompressedBytes: 1.5 }, { maxDecompressedBytes: 2 ** 53 }]) {
      for (const token of [zipped, plain]) {
        await rejects(compactDecrypt(token, ctx.decryptionKey, { ...ctx.jwe, zip: zip as never }), 'ERR_INVALID_ARGUMENT')
        await rejects(decryptAndVerifyJwt(token, ctx.nested({ zip: zip as never })), 'ERR_INVALID_ARGUMENT')
      }
    }
  })

  it('a decompression bomb (10 MB of zeros) is refused under a 64 KiB limit, without inflating it', async () => {
    const bomb = Buffer.alloc(10 * 1024 * 1024)
    const compressed = deflateRawSync(bomb, { level: 9 })
    expect(compressed.length).toBeLessThan(11 * 1024)
    const token = encryptJwe(bomb, { header: { zip: 'DEF' }, deflate: true })
    // Counts the inflated bytes the library reads: reading stops just past the limit, not at 10 MB.
    const read = ReadableStreamDefaultReader.prototype.read
    let inflated = 0
    vi.spyOn(ReadableStreamDefaultReader.prototype, 'read').mockImplementation(async function (this: ReadableStreamDefaultReader<Uint8Array>) {
      const chunk = await read.call(this)
      inflated += chunk.value?.byteLength ?? 0
      return chunk
    })
    await rejects(compactDecrypt(token, ctx.decryptionKey, { ...ctx.jwe, ...ZIP, maxTokenLength: 64 * 1024 }), 'ERR_JWE_INVALID', token)
    await rejects(decryptAndVerifyJwt(token, ctx.nested({ ...ZIP, maxTokenLength: 64 * 1024 })), 'ERR_JWE_INVALID', token)
    expect(inflated).toBeGreaterThan(2 * 64 * 1024)
    expect(inflated).toBeLessThan(1024 * 1024)
  })

  it('the limit is exact: a plaintext inflating to the limit is accepted, one byte more is refused', async () => {
    const limit = 5000
    const exact = encryptJwe(Buffer.alloc(limit, 0x41), { header: { zip: 'DEF' }, deflate: true })
    const { plaintext } = await compactDecrypt(exact, ctx.decryptionKey, { ...ctx.jwe, zip: { maxDecompressedBytes: limit } })
    expect(plaintext.length).toBe(limit)
    const over = encryptJwe(Buffer.alloc(limit + 1, 0x41), { header: { zip: 'DEF' }, deflate: true })
    await rejects(compactDecrypt(over, ctx.decryptionKey, { ...ctx.jwe, zip: { maxDecompressedBytes: limit } }), 'ERR_JWE_INVALID', over)
  })

  it('data that is not DEFLATE is refused with ERR_JWE_INVALID, but only once authenticated', async () => {
    const full = deflateRawSync(Buffer.from(inner))
    for (const content of [randomBytes(64), full.subarray(0, full.length - 4), Buffer.alloc(0)]) {
      // encryptJwe deflates only when asked: these bytes are sealed as they are.
      const token = encryptJwe(content, { header: { zip: 'DEF' } })
      await rejects(compactDecrypt(token, ctx.decryptionKey, { ...ctx.jwe, ...ZIP }), 'ERR_JWE_INVALID', token)
      // The same token with a broken tag never reaches the inflater: the uniform decryption error.
      const broken = flipBit(token, 4)
      await rejects(compactDecrypt(broken, ctx.decryptionKey, { ...ctx.jwe, ...ZIP }), 'ERR_JWE_DECRYPTION_FAILED', broken)
    }
  })

  it('a bomb with a broken tag is never inflated: ERR_JWE_DECRYPTION_FAILED', async () => {
    const token = flipBit(encryptJwe(Buffer.alloc(10 * 1024 * 1024), { header: { zip: 'DEF' }, deflate: true }), 4)
    await rejects(compactDecrypt(token, ctx.decryptionKey, { ...ctx.jwe, ...ZIP, maxTokenLength: 64 * 1024 }), 'ERR_JWE_DECRYPTION_FAILED', token)
  })

  it('an inflated inner JWS longer than maxTokenLength is still refused by size', async () => {
    const large = signJws({ ...defaultClaims(), pad: 'x'.repeat(20_000) })
    const token = encryptJwe(large, { header: { zip: 'DEF' }, deflate: true })
    expect(token.length).toBeLessThan(16 * 1024)
    await rejects(decryptAndVerifyJwt(token, ctx.nested(ZIP)), 'ERR_TOKEN_TOO_LARGE', [token, large])
  })
})
