import { describe, it, expect, beforeAll } from 'vitest'
import type { KeyObject } from 'node:crypto'
import { readPemKey } from '../../src/keys/pem.ts'
import { importKey } from '../../src/keys/import-key.ts'
import { generateKeyObjects } from '../helpers/keys.ts'
import { expectJoseError } from '../helpers/expect-jose.ts'
import { leaksNothing, makeCertificate, pemBody } from './helpers.ts'

let privateKey: KeyObject
let publicKey: KeyObject
let pkcs8Pem: string
let pkcs8Der: Uint8Array
let spkiDer: Uint8Array

const rsaCertificate = makeCertificate('rsa:2048')

beforeAll(() => {
  ;({ privateKey, publicKey, privatePem: pkcs8Pem } = generateKeyObjects('rsa', { modulusLength: 1024 }))
  pkcs8Der = new Uint8Array(privateKey.export({ type: 'pkcs8', format: 'der' }))
  spkiDer = new Uint8Array(publicKey.export({ type: 'spki', format: 'der' }))
})

const wrap = (label: string, body: string, endLabel = label) => `-----BEGIN ${label}-----\n${body}\n-----END ${endLabel}-----\n`
const refuse = async (text: string, message?: string) => {
  const error = await expectJoseError(readPemKey(text), 'ERR_KEY_INVALID')
  if (message !== undefined) expect(error.message).toBe(message)
  return error
}

describe('readPemKey', () => {
  it('decodes a PKCS#8 PEM to the same DER node:crypto exports', async () => {
    expect((await readPemKey(pkcs8Pem))).toEqual(['pkcs8', pkcs8Der])
  })

  it('routes every label to PKCS#8 or SPKI', async () => {
    expect((await readPemKey(privateKey.export({ type: 'pkcs1', format: 'pem' }) as string))).toEqual(['pkcs8', pkcs8Der])
    expect((await readPemKey(publicKey.export({ type: 'spki', format: 'pem' }) as string))).toEqual(['spki', spkiDer])
    expect((await readPemKey(publicKey.export({ type: 'pkcs1', format: 'pem' }) as string))).toEqual(['spki', spkiDer])
  })

  it.skipIf(!rsaCertificate)('reads the public key of a certificate', async () => {
    const [format, der] = (await readPemKey(rsaCertificate!.certificatePem))
    expect(format).toBe('spki')
    expect(der[0]).toBe(0x30)
  })

  it('tolerates CRLF, surrounding whitespace, trailing blanks, indentation and any line length', async () => {
    const crlf = pkcs8Pem.replace(/\n/g, '\r\n')
    expect((await readPemKey(crlf))[1]).toEqual(pkcs8Der)
    expect((await readPemKey(`\n\n  ${pkcs8Pem}  \n\t`))[1]).toEqual(pkcs8Der)
    expect((await readPemKey(wrap('PRIVATE KEY', pemBody(pkcs8Pem))))[1]).toEqual(pkcs8Der)
    expect((await readPemKey(pkcs8Pem.replace(/\n/g, ' \t\n')))[1]).toEqual(pkcs8Der)
    expect((await readPemKey(pkcs8Pem.replace('-----END', '  -----END')))[1]).toEqual(pkcs8Der)
  })

  it('refuses mismatched BEGIN/END labels', async () => {
    await refuse(wrap('PRIVATE KEY', pemBody(pkcs8Pem), 'PUBLIC KEY'), 'PEM: malformed')
  })

  it('refuses no block, two blocks and text outside the block', async () => {
    await refuse('', 'PEM: malformed')
    await refuse('just some text', 'PEM: malformed')
    await refuse(pemBody(pkcs8Pem), 'PEM: malformed')
    await refuse(pkcs8Pem + pkcs8Pem, 'PEM: malformed')
    await refuse(pkcs8Pem.replace(/-----END[^\n]*/, ''), 'PEM: malformed')
    await refuse(`comment\n${pkcs8Pem}`, 'PEM: malformed')
    await refuse(`${pkcs8Pem}comment\n`, 'PEM: malformed')
  })

  it('refuses malformed BEGIN/END lines', async () => {
    await refuse('-----BEGIN PRIVATE KEY\nAAAA\n-----END PRIVATE KEY-----', 'PEM: malformed')
    await refuse('-----BEGIN PRIVATE KEY----- AAAA\n-----END PRIVATE KEY-----', 'PEM: malformed')
    await refuse('-----BEGIN PRIVATE KEY-----\nAAAA-----END PRIVATE KEY-----', 'PEM: malformed')
    await refuse('-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----', 'PEM: malformed')
  })

  it('refuses labels other than the five RSA ones', async () => {
    for (const label of ['PRIVATE  KEY', '', 'EC PRIVATE KEY', 'CERTIFICATE REQUEST', 'private key', 'RSA CERTIFICATE']) {
      await refuse(wrap(label, pemBody(pkcs8Pem)), 'PEM: unsupported label')
    }
  })

  it('refuses a garbage body and bad base64', async () => {
    for (const body of [
      'this is not base64 at all!',
      'AA*A',
      'AAAAA', // impossible length
      'AAA', // missing padding
      'AA=A', // padding in the middle
      'A===', // too much padding
      'AB==', // non-zero trailing bits
      'AA_A', // base64url alphabet
      ' ', // empty
      'AA\u00a0AA==', // non-ASCII whitespace
    ]) {
      await refuse(wrap('PRIVATE KEY', body), 'PEM: bad base64')
    }
  })

  it('leaves a PKCS#8 or SPKI body to Web Crypto, which refuses what is not an RSA key of the label', async () => {
    const ec = generateKeyObjects('ec', { namedCurve: 'P-256' }).publicPem
    for (const [pem, format] of [[wrap('PRIVATE KEY', 'AAAA'), 'pkcs8'], [wrap('PUBLIC KEY', pemBody(pkcs8Pem)), 'spki'], [ec, 'spki']] as const) {
      expect((await readPemKey(pem))[0]).toBe(format)
      expect((await expectJoseError(importKey(pem, 'RS256'), 'ERR_KEY_INVALID')).message).toBe('RSA key import failed')
    }
  })

  it('refuses encrypted keys and RFC 1421 headers', async () => {
    const encrypted = privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'secret' }) as string
    expect(encrypted).toContain('ENCRYPTED PRIVATE KEY')
    await refuse(encrypted, 'PEM: encrypted key')
    const traditional = privateKey.export({ type: 'pkcs1', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'secret' }) as string
    expect(traditional).toContain('Proc-Type: 4,ENCRYPTED')
    await refuse(traditional, 'PEM: encrypted key')
    await refuse(wrap('PRIVATE KEY', `Comment: hello\n\n${pemBody(pkcs8Pem)}`), 'PEM: malformed')
  })

  it('never puts the body in the message', async () => {
    const body = pemBody(pkcs8Pem)
    const corrupted = wrap('PRIVATE KEY', `${body.slice(0, 400)}*${body.slice(401)}`)
    const error = await refuse(corrupted, 'PEM: bad base64')
    expect(leaksNothing(error.message, body)).toBe(true)
    expect(leaksNothing((await refuse(wrap('PRIVATE KEY', body, 'PUBLIC KEY'))).message, body)).toBe(true)
  })
})
