import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { compactVerify, createLocalJwks, decryptAndVerifyJwt, importKey } from '../../src/index.ts'
import { expectNoSecrets, runCli, useCli } from './run-cli.ts'
import { AUDIENCE, ISSUER, makeFixtures, type Fixtures } from './fixtures.ts'

const cli = useCli()
let f: Fixtures
beforeAll(async () => {
  f = await makeFixtures(cli.dir())
})

describe('webjose sign / encrypt / decrypt / issue', () => {
  it('sign makes a compact JWS the library verifies', async () => {
    const result = await runCli(['sign', '--key', f.paths.issuerPrivate, '--kid', 'sig-1', 'hello'])
    expect(result.code).toBe(0)
    const { payload, header } = await compactVerify(result.stdout.trim(), createLocalJwks(f.jwks as never), { algorithms: ['RS256'] })
    expect(new TextDecoder().decode(payload)).toBe('hello')
    expect(header).toEqual({ alg: 'RS256', kid: 'sig-1' })
    expectNoSecrets(result, [readFileSync(f.paths.issuerPrivate, 'utf8')])
  })

  it('a PEM key is named by its RFC 7638 thumbprint when no kid is given', async () => {
    const [jwe, thumb] = await Promise.all([runCli(['encrypt', '--key', f.paths.apiPublic, 'x']), runCli(['thumbprint', f.paths.apiPublic])])
    const header = JSON.parse(Buffer.from(jwe.stdout.split('.')[0]!, 'base64url').toString())
    expect(header.kid).toBe(thumb.stdout.trim())
  })

  it('sign --json gives the flattened JSON serialization (RFC 7515 §7.2.2)', async () => {
    const result = await runCli(['sign', '--json', '--key', f.paths.issuerPrivate, '--typ', 'JWT'], 'payload on stdin')
    expect(result.code).toBe(0)
    expect(Object.keys(JSON.parse(result.stdout))).toEqual(['protected', 'payload', 'signature'])
  })

  it('encrypt then decrypt round-trips, compact and flattened JSON', async () => {
    const compact = await runCli(['encrypt', '--key', f.paths.apiPublic, '--kid', 'enc-1', 'secret text'])
    expect(compact.code).toBe(0)
    expect(compact.stdout.split('.')).toHaveLength(5)
    const plain = await runCli(['decrypt', '--key', f.paths.apiPrivate], compact.stdout)
    expect(plain).toMatchObject({ code: 0, stdout: 'secret text\n' })

    const json = await runCli(['encrypt', '--json', '--key', f.paths.apiPublic, '--enc', 'A128GCM', 'more'])
    expect(Object.keys(JSON.parse(json.stdout))).toEqual(['protected', 'encrypted_key', 'iv', 'ciphertext', 'tag'])
    const decrypted = await runCli(['decrypt', '--json', '--enc', 'A128GCM', '--key', f.paths.apiPrivate], json.stdout)
    expect(JSON.parse(decrypted.stdout)).toMatchObject({ ok: true, header: { alg: 'RSA-OAEP-256', enc: 'A128GCM' }, plaintext: 'more' })
  })

  it('decrypt refuses: wrong key (1), enc outside the allow-list (1), a JSON serialization with an unprotected header (2)', async () => {
    const wrong = await runCli(['decrypt', '--key', f.paths.otherPrivate, f.valid])
    expect(wrong.code).toBe(1)
    expect(wrong.stderr).toContain('error: ERR_JWE_DECRYPTION_FAILED')
    expectNoSecrets(wrong, f.secrets)
    const notAllowed = await runCli(['decrypt', '--key', f.paths.apiPrivate, '--enc', 'A128GCM', f.valid])
    expect(notAllowed.code).toBe(1)
    expect(notAllowed.stderr).toContain('error: ERR_ALG_NOT_ALLOWED')
    const unprotected = await runCli(['decrypt', '--key', f.paths.apiPrivate], JSON.stringify({ protected: 'e30', unprotected: {}, iv: '', ciphertext: '', tag: '', encrypted_key: '' }))
    expect(unprotected.code).toBe(2)
    expect(unprotected.stderr).toContain('has unprotected')
    const broken = await runCli(['decrypt', '--key', f.paths.apiPrivate], '{not json')
    expect(broken.code).toBe(2)
  })

  it('sign with a public key is refused (exit 2, ERR_KEY_INVALID)', async () => {
    const result = await runCli(['sign', '--key', f.paths.apiPublic, 'x'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('ERR_KEY_INVALID')
  })

  it('sign with a JWK set is a usage error', async () => {
    const result = await runCli(['sign', '--key', f.paths.issuerJwks, 'x'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('must be one key')
  })

  it('issue mints an Auth0-shaped encrypted access token decryptAndVerifyJwt accepts', async () => {
    const result = await runCli([
      'issue', '--sign-key', f.paths.issuerPrivate, '--encrypt-key', f.paths.apiPublic, '--issuer', ISSUER, '--audience', AUDIENCE,
      '--scope', 'read:messages', '--sign-kid', 'sig-1', '--encrypt-kid', 'enc-1', '--claims', '{"permissions":["read:messages"]}',
    ])
    expect(result.code).toBe(0)
    const { claims, header, encryptionHeader } = await decryptAndVerifyJwt(result.stdout.trim(), {
      decryptionKey: await importKey(JSON.parse(readFileSync(f.paths.apiPrivate, 'utf8')), 'RSA-OAEP-256'),
      verificationKey: createLocalJwks(f.jwks as never),
      keyManagementAlgorithms: ['RSA-OAEP-256'],
      contentEncryptionAlgorithms: ['A256GCM'],
      algorithms: ['RS256'],
      issuer: ISSUER,
      audience: AUDIENCE,
    })
    expect(encryptionHeader).toMatchObject({ alg: 'RSA-OAEP-256', enc: 'A256GCM', cty: 'JWT', kid: 'enc-1' })
    expect(header).toMatchObject({ alg: 'RS256', typ: 'JWT', kid: 'sig-1' })
    expect(claims).toMatchObject({ sub: 'test-client@clients', azp: 'test-client', gty: 'client-credentials', scope: 'read:messages', permissions: ['read:messages'] })
    expect(Number(claims.exp) - Number(claims.iat)).toBe(3600)
  })

  it('issue --now in the past mints an expired token; --unencrypted a bare JWS', async () => {
    const base = ['issue', '--sign-key', f.paths.issuerPrivate, '--encrypt-key', f.paths.apiPublic, '--issuer', ISSUER, '--audience', AUDIENCE, '--sign-kid', 'sig-1']
    const expired = await runCli([...base, '--now', '1700000000'])
    const check = await runCli(['verify', '--decrypt-key', f.paths.apiPrivate, '--jwks', f.paths.issuerJwks, '--issuer', ISSUER, '--audience', AUDIENCE, expired.stdout.trim()])
    expect(check.stderr).toContain('ERR_JWT_EXPIRED')
    const bare = await runCli([...base, '--unencrypted', '--json'])
    expect(Object.keys(JSON.parse(bare.stdout))).toEqual(['protected', 'payload', 'signature'])
  })

  it.each([
    [['--claims', '[1]'], '--claims must be a JSON object'],
    [['--claims', '{'], '--claims must be a JSON object'],
    [['--ttl', '0'], '--ttl must be an integer'],
    [['extra'], 'no positional argument'],
  ])('issue usage error %#', async (extra, message) => {
    const result = await runCli(['issue', '--sign-key', f.paths.issuerPrivate, '--encrypt-key', f.paths.apiPublic, '--issuer', ISSUER, '--audience', AUDIENCE, ...extra])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(message)
  })
})
