import { describe, expect, it, beforeAll } from 'vitest'
import { expectNoSecrets, runCli, useCli } from './run-cli.ts'
import { makeFixtures, type Fixtures } from './fixtures.ts'

const cli = useCli()
let f: Fixtures
beforeAll(async () => {
  f = await makeFixtures(cli.dir())
})

describe('webjose inspect', () => {
  it('without a key shows the JWE header, marked UNVERIFIED', async () => {
    const result = await runCli(['inspect', f.valid])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('UNVERIFIED')
    expect(result.stdout).toContain('JWE header (UNVERIFIED)')
    expect(result.stdout).toContain('"alg":"RSA-OAEP-256"')
    expect(result.stdout).toContain('decryption: skipped')
    expect(result.stdout).not.toContain('Claims')
  })

  it('with --key and --jwks shows both layers, the signature status and human times (token on stdin)', async () => {
    const result = await runCli(['inspect', '--key', f.paths.apiPrivate, '--jwks', f.paths.issuerJwks], f.valid)
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('decryption: ok')
    expect(result.stdout).toContain('JWS header (UNVERIFIED)')
    expect(result.stdout).toContain('signature: ok')
    expect(result.stdout).toContain('Claims (UNVERIFIED)')
    expect(result.stdout).toMatch(/exp\s+\d+\s+\S+Z \(in 41 min\)/)
    expect(result.stdout).not.toContain('Diagnoses')
    expectNoSecrets(result, f.secrets.slice(0, 5))
  })

  it('--json is machine output with verified: false', async () => {
    const result = await runCli(['inspect', '--json', '--key', f.paths.apiPrivate, f.valid])
    expect(result.code).toBe(0)
    const report = JSON.parse(result.stdout)
    expect(report.verified).toBe(false)
    expect(report.layers.map((layer: { kind: string; status: string }) => `${layer.kind}:${layer.status}`)).toEqual(['JWE:ok', 'JWS:skipped'])
    expect(report.claims.aud).toBe('https://api.example.com')
  })

  it('diagnoses an expired token', async () => {
    const result = await runCli(['inspect', '--key', f.paths.apiPrivate, f.expired])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('- expired: exp is in the past (ERR_JWT_EXPIRED)')
    expect(result.stdout).toMatch(/exp\s+\d+\s+\S+Z \(1 h ago\)/)
  })

  it('diagnoses swapped alg and enc', async () => {
    const result = await runCli(['inspect', f.swapped])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('- swapped-alg-enc: alg and enc are swapped')
  })

  it('diagnoses an opaque dir token', async () => {
    const result = await runCli(['inspect', f.dir])
    expect(result.stdout).toContain('- dir-token:')
    expect(result.stdout).toContain('/userinfo')
    expect(result.stdout).toContain('- missing-kid: the JWE header has no kid')
  })

  it('diagnoses a bare JWS where a JWE is expected', async () => {
    const result = await runCli(['inspect', f.bareJws])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('- bare-jws:')
    expect(result.stdout).toContain('ERR_JWE_REQUIRED')
    expect(result.stdout).toContain('Claims (UNVERIFIED)')
  })

  it('a wrong decryption key: exit 1, ERR_JWE_DECRYPTION_FAILED, no key or token material', async () => {
    const result = await runCli(['inspect', '--key', f.paths.otherPrivate, f.valid])
    expect(result.code).toBe(1)
    expect(result.stdout).toContain('decryption: FAILED (ERR_JWE_DECRYPTION_FAILED')
    expect(result.stderr).toContain('error: ERR_JWE_DECRYPTION_FAILED')
    expectNoSecrets({ ...result, stdout: result.stdout.replace(/^.*JWE header[^\n]*\n[^\n]*\n/m, '') }, f.secrets.slice(0, 5))
    expectNoSecrets({ ...result, stdout: '' }, f.secrets)
  })

  it('a wrong verification key: the signature FAILED with the code', async () => {
    const result = await runCli(['inspect', '--key', f.paths.apiPrivate, '--jwks', f.paths.apiPublic, f.valid])
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(/signature: FAILED \(ERR_(JWS_SIGNATURE_INVALID|KEY_INVALID)/)
  })

  it.each([
    ['not a token', 'ERR_JWS_INVALID'],
    ['a.b', 'ERR_JWS_INVALID'],
    ['!!!.e30.sig', 'ERR_BASE64URL'],
    ['bm90anNvbg.e30.x', 'ERR_JWS_INVALID'],
    ['bm90anNvbg.a.b.c.d', 'ERR_JWE_INVALID'],
  ])('malformed input %j: exit 1 with %s', async (token, code) => {
    const result = await runCli(['inspect', token])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(`error: ${code}`)
    expect(result.stderr).toContain('fix:')
  })

  it('no token at all is a usage error', async () => {
    const result = await runCli(['inspect'], '')
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('no token given')
  })

  it('a key that is neither a file nor key text is a usage error that does not echo it', async () => {
    const result = await runCli(['inspect', '--key', 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQ', f.valid])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('--key: not a readable file')
    expect(result.stderr).not.toContain('MIIEvQIBADANBgkq')
  })
})
