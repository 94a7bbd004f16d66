import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { importKey } from '../../src/index.ts'
import { runCli, useCli } from './run-cli.ts'
import { startJwksServer, type JwksServer } from '../helpers/jwks-server.ts'

const cli = useCli()
let server: JwksServer
beforeAll(async () => {
  server = await startJwksServer()
})
afterAll(() => server?.close())

/** RFC 7638 §3.1: the example key and its thumbprint. */
const RFC7638_JWK = {
  kty: 'RSA',
  n: '0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw',
  e: 'AQAB',
  alg: 'RS256',
  kid: '2011-04-29',
}

describe('webjose keygen', () => {
  it('prints the public JWK with kid = its thumbprint, and never the private key by default', async () => {
    const result = await runCli(['keygen', '--alg', 'RS256', '--use', 'sig'])
    expect(result.code).toBe(0)
    const [kidLine, ...rest] = result.stdout.split('\n')
    const jwk = JSON.parse(rest.slice(0, rest.findIndex((line) => line === '}') + 1).join('\n'))
    expect(jwk).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: kidLine!.slice(4) })
    expect(jwk.d).toBeUndefined()
    expect(result.stdout).not.toContain('"d"')
    expect(result.stdout).toContain('private key not printed')
    const thumb = await runCli(['thumbprint'], JSON.stringify(jwk))
    expect(thumb.stdout.trim()).toBe(jwk.kid)
    await importKey(jwk, 'RS256')
  })

  it('--print-private prints the private key too', async () => {
    const result = await runCli(['keygen', '--json', '--print-private'])
    expect(JSON.parse(result.stdout).private.d).toEqual(expect.any(String))
  })

  it('--out writes the private key with mode 0600, never over a file; --jwks writes the public set', async () => {
    const prefix = join(cli.dir(), 'gen')
    const result = await runCli(['keygen', '--format', 'pem', '--out', prefix, '--jwks', `${prefix}.jwks.json`])
    expect(result.code).toBe(0)
    expect(result.stdout).not.toContain('PRIVATE KEY')
    expect(statSync(`${prefix}.private.pem`).mode & 0o777).toBe(0o600)
    expect(readFileSync(`${prefix}.private.pem`, 'utf8')).toContain('-----BEGIN PRIVATE KEY-----')
    const jwks = JSON.parse(readFileSync(`${prefix}.jwks.json`, 'utf8'))
    expect(jwks.keys[0].d).toBeUndefined()
    const again = await runCli(['keygen', '--out', prefix, '--format', 'pem'])
    expect(again.code).toBe(2)
    expect(again.stderr).toContain('exists: not overwritten')
  })

  it.each([
    [['--kty', 'EC', '--crv', 'P-384'], 'EC'],
    [['--kty', 'OKP'], 'OKP'],
    [['--kty', 'oct', '--print-private'], 'oct'],
  ])('%j generates kty %s', async (args, kty) => {
    const result = await runCli(['keygen', '--json', ...args])
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout).kty).toBe(kty)
  })

  it.each([
    [['--kty', 'DSA'], '--kty must be'],
    [['--bits', '1024'], '--bits must be an integer ≥ 2048'],
    [['--format', 'der'], '--format must be'],
    [['--kty', 'oct', '--format', 'pem'], 'no PEM form'],
    [['--kty', 'OKP', '--crv', 'P-256'], '--crv for OKP'],
    [['--alg', 'HS256'], 'ERR_'],
  ])('usage error %j', async (args, message) => {
    const result = await runCli(['keygen', ...args])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(message)
  })
})

describe('webjose thumbprint', () => {
  it('gives the RFC 7638 §3.1 example thumbprint', async () => {
    const result = await runCli(['thumbprint', JSON.stringify(RFC7638_JWK)])
    expect(result).toMatchObject({ code: 0, stdout: 'NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs\n' })
  })

  it('is the same for the PEM of the key, from a file', async () => {
    const keygen = await runCli(['keygen', '--json', '--print-private'])
    const { kid, private: privateJwk } = JSON.parse(keygen.stdout)
    const path = join(cli.dir(), 'thumb.jwk')
    writeFileSync(path, JSON.stringify(privateJwk))
    expect((await runCli(['thumbprint', path])).stdout.trim()).toBe(kid)
    expect(JSON.parse((await runCli(['thumbprint', '--json', path])).stdout)).toMatchObject({ kty: 'RSA', thumbprint: kid })
  })

  it('refuses what is not a key', async () => {
    const result = await runCli(['thumbprint', 'nonsense'])
    expect(result.code).toBe(2)
  })

  it('refuses a JWK without a member RFC 7638 §3.2 requires, naming it (exit 2)', async () => {
    const { e: _e, ...withoutE } = RFC7638_JWK
    const result = await runCli(['thumbprint', JSON.stringify(withoutE)])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('"e"')
    expect(result.stdout).toBe('')
  })
})

describe('webjose jwks', () => {
  it('converts PEM to a public JWKS with kid = thumbprint and no private member', async () => {
    const prefix = join(cli.dir(), 'tojwks')
    await runCli(['keygen', '--format', 'pem', '--out', prefix])
    const result = await runCli(['jwks', '--alg', 'RS256', '--use', 'sig', `${prefix}.private.pem`])
    expect(result.code).toBe(0)
    const { keys } = JSON.parse(result.stdout)
    expect(keys).toHaveLength(1)
    expect(keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' })
    expect(Object.keys(keys[0]).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use'])
    expect((await runCli(['thumbprint', `${prefix}.public.pem`])).stdout.trim()).toBe(keys[0].kid)
  })

  it('fetches a JWKS URL, validates it and lists what each key verifies', async () => {
    server.serve({ keys: [{ ...RFC7638_JWK, n: (await keyOf2048()).n }, { kty: 'RSA', kid: 'enc', use: 'enc', n: (await keyOf2048()).n, e: 'AQAB' }] })
    const result = await runCli(['jwks', server.url])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('2 key(s) at')
    expect(result.stdout).toContain('kid "2011-04-29"  kty RSA  alg RS256  verifies: RS256')
    expect(result.stdout).toContain('verifies: nothing')
    const json = JSON.parse((await runCli(['jwks', '--json', server.url])).stdout)
    expect(json.keys[0].verifies).toEqual(['RS256'])
  })

  it('a JWKS URL that answers badly: exit 1 with the code', async () => {
    server.serve({ nokeys: true })
    const result = await runCli(['jwks', server.url])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('error: ERR_JWKS_INVALID')
  })

  it('a secret key has no place in a JWKS; no argument is a usage error', async () => {
    expect((await runCli(['jwks', '{"kty":"oct","k":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}'])).code).toBe(2)
    expect((await runCli(['jwks'])).code).toBe(2)
  })
})

async function keyOf2048(): Promise<{ n: string }> {
  const result = await runCli(['keygen', '--json'])
  return JSON.parse(result.stdout).public
}
