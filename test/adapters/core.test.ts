import { describe, expect, it } from 'vitest'
import { claimCheckCheck, claimEqualsCheck, claimIncludesCheck, requiredScopesCheck, scopeIncludesAnyCheck } from '../../src/adapters/core.ts'

const challengeOf = (answer: ReturnType<ReturnType<typeof requiredScopesCheck>>) => answer && [answer.status, answer.wwwAuthenticate]

describe('adapter claim checks (express-oauth2-jwt-bearer semantics)', () => {
  it('treats a scope claim that is neither a string nor an array as no scope (403)', () => {
    expect(challengeOf(requiredScopesCheck('read')({ scope: 42 }, 'api'))).toEqual([
      403,
      'Bearer realm="api", error="insufficient_scope", error_description="Insufficient Scope", scope="read"',
    ])
    expect(scopeIncludesAnyCheck(['a', 'b'])({ scope: ['b'] }, 'api')).toBeUndefined()
  })

  it('claimIncludes: a claim that is no list fails, a list or a space-separated string is searched', () => {
    expect(claimIncludesCheck('iat', 1)({ iat: 1 }, 'api')?.status).toBe(401)
    expect(claimIncludesCheck('roles', 'a', 'b')({ roles: ['b', 'a', 'c'] }, 'api')).toBeUndefined()
    expect(claimIncludesCheck('roles', 'a', 'd')({ roles: 'a b' }, 'api')?.wwwAuthenticate).toBe(
      'Bearer realm="api", error="invalid_token", error_description="Unexpected \'roles\' value"',
    )
    expect(claimIncludesCheck('roles', 'a')({}, 'api')?.description).toBe("Missing 'roles' claim")
  })

  it('every check answers 401 with a bare challenge when no token was verified (authRequired: false)', () => {
    for (const check of [requiredScopesCheck('a'), claimCheckCheck(() => true), claimEqualsCheck('azp', 'x'), claimIncludesCheck('roles', 'a')]) {
      expect(challengeOf(check(undefined, 'api'))).toEqual([401, 'Bearer realm="api"'])
    }
  })

  it('keeps a description within the quoted-string of RFC 6750 §3', () => {
    expect(claimCheckCheck(() => false, 'bad "value"\r\n\\ here')({}, 'api')?.wwwAuthenticate).toBe(
      'Bearer realm="api", error="invalid_token", error_description="bad \'value\' here"',
    )
  })
})
