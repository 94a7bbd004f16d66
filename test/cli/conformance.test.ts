import { describe, expect, it } from 'vitest'
import { runCli, useCli } from './run-cli.ts'

useCli()

describe('webjose conformance', () => {
  it('runs every shipped compact vector and prints the table', async () => {
    const result = await runCli(['conformance'])
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^vector\s+alg\s+enc\s+result$/m)
    expect(result.stdout).toMatch(/^vectors\/rfc7515-a2-rs256\.json\s+RS256\s+-\s+pass$/m)
    expect(result.stdout).toMatch(/^vectors\/rfc7516-a1-rsa-oaep-a256gcm\.json\s+RSA-OAEP\s+A256GCM\s+pass$/m)
    expect(result.stdout).toMatch(/\(encrypt\)\s+RSA-OAEP\s+A128GCM\s+pass$/m)
    expect(result.stdout).toMatch(/^\d+ passed, 0 failed, \d+ skipped$/m)
  })

  it('--json: rows with a result each, no failure', async () => {
    const result = await runCli(['conformance', '--json'])
    const report = JSON.parse(result.stdout)
    expect(report.failed).toBe(0)
    expect(report.rows.length).toBeGreaterThanOrEqual(7)
    for (const row of report.rows) expect(row.result).toMatch(/^(pass|skipped: .+)$/)
  })
})
