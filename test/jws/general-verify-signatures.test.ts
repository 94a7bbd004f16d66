/** generalVerify over several signatures: which one is the result, keys per signature, the error when none verifies, and the count bound. */
import { describe, expect, it, vi } from 'vitest'
import { generalVerify, JoseError, type JwsHeader } from '../../src/index.ts'
import { rsaSignature } from '../../src/algorithms/signature/rsa.ts'
import { expectJoseError } from '../helpers/expect-jose.ts'
import { cryptoKeyFor, rsaKey } from '../helpers/keys.ts'
import { b64 } from '../helpers/tokens.ts'
import { nodeEntry, nodeGeneral, otherKey, verificationKey } from './json-support.ts'

describe('generalVerify: several signatures', () => {
  const pss = () => cryptoKeyFor(otherKey(), 'PS256', 'public')
  const twoSigners = () =>
    nodeGeneral('hello', [
      { protected: { alg: 'RS256' }, header: { kid: 'rsa' } },
      { protected: { alg: 'PS256', kid: 'pss' }, key: otherKey() },
    ])
  const byKid = (header: JwsHeader) => (header.kid === 'rsa' ? verificationKey() : pss())

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
    await expectJoseError(generalVerify(jws, verificationKey, { algorithms: ['RS256'] }), 'ERR_JWS_INVALID')
  })

  it('RSA keys of every size the library accepts', async () => {
    const jws = nodeGeneral('x', [{ protected: { alg: 'PS512' } }])
    expect((await generalVerify(jws, await cryptoKeyFor(rsaKey(), 'PS512', 'public'), { algorithms: ['PS512'] })).index).toBe(0)
  })
})
