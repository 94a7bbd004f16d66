import { describe, expect, it } from 'vitest'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { JOSE_ERROR_CODES, JoseError, JwtClaimError, DECRYPTION_FAILED_MESSAGE, decryptionFailed } from '../src/errors.ts'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => readFileSync(join(ROOT, dir, file), 'utf8'))
}

describe('the closed set of error codes', () => {
  const src = sources('src').join('\n')
  const tests = sources('test').join('\n')
  const withoutDeclaration = src.replace(/export const JOSE_ERROR_CODES = \[[^\]]*\]/, '')

  it.each(JOSE_ERROR_CODES)('%s is produced by src/ and asserted by a test', (code) => {
    expect(withoutDeclaration).toContain(`'${code}'`)
    expect(tests).toMatch(new RegExp(`['"]${code}['"]`))
  })

  it('JoseError carries its code; JwtClaimError adds the claim and reason', () => {
    const error = new JwtClaimError('ERR_JWT_EXPIRED', 'expired', 'exp', 'check_failed')
    expect(error).toBeInstanceOf(JoseError)
    expect([error.name, error.code, error.claim, error.reason]).toEqual(['JwtClaimError', 'ERR_JWT_EXPIRED', 'exp', 'check_failed'])
    expect(decryptionFailed()).toMatchObject({ code: 'ERR_JWE_DECRYPTION_FAILED', message: DECRYPTION_FAILED_MESSAGE })
  })
})
