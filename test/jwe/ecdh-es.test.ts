/** ECDH-ES and ECDH-ES+A*KW (RFC 7518 §4.6, RFC 8037 §3.2): round trips per curve, jose both ways, and every refusal by code. */
import { describe, expect, it, vi } from 'vitest'
import * as jose from 'jose'
import { compactDecrypt } from '../../src/jwe/compact-decrypt.ts'
import { compactEncrypt } from '../../src/jwe/compact-encrypt.ts'
import { importKey } from '../../src/keys/import-key.ts'
import { generateKeyPair } from '../../src/keys/generate.ts'
import { exportJwk } from '../../src/keys/export-jwk.ts'
import type { KeyManagementAlgorithm } from '../../src/algorithms/key-management.ts'
import type { ContentEncryptionAlgorithm } from '../../src/algorithms/content-encryption.ts'
import { generalEncrypt } from '../../src/jwe/general-encrypt.ts'
import { generalDecrypt } from '../../src/jwe/general-decrypt.ts'
import { flattenedEncrypt } from '../../src/jwe/flattened-encrypt.ts'
import { flattenedDecrypt } from '../../src/jwe/flattened-decrypt.ts'
import { isOnCurve } from '../../src/algorithms/key-management/ec-point.ts'
import { expectJoseError } from '../helpers/expect-jose.ts'

const CURVES = ['P-256', 'P-384', 'P-521', 'X25519', 'X448'] as const
type Curve = (typeof CURVES)[number]
const ALGS = ['ECDH-ES', 'ECDH-ES+A128KW', 'ECDH-ES+A256KW'] as const
const plaintext = new TextEncoder().encode('Kaleidoscopes of meaning.')
const options = (alg: KeyManagementAlgorithm, enc: ContentEncryptionAlgorithm = 'A256GCM') => ({ keyManagementAlgorithms: [alg], contentEncryptionAlgorithms: [enc] })
const b64 = (bytes: Uint8Array): string => jose.base64url.encode(bytes)
const params = (crv: Curve) => (crv.startsWith('P-') ? { name: 'ECDH', namedCurve: crv } : { name: crv })

/** A recipient pair made by Web Crypto, its JWKs, and our imports of them for `alg`. */
async function recipient(crv: Curve, alg: KeyManagementAlgorithm = 'ECDH-ES') {
  const pair = (await crypto.subtle.generateKey(params(crv), true, ['deriveBits'])) as CryptoKeyPair
  const privateJwk = await crypto.subtle.exportKey('jwk', pair.privateKey)
  const { d: _d, key_ops: _ops, ext: _ext, ...publicJwk } = privateJwk
  return { privateJwk, publicJwk, privateKey: await importKey(privateJwk, alg), publicKey: await importKey(publicJwk, alg) }
}

/** Re-signs nothing: a compact token with its protected header edited (the token then fails or is refused). */
function withHeader(token: string, edit: (header: Record<string, unknown>) => Record<string, unknown>): string {
  const [h, ...rest] = token.split('.')
  const header = JSON.parse(new TextDecoder().decode(jose.base64url.decode(h!))) as Record<string, unknown>
  return [jose.base64url.encode(JSON.stringify(edit(header))), ...rest].join('.')
}

