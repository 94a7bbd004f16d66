import { describe, expect, it, vi } from 'vitest'
import { flattenedVerify, generalVerify, JoseError, type JwsHeader } from '../../src/index.ts'
import type { GeneralVerifyOptions } from '../../src/jws/verify-policy.ts'
import { rsaSignature } from '../../src/algorithms/signature/rsa.ts'
import { expectJoseError } from '../helpers/expect-jose.ts'
import { cryptoKeyFor, rsaKey, webCryptoKey } from '../helpers/keys.ts'
import { b64 } from '../helpers/tokens.ts'
import { nodeEntry, nodeFlattened, nodeGeneral, otherKey } from './json-support.ts'

const RS256 = { algorithms: ['RS256'] } as const satisfies GeneralVerifyOptions
const key = () => webCryptoKey('RS256', 'public')
const text = (bytes: Uint8Array) => Buffer.from(bytes).toString()
const valid = () => nodeFlattened('hello', { protected: { alg: 'RS256' }, header: { kid: 'k1' } })
const verbs = [
  ['flattenedVerify', (jws: Record<string, unknown>) => jws, flattenedVerify],
  ['generalVerify', (jws: Record<string, unknown>) => {
    const { payload, ...entry } = jws
    return payload === undefined ? { signatures: [entry] } : { payload, signatures: [entry] }
  }, generalVerify],
] as const

