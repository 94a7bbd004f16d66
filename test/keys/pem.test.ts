import { describe, it, expect, beforeAll } from 'vitest'
import { generateKeyPairSync, type KeyObject } from 'node:crypto'
import { readPem } from '../../src/keys/pem.ts'
import { leaksNothing, pemBody, throwsWith } from './helpers.ts'

let privateKey: KeyObject
let pkcs8Pem: string
let pkcs8Der: Uint8Array

beforeAll(() => {
  ;({ privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 }))
  pkcs8Pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string
  pkcs8Der = new Uint8Array(privateKey.export({ type: 'pkcs8', format: 'der' }))
})

const wrap = (label: string, body: string, endLabel = label) => `-----BEGIN ${label}-----\n${body}\n-----END ${endLabel}-----\n`
const refuse = (text: unknown) => throwsWith(() => readPem(text as string), 'ERR_KEY_INVALID')

describe('readPem', () => {
  it('decodes a PKCS#8 PEM to the same DER node:crypto exports', () => {
    const { label, der } = readPem(pkcs8Pem)
    expect(label).toBe('PRIVATE KEY')
    expect(der).toEqual(pkcs8Der)
  })

  it('tolerates CRLF, surrounding whitespace, trailing blanks and any line length', () => {
    const crlf = pkcs8Pem.replace(/\n/g, '\r\n')
    expect(readPem(crlf).der).toEqual(pkcs8Der)
    expect(readPem(`\n\n  ${pkcs8Pem}  \n\t`).der).toEqual(pkcs8Der)
    const oneLine = wrap('PRIVATE KEY', pemBody(pkcs8Pem))
    expect(readPem(oneLine).der).toEqual(pkcs8Der)
    const blanks = pkcs8Pem.replace(/\n/g, ' \t\n')
    expect(readPem(blanks).der).toEqual(pkcs8Der)
  })

  it('returns any well-formed label for the caller to judge', () => {
    expect(readPem(wrap('EC PRIVATE KEY', 'AAAA'))).toEqual({ label: 'EC PRIVATE KEY', der: new Uint8Array(3) })
  })

  it('refuses mismatched BEGIN/END labels', () => {
    expect(refuse(wrap('PRIVATE KEY', 'AAAA', 'PUBLIC KEY')).message).toMatch(/labels differ/)
  })

  it('refuses no block, two blocks and text outside the block', () => {
    expect(refuse('').message).toMatch(/no PEM block/)
    expect(refuse('just some text').message).toMatch(/no PEM block/)
    expect(refuse(pemBody(pkcs8Pem)).message).toMatch(/no PEM block/)
    expect(refuse(pkcs8Pem + pkcs8Pem).message).toMatch(/exactly one/)
    expect(refuse(pkcs8Pem.replace(/-----END[^\n]*/, '')).message).toMatch(/exactly one/)
    expect(refuse(`comment\n${pkcs8Pem}`).message).toMatch(/before the PEM BEGIN/)
    expect(refuse(`${pkcs8Pem}comment\n`).message).toMatch(/after the PEM END/)
  })

  it('refuses malformed BEGIN/END lines and labels', () => {
    expect(refuse('-----BEGIN PRIVATE KEY\nAAAA\n-----END PRIVATE KEY-----').message).toMatch(/BEGIN line/)
    expect(refuse('-----BEGIN PRIVATE KEY----- AAAA\n-----END PRIVATE KEY-----').message).toMatch(/BEGIN line/)
    expect(refuse('-----BEGIN PRIVATE KEY-----\nAAAA-----END PRIVATE KEY-----').message).toMatch(/own line/)
    expect(refuse(wrap('PRIVATE  KEY', 'AAAA')).message).toMatch(/label/)
    expect(refuse(wrap('', 'AAAA')).message).toMatch(/label/)
  })

  it('refuses a garbage body and bad base64', () => {
    expect(refuse(wrap('PRIVATE KEY', 'this is not base64 at all!')).message).toMatch(/not valid base64/)
    expect(refuse(wrap('PRIVATE KEY', 'AA*A')).message).toMatch(/not valid base64/)
    expect(refuse(wrap('PRIVATE KEY', 'AAAAA')).message).toMatch(/not valid base64/) // impossible length
    expect(refuse(wrap('PRIVATE KEY', 'AAA')).message).toMatch(/not valid base64/) // missing padding
    expect(refuse(wrap('PRIVATE KEY', 'AA=A')).message).toMatch(/not valid base64/) // padding in the middle
    expect(refuse(wrap('PRIVATE KEY', 'A===')).message).toMatch(/not valid base64/) // too much padding
    expect(refuse(wrap('PRIVATE KEY', 'AB==')).message).toMatch(/not valid base64/) // non-zero trailing bits
    expect(refuse(wrap('PRIVATE KEY', 'AA-_')).message).toMatch(/not valid base64/) // base64url alphabet
    expect(refuse(wrap('PRIVATE KEY', '')).message).toMatch(/empty/)
  })

  it('refuses encrypted keys and RFC 1421 headers', () => {
    const encrypted = privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'secret' }) as string
    expect(encrypted).toContain('ENCRYPTED PRIVATE KEY')
    expect(refuse(encrypted).message).toMatch(/encrypted PEM private keys are not supported/)
    const traditional = privateKey.export({ type: 'pkcs1', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'secret' }) as string
    expect(traditional).toContain('Proc-Type: 4,ENCRYPTED')
    expect(refuse(traditional).message).toMatch(/encrypted PEM private keys are not supported/)
    expect(refuse(wrap('PRIVATE KEY', 'Comment: hello\n\nAAAA')).message).toMatch(/headers/)
  })

  it('refuses a non-string', () => {
    refuse(undefined)
    refuse(new Uint8Array(4))
  })

  it('never puts the body in the message', () => {
    const body = pemBody(pkcs8Pem)
    const corrupted = wrap('PRIVATE KEY', `${body.slice(0, 400)}*${body.slice(401)}`)
    const error = refuse(corrupted)
    expect(error.message).toMatch(/not valid base64/)
    expect(leaksNothing(error.message, body)).toBe(true)
    expect(leaksNothing(refuse(wrap('PRIVATE KEY', body, 'PUBLIC KEY')).message, body)).toBe(true)
  })
})
