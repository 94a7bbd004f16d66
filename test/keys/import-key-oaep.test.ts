/** importKey for RSA-OAEP*: the hash and JWE usages, wrapping with every form, node:crypto interop, key_ops. */
import { beforeAll, describe, expect, it } from 'vitest'
import { constants, privateDecrypt, publicEncrypt } from 'node:crypto'
import { importKey } from '../../src/keys/import-key.ts'
import { importKeyForms, privateForms, publicForms, type ImportKeyForms, type Pems } from './helpers.ts'

const subtle = globalThis.crypto.subtle

let rsa: ImportKeyForms['rsa'], keys: Pems
beforeAll(() => {
  ;({ rsa, keys } = importKeyForms())
})

describe('importKey: RSA-OAEP', () => {
  it.each([
    ['RSA-OAEP', 'SHA-1'],
    ['RSA-OAEP-256', 'SHA-256'],
    ['RSA-OAEP-384', 'SHA-384'],
    ['RSA-OAEP-512', 'SHA-512'],
  ] as const)('%s imports with hash %s and the JWE usages', async (alg, hash) => {
    const privateKey = await importKey(keys.pkcs8, alg)
    const publicKey = await importKey(keys.publicJwk, alg)
    for (const key of [privateKey, publicKey]) {
      expect(key.algorithm.name).toBe('RSA-OAEP')
      expect((key.algorithm as RsaHashedKeyAlgorithm).hash.name).toBe(hash)
    }
    expect(privateKey.usages.sort()).toEqual(['decrypt', 'unwrapKey'])
    expect(publicKey.usages.sort()).toEqual(['encrypt', 'wrapKey'])
  })

  it('RSA-OAEP-256 keys from every form wrap and unwrap, and interoperate with node:crypto', async () => {
    const publicKeys = await Promise.all(Object.values(publicForms(keys)).map((m) => importKey(m, 'RSA-OAEP-256')))
    const cek = await subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt'])
    const raw = new Uint8Array(await subtle.exportKey('raw', cek))
    for (const material of Object.values(privateForms(keys))) {
      const privateKey = await importKey(material, 'RSA-OAEP-256')
      for (const publicKey of publicKeys) {
        const wrapped = await subtle.wrapKey('raw', cek, publicKey, { name: 'RSA-OAEP' })
        const unwrapped = await subtle.unwrapKey('raw', wrapped, privateKey, { name: 'RSA-OAEP' }, 'AES-GCM', true, ['encrypt'])
        expect(new Uint8Array(await subtle.exportKey('raw', unwrapped))).toEqual(raw)
      }
      const oaep = { padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }
      const fromNode = publicEncrypt({ key: rsa.publicKey, ...oaep }, raw)
      expect(new Uint8Array(await subtle.decrypt({ name: 'RSA-OAEP' }, privateKey, fromNode))).toEqual(raw)
      const toNode = await subtle.encrypt({ name: 'RSA-OAEP' }, publicKeys[0]!, raw)
      expect(new Uint8Array(privateDecrypt({ key: rsa.privateKey, ...oaep }, new Uint8Array(toNode)))).toEqual(raw)
    }
  })

  it('honours key_ops by narrowing the usages', async () => {
    const key = await importKey({ ...keys.privateJwk, key_ops: ['decrypt'] }, 'RSA-OAEP-256')
    expect(key.usages).toEqual(['decrypt'])
  })
})