describe('flattenedVerify / generalVerify (RFC 7515 §7.2)', () => {
  for (const [name, shape, verify] of verbs) {
    describe(name, () => {
      const run = (jws: Record<string, unknown>, options: GeneralVerifyOptions = RS256, k: Parameters<typeof verify>[1] | Promise<CryptoKey> = key()) =>
        Promise.resolve(k).then((resolved) => verify(shape(jws), resolved as CryptoKey, options))

      it('verifies protected + unprotected headers; the result joins them and keeps each', async () => {
        const result = await run(valid())
        expect(text(result.payload)).toBe('hello')
        expect(result.header).toEqual({ alg: 'RS256', kid: 'k1' })
        expect(result.protectedHeader).toEqual({ alg: 'RS256' })
        expect(result.unprotectedHeader).toEqual({ kid: 'k1' })
      })

      it('takes the JSON text as well as the object', async () => {
        expect(text((await verify(JSON.stringify(shape(valid())), await key(), RS256)).payload)).toBe('hello')
      })

      it('"alg" only in the unprotected header: the signing input starts with "."', async () => {
        const result = await run(nodeFlattened('x', { header: { alg: 'RS256' } }))
        expect(result.protectedHeader).toBeUndefined()
        expect(result.header).toEqual({ alg: 'RS256' })
      })

      it('the key resolver receives the joined header', async () => {
        const seen: JwsHeader[] = []
        await run(valid(), RS256, (header: JwsHeader) => (seen.push(header), key()))
        expect(seen).toEqual([{ alg: 'RS256', kid: 'k1' }])
      })

      it('a "crit" extension the caller understands is accepted', async () => {
        const jws = nodeFlattened('x', { protected: { alg: 'RS256', crit: ['ext'], ext: 1 } })
        await run(jws, { ...RS256, crit: ['ext'] })
        await expectJoseError(run(jws), 'ERR_CRIT_UNSUPPORTED')
      })

      it('detached content (RFC 7515 Appendix F) in options.payload, as bytes or text', async () => {
        const { payload: _omitted, ...jws } = valid()
        expect(text((await run(jws, { ...RS256, payload: 'hello' })).payload)).toBe('hello')
        expect(text((await run(jws, { ...RS256, payload: Buffer.from('hello') })).payload)).toBe('hello')
        // An empty "payload" member, as jose writes detached content, is detached too.
        expect(text((await run({ ...jws, payload: '' }, { ...RS256, payload: 'hello' })).payload)).toBe('hello')
        await expectJoseError(run(jws, { ...RS256, payload: 'hellO' }), 'ERR_JWS_SIGNATURE_INVALID')
        await expectJoseError(run(jws), 'ERR_JWS_INVALID')
        await expectJoseError(run(valid(), { ...RS256, payload: 'hello' }), 'ERR_JWS_INVALID')
      })

      it('an unencoded payload (RFC 7797): b64 false under crit, attached or detached', async () => {
        const protectedHeader = { alg: 'RS256', b64: false, crit: ['b64'] }
        const jws = nodeFlattened('$.02 ünïcode', { protected: protectedHeader }, true)
        expect(text((await run(jws)).payload)).toBe('$.02 ünïcode')
        const { payload: _omitted, ...detached } = jws
        expect(text((await run(detached, { ...RS256, payload: '$.02 ünïcode' })).payload)).toBe('$.02 ünïcode')
        await expectJoseError(run({ ...jws, payload: b64('$.02 ünïcode') }), 'ERR_JWS_SIGNATURE_INVALID')
      })

      describe('refusals', () => {
        it.each([
          ['a number', 1],
          ['an array', []],
          ['null', null],
          ['an object with a BigInt', { payload: 1n }],
        ])('input %s: ERR_JWS_INVALID', async (_n, input) => {
          await expectJoseError(verify(input as never, await key(), RS256), 'ERR_JWS_INVALID')
        })

        it('input text that is not JSON or not an object: ERR_JWS_INVALID', async () => {
          await expectJoseError(verify('{', await key(), RS256), 'ERR_JWS_INVALID')
          await expectJoseError(verify('[]', await key(), RS256), 'ERR_JWS_INVALID')
        })

        it('a "__proto__" member: ERR_JWS_INVALID', async () => {
          const textual = JSON.stringify(shape(valid())).replace('{', '{"__proto__":{"alg":"none"},')
          await expectJoseError(verify(textual, await key(), RS256), 'ERR_JWS_INVALID')
        })

        it('JSON text over maxTokenLength: ERR_TOKEN_TOO_LARGE', async () => {
          await expectJoseError(run(valid(), { ...RS256, maxTokenLength: 100 }), 'ERR_TOKEN_TOO_LARGE')
        })

        it.each([
          ['neither header', { protected: undefined, header: undefined }],
          ['a numeric signature', { signature: 1 }],
          ['a numeric protected header', { protected: 1 }],
          ['an empty protected header', { protected: '' }],
          ['a protected header that is not JSON', { protected: b64('{') }],
          ['a protected "kid" of the wrong type', { protected: b64('{"alg":"RS256","kid":1}') }],
          ['an unprotected header that is an array', { header: [] }],
          ['an unprotected "kid" of the wrong type', { header: { kid: 1 } }],
          ['"crit" unprotected', { header: { crit: ['x'], x: 1 } }],
          ['"b64" unprotected', { header: { b64: true } }],
          ['a name in both headers', { header: { alg: 'RS256' } }],
          ['no "alg" anywhere', { protected: b64('{"kid":"k"}') }],
          ['an empty "alg"', { protected: undefined, header: { alg: '' } }],
          ['"b64": false without "crit"', { protected: b64('{"alg":"RS256","b64":false}') }],
          ['a numeric payload', { payload: 1 }],
          ['a payload with a lone surrogate, unencoded', { protected: b64('{"alg":"RS256","b64":false,"crit":["b64"]}'), payload: '\ud800' }],
        ])('%s: ERR_JWS_INVALID', async (_n, change) => {
          const jws = { ...valid(), ...change }
          for (const name of Object.keys(change)) if ((change as Record<string, unknown>)[name] === undefined) delete (jws as Record<string, unknown>)[name]
          await expectJoseError(run(jws), 'ERR_JWS_INVALID')
        })

        it('a protected header over maxHeaderLength: ERR_TOKEN_TOO_LARGE', async () => {
          await expectJoseError(run(valid(), { ...RS256, maxHeaderLength: 4 }), 'ERR_TOKEN_TOO_LARGE')
        })

        it('non-canonical base64url in the protected header, payload or signature: ERR_BASE64URL', async () => {
          for (const member of ['protected', 'payload', 'signature']) {
            const jws: Record<string, unknown> = valid()
            jws[member] = `${jws[member] as string}=`
            await expectJoseError(run(jws), 'ERR_BASE64URL')
          }
        })

        it('an alg outside the allow-list: ERR_ALG_NOT_ALLOWED, and the resolver is not called', async () => {
          const resolver = vi.fn(key)
          await expectJoseError(run(valid(), { algorithms: ['PS256'] }, resolver), 'ERR_ALG_NOT_ALLOWED')
          expect(resolver).not.toHaveBeenCalled()
        })

        it('a changed payload, header or signature, or another key: ERR_JWS_SIGNATURE_INVALID', async () => {
          await expectJoseError(run({ ...valid(), payload: b64('hellO') }), 'ERR_JWS_SIGNATURE_INVALID')
          await expectJoseError(run({ ...valid(), signature: (valid().signature as string).slice(0, -2) }), 'ERR_JWS_SIGNATURE_INVALID')
          await expectJoseError(run(nodeFlattened('hello', { protected: { alg: 'RS256' }, key: otherKey() })), 'ERR_JWS_SIGNATURE_INVALID')
        })

        it('a key for another alg: ERR_KEY_INVALID', async () => {
          await expectJoseError(run(valid(), RS256, webCryptoKey('PS256', 'public')), 'ERR_KEY_INVALID')
        })

        it('missing options: ERR_INVALID_ARGUMENT', async () => {
          await expectJoseError(verify(shape(valid()), await key(), undefined as never), 'ERR_INVALID_ARGUMENT')
        })

        it.each([
          ['a numeric payload option', { ...RS256, payload: 1 }],
          ['maxSignatures 0', { ...RS256, maxSignatures: 0 }],
          ['maxSignatures NaN', { ...RS256, maxSignatures: Number.NaN }],
        ])('%s: ERR_INVALID_ARGUMENT', async (_n, options) => {
          await expectJoseError(run(valid(), options as never), 'ERR_INVALID_ARGUMENT')
        })
      })
    })
  }

  it('flattened: a "signatures" member is refused (ERR_JWS_INVALID)', async () => {
    await expectJoseError(flattenedVerify({ ...valid(), signatures: [] }, await key(), RS256), 'ERR_JWS_INVALID')
  })
})