describe('round trips per curve × alg, and jose both ways', () => {
  for (const crv of CURVES) {
    for (const alg of ALGS) {
      it(`${crv} ${alg}`, async () => {
        const { privateJwk, publicJwk, privateKey, publicKey } = await recipient(crv, alg)
        for (const enc of ['A256GCM', 'A128CBC-HS256', 'A256CBC-HS512'] as const) {
          const ours = await compactEncrypt(plaintext, publicKey, { alg, enc })
          const header = jose.decodeProtectedHeader(ours)
          expect(Object.keys(header.epk!).sort()).toEqual(crv.startsWith('P-') ? ['crv', 'kty', 'x', 'y'] : ['crv', 'kty', 'x'])
          expect(ours.split('.')[1] === '').toBe(alg === 'ECDH-ES')
          expect((await compactDecrypt(ours, privateKey, options(alg, enc))).plaintext).toEqual(plaintext)
          if (crv === 'X448') continue // jose 6 has no X448
          const joseKey = await jose.importJWK({ ...privateJwk, alg } as jose.JWK, alg)
          expect((await jose.compactDecrypt(ours, joseKey, { keyManagementAlgorithms: [alg] })).plaintext).toEqual(plaintext)
          const theirs = await new jose.CompactEncrypt(plaintext)
            .setProtectedHeader({ alg, enc })
            .setKeyManagementParameters({ apu: new Uint8Array([1, 2]), apv: new Uint8Array([3]) })
            .encrypt(await jose.importJWK({ ...publicJwk, alg } as jose.JWK, alg))
          expect((await compactDecrypt(theirs, privateKey, options(alg, enc))).plaintext).toEqual(plaintext)
        }
      })
    }
  }

  it('apu/apv given by the sender are honoured, and jose decrypts them', async () => {
    const { privateJwk, privateKey, publicKey } = await recipient('P-256', 'ECDH-ES+A128KW')
    const alg = 'ECDH-ES+A128KW'
    const token = await compactEncrypt(plaintext, publicKey, { alg, enc: 'A128GCM', apu: b64(new Uint8Array([9, 9])), apv: 'Qm9i' })
    expect((await compactDecrypt(token, privateKey, options(alg, 'A128GCM'))).plaintext).toEqual(plaintext)
    const joseKey = await jose.importJWK({ ...privateJwk, alg } as jose.JWK, alg)
    expect((await jose.compactDecrypt(token, joseKey)).plaintext).toEqual(plaintext)
    // Another apv derives another key: the uniform failure.
    await expectJoseError(compactDecrypt(withHeader(token, (h) => ({ ...h, apv: 'QWxpY2U' })), privateKey, options(alg, 'A128GCM')), 'ERR_JWE_DECRYPTION_FAILED')
  })

  it('generateKeyPair makes a P-256 pair; PEM (PKCS#8, SPKI, SEC1) imports choose the key\'s curve', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ECDH-ES+A256KW', { extractable: true })
    expect((publicKey.algorithm as EcKeyAlgorithm).namedCurve).toBe('P-256')
    const token = await compactEncrypt(plaintext, publicKey, { alg: 'ECDH-ES+A256KW', enc: 'A256GCM' })
    expect((await compactDecrypt(token, privateKey, options('ECDH-ES+A256KW'))).plaintext).toEqual(plaintext)
    expect((await exportJwk(publicKey)).crv).toBe('P-256')
    const { privateKey: josePrivate, publicKey: josePublic } = await jose.generateKeyPair('ECDH-ES', { crv: 'X25519', extractable: true })
    const imported = await importKey(await jose.exportPKCS8(josePrivate), 'ECDH-ES')
    const importedPublic = await importKey(await jose.exportSPKI(josePublic), 'ECDH-ES')
    expect([imported.algorithm.name, importedPublic.algorithm.name]).toEqual(['X25519', 'X25519'])
    const p384 = await jose.generateKeyPair('ECDH-ES', { crv: 'P-384', extractable: true })
    expect(((await importKey(await jose.exportPKCS8(p384.privateKey), 'ECDH-ES')).algorithm as EcKeyAlgorithm).namedCurve).toBe('P-384')
  })
})

describe('JSON serializations (RFC 7516 §7.2)', () => {
  it('general: one CEK wrapped for a P-256 and an X25519 recipient, each with its own epk; jose decrypts each', async () => {
    const p256 = await recipient('P-256', 'ECDH-ES+A128KW')
    const x25519 = await recipient('X25519', 'ECDH-ES+A256KW')
    const jwe = await generalEncrypt(plaintext, { protectedHeader: { enc: 'A128CBC-HS256' } }, [
      { key: p256.publicKey, header: { alg: 'ECDH-ES+A128KW' } },
      { key: x25519.publicKey, header: { alg: 'ECDH-ES+A256KW' } },
    ])
    expect(jwe.recipients.map((r) => (r.header!.epk as JsonWebKey).crv)).toEqual(['P-256', 'X25519'])
    const allowBoth = { keyManagementAlgorithms: ['ECDH-ES+A128KW', 'ECDH-ES+A256KW'] as KeyManagementAlgorithm[], contentEncryptionAlgorithms: ['A128CBC-HS256'] as ContentEncryptionAlgorithm[] }
    expect((await generalDecrypt(jwe, p256.privateKey, allowBoth)).index).toBe(0)
    expect((await generalDecrypt(jwe, x25519.privateKey, allowBoth)).index).toBe(1)
    for (const [jwk, alg] of [[p256.privateJwk, 'ECDH-ES+A128KW'], [x25519.privateJwk, 'ECDH-ES+A256KW']] as const) {
      expect((await jose.generalDecrypt(jwe as jose.GeneralJWE, await jose.importJWK({ ...jwk, alg } as jose.JWK, alg))).plaintext).toEqual(plaintext)
    }
  })

  it('direct ECDH-ES: flattened sends no encrypted_key and the epk; several recipients are refused', async () => {
    const { privateKey, publicKey } = await recipient('P-384')
    const jwe = await flattenedEncrypt(plaintext, { protectedHeader: { alg: 'ECDH-ES', enc: 'A256GCM' } }, { key: publicKey })
    expect(jwe.encrypted_key).toBeUndefined()
    expect((await flattenedDecrypt(jwe, privateKey, options('ECDH-ES'))).plaintext).toEqual(plaintext)
    await expectJoseError(generalEncrypt(plaintext, { protectedHeader: { alg: 'ECDH-ES', enc: 'A256GCM' } }, [{ key: publicKey }, { key: publicKey }]), 'ERR_INVALID_ARGUMENT')
  })
})

