import { afterEach, describe, expect, it, vi } from 'vitest'
import { sign as nodeSign } from 'node:crypto'
import * as ec from '../../src/algorithms/signature/ec.ts'
import { compactSign, compactVerify, importKey } from '../../src/index.ts'
import { expectJoseError } from '../helpers/expect-jose.ts'
import { generateCurveKey } from '../helpers/keys.ts'

const CURVES = [
  ['ES256', 'P-256', 32, 'sha256'],
  ['ES384', 'P-384', 48, 'sha384'],
  ['ES512', 'P-521', 66, 'sha512'],
] as const

const data = new TextEncoder().encode('signing input')
const big = (bytes: Uint8Array): bigint => BigInt(`0x${Buffer.from(bytes).toString('hex') || '0'}`)
const bytesOf = (value: bigint, size: number): Uint8Array => Uint8Array.from(Buffer.from(value.toString(16).padStart(2 * size, '0'), 'hex'))

afterEach(() => vi.restoreAllMocks())

describe.each(CURVES)('%s (%s)', (alg, crv, size, hash) => {
  const key = generateCurveKey(alg)
  const pair = Promise.all([importKey(key.privatePem, alg), importKey(key.publicPem, alg)])

  it('signs R‖S of 2×n bytes that node:crypto verifies, and verifies what node:crypto signs', async () => {
    const [privateKey, publicKey] = await pair
    const signature = await ec.sign(alg, privateKey, data)
    expect(signature.length).toBe(2 * size)
    const { verify } = await import('node:crypto')
    expect(verify(hash, data, { key: key.publicKey, dsaEncoding: 'ieee-p1363' }, signature)).toBe(true)
    const theirs = nodeSign(hash, data, { key: key.privateKey, dsaEncoding: 'ieee-p1363' })
    expect(await ec.verify(alg, publicKey, theirs, data)).toBe(true)
  })

  it('the curve order is n: (r, n − s) verifies, (r, n + s) and (r, n) do not', async () => {
    const [privateKey, publicKey] = await pair
    const signature = await ec.sign(alg, privateKey, data)
    const r = signature.subarray(0, size)
    const s = big(signature.subarray(size))
    const n = ec.CURVE_ORDERS[crv]!
    const withS = (value: bigint): Uint8Array => Uint8Array.from([...r, ...bytesOf(value, size)])
    // ECDSA signatures are malleable: (r, n − s) is the same signature, so this proves the constant.
    expect(await ec.verify(alg, publicKey, withS(n - s), data)).toBe(true)
    expect(await ec.verify(alg, publicKey, withS(n), data)).toBe(false)
    if (n + s < 1n << BigInt(8 * size)) expect(await ec.verify(alg, publicKey, withS(n + s), data)).toBe(false)
  })

  describe('malformed signatures are refused before Web Crypto is called', () => {
    const cases: [string, (signature: Uint8Array) => Uint8Array][] = [
      ['empty', () => new Uint8Array(0)],
      ['one byte short', (signature) => signature.subarray(1)],
      ['one byte long', (signature) => Uint8Array.from([...signature, 0])],
      ['DER-encoded (what OpenSSL emits)', () => nodeSign(hash, data, { key: key.privateKey, dsaEncoding: 'der' })],
      ['r = s = 0 (CVE-2022-21449)', () => new Uint8Array(2 * size)],
      ['r = 0', (signature) => Uint8Array.from([...new Uint8Array(size), ...signature.subarray(size)])],
      ['s = 0', (signature) => Uint8Array.from([...signature.subarray(0, size), ...new Uint8Array(size)])],
      ['r = n', (signature) => Uint8Array.from([...bytesOf(ec.CURVE_ORDERS[crv]!, size), ...signature.subarray(size)])],
      ['s = n', (signature) => Uint8Array.from([...signature.subarray(0, size), ...bytesOf(ec.CURVE_ORDERS[crv]!, size)])],
      ['r = s = all ones (≥ n)', () => new Uint8Array(2 * size).fill(255)],
    ]
    for (const [name, malform] of cases) {
      it(name, async () => {
        const [privateKey, publicKey] = await pair
        const bad = malform(await ec.sign(alg, privateKey, data))
        const spy = vi.spyOn(crypto.subtle, 'verify')
        expect(await ec.verify(alg, publicKey, bad, data)).toBe(false)
        expect(spy).not.toHaveBeenCalled()
        const token = await compactSign('x', privateKey, { alg })
        const forged = `${token.slice(0, token.lastIndexOf('.'))}.${Buffer.from(bad).toString('base64url')}`
        await expectJoseError(compactVerify(forged, publicKey, { algorithms: [alg] }), 'ERR_JWS_SIGNATURE_INVALID')
      })
    }
  })

  it('a 2×n-byte DER signature is read as R‖S and fails like any wrong signature', async () => {
    const [, publicKey] = await pair
    // SEQUENCE { INTEGER r, INTEGER s } with r and s of n − 3 bytes: exactly 2×n bytes long.
    const integer = Uint8Array.from([2, size - 3, ...new Uint8Array(size - 3).fill(1)])
    const padded = Uint8Array.from([0x30, 2 * size - 2, ...integer, ...integer])
    expect(padded.length).toBe(2 * size)
    expect(await ec.verify(alg, publicKey, padded, data)).toBe(false)
  })

  it('a Web Crypto failure is a false verification, not a throw', async () => {
    const [privateKey, publicKey] = await pair
    const signature = await ec.sign(alg, privateKey, data)
    vi.spyOn(crypto.subtle, 'verify').mockRejectedValueOnce(new DOMException('boom', 'OperationError'))
    expect(await ec.verify(alg, publicKey, signature, data)).toBe(false)
  })
})

describe('ES* keys are bound to their curve', () => {
  it('a P-256 key is refused for ES384 and ES512, in sign and verify', async () => {
    const p256 = generateCurveKey('ES256')
    const [privateKey, publicKey] = await Promise.all([importKey(p256.privatePem, 'ES256'), importKey(p256.publicPem, 'ES256')])
    await expectJoseError(compactSign('x', privateKey, { alg: 'ES384' }), 'ERR_KEY_INVALID')
    const token = await compactSign('x', privateKey, { alg: 'ES256' })
    const relabelled = `${Buffer.from('{"alg":"ES512"}').toString('base64url')}${token.slice(token.indexOf('.'))}`
    await expectJoseError(compactVerify(relabelled, publicKey, { algorithms: ['ES512'] }), 'ERR_KEY_INVALID')
  })
})
