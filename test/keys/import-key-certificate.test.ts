/** importKey of an X.509 CERTIFICATE PEM: the public key of an RSA certificate, and the refusal of an EC one. */
import { describe, expect, it } from 'vitest'
import { constants, createPrivateKey, privateDecrypt, sign as nodeSign } from 'node:crypto'
import { importKey } from '../../src/keys/import-key.ts'
import { expectJoseError } from '../helpers/expect-jose.ts'
import { makeCertificate, message } from './helpers.ts'

const subtle = globalThis.crypto.subtle

const rsaCertificate = makeCertificate('rsa:2048')
const ecCertificate = makeCertificate('ec', '-pkeyopt', 'ec_paramgen_curve:P-256')

describe('importKey: CERTIFICATE', () => {
  it.skipIf(!rsaCertificate)('imports the public key of an openssl self-signed certificate', async () => {
    const { certificatePem, privateKeyPem } = rsaCertificate!
    const signer = createPrivateKey(privateKeyPem)
    const verifyKey = await importKey(certificatePem, 'RS256')
    expect(verifyKey.type).toBe('public')
    expect(verifyKey.usages).toEqual(['verify'])
    const signature = nodeSign('sha256', message, signer)
    expect(await subtle.verify('RSASSA-PKCS1-v1_5', verifyKey, signature, message)).toBe(true)

    const encryptKey = await importKey(certificatePem, 'RSA-OAEP-256')
    const ciphertext = await subtle.encrypt({ name: 'RSA-OAEP' }, encryptKey, message)
    const oaep = { padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }
    expect(new Uint8Array(privateDecrypt({ key: signer, ...oaep }, new Uint8Array(ciphertext)))).toEqual(message)
  })

  it.skipIf(!ecCertificate)('refuses a certificate with an EC key', async () => {
    const error = await expectJoseError(importKey(ecCertificate!.certificatePem, 'RS256'), 'ERR_KEY_INVALID')
    expect(error.message).toBe('RSA key import failed')
  })
})
