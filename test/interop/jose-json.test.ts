/**
 * Interop with panva/jose for the JSON serializations (RFC 7515 §7.2), both ways: flattened and
 * general, RS256 and PS256, protected + unprotected headers, several signatures, and RFC 7797
 * unencoded payloads and detached content.
 */
import { describe, expect, it } from 'vitest'
import * as jose from 'jose'
import { compactSign, compactVerify, flattenedSign, flattenedVerify, generalSign, generalVerify } from '../../src/index.ts'
import type { SignatureAlgorithm } from '../../src/algorithms/signature.ts'
import { PLAINTEXT, interopKeys, text, utf8, webjoseKey } from './support.ts'

const ALGS: readonly SignatureAlgorithm[] = ['RS256', 'PS256']
const { signer } = interopKeys()
const UNENCODED = { b64: false, crit: ['b64'] }

describe('jose → webjose (JSON serializations)', () => {
  it.each(ALGS)('flattenedVerify reads a jose flattened JWS with %s', async (alg) => {
    const jws = await new jose.FlattenedSign(utf8(PLAINTEXT))
      .setProtectedHeader({ alg })
      .setUnprotectedHeader({ kid: 'sig-1' })
      .sign(await jose.importPKCS8(signer.privatePem, alg))
    const result = await flattenedVerify(jws, await webjoseKey(signer.publicPem, alg), { algorithms: [alg] })
    expect(text(result.payload)).toBe(PLAINTEXT)
    expect(result.header).toEqual({ alg, kid: 'sig-1' })
  })

  it('generalVerify reads a jose general JWS with two signatures, picking by allow-list', async () => {
    const sign = new jose.GeneralSign(utf8(PLAINTEXT))
    sign.addSignature(await jose.importPKCS8(signer.privatePem, 'RS256')).setProtectedHeader({ alg: 'RS256' }).setUnprotectedHeader({ kid: 'a' })
    sign.addSignature(await jose.importPKCS8(signer.privatePem, 'PS256')).setProtectedHeader({ alg: 'PS256', kid: 'b' })
    const jws = await sign.sign()
    const result = await generalVerify(jws, await webjoseKey(signer.publicPem, 'PS256'), { algorithms: ['PS256'] })
    expect(result.index).toBe(1)
    expect(text(result.payload)).toBe(PLAINTEXT)
  })

  it('RFC 7797: webjose reads jose unencoded flattened and compact JWSs, detached as jose writes them or attached', async () => {
    const key = await jose.importPKCS8(signer.privatePem, 'RS256')
    // jose 6 leaves an unencoded payload out of what it writes ("payload": "", an empty segment): detached content.
    const flat = await new jose.FlattenedSign(utf8('$.02')).setProtectedHeader({ alg: 'RS256', ...UNENCODED }).sign(key)
    expect(flat.payload).toBe('')
    const verifyKey = await webjoseKey(signer.publicPem, 'RS256')
    expect(text((await flattenedVerify(flat, verifyKey, { algorithms: ['RS256'], payload: '$.02' })).payload)).toBe('$.02')
    expect(text((await flattenedVerify({ ...flat, payload: '$.02' }, verifyKey, { algorithms: ['RS256'] })).payload)).toBe('$.02')
    // jose's CompactSign refuses b64 false; its flattened output gives the compact form's segments.
    const { protected: h, signature: s } = await new jose.FlattenedSign(utf8('no-dots')).setProtectedHeader({ alg: 'RS256', ...UNENCODED }).sign(key)
    expect(text((await compactVerify(`${h}..${s}`, verifyKey, { algorithms: ['RS256'], payload: 'no-dots' })).payload)).toBe('no-dots')
    expect(text((await compactVerify(`${h}.no-dots.${s}`, verifyKey, { algorithms: ['RS256'] })).payload)).toBe('no-dots')
  })
})

describe('webjose → jose (JSON serializations)', () => {
  it.each(ALGS)('jose flattenedVerify reads a webjose flattened JWS with %s', async (alg) => {
    const jws = await flattenedSign(PLAINTEXT, await webjoseKey(signer.privatePem, alg), { protectedHeader: { alg }, unprotectedHeader: { kid: 'sig-1' } })
    const result = await jose.flattenedVerify(jws, await jose.importSPKI(signer.publicPem, alg), { algorithms: [alg] })
    expect(text(result.payload)).toBe(PLAINTEXT)
    expect(result.unprotectedHeader).toEqual({ kid: 'sig-1' })
  })

  it('jose generalVerify reads a webjose general JWS with RS256 and PS256 signatures', async () => {
    const jws = await generalSign(PLAINTEXT, [
      { key: await webjoseKey(signer.privatePem, 'RS256'), protectedHeader: { alg: 'RS256' }, unprotectedHeader: { kid: 'a' } },
      { key: await webjoseKey(signer.privatePem, 'PS256'), protectedHeader: { alg: 'PS256', kid: 'b' } },
    ])
    for (const alg of ALGS) {
      const result = await jose.generalVerify(jws, await jose.importSPKI(signer.publicPem, alg), { algorithms: [alg] })
      expect(text(result.payload)).toBe(PLAINTEXT)
    }
  })

  it('RFC 7797 and detached content: jose reads webjose unencoded JWSs', async () => {
    const key = await webjoseKey(signer.privatePem, 'RS256')
    const verifyKey = await jose.importSPKI(signer.publicPem, 'RS256')
    const flat = await flattenedSign('$.02', key, { protectedHeader: { alg: 'RS256', ...UNENCODED } })
    expect(text((await jose.flattenedVerify(flat, verifyKey)).payload)).toBe('$.02')
    const compact = await compactSign('no-dots', key, { alg: 'RS256', ...UNENCODED })
    expect(text((await jose.compactVerify(compact, verifyKey)).payload)).toBe('no-dots')
    // Detached (RFC 7515 Appendix F): jose takes the content back in the "payload" member.
    const { payload: _sent, ...detached } = await flattenedSign(PLAINTEXT, key, { protectedHeader: { alg: 'RS256' } })
    const result = await jose.flattenedVerify({ ...detached, payload: jose.base64url.encode(PLAINTEXT) }, verifyKey)
    expect(text(result.payload)).toBe(PLAINTEXT)
  })

  it('detached content: webjose reads a jose flattened JWS whose payload was removed', async () => {
    const jws = await new jose.FlattenedSign(utf8(PLAINTEXT)).setProtectedHeader({ alg: 'PS256' }).sign(await jose.importPKCS8(signer.privatePem, 'PS256'))
    const { payload: _sent, ...detached } = jws
    const result = await flattenedVerify(detached, await webjoseKey(signer.publicPem, 'PS256'), { algorithms: ['PS256'], payload: PLAINTEXT })
    expect(text(result.payload)).toBe(PLAINTEXT)
  })
})
