/**
 * RFC 7516 §11.5 / RFC 3218: a failed key unwrap, a CEK of the wrong length and a failed
 * authentication tag must be indistinguishable to the sender of the token. Checked here:
 * the same error class, code, message, own properties and stack, through every decryption
 * entry point, and the same number of Web Crypto calls of each kind on every failure path.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { randomBytes } from 'node:crypto'
import { compactDecrypt } from '../../src/jwe/compact-decrypt.ts'
import { decryptAndVerifyJwt } from '../../src/verifier/decrypt-and-verify-jwt.ts'
import { DecryptionKeySet } from '../../src/jwks/decryption-key-set.ts'
import { DECRYPTION_FAILED_MESSAGE, JoseError } from '../../src/errors.ts'
import {
  b64,
  createContext,
  cryptoKeyFor,
  defaultClaims,
  encryptJwe,
  namedKey,
  flipBit,
  rejects,
  setSegment,
  signJws,
  type Context,
} from './support.ts'

let ctx: Context
let valid: string
let failures: Record<string, string>

beforeAll(async () => {
  ctx = await createContext()
  const inner = signJws(defaultClaims())
  valid = encryptJwe(inner)
  const shortCek = randomBytes(16)
  failures = {
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

afterEach(() => {
  vi.restoreAllMocks()
})

type Decrypt = (token: string) => Promise<unknown>

interface Entry {
  name: string
  decrypt: () => Promise<Decrypt>
}

const entryPoints: Entry[] = [
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
async function countSubtleCalls(run: () => Promise<unknown>): Promise<Record<string, number>> {
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

describe('one failure for every decryption error (RFC 7516 §11.5)', () => {
  for (const entry of entryPoints) {
    it(`${entry.name}: same class, code, message, properties and stack`, async () => {
      const decrypt = await entry.decrypt()
      await expect(decrypt(valid)).resolves.toBeDefined()
      const errors: JoseError[] = []
      for (const token of Object.values(failures)) {
        errors.push(await rejects(decrypt(token), 'ERR_JWE_DECRYPTION_FAILED', token))
      }
      const [first] = errors
      for (const error of errors) {
        expect(Object.getPrototypeOf(error)).toBe(JoseError.prototype)
        expect(error.constructor).toBe(JoseError)
        expect(error.name).toBe('JoseError')
        expect(error.message).toBe(DECRYPTION_FAILED_MESSAGE)
        expect(error.cause).toBeUndefined()
        expect(Reflect.ownKeys(error)).toEqual(Reflect.ownKeys(first!))
        // The stack names the code path: it must be the same one for every kind of failure.
        expect(error.stack).toBe(first!.stack)
      }
    })
  }

  it('a DecryptionKeySet in which no key fits the token fails the same way', async () => {
    const set = new DecryptionKeySet([{ key: namedKey('other-recipient').privatePem }, { key: namedKey('third-recipient').privatePem }])
    for (const token of [valid, ...Object.values(failures)]) {
      const error = await rejects(decryptAndVerifyJwt(token, ctx.nested({ decryptionKey: set })), 'ERR_JWE_DECRYPTION_FAILED', token)
      expect(error.message).toBe(DECRYPTION_FAILED_MESSAGE)
    }
  })
})

describe('the same Web Crypto calls on every failure path', () => {
  it('the spies see the library\'s calls', async () => {
    // RSA-OAEP decrypt, importKey of the CEK, AES-GCM decrypt (unwrapKey only for unwrap-only keys).
    const counts = await countSubtleCalls(() => compactDecrypt(valid, ctx.decryptionKey, ctx.jwe))
    expect(counts.unwrapKey).toBe(0)
    expect(counts.decrypt).toBe(2)
    expect(counts.importKey).toBe(1)
  })

  for (const entry of entryPoints) {
    it(`${entry.name}: unwrap failure, CEK length mismatch and tag failure make equal calls`, async () => {
      const decrypt = await entry.decrypt()
      // Warm-up: key imports of the set and the one-time decoy keys are excluded.
      await decrypt(valid)
      for (const token of Object.values(failures)) await decrypt(token).catch(() => undefined)

      const reference = await countSubtleCalls(() => decrypt(failures['tag failure: tag bit flipped']!))
      expect(Object.values(reference).reduce((a, b) => a + b)).toBeGreaterThanOrEqual(2)
      for (const [name, token] of Object.entries(failures)) {
        expect(await countSubtleCalls(() => decrypt(token)), name).toEqual(reference)
      }
    })
  }

  it('compactDecrypt: the successful path makes the same calls as the failure paths', async () => {
    const decrypt: Decrypt = (t) => compactDecrypt(t, ctx.decryptionKey, ctx.jwe)
    await decrypt(valid)
    for (const token of Object.values(failures)) await decrypt(token).catch(() => undefined)
    const success = await countSubtleCalls(() => decrypt(valid))
    for (const [name, token] of Object.entries(failures)) {
      expect(await countSubtleCalls(() => decrypt(token)), name).toEqual(success)
    }
  })

  it('an unwrap-only key continues with a decoy carrier created once: no per-failure key generation', async () => {
    const key = await cryptoKeyFor(ctx.recipient, 'RSA-OAEP-256', 'private', ['unwrapKey'])
    const decrypt: Decrypt = (t) => compactDecrypt(t, key, ctx.jwe)
    await decrypt(failures['unwrap failure: random encrypted key']!).catch(() => undefined)
    for (let i = 0; i < 3; i++) {
      const counts = await countSubtleCalls(() => decrypt(setSegment(valid, 1, b64(randomBytes(256)))))
      // The one import is the CEK's, as on the success path.
      expect(counts.importKey).toBe(1)
      expect(counts.exportKey).toBe(1)
      expect(counts.generateKey).toBe(0)
    }
  })
})

describe('one failure for the shared-key families and CBC-HS (RFC 7516 §11.5)', () => {
  const plaintext = new TextEncoder().encode('{"sub":"alice"}')
  const encode = (bytes: Uint8Array | Buffer): string => Buffer.from(bytes).toString('base64url')
  const replace = (token: string, index: number, segment: string): string => token.split('.').map((part, i) => (i === index ? segment : part)).join('.')
  const flip = (token: string, index: number): string => {
    const bytes = Buffer.from(token.split('.')[index]!, 'base64url')
    bytes[0] = bytes[0]! ^ 1
    return replace(token, index, encode(bytes))
  }

  /** A dir + A128CBC-HS256 token whose MAC is valid but whose plaintext padding is not (RFC 7518 §5.2.2.2). */
  async function badPadding(cek: Uint8Array): Promise<string> {
    const { createCipheriv, createHmac } = await import('node:crypto')
    const protectedSegment = encode(Buffer.from(JSON.stringify({ alg: 'dir', enc: 'A128CBC-HS256' })))
    const iv = randomBytes(16)
    const cipher = createCipheriv('aes-128-cbc', cek.subarray(16), iv).setAutoPadding(false)
    const ciphertext = Buffer.concat([cipher.update(Buffer.alloc(16, 0)), cipher.final()])
    const aad = Buffer.from(protectedSegment, 'ascii')
    const al = Buffer.alloc(8)
    al.writeUInt32BE(aad.length * 8, 4)
    const tag = createHmac('sha256', cek.subarray(0, 16)).update(Buffer.concat([aad, iv, ciphertext, al])).digest().subarray(0, 16)
    return [protectedSegment, '', encode(iv), encode(ciphertext), encode(tag)].join('.')
  }

  const cases = [
    ['A256KW', 'A256GCM', 32],
    ['A256KW', 'A256CBC-HS512', 32],
    ['A256GCMKW', 'A128CBC-HS256', 32],
    ['PBES2-HS256+A128KW', 'A256CBC-HS512', 8],
    ['dir', 'A128CBC-HS256', 32],
    ['dir', 'A256GCM', 32],
  ] as const
  for (const [alg, enc, secretBytes] of cases) {
    it(`${alg} + ${enc}: failed unwrap, wrong key, bad tag, bad ciphertext${alg === 'dir' && enc.includes('CBC') ? ', bad padding' : ''} are indistinguishable`, async () => {
      const { importKey } = await import('../../src/keys/import-key.ts')
      const { compactEncrypt } = await import('../../src/jwe/compact-encrypt.ts')
      const secret = new Uint8Array(randomBytes(secretBytes))
      const key = await importKey(secret, alg)
      const other = await importKey(new Uint8Array(randomBytes(secretBytes)), alg)
      const header = { alg, enc, ...(alg.startsWith('PBES2') ? { p2c: 1000 } : {}) }
      const valid = await compactEncrypt(plaintext, key, header)
      const options = { keyManagementAlgorithms: [alg], contentEncryptionAlgorithms: [enc] }
      await expect(compactDecrypt(valid, key, options)).resolves.toBeDefined()
      const failing: [string, CryptoKey][] = [
        [valid, other],
        [flip(valid, 4), key],
        [flip(valid, 3), key],
        [flip(valid, 2), key],
      ]
      if (alg !== 'dir') failing.push([flip(valid, 1), key])
      const badPaddingToken = alg === 'dir' && enc.includes('CBC') ? await badPadding(secret) : undefined
      if (badPaddingToken) failing.push([badPaddingToken, key])
      const errors: JoseError[] = []
      for (const [token, k] of failing) errors.push(await rejects(compactDecrypt(token, k, options), 'ERR_JWE_DECRYPTION_FAILED', token))
      for (const error of errors) {
        expect(error.message).toBe(DECRYPTION_FAILED_MESSAGE)
        expect(error.cause).toBeUndefined()
        expect(Reflect.ownKeys(error)).toEqual(Reflect.ownKeys(errors[0]!))
        expect(error.stack).toBe(errors[0]!.stack)
      }
      // A wrong key and a bad tag make the same Web Crypto calls. (Bad padding needs a valid MAC, so only
      // the key holder can produce it; the padding is never examined before the MAC verifies.)
      const wrongKey = await countSubtleCalls(() => compactDecrypt(valid, other, options))
      expect(await countSubtleCalls(() => compactDecrypt(flip(valid, 4), key, options))).toEqual(wrongKey)
      if (enc.includes('CBC')) {
        // Unauthenticated ciphertext is never decrypted: a wrong key or a bad tag stops at the MAC;
        // only a valid MAC reaches AES-CBC, where bad padding fails (one decryption more, README).
        const decryptions = { ...wrongKey, decrypt: wrongKey.decrypt! + 1 }
        expect(await countSubtleCalls(() => compactDecrypt(valid, key, options))).toMatchObject({ decrypt: decryptions.decrypt })
        if (alg === 'dir') expect(await countSubtleCalls(() => compactDecrypt(badPaddingToken!, key, options))).toEqual(decryptions)
      }
    })
  }
})

