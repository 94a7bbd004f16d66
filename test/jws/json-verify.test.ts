/** flattenedVerify and generalVerify (RFC 7515 §7.2) over one signature: headers, detached and unencoded payloads, and every refusal by code. */
import { describe, expect, it, vi } from 'vitest'
import { flattenedVerify, generalVerify, type JwsHeader } from '../../src/index.ts'
import type { GeneralVerifyOptions } from '../../src/jws/verify-policy.ts'
import { expectJoseError } from '../helpers/expect-jose.ts'
import { webCryptoKey } from '../helpers/keys.ts'
import { b64 } from '../helpers/tokens.ts'
import { nodeFlattened, otherKey, verificationKey } from './json-support.ts'

const RS256 = { algorithms: ['RS256'] } as const satisfies GeneralVerifyOptions
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
      const run = (jws: Record<string, unknown>, options: GeneralVerifyOptions = RS256, k: Parameters<typeof verify>[1] | Promise<CryptoKey> = verificationKey()) =>
        Promise.resolve(k).then((resolved) => verify(shape(jws), resolved as CryptoKey, options))

      it('verifies protected + unprotected headers; the result joins them and keeps each', async () => {
        const result = await run(valid())
        expect(text(result.payload)).toBe('hello')
        expect(result.header).toEqual({ alg: 'RS256', kid: 'k1' })
        expect(result.protectedHeader).toEqual({ alg: 'RS256' })
        expect(result.unprotectedHeader).toEqual({ kid: 'k1' })
      })

      it('takes the JSON text as well as the object', async () => {
        expect(text((await verify(JSON.stringify(shape(valid())), await verificationKey(), RS256)).payload)).toBe('hello')
      })

      it('"alg" only in the unprotected header: the signing input starts with "."', async () => {
        const result = await run(nodeFlattened('x', { header: { alg: 'RS256' } }))
        expect(result.protectedHeader).toBeUndefined()
        expect(result.header).toEqual({ alg: 'RS256' })
      })

      it('the key resolver receives the joined header', async () => {
        const seen: JwsHeader[] = []
        await run(valid(), RS256, (header: JwsHeader) => (seen.push(header), verificationKey()))
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
          await expectJoseError(verify(input as never, await verificationKey(), RS256), 'ERR_JWS_INVALID')
        })

        it('input text that is not JSON or not an object: ERR_JWS_INVALID', async () => {
          await expectJoseError(verify('{', await verificationKey(), RS256), 'ERR_JWS_INVALID')
          await expectJoseError(verify('[]', await verificationKey(), RS256), 'ERR_JWS_INVALID')
        })

        it('a "__proto__" member: ERR_JWS_INVALID', async () => {
          const textual = JSON.stringify(shape(valid())).replace('{', '{"__proto__":{"alg":"none"},')
          await expectJoseError(verify(textual, await verificationKey(), RS256), 'ERR_JWS_INVALID')
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
          const resolver = vi.fn(verificationKey)
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
          await expectJoseError(verify(shape(valid()), await verificationKey(), undefined as never), 'ERR_INVALID_ARGUMENT')
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
    await expectJoseError(flattenedVerify({ ...valid(), signatures: [] }, await verificationKey(), RS256), 'ERR_JWS_INVALID')
  })
})
