/** HS256/384/512 (RFC 7518 §3.2): import, sign, verify, and every refusal with its code. */
import { describe, expect, it } from 'vitest'
import { createHmac } from 'node:crypto'
import { compactSign, compactVerify, createLocalJwks, importKey, jwtVerify, signJwt, type SignatureAlgorithm } from '../../src/index.ts'
import { expectJoseError } from '../helpers/expect-jose.ts'
import { b64 } from '../helpers/tokens.ts'
import { rsaKey } from '../helpers/keys.ts'

const HMAC = ['HS256', 'HS384', 'HS512'] as const
const bytesOf = (alg: string): number => Number(alg.slice(2)) / 8
const secret = (alg: string, fill = 1): Uint8Array => new Uint8Array(bytesOf(alg)).fill(fill)
const octJwk = (alg: string, extra: Record<string, unknown> = {}): JsonWebKey => ({ kty: 'oct', k: b64(secret(alg)), ...extra })

describe('HMAC signatures', () => {
  for (const alg of HMAC) {
    describe(alg, () => {
      it('node:crypto MACs what webjose signs, and webjose verifies what node:crypto MACs', async () => {
        const key = await importKey(secret(alg), alg)
        const jws = await compactSign('payload', key, { alg })
        const [header, payload, mac] = jws.split('.') as [string, string, string]
        const expected = createHmac(`sha${alg.slice(2)}`, secret(alg)).update(`${header}.${payload}`).digest('base64url')
        expect(mac).toBe(expected)
        const input = `${b64(JSON.stringify({ alg, kid: 'k' }))}.${b64('node')}`
        const nodeJws = `${input}.${createHmac(`sha${alg.slice(2)}`, secret(alg)).update(input).digest('base64url')}`
        expect(Buffer.from((await compactVerify(nodeJws, key, { algorithms: [alg] })).payload).toString()).toBe('node')
      })

      it('a JWT signs and verifies with an oct JWK (alg, use, key_ops and ext consistent)', async () => {
        const key = await importKey(octJwk(alg, { alg, use: 'sig', key_ops: ['sign', 'verify'], ext: true }), alg)
        const token = await signJwt({ sub: 'a', exp: Math.floor(Date.now() / 1000) + 60 }, key, { alg })
        expect((await jwtVerify(token, key, { algorithms: [alg] })).claims.sub).toBe('a')
      })

      it('a wrong MAC, a MAC of another length and a MAC under another key: ERR_JWS_SIGNATURE_INVALID', async () => {
        const key = await importKey(secret(alg), alg)
        const jws = await compactSign('payload', key, { alg })
        const [input, mac] = [jws.slice(0, jws.lastIndexOf('.')), jws.slice(jws.lastIndexOf('.') + 1)]
        const other = await compactSign('payload', await importKey(secret(alg, 2), alg), { alg })
        for (const token of [`${input}.${b64(new Uint8Array(bytesOf(alg)))}`, `${input}.${mac.slice(0, 20)}`, `${input}.${other.split('.')[2]}`]) {
          await expectJoseError(compactVerify(token, key, { algorithms: [alg] }), 'ERR_JWS_SIGNATURE_INVALID')
        }
      })

      it('refuses a secret shorter than the hash output: bytes, JWK, and a CryptoKey made by hand', async () => {
        const short = new Uint8Array(bytesOf(alg) - 1)
        const error = await expectJoseError(importKey(short, alg), 'ERR_KEY_INVALID')
        expect(error.message).toBe(`${alg} secret shorter than ${bytesOf(alg) * 8} bits`)
        await expectJoseError(importKey({ kty: 'oct', k: b64(short) }, alg), 'ERR_KEY_INVALID')
        const handMade = await crypto.subtle.importKey('raw', short, { name: 'HMAC', hash: `SHA-${alg.slice(2)}` }, false, ['sign', 'verify'])
        await expectJoseError(compactSign('x', handMade, { alg }), 'ERR_KEY_INVALID')
        const token = await compactSign('x', await importKey(secret(alg), alg), { alg })
        await expectJoseError(compactVerify(token, handMade, { algorithms: [alg] }), 'ERR_KEY_INVALID')
      })

      it('refuses a secret as text, an empty secret, and JWKs that are not oct keys for this alg', async () => {
        await expectJoseError(importKey(b64(secret(alg)) as never, alg), 'ERR_KEY_INVALID')
        await expectJoseError(importKey(rsaKey().publicPem, alg), 'ERR_KEY_INVALID')
        await expectJoseError(importKey(new Uint8Array(0), alg), 'ERR_KEY_INVALID')
        const other = HMAC.find((name) => name !== alg)!
        for (const jwk of [
          { ...octJwk(alg), kty: 'RSA' },
          { kty: 'oct' },
          { kty: 'oct', k: '' },
          { kty: 'oct', k: 'not base64url!' },
          octJwk(alg, { alg: other }),
          octJwk(alg, { use: 'enc' }),
          octJwk(alg, { key_ops: ['encrypt'], use: 'sig' }),
          octJwk(alg, { key_ops: 'sign' }),
          rsaKey().publicJwk,
          null,
          [],
        ]) {
          await expectJoseError(importKey(jwk as JsonWebKey, alg), 'ERR_KEY_INVALID')
        }
        await expectJoseError(importKey(octJwk(alg, { ext: false }), alg, { extractable: true }), 'ERR_KEY_INVALID')
      })

      it('refuses malformed options', async () => {
        for (const options of [null, 'x', [], { extractable: 'yes' }]) {
          await expectJoseError(importKey(secret(alg), alg, options as never), 'ERR_INVALID_ARGUMENT')
        }
      })

      it('key_ops narrow the usages: a verify-only secret cannot sign', async () => {
        const key = await importKey(octJwk(alg, { key_ops: ['verify'] }), alg)
        expect(key.usages).toEqual(['verify'])
        await expectJoseError(compactSign('x', key, { alg }), 'ERR_KEY_INVALID')
      })

      it('a key bound to another hash, or an RSA key, is refused for this alg', async () => {
        const other = HMAC.find((name) => name !== alg)!
        const otherKey = await importKey(secret(other), other)
        await expectJoseError(compactSign('x', otherKey, { alg }), 'ERR_KEY_INVALID')
        const rsa = await importKey(rsaKey().privatePem, 'RS256')
        await expectJoseError(compactSign('x', rsa, { alg }), 'ERR_KEY_INVALID')
      })
    })
  }

  it('an HS256 token is never verified by a key from a JWK set, even one listing an oct key', async () => {
    const key = await importKey(secret('HS256'), 'HS256')
    const token = await compactSign('x', key, { alg: 'HS256', kid: 'k' })
    const jwks = createLocalJwks({ keys: [{ ...octJwk('HS256'), kid: 'k' }, { ...rsaKey().publicJwk, kid: 'r' }] })
    await expectJoseError(compactVerify(token, jwks, { algorithms: ['HS256' as SignatureAlgorithm] }), 'ERR_ALG_NOT_SUPPORTED')
    await expectJoseError(jwks({ alg: 'HS256' }), 'ERR_ALG_NOT_SUPPORTED')
  })
})
