/**
 * Tampering with the cryptographic parts of a valid token: a 16-byte CEK under A256GCM, the
 * GCM tag truncated or extended, the IV changed or of the wrong length, the protected header,
 * encrypted key, ciphertext, payload or signature modified.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { constants, publicEncrypt, randomBytes } from 'node:crypto'
import { jwtVerify } from '../../src/jwt/jwt-verify.ts'
import { compactVerify } from '../../src/jws/compact-verify.ts'
import { compactDecrypt } from '../../src/jwe/compact-decrypt.ts'
import { decryptAndVerifyJwt } from '../../src/verifier/decrypt-and-verify-jwt.ts'
import { DECRYPTION_FAILED_MESSAGE, type JoseErrorCode } from '../../src/errors.ts'
import {
  b64,
  createContext,
  decodeSegment,
  defaultClaims,
  encryptJwe,
  namedKey,
  flipBit,
  nestedToken,
  rejects,
  rsaSign,
  segments,
  setSegment,
  signJws,
  type Context,
} from './support.ts'

let ctx: Context
let jwe: string
let jws: string

beforeAll(async () => {
  ctx = await createContext()
  jws = signJws(defaultClaims())
  jwe = encryptJwe(jws)
})

/** Runs a JWE through compactDecrypt and decryptAndVerifyJwt; both must fail with `code`. */
async function bothJweApis(token: string, code: JoseErrorCode): Promise<void> {
  const a = await rejects(compactDecrypt(token, ctx.decryptionKey, ctx.jwe), code, token)
  const b = await rejects(decryptAndVerifyJwt(token, ctx.nested()), code, token)
  if (code === 'ERR_JWE_DECRYPTION_FAILED') {
    expect(a.message).toBe(DECRYPTION_FAILED_MESSAGE)
    expect(b.message).toBe(DECRYPTION_FAILED_MESSAGE)
  }
}

async function bothJwsApis(token: string, code: JoseErrorCode): Promise<void> {
  await rejects(compactVerify(token, ctx.verificationKey, { algorithms: ['RS256'] }), code, token)
  await rejects(jwtVerify(token, ctx.verificationKey, ctx.jws), code, token)
}

describe('the untampered tokens are accepted', () => {
  it('JWE and JWS', async () => {
    await expect(compactDecrypt(jwe, ctx.decryptionKey, ctx.jwe)).resolves.toBeDefined()
    await expect(decryptAndVerifyJwt(jwe, ctx.nested())).resolves.toBeDefined()
    await expect(jwtVerify(jws, ctx.verificationKey, ctx.jws)).resolves.toBeDefined()
  })
})

