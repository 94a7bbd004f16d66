import { describe, expect, it } from 'vitest'
import { runCli, useCli } from './run-cli.ts'

useCli()

const COMMANDS = ['inspect', 'verify', 'decrypt', 'sign', 'encrypt', 'issue', 'keygen', 'thumbprint', 'jwks', 'conformance']

describe('webjose --help', () => {
  it('lists every command and the exit codes', async () => {
    const result = await runCli(['--help'])
    expect(result.code).toBe(0)
    for (const command of COMMANDS) expect(result.stdout).toContain(`  ${command} `)
    expect(result.stdout).toContain('Exit: 0 success, 1 refused token, 2 usage error')
  })

  it.each(COMMANDS)('%s --help prints its usage and exits 0', async (command) => {
    const result = await runCli([command, '--help'])
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(new RegExp(`^usage: webjose ${command}`))
    expect(result.stdout).toContain('Exit:')
  })

  it('no command is a usage error (2) with the help on stderr', async () => {
    const result = await runCli([])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('usage: webjose <command>')
  })

  it('an unknown command is a usage error (2)', async () => {
    const result = await runCli(['frobnicate'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('unknown command')
  })

  it('an unknown option is a usage error naming the option, never its value', async () => {
    const result = await runCli(['inspect', '--private=-----BEGIN PRIVATE KEY-----secretsecret', 'a.b.c'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('unknown option --private')
    expect(result.stderr).not.toContain('secretsecret')
  })

  it('an option without its value is a usage error', async () => {
    const result = await runCli(['verify', '--issuer'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('--issuer needs a value')
  })

  it('--version prints the package version', async () => {
    const result = await runCli(['--version'])
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^\d+\.\d+\.\d+/)
  })
})
