import { describe, expect, it, vi } from 'vitest'
import { verify as nodeVerify, constants, createHmac } from 'node:crypto'
import { compactVerify, type CompactVerifyOptions } from '../../src/jws/compact-verify.ts'
import { compactSign } from '../../src/jws/compact-sign.ts'
import type { RsaSignatureAlgorithm as SignatureAlgorithm } from '../../src/algorithms/signature/rsa.ts'
import { expectJoseError } from '../helpers/expect-jose.ts'
import { rsaKey, webCryptoKey } from '../helpers/keys.ts'
import { b64, rsaSign, setSegment } from '../helpers/tokens.ts'

const ALGS: SignatureAlgorithm[] = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512']
const OPTIONS: CompactVerifyOptions = { algorithms: ['RS256'] }

/** Signs with node:crypto only, so the verifier is checked against an independent signer. */
function nodeJws(alg: SignatureAlgorithm, payload: string, header: object = { alg }, bits = 2048): string {
  const input = `${b64(JSON.stringify(header))}.${b64(payload)}`
  return `${input}.${b64(rsaSign(alg, rsaKey(bits), input))}`
}

describe('compactVerify / compactSign', () => {
  for (const alg of ALGS) {
    it(`${alg}: node:crypto signs, webjose verifies`, async () => {
      const { payload, header } = await compactVerify(nodeJws(alg, '{"a":1}', { alg, kid: 'k' }), await webCryptoKey(alg, 'public'), {
        algorithms: [alg],
      })
      expect(Buffer.from(payload).toString()).toBe('{"a":1}')
      expect(header).toEqual({ alg, kid: 'k' })
    })

    it(`${alg}: webjose signs, node:crypto verifies`, async () => {
      const token = await compactSign('hello', await webCryptoKey(alg, 'private'), { alg, typ: 'JWT' })
      const [header, payload, signature] = token.split('.') as [string, string, string]
      expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({ alg, typ: 'JWT' })
      expect(Buffer.from(payload, 'base64url').toString()).toBe('hello')
      const pss = alg.startsWith('PS')
      const ok = nodeVerify(`sha${alg.slice(2)}`, Buffer.from(`${header}.${payload}`), {
        key: rsaKey().publicKey,
        ...(pss ? { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: Number(alg.slice(2)) / 8 } : {}),
      }, Buffer.from(signature, 'base64url'))
      expect(ok).toBe(true)
    })
  }

  it('accepts an empty payload', async () => {
    const { payload } = await compactVerify(nodeJws('RS256', ''), await webCryptoKey('RS256', 'public'), OPTIONS)
    expect(payload.length).toBe(0)
  })

  it('verifies with 4096-bit keys', async () => {
    const { payload } = await compactVerify(nodeJws('RS256', 'x', { alg: 'RS256' }, 4096), await webCryptoKey('RS256', 'public', 4096), OPTIONS)
    expect(Buffer.from(payload).toString()).toBe('x')
  })

  describe('signature failures give ERR_JWS_SIGNATURE_INVALID', () => {
    const key = () => webCryptoKey('RS256', 'public')
    it.each([
      ['a modified payload', (t: string) => setSegment(t, 1, b64('{"a":2}'))],
      ['a modified header', (t: string) => setSegment(t, 0, b64(JSON.stringify({ alg: 'RS256', kid: 'x' })))],
      ['a truncated signature', (t: string) => setSegment(t, 2, t.split('.')[2]!.slice(0, 40))],
      ['an empty signature', (t: string) => setSegment(t, 2, '')],
      ['a signature by another key', () => nodeJws('RS256', '{"a":1}', { alg: 'RS256' }, 3072)],
    ])('%s', async (_name, mutate) => {
      await expectJoseError(compactVerify(mutate(nodeJws('RS256', '{"a":1}')), await key(), OPTIONS), 'ERR_JWS_SIGNATURE_INVALID')
    })

    it('a Web Crypto verify that throws instead of answering false', async () => {
      const verify = vi.spyOn(crypto.subtle, 'verify').mockRejectedValueOnce(new DOMException('boom', 'OperationError'))
      await expectJoseError(compactVerify(nodeJws('RS256', '{"a":1}'), await key(), OPTIONS), 'ERR_JWS_SIGNATURE_INVALID')
      expect(verify).toHaveBeenCalledTimes(1)
    })

    it('a PS256 signature presented as RS256', async () => {
      const token = nodeJws('PS256', 'x', { alg: 'RS256' })
      await expectJoseError(compactVerify(token, await key(), OPTIONS), 'ERR_JWS_SIGNATURE_INVALID')
    })
  })

  describe('rejections before verification', () => {
    const token = () => nodeJws('RS256', 'x')
    const key = () => webCryptoKey('RS256', 'public')

    it.each(['none', 'NONE', 'nOnE'])('alg %s: ERR_ALG_NOT_ALLOWED', async (alg) => {
      const unsigned = `${b64(JSON.stringify({ alg }))}.${b64('{"admin":true}')}.`
      await expectJoseError(compactVerify(unsigned, await key(), OPTIONS), 'ERR_ALG_NOT_ALLOWED')
    })

    it('alg none in the allow-list: ERR_ALG_NOT_SUPPORTED', async () => {
      await expectJoseError(compactVerify(token(), await key(), { algorithms: ['none' as SignatureAlgorithm] }), 'ERR_ALG_NOT_SUPPORTED')
    })

    it('HS256 signed with the RSA public key bytes (algorithm confusion): ERR_ALG_NOT_ALLOWED', async () => {
      const input = `${b64(JSON.stringify({ alg: 'HS256' }))}.${b64('{"admin":true}')}`
      const mac = createHmac('sha256', rsaKey().publicPem).update(input).digest()
      await expectJoseError(compactVerify(`${input}.${b64(mac)}`, await key(), { algorithms: ['RS256', 'PS256'] }), 'ERR_ALG_NOT_ALLOWED')
    })

    it('an alg outside the allow-list does not call the resolver', async () => {
      let called = false
      await expectJoseError(compactVerify(nodeJws('RS512', 'x'), () => ((called = true), key()), OPTIONS), 'ERR_ALG_NOT_ALLOWED')
      expect(called).toBe(false)
    })

    it('b64: false: ERR_JWS_INVALID', async () => {
      const t = setSegment(token(), 0, b64(JSON.stringify({ alg: 'RS256', b64: false })))
      await expectJoseError(compactVerify(t, await key(), OPTIONS), 'ERR_JWS_INVALID')
    })

    it.each([['2 segments', 'a.b'], ['4 segments', 'a.b.c.d'], ['a JWE', 'a.b.c.d.e']])('%s: ERR_JWS_INVALID', async (_n, t) => {
      await expectJoseError(compactVerify(t, await key(), OPTIONS), 'ERR_JWS_INVALID')
    })

    it.each([1, 2])('non-canonical base64url in segment %i: ERR_BASE64URL', async (index) => {
      const t = token()
      await expectJoseError(compactVerify(setSegment(t, index, t.split('.')[index] + '='), await key(), OPTIONS), 'ERR_BASE64URL')
    })

    it.each([
      ['missing options', undefined],
      ['an empty allow-list', { algorithms: [] }],
      ['a string allow-list', { algorithms: 'RS256' }],
    ])('%s: ERR_INVALID_ARGUMENT', async (_n, options) => {
      await expectJoseError(compactVerify(token(), await key(), options as unknown as CompactVerifyOptions), 'ERR_INVALID_ARGUMENT')
    })

    it.each(['ES256K', 'Ed', 'ES256k'])('allow-list naming %s: ERR_ALG_NOT_SUPPORTED', async (alg) => {
      await expectJoseError(compactVerify(token(), await key(), { algorithms: [alg as SignatureAlgorithm] }), 'ERR_ALG_NOT_SUPPORTED')
    })
  })

  describe('refuses unsuitable verification keys with ERR_KEY_INVALID', () => {
    it.each([
      ['a private key', () => webCryptoKey('RS256', 'private')],
      ['a PS256 key for RS256', () => webCryptoKey('PS256', 'public')],
      ['an RS384 key for RS256', () => webCryptoKey('RS384', 'public')],
      ['an encryption key', () => webCryptoKey('RSA-OAEP-256', 'public')],
      ['a public key imported without the verify usage', () => webCryptoKey('RS256', 'public', 2048, [])],
      ['a 1024-bit key', () => webCryptoKey('RS256', 'public', 1024)],
      ['a string', async () => rsaKey().publicPem as unknown as CryptoKey],
    ])('%s', async (_name, makeKey) => {
      const bits = _name === 'a 1024-bit key' ? 1024 : 2048
      await expectJoseError(compactVerify(nodeJws('RS256', 'x', { alg: 'RS256' }, bits), await makeKey(), OPTIONS), 'ERR_KEY_INVALID')
    })
  })

  describe('compactSign argument checks', () => {
    it.each([
      ['an unsupported alg', { alg: 'ES256K' }, 'ERR_ALG_NOT_SUPPORTED'],
      ['alg none', { alg: 'none' }, 'ERR_ALG_NOT_SUPPORTED'],
      ['b64 false', { alg: 'RS256', b64: false }, 'ERR_INVALID_ARGUMENT'],
      ['a non-object header', null, 'ERR_INVALID_ARGUMENT'],
    ] as const)('%s', async (_name, header, code) => {
      await expectJoseError(compactSign('x', await webCryptoKey('RS256', 'private'), header as never), code)
    })
    it('refuses a public key', async () => {
      await expectJoseError(compactSign('x', await webCryptoKey('RS256', 'public'), { alg: 'RS256' }), 'ERR_KEY_INVALID')
    })
    it('refuses a non-bytes payload', async () => {
      await expectJoseError(compactSign(42 as unknown as string, await webCryptoKey('RS256', 'private'), { alg: 'RS256' }), 'ERR_INVALID_ARGUMENT')
    })
  })
})
