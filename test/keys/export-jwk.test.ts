/** exportJwk: the public part of any key, a private key or secret only when extractable. */
import { describe, expect, it } from 'vitest'
import { calculateJwkThumbprint, exportJwk, generateSecret, importKey } from '../../src/index.ts'
import { expectJoseError } from '../helpers/expect-jose.ts'
import { rsaKey } from '../helpers/keys.ts'

describe('exportJwk', () => {
  it('exports an extractable RSA public key as its public members, without ext and key_ops', async () => {
    const key = await importKey(rsaKey().publicPem, 'PS256', { extractable: true })
    const jwk = await exportJwk(key)
    expect(jwk).toEqual({ kty: 'RSA', n: rsaKey().publicJwk.n, e: 'AQAB', alg: 'PS256' })
    expect(await calculateJwkThumbprint(jwk)).toBe(await calculateJwkThumbprint(rsaKey().publicJwk))
  })

  it('exports an extractable private key with its private members', async () => {
    const jwk = await exportJwk(await importKey(rsaKey().privateJwk, 'RS256', { extractable: true }))
    expect(jwk.d).toBe(rsaKey().privateJwk.d)
    expect(jwk).not.toHaveProperty('ext')
    expect(jwk).not.toHaveProperty('key_ops')
  })

  it('exports an extractable generated secret as an oct JWK as long as the hash output', async () => {
    const jwk = await exportJwk(await generateSecret('HS384', { extractable: true }))
    expect(jwk.kty).toBe('oct')
    expect(Buffer.from(jwk.k!, 'base64url')).toHaveLength(48)
  })

  it('refuses a non-extractable private key, secret or public key with ERR_KEY_INVALID and says why', async () => {
    const privateKey = await importKey(rsaKey().privatePem, 'RS256')
    expect((await expectJoseError(exportJwk(privateKey), 'ERR_KEY_INVALID')).message).toBe(
      'private key is not extractable: its key material never leaves Web Crypto',
    )
    const secret = await generateSecret('HS256')
    expect((await expectJoseError(exportJwk(secret), 'ERR_KEY_INVALID')).message).toMatch(/^secret key is not extractable/)
    const publicKey = await importKey(rsaKey().publicPem, 'RS256')
    expect((await expectJoseError(exportJwk(publicKey), 'ERR_KEY_INVALID')).message).toBe(
      'public key is not extractable: import it with { extractable: true }',
    )
  })

  it('refuses what is not a CryptoKey', async () => {
    for (const value of [undefined, null, {}, rsaKey().publicJwk, 'key', { type: 'public', extractable: true }]) {
      await expectJoseError(exportJwk(value as never), 'ERR_KEY_INVALID')
    }
  })
})
