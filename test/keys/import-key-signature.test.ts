/** importKey for RS* and PS*: every private and public form, cross-checked with node:crypto, bound to the alg's hash. */
import { beforeAll, describe, expect, it } from 'vitest'
import { constants, sign as nodeSign, verify as nodeVerify } from 'node:crypto'
import { importKey } from '../../src/keys/import-key.ts'
import { RSA_SIGNATURE_SPECS as SIGNATURE_ALGORITHMS } from '../../src/algorithms/signature/rsa.ts'
import { importKeyForms, message, privateForms, publicForms, type ImportKeyForms, type Pems } from './helpers.ts'

const subtle = globalThis.crypto.subtle
const PSS = { name: 'RSA-PSS', saltLength: 32 }

let rsa: ImportKeyForms['rsa'], keys: Pems
beforeAll(() => {
  ;({ rsa, keys } = importKeyForms())
})

describe('importKey: RS256 and PS256', () => {
  it('imports every private and public form; the keys sign and verify each other', async () => {
    for (const alg of ['RS256', 'PS256'] as const) {
      const params = alg === 'PS256' ? PSS : { name: 'RSASSA-PKCS1-v1_5' }
      const publicKeys = await Promise.all(Object.values(publicForms(keys)).map((m) => importKey(m, alg)))
      for (const [form, material] of Object.entries(privateForms(keys))) {
        const privateKey = await importKey(material, alg)
        expect(privateKey.type, form).toBe('private')
        expect(privateKey.usages).toEqual(['sign'])
        const signature = await subtle.sign(params, privateKey, message)
        for (const publicKey of publicKeys) {
          expect(publicKey.type).toBe('public')
          expect(publicKey.usages).toEqual(['verify'])
          expect(await subtle.verify(params, publicKey, signature, message), `${alg} ${form}`).toBe(true)
        }
      }
    }
  })

  it('cross-checks with node:crypto in both directions', async () => {
    const pkcs1 = { padding: constants.RSA_PKCS1_PADDING }
    const pss = { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }
    for (const [alg, params, padding] of [
      ['RS256', { name: 'RSASSA-PKCS1-v1_5' }, pkcs1],
      ['PS256', PSS, pss],
    ] as const) {
      const nodeSignature = nodeSign('sha256', message, { key: rsa.privateKey, ...padding })
      const verifyKey = await importKey(keys.spki, alg)
      expect(await subtle.verify(params, verifyKey, nodeSignature, message)).toBe(true)
      const ourSignature = new Uint8Array(await subtle.sign(params, await importKey(keys.pkcs1, alg), message))
      expect(nodeVerify('sha256', message, { key: rsa.publicKey, ...padding }, ourSignature)).toBe(true)
    }
  })

  it('binds the key to the algorithm and hash of alg', async () => {
    for (const alg of ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'] as const) {
      const spec = SIGNATURE_ALGORITHMS[alg]
      for (const key of [await importKey(keys.pkcs8, alg), await importKey(keys.spki, alg)]) {
        const algorithm = key.algorithm as RsaHashedKeyAlgorithm
        expect(algorithm.name).toBe(spec.name)
        expect(algorithm.hash.name).toBe(spec.hash)
        expect(algorithm.modulusLength).toBe(2048)
      }
    }
  })
})
