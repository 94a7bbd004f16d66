import { describe, expect, it } from 'vitest'
import { sign as nodeSign } from 'node:crypto'
import { createLocalJwks, compactVerify, selectJwk } from '../../src/index.ts'
import { readJwkSet } from '../../src/jwks/jwk-set.ts'
import { expectJoseError, joseErrorCode } from '../helpers/expect-jose.ts'
import { generateCurveKey, generateRsaKey } from '../helpers/keys.ts'

const es256 = generateCurveKey('ES256')
const es384 = generateCurveKey('ES384')
const ed25519 = generateCurveKey('Ed25519')
const ed448 = generateCurveKey('Ed448')
const rsa = generateRsaKey()
const jwk = (key: { publicJwk: JsonWebKey }, kid: string) => ({ ...key.publicJwk, kid })
const header = (alg: string, kid?: string) => (kid === undefined ? { alg } : { alg, kid })

describe('JWK sets with EC and OKP keys', () => {
  const set = [jwk(rsa, 'r'), jwk(es256, 'p256'), jwk(es384, 'p384'), jwk(ed25519, 'ed25519'), jwk(ed448, 'ed448')]

  it('selects by kty and crv: each alg finds only its own key type and curve', () => {
    expect(selectJwk(set, header('RS256')).kid).toBe('r')
    expect(selectJwk(set, header('ES256')).kid).toBe('p256')
    expect(selectJwk(set, header('ES384')).kid).toBe('p384')
    expect(joseErrorCode(() => selectJwk(set, header('ES512')))).toBe('ERR_JWKS_NO_MATCHING_KEY')
    expect(selectJwk(set, header('Ed25519')).kid).toBe('ed25519')
    expect(selectJwk(set, header('Ed448')).kid).toBe('ed448')
    // "EdDSA" takes either curve: without a kid two keys match.
    expect(joseErrorCode(() => selectJwk(set, header('EdDSA')))).toBe('ERR_JWKS_MULTIPLE_MATCHING_KEYS')
    expect(selectJwk(set, header('EdDSA', 'ed448')).kid).toBe('ed448')
    // A kid naming a key of another type or curve finds nothing.
    expect(joseErrorCode(() => selectJwk(set, header('ES256', 'p384')))).toBe('ERR_JWKS_NO_MATCHING_KEY')
    expect(joseErrorCode(() => selectJwk(set, header('RS256', 'p256')))).toBe('ERR_JWKS_NO_MATCHING_KEY')
  })

  it('skips keys whose kty or crv is not exactly a string of the right value', () => {
    for (const members of [{ crv: ['P-256'] }, { kty: ['EC'] }, { crv: 'P-384' }, { kty: 'OKP' }, { crv: undefined }]) {
      expect(joseErrorCode(() => selectJwk([{ ...jwk(es256, 'k'), ...members }], header('ES256', 'k')))).toBe('ERR_JWKS_NO_MATCHING_KEY')
    }
    // "crv" is no RSA member: ignored on an RSA key (RFC 7517 §4: members not understood are ignored).
    for (const crv of ['P-256', {}, ['P-256'], 'a\nb']) expect(selectJwk([{ ...jwk(rsa, 'k'), crv }], header('RS256', 'k')).kid).toBe('k')
  })

  it('the same EC key listed twice counts once; two keys differing only in "y" are two keys', () => {
    expect(selectJwk([jwk(es256, 'a'), jwk(es256, 'b')], header('ES256')).kid).toBe('a')
    const flipped = { ...jwk(es256, 'c'), y: es384.publicJwk.x }
    expect(joseErrorCode(() => selectJwk([jwk(es256, 'a'), flipped], header('ES256')))).toBe('ERR_JWKS_MULTIPLE_MATCHING_KEYS')
  })

  it('readJwkSet keeps EC and OKP entries with their public members, drops private members, broken entries and secrets', () => {
    const read = readJwkSet({
      keys: [
        { ...es256.privateJwk, kid: 'p' },
        { ...ed25519.privateJwk, kid: 'e' },
        { kty: 'EC', crv: 'P-256', x: es256.publicJwk.x, kid: 'no-y' },
        { kty: 'OKP', crv: 'Ed25519', kid: 'no-x' },
        { kty: 'oct', k: 'c2VjcmV0', kid: 's' },
        { kty: 'toString', kid: 't' },
        { kty: 'AKP', alg: 'ML-DSA-44', kid: 'no-pub' },
      ],
    })
    expect(read.map((key) => key.kid)).toEqual(['p', 'e'])
    for (const key of read) expect(key.d).toBeUndefined()
  })

  it('an "oct" entry is never selected', () => {
    expect(joseErrorCode(() => selectJwk([{ kty: 'oct', k: 'c2VjcmV0', kid: 's' }], header('HS256', 's')))).toBe('ERR_ALG_NOT_SUPPORTED')
  })

  it('createLocalJwks verifies ES256, ES384, EdDSA and Ed448 tokens signed by node:crypto', async () => {
    const keys = createLocalJwks({ keys: set })
    const cases = [
      ['ES256', 'p256', es256, 'sha256'],
      ['ES384', 'p384', es384, 'sha384'],
      ['EdDSA', 'ed25519', ed25519, null],
      ['EdDSA', 'ed448', ed448, null],
      ['Ed448', 'ed448', ed448, null],
    ] as const
    for (const [alg, kid, key, hash] of cases) {
      const input = `${Buffer.from(JSON.stringify({ alg, kid })).toString('base64url')}.${Buffer.from('hi').toString('base64url')}`
      const signature = nodeSign(hash, Buffer.from(input), { key: key.privateKey, dsaEncoding: 'ieee-p1363' })
      const { payload } = await compactVerify(`${input}.${signature.toString('base64url')}`, keys, { algorithms: [alg] })
      expect(Buffer.from(payload).toString()).toBe('hi')
    }
  })

  it('an EC entry whose point is not on the curve is ERR_KEY_INVALID when selected', async () => {
    const keys = createLocalJwks({ keys: [{ ...jwk(es256, 'k'), y: es256.publicJwk.x! }] })
    await expectJoseError(keys(header('ES256', 'k') as never), 'ERR_KEY_INVALID')
  })
})
