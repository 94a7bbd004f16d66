import { describe, expect, it } from 'vitest'
import { compactVerify, createLocalJwks, selectJwk } from '../../src/index.ts'
import { readJwkSet } from '../../src/jwks/jwk-set.ts'
import { expectJoseError, joseErrorCode } from '../helpers/expect-jose.ts'

// Selection never imports, so "pub" only needs to tell keys apart.
const akp = (alg: string, pub: string, members: Record<string, unknown> = {}): Record<string, unknown> => ({ kty: 'AKP', alg, pub, ...members })
const rsa = { kty: 'RSA', n: 'AQAB', e: 'AQAB' }
const header = (alg: string, kid?: string) => (kid === undefined ? { alg } : { alg, kid })

describe('JWK sets with AKP (ML-DSA) keys, RFC 9964', () => {
  it('selects an AKP key by its "alg": ML-DSA-44, -65 and -87 keys share kty "AKP"', () => {
    const set = [rsa, akp('ML-DSA-44', 'a'), akp('ML-DSA-65', 'b'), akp('ML-DSA-87', 'c')]
    expect(selectJwk(set, header('ML-DSA-44'))).toBe(set[1])
    expect(selectJwk(set, header('ML-DSA-65'))).toBe(set[2])
    expect(selectJwk(set, header('ML-DSA-87'))).toBe(set[3])
    expect(selectJwk(set, header('RS256'))).toBe(set[0])
  })

  it('never selects an AKP key without "alg", or with another alg, even as the only key', () => {
    for (const key of [{ kty: 'AKP', pub: 'a' }, akp('ML-DSA-65', 'a'), akp('ML-DSA-44', 'a', { alg: undefined }), akp('ML-DSA-44', 'a', { alg: ['ML-DSA-44'] })]) {
      expect(joseErrorCode(() => selectJwk([key], header('ML-DSA-44')))).toBe('ERR_JWKS_NO_MATCHING_KEY')
    }
  })

  it('takes kty "AKP" exactly and no "crv", and holds "use", "key_ops" and "kid" as for other keys', () => {
    for (const members of [{ kty: 'AKP ' }, { kty: 'akp' }, { kty: ['AKP'] }, { crv: 'ML-DSA-44' }, { use: 'enc' }, { key_ops: ['sign'] }, { kid: 'other' }]) {
      expect(joseErrorCode(() => selectJwk([akp('ML-DSA-44', 'a', members)], header('ML-DSA-44', 'k')))).toBe('ERR_JWKS_NO_MATCHING_KEY')
    }
    const key = akp('ML-DSA-44', 'a', { kid: 'k', use: 'sig', key_ops: ['verify'] })
    expect(selectJwk([key], header('ML-DSA-44', 'k'))).toBe(key)
  })

  it('no other alg takes an AKP key, and no other key type serves ML-DSA', () => {
    const keys = [akp('RS256', 'a'), akp('ES256', 'a'), akp('EdDSA', 'a')]
    for (const alg of ['RS256', 'ES256', 'EdDSA']) expect(joseErrorCode(() => selectJwk(keys, header(alg)))).toBe('ERR_JWKS_NO_MATCHING_KEY')
    const others = [rsa, { kty: 'EC', crv: 'P-256', x: 'a', y: 'a', alg: 'ML-DSA-44' }, { kty: 'OKP', crv: 'Ed25519', x: 'a', alg: 'ML-DSA-44' }]
    expect(joseErrorCode(() => selectJwk(others, header('ML-DSA-44')))).toBe('ERR_JWKS_NO_MATCHING_KEY')
  })

  it('the same AKP key listed twice counts once; two AKP keys of one alg without kid are ambiguous', () => {
    const set = [akp('ML-DSA-65', 'a', { kid: 'x' }), akp('ML-DSA-65', 'a', { kid: 'y' })]
    expect(selectJwk(set, header('ML-DSA-65'))).toBe(set[0])
    expect(joseErrorCode(() => selectJwk([akp('ML-DSA-65', 'a'), akp('ML-DSA-65', 'b')], header('ML-DSA-65')))).toBe('ERR_JWKS_MULTIPLE_MATCHING_KEYS')
  })

  it('HS* still never comes from a set, AKP keys beside it or not', () => {
    for (const alg of ['HS256', 'HS384', 'HS512']) {
      expect(joseErrorCode(() => selectJwk([akp('ML-DSA-44', 'a'), { kty: 'oct', k: 'c2VjcmV0', alg }], header(alg)))).toBe('ERR_ALG_NOT_SUPPORTED')
    }
  })

  it('readJwkSet keeps AKP entries with a string "pub", without private members', () => {
    const read = readJwkSet({
      keys: [
        akp('ML-DSA-44', 'a', { kid: 'kept', priv: 'secret', ext: true }),
        { kty: 'AKP', alg: 'ML-DSA-44', kid: 'no-pub' },
        akp('ML-DSA-44', '', { pub: ['a'], kid: 'array-pub' }),
      ],
    })
    expect(read).toEqual([{ kty: 'AKP', alg: 'ML-DSA-44', pub: 'a', kid: 'kept' }])
  })

  it('createLocalJwks finds an AKP key for an ML-DSA token: ERR_ALG_NOT_SUPPORTED without ML-DSA in Web Crypto', async () => {
    const mlDsa = await crypto.subtle.generateKey('ML-DSA-44', false, ['sign', 'verify']).then(() => true, () => false)
    const token = `${btoa('{"alg":"ML-DSA-44"}').replace(/=+$/, '')}.eA.AAAA`
    const keys = createLocalJwks({ keys: [akp('ML-DSA-44', 'AAAA')] })
    // Where Web Crypto has ML-DSA the key is imported and refused (a 3-byte public key); the round trip is in test/conformance/ml-dsa-pem.ts.
    await expectJoseError(compactVerify(token, keys, { algorithms: ['ML-DSA-44'] }), mlDsa ? 'ERR_KEY_INVALID' : 'ERR_ALG_NOT_SUPPORTED')
  })
})
