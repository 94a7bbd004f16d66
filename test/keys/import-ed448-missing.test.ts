/** Ed448 missing from Web Crypto, as in Deno, Bun and browsers: a module graph of its own. */
import { describe, expect, it, vi } from 'vitest'
import { generateCurveKey } from '../helpers/keys.ts'

const keys = { Ed448: generateCurveKey('Ed448'), Ed25519: generateCurveKey('Ed25519') }

describe('a runtime without Ed448 (Deno, Bun, browsers)', () => {
  async function withoutEd448() {
    vi.resetModules()
    const subtle = crypto.subtle
    const unsupported = (algorithm: unknown): boolean => (algorithm as Algorithm).name === 'Ed448'
    const fail = () => Promise.reject(new DOMException('Unrecognized algorithm name', 'NotSupportedError'))
    const generateKey = subtle.generateKey.bind(subtle)
    const importRaw = subtle.importKey.bind(subtle)
    vi.spyOn(subtle, 'generateKey').mockImplementation(((algorithm: AlgorithmIdentifier, ...rest: never[]) =>
      unsupported(algorithm) ? fail() : generateKey(algorithm, ...(rest as unknown as [boolean, KeyUsage[]]))) as never)
    vi.spyOn(subtle, 'importKey').mockImplementation(((format: never, data: never, algorithm: AlgorithmIdentifier, ...rest: never[]) =>
      unsupported(algorithm) ? fail() : importRaw(format, data, algorithm, ...(rest as unknown as [boolean, KeyUsage[]]))) as never)
    return import('../../src/index.ts')
  }

  it('importKey, compactSign and compactVerify say ERR_ALG_NOT_SUPPORTED, never a DOMException', async () => {
    const lib = await withoutEd448()
    const expectJoseError = (action: Promise<unknown>, code: string) =>
      action.then(
        () => expect.unreachable(),
        (error: { name: string; code: string }) => (expect(error.name).toBe('JoseError'), expect(error.code).toBe(code)),
      )
    await expectJoseError(lib.importKey(keys.Ed448.publicJwk, 'Ed448'), 'ERR_ALG_NOT_SUPPORTED')
    await expectJoseError(lib.importKey(keys.Ed448.publicJwk, 'EdDSA'), 'ERR_ALG_NOT_SUPPORTED')
    await expectJoseError(lib.importKey(keys.Ed448.privatePem, 'EdDSA'), 'ERR_ALG_NOT_SUPPORTED')
    const ed25519 = await lib.importKey(keys.Ed25519.privateJwk, 'EdDSA')
    await expectJoseError(lib.compactSign('x', ed25519, { alg: 'Ed448' }), 'ERR_ALG_NOT_SUPPORTED')
    const token = await lib.compactSign('x', ed25519, { alg: 'EdDSA' })
    const relabelled = `${Buffer.from('{"alg":"Ed448"}').toString('base64url')}${token.slice(token.indexOf('.'))}`
    await expectJoseError(lib.compactVerify(relabelled, ed25519, { algorithms: ['Ed448'] }), 'ERR_ALG_NOT_SUPPORTED')
    // Ed25519 still works, and a broken Ed25519 key is still ERR_KEY_INVALID.
    await expectJoseError(lib.importKey({ ...keys.Ed25519.publicJwk, x: 'AAAA' }, 'EdDSA'), 'ERR_KEY_INVALID')
  })
})
