import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectNoSecrets, runCli, useCli } from './run-cli.ts'
import { AUDIENCE, ISSUER, makeFixtures, type Fixtures } from './fixtures.ts'
import { startJwksServer, type JwksServer } from '../helpers/jwks-server.ts'

const cli = useCli()
let f: Fixtures
let server: JwksServer
beforeAll(async () => {
  f = await makeFixtures(cli.dir())
  server = await startJwksServer()
  server.serve(f.jwks)
})
afterAll(() => server?.close())

const verify = (token: string, ...extra: string[]) =>
  runCli(['verify', '--decrypt-key', f.paths.apiPrivate, '--jwks', f.paths.issuerJwks, '--issuer', ISSUER, '--audience', AUDIENCE, ...extra, token])

describe('webjose verify', () => {
  it('accepts a valid token and prints its claims', async () => {
    const result = await verify(f.valid, '--scope', 'read:messages')
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('ok: the token is valid (encrypted, then signed)')
    expect(result.stdout).toContain('sub: "client@clients"')
    expect(result.stdout).toMatch(/exp: \d+ {2}\S+Z \(in 41 min\)/)
  })

  it('fetches the issuer keys from a JWKS URL', async () => {
    const result = await runCli(['verify', '--decrypt-key', f.paths.apiPrivate, '--jwks', server.url, '--issuer', ISSUER, '--audience', AUDIENCE, '--json', f.valid])
    expect(result.code).toBe(0)
    const output = JSON.parse(result.stdout)
    expect(output.ok).toBe(true)
    expect(output.encryptionHeader.alg).toBe('RSA-OAEP-256')
    expect(output.claims.iss).toBe(ISSUER)
  })

  it.each([
    ['an expired token', (): string => f.expired, [], 'ERR_JWT_EXPIRED'],
    ['another audience', (): string => f.valid, ['--audience', 'https://other.example'], 'ERR_JWT_CLAIM_INVALID'],
    ['a bare JWS', (): string => f.bareJws, [], 'ERR_JWE_REQUIRED'],
    ['swapped alg and enc', (): string => f.swapped, [], 'ERR_JWE_INVALID: JWE "alg" and "enc" look swapped'],
    ['an opaque dir token', (): string => f.dir, [], 'ERR_ALG_NOT_ALLOWED'],
    ['a missing scope', (): string => f.valid, ['--scope', 'write:messages'], 'ERR_INSUFFICIENT_SCOPE'],
    ['garbage', (): string => 'x.y.z', [], 'ERR_'],
  ] as const)('refuses %s: exit 1, the code with meaning and fix, no secrets', async (_name, token, extra, code) => {
    const result = await runCli(['verify', '--decrypt-key', f.paths.apiPrivate, '--jwks', f.paths.issuerJwks, '--issuer', ISSUER, '--audience', AUDIENCE, ...extra, token()])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(`error: ${code}`)
    expect(result.stderr).toContain('means:')
    expect(result.stderr).toContain('fix:')
    expect(result.stdout).toBe('')
    expectNoSecrets(result, f.secrets)
  })

  it('a wrong decryption key: ERR_JWE_DECRYPTION_FAILED, no key material', async () => {
    const result = await runCli(['verify', '--decrypt-key', f.paths.otherPrivate, '--jwks', f.paths.issuerJwks, '--issuer', ISSUER, '--audience', AUDIENCE, f.valid])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('error: ERR_JWE_DECRYPTION_FAILED')
    expectNoSecrets(result, f.secrets)
  })

  it('--json reports a refusal on stdout', async () => {
    const result = await verify(f.expired, '--json')
    expect(result.code).toBe(1)
    expect(JSON.parse(result.stdout).error).toMatchObject({ code: 'ERR_JWT_EXPIRED', fix: expect.any(String) })
  })

  it('--allow-unencrypted accepts a bare signed JWT', async () => {
    const result = await runCli(['verify', '--allow-unencrypted', '--jwks', f.paths.issuerJwks, '--issuer', ISSUER, '--audience', AUDIENCE, f.bareJws])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('ok: the token is valid (signed JWT)')
  })

  it('--clock-tolerance and --now move the clock', async () => {
    expect((await verify(f.valid, '--now', String(f.now + 2460 + 5), '--clock-tolerance', '10')).code).toBe(0)
    expect((await verify(f.valid, '--now', String(f.now + 2460 + 5))).code).toBe(1)
  })

  it.each([
    [['--jwks', 'jwks.json', '--audience', AUDIENCE, 'tok'], '--decrypt-key is required'],
    [['--decrypt-key', 'api.jwk', '--jwks', 'jwks.json', '--audience', AUDIENCE, 'tok'], '--issuer is required'],
    [['--decrypt-key', 'api.jwk', '--issuer', ISSUER, '--audience', AUDIENCE, 'tok'], '--jwks is required'],
    [['--decrypt-key', 'api.jwk', '--jwks', 'jwks.json', '--issuer', ISSUER, '--audience', AUDIENCE, '--clock-tolerance', 'x', 'tok'], '--clock-tolerance'],
    [['--decrypt-key', 'api.jwk', '--jwks', 'jwks.json', '--issuer', ISSUER, '--audience', AUDIENCE, '--now', '-1', 'tok'], '--now'],
  ])('usage error %#: exit 2', async (args, message) => {
    const result = await runCli(['verify', ...args])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(message)
  })

  it('an algorithm webjose lacks in an allow-list: exit 2 with ERR_ALG_NOT_SUPPORTED', async () => {
    const result = await verify(f.valid, '--alg', 'none')
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('ERR_ALG_NOT_SUPPORTED')
  })
})
