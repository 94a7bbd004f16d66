/**
 * Interop with panva/jose for ECDH-ES and ECDH-ES+A*KW, both ways, on P-256/384/521 and X25519
 * (jose 6 has no X448; jwcrypto-families.test.ts covers it), each with every "enc" (A*GCM,
 * A*CBC-HS*). Keys travel as PEM: PKCS#8 and SPKI exported by jose, imported by webjose.
 */
import { describe, expect, it } from 'vitest'
import * as jose from 'jose'
import { compactDecrypt, compactEncrypt, importKey, type ContentEncryptionAlgorithm, type KeyManagementAlgorithm } from '../../src/index.ts'
import { expectJoseError } from '../helpers/expect-jose.ts'

const CURVES = ['P-256', 'P-384', 'P-521', 'X25519'] as const
const ALGS = ['ECDH-ES', 'ECDH-ES+A128KW', 'ECDH-ES+A192KW', 'ECDH-ES+A256KW'] as const
const ENCS: readonly ContentEncryptionAlgorithm[] = ['A128GCM', 'A192GCM', 'A256GCM', 'A128CBC-HS256', 'A192CBC-HS384', 'A256CBC-HS512']
const plaintext = new TextEncoder().encode('interop plaintext')
const allow = (alg: KeyManagementAlgorithm, enc: ContentEncryptionAlgorithm) => ({ keyManagementAlgorithms: [alg], contentEncryptionAlgorithms: [enc] })

describe.each(CURVES)('%s with jose', (crv) => {
  const keys = jose.generateKeyPair('ECDH-ES', { crv, extractable: true })
  const imports = new Map<KeyManagementAlgorithm, Promise<[CryptoKey, CryptoKey]>>()
  /** webjose's imports of jose's PKCS#8 and SPKI exports for `alg`, once per alg. */
  const ours = (alg: KeyManagementAlgorithm) => {
    if (!imports.has(alg)) {
      imports.set(alg, keys.then(async ({ privateKey, publicKey }) =>
        Promise.all([importKey(await jose.exportPKCS8(privateKey), alg), importKey(await jose.exportSPKI(publicKey), alg)])))
    }
    return imports.get(alg)!
  }

  for (const alg of ALGS) {
    for (const enc of ENCS) {
      it(`${alg} / ${enc}: jose encrypts, webjose decrypts; webjose encrypts, jose decrypts; a tampered tag is refused by both`, async () => {
        const { privateKey, publicKey } = await keys
        const [decryptionKey, encryptionKey] = await ours(alg)
        const theirs = await new jose.CompactEncrypt(plaintext).setProtectedHeader({ alg, enc, kid: 'k' }).encrypt(publicKey)
        const { plaintext: opened, header } = await compactDecrypt(theirs, decryptionKey, allow(alg, enc))
        expect(opened).toEqual(plaintext)
        expect(header).toMatchObject({ alg, enc, kid: 'k', epk: { crv } })
        const mine = await compactEncrypt(plaintext, encryptionKey, { alg, enc })
        const decrypted = await jose.compactDecrypt(mine, privateKey, { keyManagementAlgorithms: [alg], contentEncryptionAlgorithms: [enc] })
        expect(decrypted.plaintext).toEqual(plaintext)
        expect(decrypted.protectedHeader).toMatchObject({ alg, enc, epk: { crv } })
        const parts = mine.split('.')
        parts[4] = (parts[4]![0] === 'A' ? 'B' : 'A') + parts[4]!.slice(1)
        await expect(jose.compactDecrypt(parts.join('.'), privateKey)).rejects.toThrow(jose.errors.JWEDecryptionFailed)
        await expectJoseError(compactDecrypt(parts.join('.'), decryptionKey, allow(alg, enc)), 'ERR_JWE_DECRYPTION_FAILED')
      })
    }
  }

  it('jose\'s apu/apv are honoured, and ours reach jose', async () => {
    const { privateKey, publicKey } = await keys
    const alg = 'ECDH-ES+A128KW'
    const ours = await importKey(await jose.exportJWK(privateKey), alg)
    const theirs = await new jose.CompactEncrypt(plaintext)
      .setProtectedHeader({ alg, enc: 'A128GCM' })
      .setKeyManagementParameters({ apu: new TextEncoder().encode('Alice'), apv: new TextEncoder().encode('Bob') })
      .encrypt(publicKey)
    expect((await compactDecrypt(theirs, ours, allow(alg, 'A128GCM'))).header.apu).toBe('QWxpY2U')
    const mine = await compactEncrypt(plaintext, await importKey(await jose.exportJWK(publicKey), alg), { alg, enc: 'A128GCM', apu: 'QWxpY2U', apv: 'Qm9i' })
    expect((await jose.compactDecrypt(mine, privateKey)).plaintext).toEqual(plaintext)
  })
})
