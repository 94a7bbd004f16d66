/** ECDH-ES and ECDH-ES+A*KW on P-256 and X25519: every decryption failure throws the same error and makes the same calls. */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { compactDecrypt } from '../../src/jwe/compact-decrypt.ts'
import { JoseError } from '../../src/errors.ts'
import { countSubtleCalls, expectIndistinguishable } from '../helpers/decryption-failures.ts'
import { b64, flipBit, rejects, setSegment } from './support.ts'

afterEach(() => {
  vi.restoreAllMocks()
})

describe('one failure for ECDH-ES (RFC 7516 §11.5)', () => {
  const plaintext = new TextEncoder().encode('{"sub":"alice"}')
  /** The token with its "epk" replaced: the X25519 zero point, whose shared secret is all zero (RFC 7748 §6.1). */
  const zeroPointEpk = (token: string): string => {
    const header = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as Record<string, unknown>
    return setSegment(token, 0, b64(Buffer.from(JSON.stringify({ ...header, epk: { kty: 'OKP', crv: 'X25519', x: b64(new Uint8Array(32)) } }))))
  }
  const pair = async (crv: string, alg: string) => {
    const { importKey } = await import('../../src/keys/import-key.ts')
    const generated = (await crypto.subtle.generateKey((crv === 'X25519' ? { name: crv } : { name: 'ECDH', namedCurve: crv }) as EcKeyGenParams, true, ['deriveBits'])) as CryptoKeyPair
    const { d: _d, key_ops: _ops, ext: _ext, ...publicJwk } = await crypto.subtle.exportKey('jwk', generated.privateKey)
    return [await importKey(await crypto.subtle.exportKey('jwk', generated.privateKey), alg as 'ECDH-ES'), await importKey(publicJwk, alg as 'ECDH-ES')] as const
  }

  for (const crv of ['P-256', 'X25519'] as const) {
    for (const [alg, enc] of [['ECDH-ES', 'A256GCM'], ['ECDH-ES', 'A128CBC-HS256'], ['ECDH-ES+A128KW', 'A256GCM'], ['ECDH-ES+A256KW', 'A256CBC-HS512']] as const) {
      it(`${crv} ${alg} + ${enc}: wrong key, bad tag, bad ciphertext, bad IV${alg === 'ECDH-ES' ? '' : ', failed unwrap'}${crv === 'X25519' ? ', all-zero secret' : ''} are indistinguishable`, async () => {
        const { compactEncrypt } = await import('../../src/jwe/compact-encrypt.ts')
        const [key, publicKey] = await pair(crv, alg)
        const [other] = await pair(crv, alg)
        const valid = await compactEncrypt(plaintext, publicKey, { alg, enc })
        const options = { keyManagementAlgorithms: [alg], contentEncryptionAlgorithms: [enc] }
        await expect(compactDecrypt(valid, key, options)).resolves.toBeDefined()
        const failing: [string, CryptoKey][] = [[valid, other], [flipBit(valid, 4), key], [flipBit(valid, 3), key], [flipBit(valid, 2), key]]
        if (alg !== 'ECDH-ES') failing.push([flipBit(valid, 1), key])
        if (crv === 'X25519') failing.push([zeroPointEpk(valid), key])
        const errors: JoseError[] = []
        for (const [token, k] of failing) errors.push(await rejects(compactDecrypt(token, k, options), 'ERR_JWE_DECRYPTION_FAILED', token))
        expectIndistinguishable(errors)
        // A wrong key, a bad tag and an all-zero secret make the same Web Crypto calls as each other.
        const wrongKey = await countSubtleCalls(() => compactDecrypt(valid, other, options))
        expect(await countSubtleCalls(() => compactDecrypt(flipBit(valid, 4), key, options))).toEqual(wrongKey)
        if (crv === 'X25519') expect(await countSubtleCalls(() => compactDecrypt(zeroPointEpk(valid), key, options))).toEqual(wrongKey)
      })
    }
  }
})
