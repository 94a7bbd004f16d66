import { describe, expect, it } from 'vitest'
import { casesOf, verificationJwk } from '../../cli/vector-cases.ts'

describe('conformance: vector files as cases', () => {
  it('a key file is no case; an unknown shape and a non-object are skipped with the reason', () => {
    expect(casesOf('k.json', { kty: 'EC' })).toBeUndefined()
    expect(casesOf('x.json', { something: 1 })).toEqual({ skip: 'format not recognized by the CLI runner' })
    expect(casesOf('x.json', [])).toEqual({ skip: 'not a JSON object' })
  })

  it('a cookbook vector without a compact form is skipped as JSON-only', () => {
    const [only] = casesOf('j.json', { input: { alg: 'RS256', key: {}, payload: 'p' }, output: { json: {} } }) as { skip?: string }[]
    expect(only!.skip).toBe('JSON serialization only (no compact form)')
  })

  it('verification keys lose their private members, oct keys keep k', () => {
    expect(verificationJwk({ kty: 'RSA', n: 'n', e: 'e', d: 'd', p: 'p', q: 'q', dp: '1', dq: '2', qi: '3' })).toEqual({ kty: 'RSA', n: 'n', e: 'e' })
    expect(verificationJwk({ kty: 'oct', k: 'k' })).toEqual({ kty: 'oct', k: 'k' })
  })
})
