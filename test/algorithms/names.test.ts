import { describe, expect, it } from 'vitest'
import { isRegisteredAlg, isRegisteredEnc, quoteAlgorithm } from '../../src/algorithms/names.ts'

const ALGS =
  'HS256 HS384 HS512 RS256 RS384 RS512 ES256 ES384 ES512 PS256 PS384 PS512 none EdDSA ES256K RSA1_5 RSA-OAEP RSA-OAEP-256 RSA-OAEP-384 RSA-OAEP-512 A128KW A192KW A256KW dir ECDH-ES ECDH-ES+A128KW ECDH-ES+A192KW ECDH-ES+A256KW A128GCMKW A192GCMKW A256GCMKW PBES2-HS256+A128KW PBES2-HS384+A192KW PBES2-HS512+A256KW'.split(' ')
const ENCS = 'A128CBC-HS256 A192CBC-HS384 A256CBC-HS512 A128GCM A192GCM A256GCM'.split(' ')

describe('registered algorithm names (RFC 7518 §7.1)', () => {
  it('recognizes every registered alg and enc, and nothing across the two lists', () => {
    for (const alg of ALGS) expect([alg, isRegisteredAlg(alg), isRegisteredEnc(alg)]).toEqual([alg, true, false])
    for (const enc of ENCS) expect([enc, isRegisteredEnc(enc), isRegisteredAlg(enc)]).toEqual([enc, true, false])
  })

  it.each(['NONE', 'rs256', 'RS257', 'dir ', 'PBES2-HS256+A192KW', 'A256GCM\n', '', 'toString'])('does not recognize %j', (name) => {
    expect(isRegisteredAlg(name) || isRegisteredEnc(name)).toBe(false)
    expect(quoteAlgorithm(name)).toBe('(unrecognized)')
  })

  it('quotes only registered names', () => {
    expect(quoteAlgorithm('RS256')).toBe('"RS256"')
    expect(quoteAlgorithm(42)).toBe('(unrecognized)')
  })
})