describe('refusals', () => {
  it('the epk: missing, private, another kty or curve, short coordinates, a "y" on an OKP key, off the curve → ERR_JWE_INVALID before any key is used', async () => {
    const alg = 'ECDH-ES'
    const { privateKey, publicKey } = await recipient('P-256', alg)
    const token = await compactEncrypt(plaintext, publicKey, { alg, enc: 'A256GCM' })
    const epk = jose.decodeProtectedHeader(token).epk as Record<string, string>
    const x25519 = await recipient('X25519')
    const y = jose.base64url.decode(epk.y!)
    y[31]! ^= 1
    const edits: Record<string, unknown>[] = [
      { epk: undefined },
      { epk: { ...epk, d: epk.x } },
      { epk: { ...epk, kty: 'OKP' } },
      { epk: { ...epk, crv: 'P-192' } },
      { epk: { ...epk, crv: 'toString' } },
      { epk: { ...epk, x: epk.x!.slice(4) } },
      { epk: { ...x25519.publicJwk, y: epk.y } },
      { epk: { ...epk, y: b64(y) } },
      // Coordinates at or above p are refused even when they reduce to a point.
      { epk: { ...epk, x: b64(new Uint8Array(32).fill(255)) } },
    ]
    for (const edit of edits) {
      // The public key is no decryption key: the refusal comes before the key is looked at.
      await expectJoseError(compactDecrypt(withHeader(token, (h) => ({ ...h, ...edit })), publicKey, options(alg)), 'ERR_JWE_INVALID')
    }
    // An epk on another curve than the recipient key's (a valid X25519 key against a P-256 key) is never
    // combined with it: that key is not the recipient's, the uniform failure (the next key or recipient is tried).
    const spy = vi.spyOn(crypto.subtle, 'deriveBits')
    try {
      await expectJoseError(compactDecrypt(withHeader(token, (h) => ({ ...h, epk: x25519.publicJwk })), privateKey, options(alg)), 'ERR_JWE_DECRYPTION_FAILED')
      expect(spy).not.toHaveBeenCalled()
    } finally {
      spy.mockRestore()
    }
    // Malformed base64url in the epk and in apu/apv.
    for (const edit of [{ epk: { ...epk, x: 'A' } }, { epk: { ...epk, y: undefined } }, { apu: '*' }, { apv: '*' }]) {
      await expectJoseError(compactDecrypt(withHeader(token, (h) => ({ ...h, ...edit })), privateKey, options(alg)), 'ERR_BASE64URL')
    }
  })

  it('an epk that this runtime\'s importKey refuses after our checks is ERR_JWE_INVALID, never a DOMException', async () => {
    const { privateKey, publicKey } = await recipient('X25519')
    const token = await compactEncrypt(plaintext, publicKey, { alg: 'ECDH-ES', enc: 'A256GCM' })
    const importKeySpy = vi.spyOn(crypto.subtle, 'importKey').mockRejectedValueOnce(new DOMException('refused', 'DataError'))
    try {
      await expectJoseError(compactDecrypt(token, privateKey, options('ECDH-ES')), 'ERR_JWE_INVALID')
    } finally {
      importKeySpy.mockRestore()
    }
  })

  it('direct ECDH-ES with a non-empty encrypted key is ERR_JWE_INVALID; +A*KW with an empty one too', async () => {
    const { privateKey, publicKey } = await recipient('P-256')
    const token = await compactEncrypt(plaintext, publicKey, { alg: 'ECDH-ES', enc: 'A256GCM' })
    const parts = token.split('.')
    parts[1] = 'AAAA'
    await expectJoseError(compactDecrypt(parts.join('.'), privateKey, options('ECDH-ES')), 'ERR_JWE_INVALID')
    const kw = await recipient('P-256', 'ECDH-ES+A128KW')
    const wrapped = (await compactEncrypt(plaintext, kw.publicKey, { alg: 'ECDH-ES+A128KW', enc: 'A256GCM' })).split('.')
    wrapped[1] = ''
    await expectJoseError(compactDecrypt(wrapped.join('.'), kw.privateKey, options('ECDH-ES+A128KW')), 'ERR_JWE_INVALID')
  })

  it('a wrong key, a flipped encrypted key, a small-order X25519 epk (all-zero secret) are the one uniform failure', async () => {
    for (const crv of ['P-256', 'X25519'] as const) {
      for (const alg of ALGS) {
        const { privateKey, publicKey } = await recipient(crv, alg)
        const other = await recipient(crv, alg)
        const token = await compactEncrypt(plaintext, publicKey, { alg, enc: 'A256GCM' })
        const parts = token.split('.')
        const flipped = alg === 'ECDH-ES' ? token : [parts[0], (parts[1]![0] === 'A' ? 'B' : 'A') + parts[1]!.slice(1), ...parts.slice(2)].join('.')
        const candidates: [string, CryptoKey][] = [[token, other.privateKey], [flipped, alg === 'ECDH-ES' ? other.privateKey : privateKey]]
        // RFC 7748 §6.1: the zero point's output is all zero.
        if (crv === 'X25519') candidates.push([withHeader(token, (h) => ({ ...h, epk: { kty: 'OKP', crv, x: b64(new Uint8Array(32)) } })), privateKey])
        for (const [bad, key] of candidates) {
          const error = await expectJoseError(compactDecrypt(bad, key, options(alg)), 'ERR_JWE_DECRYPTION_FAILED')
          expect(error.message).toBe('JWE decryption failed')
        }
      }
    }
  })

  it('keys: another curve\'s key, a public key to decrypt, a private key to encrypt, an RSA key → ERR_KEY_INVALID', async () => {
    const p256 = await recipient('P-256')
    const token = await compactEncrypt(plaintext, p256.publicKey, { alg: 'ECDH-ES', enc: 'A256GCM' })
    await expectJoseError(compactDecrypt(token, p256.publicKey, options('ECDH-ES')), 'ERR_KEY_INVALID')
    await expectJoseError(compactEncrypt(plaintext, p256.privateKey, { alg: 'ECDH-ES', enc: 'A256GCM' }), 'ERR_KEY_INVALID')
    const ecdsa = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify'])
    await expectJoseError(compactEncrypt(plaintext, ecdsa.publicKey, { alg: 'ECDH-ES', enc: 'A256GCM' }), 'ERR_KEY_INVALID')
    await expectJoseError(importKey({ ...p256.publicJwk, crv: 'secp256k1' }, 'ECDH-ES'), 'ERR_KEY_INVALID')
    await expectJoseError(importKey({ ...p256.publicJwk, kty: 'RSA' }, 'ECDH-ES'), 'ERR_KEY_INVALID')
    const ed = await jose.generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true })
    await expectJoseError(importKey(await jose.exportSPKI(ed.publicKey), 'ECDH-ES'), 'ERR_KEY_INVALID')
    await expectJoseError(importKey({ ...p256.privateJwk, key_ops: ['deriveBits'], alg: 'ECDH-ES+A128KW' }, 'ECDH-ES'), 'ERR_KEY_INVALID')
  })
})

describe('the NIST curve equation', () => {
  it('holds for generated points of each curve and fails for a changed coordinate', async () => {
    for (const crv of ['P-256', 'P-384', 'P-521'] as const) {
      const { publicKey } = (await crypto.subtle.generateKey(params(crv), true, ['deriveBits'])) as CryptoKeyPair
      const jwk = await crypto.subtle.exportKey('jwk', publicKey)
      const x = jose.base64url.decode(jwk.x!)
      const y = jose.base64url.decode(jwk.y!)
      expect(isOnCurve(crv, x, y)).toBe(true)
      y[y.length - 1]! ^= 1
      expect(isOnCurve(crv, x, y)).toBe(false)
    }
  })
})