describe('generalVerify: several signatures', () => {
  const pss = () => cryptoKeyFor(otherKey(), 'PS256', 'public')
  const twoSigners = () =>
    nodeGeneral('hello', [
      { protected: { alg: 'RS256' }, header: { kid: 'rsa' } },
      { protected: { alg: 'PS256', kid: 'pss' }, key: otherKey() },
    ])
  const byKid = (header: JwsHeader) => (header.kid === 'rsa' ? key() : pss())

  it('the first signature that verifies under the allow-list is the result, with its index and headers', async () => {
    const first = await generalVerify(twoSigners(), byKid, { algorithms: ['RS256', 'PS256'] })
    expect(first.index).toBe(0)
    expect(first.unprotectedHeader).toEqual({ kid: 'rsa' })
    const second = await generalVerify(twoSigners(), byKid, { algorithms: ['PS256'] })
    expect(second.index).toBe(1)
    expect(second.header).toEqual({ alg: 'PS256', kid: 'pss' })
    expect(second.unprotectedHeader).toBeUndefined()
  })

  it('a key per signature: a signature whose key is not found is passed over', async () => {
    const resolver = vi.fn(async (header: JwsHeader) => {
      if (header.kid === 'rsa') throw new JoseError('ERR_JWKS_NO_MATCHING_KEY', 'no key')
      return pss()
    })
    expect((await generalVerify(twoSigners(), resolver, { algorithms: ['RS256', 'PS256'] })).index).toBe(1)
    expect(resolver).toHaveBeenCalledTimes(2)
  })

  it('when none verifies: the error of the first allowed signature', async () => {
    const jws = twoSigners()
    const signatures = jws.signatures as Array<Record<string, string>>
    signatures[1]!.signature = signatures[0]!.signature!
    await expectJoseError(generalVerify(jws, byKid, { algorithms: ['PS256'] }), 'ERR_JWS_SIGNATURE_INVALID')
    await expectJoseError(generalVerify(jws, () => pss(), { algorithms: ['RS256', 'PS256'] }), 'ERR_KEY_INVALID')
    await expectJoseError(generalVerify(jws, byKid, { algorithms: ['RS384'] }), 'ERR_ALG_NOT_ALLOWED')
  })

  it('an error that is no JoseError is never swallowed by a later signature', async () => {
    const spy = vi.spyOn(rsaSignature, 'verify').mockRejectedValueOnce(new TypeError('boom'))
    try {
      // The public boundary reports it as the caller's error, with the TypeError as its cause.
      const error = await expectJoseError(generalVerify(twoSigners(), byKid, { algorithms: ['RS256', 'PS256'] }), 'ERR_INVALID_ARGUMENT')
      expect(error.cause).toBeInstanceOf(TypeError)
    } finally {
      spy.mockRestore()
    }
  })

  it('a malformed entry fails the JWS even when another would verify (ERR_JWS_INVALID)', async () => {
    const jws = twoSigners()
    ;(jws.signatures as unknown[]).push({ protected: b64('{"alg":"RS256","kid":7}'), signature: '' })
    await expectJoseError(generalVerify(jws, byKid, { algorithms: ['RS256'] }), 'ERR_JWS_INVALID')
  })

  it.each([
    ['no "signatures"', { signatures: undefined }],
    ['an empty "signatures"', { signatures: [] }],
    ['"signatures" an object', { signatures: {} }],
    ['an entry that is a string', { signatures: ['x'] }],
    ['a top-level "signature"', { signature: 'x' }],
    ['a top-level "protected"', { protected: b64('{"alg":"RS256"}') }],
    ['a top-level "header"', { header: {} }],
    ['nine signatures (default maxSignatures 8)', { signatures: Array.from({ length: 9 }, () => nodeEntry(b64('hello'), { protected: { alg: 'RS256' } })) }],
  ] as Array<[string, Record<string, unknown>]>)('%s: ERR_JWS_INVALID', async (_n, change) => {
    const jws: Record<string, unknown> = { ...twoSigners(), ...change }
    if ('signatures' in change && change.signatures === undefined) delete jws.signatures
    await expectJoseError(generalVerify(jws, byKid, { algorithms: ['RS256'] }), 'ERR_JWS_INVALID')
  })

  it('maxSignatures bounds the count', async () => {
    await expectJoseError(generalVerify(twoSigners(), byKid, { algorithms: ['RS256'], maxSignatures: 1 }), 'ERR_JWS_INVALID')
    expect((await generalVerify(twoSigners(), byKid, { algorithms: ['RS256'], maxSignatures: 2 })).index).toBe(0)
  })

  it('signatures that disagree on "b64" (RFC 7797 §3): ERR_JWS_INVALID', async () => {
    const jws = nodeGeneral('x', [{ protected: { alg: 'RS256', b64: false, crit: ['b64'] } }, { protected: { alg: 'RS256' } }], true)
    await expectJoseError(generalVerify(jws, key, { algorithms: ['RS256'] }), 'ERR_JWS_INVALID')
  })

  it('RSA keys of every size the library accepts', async () => {
    const jws = nodeGeneral('x', [{ protected: { alg: 'PS512' } }])
    expect((await generalVerify(jws, await cryptoKeyFor(rsaKey(), 'PS512', 'public'), { algorithms: ['PS512'] })).index).toBe(0)
  })
})