describe('one failure for ECDH-ES (RFC 7516 §11.5)', () => {
  const plaintext = new TextEncoder().encode('{"sub":"alice"}')
  const encode = (bytes: Uint8Array | Buffer): string => Buffer.from(bytes).toString('base64url')
  const replace = (token: string, index: number, segment: string): string => token.split('.').map((part, i) => (i === index ? segment : part)).join('.')
  const flip = (token: string, index: number): string => {
    const bytes = Buffer.from(token.split('.')[index]!, 'base64url')
    bytes[0] = bytes[0]! ^ 1
    return replace(token, index, encode(bytes))
  }
  /** The token with its "epk" replaced: the X25519 zero point, whose shared secret is all zero (RFC 7748 §6.1). */
  const zeroPointEpk = (token: string): string => {
    const header = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as Record<string, unknown>
    return replace(token, 0, encode(Buffer.from(JSON.stringify({ ...header, epk: { kty: 'OKP', crv: 'X25519', x: encode(new Uint8Array(32)) } }))))
  }
  const pair = async (crv: string, alg: string) => {
    const { importKey } = await import('../../src/keys/import-key.ts')
    const generated = (await crypto.subtle.generateKey((crv === 'X25519' ? { name: crv } : { name: 'ECDH', namedCurve: crv }) as EcKeyGenParams, true, ['deriveBits'])) as CryptoKeyPair
    const { d: _d, key_ops: _ops, ext: _ext, ...publicJwk } = await crypto.subtle.exportKey('jwk', generated.privateKey)
    return [await importKey(await crypto.subtle.exportKey('jwk', generated.privateKey), alg as 'ECDH-ES'), await importKey(publicJwk, alg as 'ECDH-ES')] as const
  }

  for (const crv of ['P-256', 'X25519'] as const) {
    for (const [alg, enc] of [['ECDH-ES', 'A256GCM'], ['ECDH-ES', 'A128CBC-HS256'], ['ECDH-ES+A128KW', 'A256GCM'], ['ECDH-ES+A256KW', 'A256CBC-HS512']] as const) {
      it(`${crv} ${alg} + ${enc}: wrong key, bad tag, bad ciphertext, bad IV${alg === 'ECDH-ES' ? '' : ', failed unwrap'}${crv === 'X25519' ? ', all-zero secret' : ''} are indistinguishable`, async () => {
        const { compactEncrypt } = await import('../../src/jwe/compact-encrypt.ts')
        const [key, publicKey] = await pair(crv, alg)
        const [other] = await pair(crv, alg)
        const valid = await compactEncrypt(plaintext, publicKey, { alg, enc })
        const options = { keyManagementAlgorithms: [alg], contentEncryptionAlgorithms: [enc] }
        await expect(compactDecrypt(valid, key, options)).resolves.toBeDefined()
        const failing: [string, CryptoKey][] = [[valid, other], [flip(valid, 4), key], [flip(valid, 3), key], [flip(valid, 2), key]]
        if (alg !== 'ECDH-ES') failing.push([flip(valid, 1), key])
        if (crv === 'X25519') failing.push([zeroPointEpk(valid), key])
        const errors: JoseError[] = []
        for (const [token, k] of failing) errors.push(await rejects(compactDecrypt(token, k, options), 'ERR_JWE_DECRYPTION_FAILED', token))
        for (const error of errors) {
          expect(error.message).toBe(DECRYPTION_FAILED_MESSAGE)
          expect(error.cause).toBeUndefined()
          expect(Reflect.ownKeys(error)).toEqual(Reflect.ownKeys(errors[0]!))
          expect(error.stack).toBe(errors[0]!.stack)
        }
        // A wrong key, a bad tag and an all-zero secret make the same Web Crypto calls as each other.
        const wrongKey = await countSubtleCalls(() => compactDecrypt(valid, other, options))
        expect(await countSubtleCalls(() => compactDecrypt(flip(valid, 4), key, options))).toEqual(wrongKey)
        if (crv === 'X25519') expect(await countSubtleCalls(() => compactDecrypt(zeroPointEpk(valid), key, options))).toEqual(wrongKey)
      })
    }
  }
})
