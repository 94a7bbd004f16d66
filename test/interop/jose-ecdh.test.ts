/**
 * Interop with panva/jose for ECDH-ES and ECDH-ES+A*KW, both ways, on P-256/384/521 and X25519
 * (jose 6 has no X448). Keys travel as PEM: PKCS#8 and SPKI exported by jose, imported by webjose.
 */
import { describe, expect, it } from 'vitest'
import * as jose from 'jose'
import { compactDecrypt, compactEncrypt, importKey, type ContentEncryptionAlgorithm, type KeyManagementAlgorithm } from '../../src/index.ts'
import { expectJoseError } from '../helpers/expect-jose.ts'

const CURVES = ['P-256', 'P-384', 'P-521', 'X25519'] as const
const ALGS = ['ECDH-ES', 'ECDH-ES+A128KW', 'ECDH-ES+A192KW', 'ECDH-ES+A256KW'] as const
const ENCS: ContentEncryptionAlgorithm[] = ['A128GCM', 'A256GCM', 'A256CBC-HS512']
const plaintext = new TextEncoder().encode('interop plaintext')
const allow = (alg: KeyManagementAlgorithm, enc: ContentEncryptionAlgorithm) => ({ keyManagementAlgorithms: [alg], contentEncryptionAlgorithms: [enc] })

describe.each(CURVES)('%s with jose', (crv) => {
  const keys = jose.generateKeyPair('ECDH-ES', { crv, extractable: true })
  for (const alg of ALGS) {
    it(`${alg}: jose encrypts, webjose decrypts; webjose encrypts, jose decrypts; a tampered tag is refused by both`, async () => {
      const { privateKey, publicKey } = await keys
      const ours = await importKey(await jose.exportPKCS8(privateKey), alg)
      const oursPublic = await importKey(await jose.exportSPKI(publicKey), alg)
      for (const enc of ENCS) {
        const theirs = await new jose.CompactEncrypt(plaintext).setProtectedHeader({ alg, enc, kid: 'k' }).encrypt(publicKey)
        const { plaintext: opened, header } = await compactDecrypt(theirs, ours, allow(alg, enc))
        expect(opened).toEqual(plaintext)
        expect(header.kid).toBe('k')
        const mine = await compactEncrypt(plaintext, oursPublic, { alg, enc })
        expect((await jose.compactDecrypt(mine, privateKey, { keyManagementAlgorithms: [alg] })).plaintext).toEqual(plaintext)
        const parts = mine.split('.')
        parts[4] = (parts[4]![0] === 'A' ? 'B' : 'A') + parts[4]!.slice(1)
        await expect(jose.compactDecrypt(parts.join('.'), privateKey)).rejects.toThrow()
        await expectJoseError(compactDecrypt(parts.join('.'), ours, allow(alg, enc)), 'ERR_JWE_DECRYPTION_FAILED')
      }
    })
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
