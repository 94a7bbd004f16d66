import { describe, expect, it } from 'vitest'
import { verify as nodeVerify, constants } from 'node:crypto'
import {
  compactSign,
  compactVerify,
  flattenedSign,
  flattenedVerify,
  generalSign,
  generalVerify,
  jwtVerify,
  signJwt,
} from '../../src/index.ts'
import { expectJoseError } from '../helpers/expect-jose.ts'
import { cryptoKeyFor, rsaKey, webCryptoKey } from '../helpers/keys.ts'
import { b64 } from '../helpers/tokens.ts'
import { nodeSign, otherKey } from './json-support.ts'

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString()
const UNENCODED = { alg: 'RS256', b64: false, crit: ['b64'] }

/** node:crypto's RS256 check of `input`. */
const nodeAccepts = (input: Buffer | string, signature: string) =>
  nodeVerify('sha256', Buffer.from(input), { key: rsaKey().publicKey, padding: constants.RSA_PKCS1_PADDING }, Buffer.from(signature, 'base64url'))

describe('flattenedSign / generalSign', () => {
  it('flattenedSign: members as RFC 7515 §7.2.2 gives them; node:crypto and flattenedVerify accept the signature', async () => {
    const jws = await flattenedSign('hello', await webCryptoKey('RS256', 'private'), { protectedHeader: { alg: 'RS256' }, unprotectedHeader: { kid: 'k1' } })
    expect(jws).toEqual({ payload: b64('hello'), protected: b64('{"alg":"RS256"}'), header: { kid: 'k1' }, signature: expect.any(String) })
    expect(nodeAccepts(`${jws.protected}.${jws.payload}`, jws.signature)).toBe(true)
    expect(text((await flattenedVerify(jws, await webCryptoKey('RS256', 'public'), { algorithms: ['RS256'] })).payload)).toBe('hello')
  })

  it('flattenedSign with every header unprotected: no "protected" member, the signing input starts with "."', async () => {
    const jws = await flattenedSign(Buffer.from('x'), await webCryptoKey('RS256', 'private'), { unprotectedHeader: { alg: 'RS256' } })
    expect(jws.protected).toBeUndefined()
    expect(nodeAccepts(`.${jws.payload}`, jws.signature)).toBe(true)
    const unprotectedHeader = { alg: 'RS256' }
    expect((await flattenedSign('x', await webCryptoKey('RS256', 'private'), { unprotectedHeader })).header).not.toBe(unprotectedHeader)
  })

  it('generalSign: one signature per signer, in order; generalVerify picks by allow-list', async () => {
    const jws = await generalSign('hello', [
      { key: await webCryptoKey('RS256', 'private'), protectedHeader: { alg: 'RS256' }, unprotectedHeader: { kid: 'rsa' } },
      { key: await cryptoKeyFor(otherKey(), 'PS256', 'private'), protectedHeader: { alg: 'PS256', kid: 'pss' } },
    ])
    expect(jws.signatures.map((s) => Object.keys(s).sort())).toEqual([['header', 'protected', 'signature'], ['protected', 'signature']])
    const { index } = await generalVerify(jws, await cryptoKeyFor(otherKey(), 'PS256', 'public'), { algorithms: ['PS256'] })
    expect(index).toBe(1)
  })

  it('RFC 7797: an unencoded payload in flattened, general and compact form', async () => {
    const signKey = await webCryptoKey('RS256', 'private')
    const verifyKey = await webCryptoKey('RS256', 'public')
    const flat = await flattenedSign('$.02 ü', signKey, { protectedHeader: UNENCODED })
    expect(flat.payload).toBe('$.02 ü')
    expect(nodeAccepts(Buffer.concat([Buffer.from(`${flat.protected}.`), Buffer.from('$.02 ü')]), flat.signature)).toBe(true)
    expect(text((await flattenedVerify(flat, verifyKey, { algorithms: ['RS256'] })).payload)).toBe('$.02 ü')
    const general = await generalSign('$.02', [{ key: signKey, protectedHeader: UNENCODED }])
    expect(general.payload).toBe('$.02')
    const compact = await compactSign('no dots here', signKey, UNENCODED)
    expect(compact.split('.')[1]).toBe('no dots here')
    expect(text((await compactVerify(compact, verifyKey, { algorithms: ['RS256'] })).payload)).toBe('no dots here')
  })

  it('detached content (RFC 7515 Appendix F): sign, drop the payload, verify with options.payload', async () => {
    const signKey = await webCryptoKey('RS256', 'private')
    const verifyKey = await webCryptoKey('RS256', 'public')
    for (const header of [{ alg: 'RS256' }, UNENCODED]) {
      const [h, , s] = (await compactSign('a.b', signKey, header).catch(() => compactSign('ab', signKey, header))).split('.')
      const payload = header === UNENCODED ? 'ab' : 'a.b'
      expect(text((await compactVerify(`${h}..${s}`, verifyKey, { algorithms: ['RS256'], payload })).payload)).toBe(payload)
      await expectJoseError(compactVerify(`${h}.${b64('x')}.${s}`, verifyKey, { algorithms: ['RS256'], payload }), 'ERR_JWS_INVALID')
    }
  })

  it('compactVerify: b64 false needs no options.crit, and works beside the caller\'s own extensions', async () => {
    const input = `${b64(JSON.stringify({ ...UNENCODED, crit: ['b64', 'ext'], ext: 1 }))}.raw`
    const jws = `${input}.${b64(nodeSign('RS256', rsaKey(), Buffer.from(input)))}`
    expect(text((await compactVerify(jws, await webCryptoKey('RS256', 'public'), { algorithms: ['RS256'], crit: ['ext'] })).payload)).toBe('raw')
  })

  it('JWTs never take an unencoded payload (RFC 7797 §7)', async () => {
    const input = `${b64(JSON.stringify(UNENCODED))}.{"sub":"x"}`
    const jws = `${input}.${b64(nodeSign('RS256', rsaKey(), Buffer.from(input)))}`
    const verifyKey = await webCryptoKey('RS256', 'public')
    await expectJoseError(jwtVerify(jws, verifyKey, { algorithms: ['RS256'], crit: ['b64'] }), 'ERR_JWS_INVALID')
    await expectJoseError(jwtVerify(jws, verifyKey, { algorithms: ['RS256'] }), 'ERR_CRIT_UNSUPPORTED')
    await expectJoseError(signJwt({ sub: 'x' }, await webCryptoKey('RS256', 'private'), UNENCODED), 'ERR_INVALID_ARGUMENT')
  })

  describe('refusals', () => {
    const signKey = () => webCryptoKey('RS256', 'private')

    it.each([
      ['headers that are not an object', null],
      ['a protected header that is an array', { protectedHeader: [] }],
      ['an unprotected header that is a string', { unprotectedHeader: 'x' }],
      ['no header', {}],
      ['"crit" unprotected', { protectedHeader: { alg: 'RS256' }, unprotectedHeader: { crit: ['x'] } }],
      ['"b64" unprotected', { protectedHeader: { alg: 'RS256' }, unprotectedHeader: { b64: true } }],
      ['a name in both headers', { protectedHeader: { alg: 'RS256', kid: 'a' }, unprotectedHeader: { kid: 'b' } }],
      ['a "b64" that is no boolean', { protectedHeader: { alg: 'RS256', b64: 'false' } }],
      ['"b64": false without "crit"', { protectedHeader: { alg: 'RS256', b64: false } }],
      ['"b64": false with "crit" not an array', { protectedHeader: { alg: 'RS256', b64: false, crit: 'b64' } }],
      ['a protected header with a BigInt', { protectedHeader: { alg: 'RS256', n: 1n } }],
      ['an unprotected header with a BigInt', { protectedHeader: { alg: 'RS256' }, unprotectedHeader: { n: 1n } }],
    ])('%s: ERR_INVALID_ARGUMENT', async (_n, headers) => {
      await expectJoseError(flattenedSign('x', await signKey(), headers as never), 'ERR_INVALID_ARGUMENT')
    })

    it.each([undefined, 'none', 'ES256K', 'RS1'])('alg %s: ERR_ALG_NOT_SUPPORTED', async (alg) => {
      await expectJoseError(flattenedSign('x', await signKey(), { protectedHeader: { alg } }), 'ERR_ALG_NOT_SUPPORTED')
    })

    it('a payload that is neither bytes nor a string: ERR_INVALID_ARGUMENT', async () => {
      await expectJoseError(flattenedSign(1 as never, await signKey(), { protectedHeader: { alg: 'RS256' } }), 'ERR_INVALID_ARGUMENT')
      await expectJoseError(compactSign(1 as never, await signKey(), { alg: 'RS256' }), 'ERR_INVALID_ARGUMENT')
    })

    it('a public key, or one for another alg: ERR_KEY_INVALID', async () => {
      await expectJoseError(flattenedSign('x', await webCryptoKey('RS256', 'public'), { protectedHeader: { alg: 'RS256' } }), 'ERR_KEY_INVALID')
      await expectJoseError(flattenedSign('x', await webCryptoKey('PS256', 'private'), { protectedHeader: { alg: 'RS256' } }), 'ERR_KEY_INVALID')
    })

    it('an unencoded payload that is not UTF-8, or holds "." in compact form: ERR_INVALID_ARGUMENT', async () => {
      await expectJoseError(flattenedSign(new Uint8Array([0xff]), await signKey(), { protectedHeader: UNENCODED }), 'ERR_INVALID_ARGUMENT')
      await expectJoseError(compactSign('a.b', await signKey(), UNENCODED), 'ERR_INVALID_ARGUMENT')
      await expectJoseError(compactSign('x', await signKey(), null as never), 'ERR_INVALID_ARGUMENT')
    })

    it.each([
      ['no signers', []],
      ['signers not an array', {}],
      ['a signer that is not an object', [null]],
    ])('generalSign, %s: ERR_INVALID_ARGUMENT', async (_n, signers) => {
      await expectJoseError(generalSign('x', signers as never), 'ERR_INVALID_ARGUMENT')
    })

    it('generalSign, signers that disagree on "b64" (RFC 7797 §3): ERR_INVALID_ARGUMENT', async () => {
      const key = await signKey()
      await expectJoseError(
        generalSign('', [{ key, protectedHeader: UNENCODED }, { key, protectedHeader: { alg: 'RS256' } }]),
        'ERR_INVALID_ARGUMENT',
      )
    })
  })
})