describe('CEK of the wrong size (RFC 7518 §5.3; RFC 7516 §11.5)', () => {
  it('a 16-byte CEK under A256GCM, content sealed with AES-128-GCM under that CEK, is not decrypted', async () => {
    // The downgrade: were the 16-byte CEK used as it is, this token would decrypt.
    const cek = randomBytes(16)
    const token = encryptJwe(jws, { cek, contentKey: cek })
    await bothJweApis(token, 'ERR_JWE_DECRYPTION_FAILED')
    // Decrypt-only key (no unwrapKey usage): the other code path refuses it too.
    const decryptOnly = await crypto.subtle.importKey(
      'jwk',
      ctx.recipient.privateJwk,
      { name: 'RSA-OAEP', hash: 'SHA-256' },
      false,
      ['decrypt'],
    )
    await rejects(compactDecrypt(token, decryptOnly, ctx.jwe), 'ERR_JWE_DECRYPTION_FAILED', token)
  })

  it('built by hand with publicEncrypt (oaepHash sha256)', async () => {
    const cek = randomBytes(16)
    const encryptedKey = publicEncrypt(
      { key: ctx.recipient.publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
      cek,
    )
    const token = setSegment(encryptJwe(jws, { cek: randomBytes(32) }), 1, b64(encryptedKey))
    await bothJweApis(token, 'ERR_JWE_DECRYPTION_FAILED')
  })

  for (const size of [0, 1, 15, 17, 24, 31, 33, 64]) {
    it(`a ${size}-byte CEK under A256GCM`, async () => {
      const cek = randomBytes(size)
      const contentKey = [16, 24, 32].includes(size) ? cek : randomBytes(32)
      await bothJweApis(encryptJwe(jws, { cek, contentKey }), 'ERR_JWE_DECRYPTION_FAILED')
    })
  }

  it('a 32-byte CEK under A128GCM (allowed) is not truncated to 16 bytes', async () => {
    const cek = randomBytes(32)
    const token = encryptJwe(jws, { enc: 'A128GCM', cek, contentKey: cek.subarray(0, 16) })
    const options = { keyManagementAlgorithms: ['RSA-OAEP-256'], contentEncryptionAlgorithms: ['A128GCM'] } as const
    await rejects(compactDecrypt(token, ctx.decryptionKey, options), 'ERR_JWE_DECRYPTION_FAILED', token)
  })
})

describe('authentication tag (RFC 7518 §5.3: 128 bits)', () => {
  const tagOf = (token: string) => decodeSegment(token, 4)

  for (const length of [1, 4, 8, 12, 15]) {
    it(`truncated to ${length} bytes is malformed`, async () => {
      await bothJweApis(setSegment(jwe, 4, b64(tagOf(jwe).subarray(0, length))), 'ERR_JWE_INVALID')
    })
  }

  it('missing (empty segment) is malformed', async () => {
    await bothJweApis(setSegment(jwe, 4, ''), 'ERR_JWE_INVALID')
  })

  for (const length of [17, 32]) {
    it(`extended to ${length} bytes is malformed`, async () => {
      const tag = tagOf(jwe)
      const longer = Buffer.concat([tag, tag, Buffer.alloc(16)]).subarray(0, length)
      await bothJweApis(setSegment(jwe, 4, b64(longer)), 'ERR_JWE_INVALID')
    })
  }

  it('its last bytes moved into the ciphertext (same concatenated bytes) is malformed', async () => {
    const ciphertext = decodeSegment(jwe, 3)
    const tag = tagOf(jwe)
    const moved = setSegment(setSegment(jwe, 3, b64(Buffer.concat([ciphertext, tag.subarray(0, 4)]))), 4, b64(tag.subarray(4)))
    await bothJweApis(moved, 'ERR_JWE_INVALID')
  })

  it('with any single bit flipped fails decryption', async () => {
    for (const at of [0, 7, 15]) await bothJweApis(flipBit(jwe, 4, at, at % 8), 'ERR_JWE_DECRYPTION_FAILED')
  })

  it('all zeros fails decryption', async () => {
    await bothJweApis(setSegment(jwe, 4, b64(Buffer.alloc(16))), 'ERR_JWE_DECRYPTION_FAILED')
  })
})

describe('initialization vector (RFC 7518 §5.3: 96 bits)', () => {
  it('modified fails decryption', async () => {
    for (const at of [0, 5, 11]) await bothJweApis(flipBit(jwe, 2, at, 7), 'ERR_JWE_DECRYPTION_FAILED')
  })

  for (const length of [0, 1, 8, 11, 13, 16, 32]) {
    it(`${length} bytes long is malformed`, async () => {
      const iv = decodeSegment(jwe, 2)
      await bothJweApis(setSegment(jwe, 2, b64(Buffer.concat([iv, iv, iv]).subarray(0, length))), 'ERR_JWE_INVALID')
    })
  }
})

describe('protected header, encrypted key and ciphertext', () => {
  it('a header with one member added, changed or reordered, or re-serialised with whitespace, fails decryption (it is the AAD)', async () => {
    const header = JSON.parse(decodeSegment(jwe, 0).toString()) as Record<string, unknown>
    const edits = [
      { ...header, x: 1 },
      { ...header, kid: 'enc-2' },
      { ...header, cty: 'jwt' },
      { enc: header.enc, alg: header.alg, cty: header.cty, kid: header.kid },
    ]
    for (const edit of edits) await bothJweApis(setSegment(jwe, 0, b64(JSON.stringify(edit))), 'ERR_JWE_DECRYPTION_FAILED')
    await bothJweApis(setSegment(jwe, 0, b64(JSON.stringify(header, null, 1))), 'ERR_JWE_DECRYPTION_FAILED')
    // "cty" dropped: the absence is accepted by decryptAndVerifyJwt, but the AAD still differs.
    const { cty: _cty, ...withoutCty } = header
    await bothJweApis(setSegment(jwe, 0, b64(JSON.stringify(withoutCty))), 'ERR_JWE_DECRYPTION_FAILED')
  })

  it('the header of another valid token for the same key fails decryption', async () => {
    const other = encryptJwe(jws, { header: { kid: 'enc-1', extra: 'other' } })
    await bothJweApis(setSegment(jwe, 0, segments(other)[0]!), 'ERR_JWE_DECRYPTION_FAILED')
  })

  it('an encrypted key that is flipped, truncated, extended, random, or wrapped for another key fails decryption', async () => {
    const key = decodeSegment(jwe, 1)
    const variants = [
      flipBit(jwe, 1, 0, 0),
      flipBit(jwe, 1, 128, 3),
      flipBit(jwe, 1, 255, 7),
      setSegment(jwe, 1, b64(key.subarray(1))),
      setSegment(jwe, 1, b64(Buffer.concat([Buffer.alloc(1), key]))),
      setSegment(jwe, 1, b64(Buffer.concat([key, Buffer.alloc(1)]))),
      setSegment(jwe, 1, b64(randomBytes(256))),
      setSegment(jwe, 1, b64(Buffer.alloc(256))),
      setSegment(jwe, 1, b64(randomBytes(1))),
      setSegment(jwe, 1, segments(encryptJwe(jws, { key: namedKey('other-recipient') }))[1]!),
    ]
    for (const token of variants) await bothJweApis(token, 'ERR_JWE_DECRYPTION_FAILED')
  })

  it('an empty encrypted key is malformed', async () => {
    await bothJweApis(setSegment(jwe, 1, ''), 'ERR_JWE_INVALID')
  })

  it('a ciphertext that is flipped, truncated, extended or emptied fails decryption', async () => {
    const ciphertext = decodeSegment(jwe, 3)
    const variants = [
      flipBit(jwe, 3, 0, 0),
      flipBit(jwe, 3, -1, 7),
      setSegment(jwe, 3, b64(ciphertext.subarray(0, ciphertext.length - 1))),
      setSegment(jwe, 3, b64(Buffer.concat([ciphertext, Buffer.alloc(1)]))),
      setSegment(jwe, 3, ''),
    ]
    for (const token of variants) await bothJweApis(token, 'ERR_JWE_DECRYPTION_FAILED')
  })

  it('segments of two valid tokens spliced together fail decryption', async () => {
    const other = segments(encryptJwe(jws))
    for (const index of [1, 2, 3, 4]) {
      await bothJweApis(setSegment(jwe, index, other[index]!), 'ERR_JWE_DECRYPTION_FAILED')
    }
  })
})

describe('JWS payload and signature', () => {
  it('a payload changed after signing fails verification', async () => {
    const claims = JSON.parse(decodeSegment(jws, 1).toString()) as Record<string, unknown>
    const edits = [{ ...claims, sub: 'admin' }, { ...claims, exp: (claims.exp as number) + 10_000 }, { ...claims, extra: true }]
    for (const edit of edits) await bothJwsApis(setSegment(jws, 1, b64(JSON.stringify(edit))), 'ERR_JWS_SIGNATURE_INVALID')
    await bothJwsApis(flipBit(jws, 1, 3, 1), 'ERR_JWS_SIGNATURE_INVALID')
    await bothJwsApis(setSegment(jws, 1, ''), 'ERR_JWS_SIGNATURE_INVALID')
  })

  it('a header changed after signing (even only re-serialised) fails verification', async () => {
    const header = JSON.parse(decodeSegment(jws, 0).toString()) as Record<string, unknown>
    for (const edit of [JSON.stringify({ ...header, kid: 'sig-2' }), JSON.stringify(header, null, 2)]) {
      await bothJwsApis(setSegment(jws, 0, b64(edit)), 'ERR_JWS_SIGNATURE_INVALID')
    }
  })

  it('a signature that is flipped, truncated, extended, zero, empty, or from another key fails verification', async () => {
    const signature = decodeSegment(jws, 2)
    const [header, payload] = segments(jws)
    const variants = [
      flipBit(jws, 2, 0, 0),
      flipBit(jws, 2, -1, 7),
      setSegment(jws, 2, b64(signature.subarray(1))),
      setSegment(jws, 2, b64(Buffer.concat([Buffer.alloc(1), signature]))),
      setSegment(jws, 2, b64(Buffer.concat([signature, Buffer.alloc(1)]))),
      setSegment(jws, 2, b64(Buffer.alloc(256))),
      setSegment(jws, 2, ''),
      setSegment(jws, 2, b64(rsaSign('RS256', namedKey('attacker'), `${header}.${payload}`))),
      setSegment(jws, 2, b64(rsaSign('PS256', namedKey('signer'), `${header}.${payload}`))),
    ]
    for (const token of variants) await bothJwsApis(token, 'ERR_JWS_SIGNATURE_INVALID')
  })

  it('a valid signature that starts with a zero byte is not accepted without it', async () => {
    // RFC 8017 §8.2.2: the signature must be exactly k octets; no second encoding of it is accepted.
    let token = jws
    for (let i = 0; decodeSegment(token, 2)[0] !== 0; i++) token = signJws({ ...defaultClaims(), n: i })
    await expect(jwtVerify(token, ctx.verificationKey, ctx.jws)).resolves.toBeDefined()
    await bothJwsApis(setSegment(token, 2, b64(decodeSegment(token, 2).subarray(1))), 'ERR_JWS_SIGNATURE_INVALID')
  })

  it('the inner JWS of a nested token, tampered with and re-encrypted correctly, fails verification', async () => {
    const claims = JSON.parse(decodeSegment(jws, 1).toString()) as Record<string, unknown>
    const forged = setSegment(jws, 1, b64(JSON.stringify({ ...claims, sub: 'admin' })))
    const token = encryptJwe(forged)
    await rejects(decryptAndVerifyJwt(token, ctx.nested()), 'ERR_JWS_SIGNATURE_INVALID', [token, forged])
    const attackerSigned = nestedToken({ sign: { key: namedKey('attacker') } })
    await rejects(decryptAndVerifyJwt(attackerSigned, ctx.nested()), 'ERR_JWS_SIGNATURE_INVALID', attackerSigned)
  })
})
