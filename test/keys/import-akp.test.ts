/**
 * ML-DSA PEM checks made before Web Crypto is called, so they run on Node 20 too (whose Web
 * Crypto lacks ML-DSA): the importer is called directly with the family's specs. Imports that
 * reach Web Crypto are in test/conformance/ml-dsa-pem.ts, run where the runtime has ML-DSA.
 */
import { describe, expect, it } from 'vitest'
import { importKeyFor } from '../../src/keys/import-akp.ts'
import { importKey } from '../../src/keys/import-key.ts'
import { ML_DSA_SPECS, type MlDsaAlgorithm } from '../../src/algorithms/signature/ml-dsa.ts'
import { encode } from '../../src/keys/der-convert.ts'
import { tlv } from '../../src/keys/der.ts'
import { expectJoseError } from '../helpers/expect-jose.ts'
import { generateCurveKey, generateRsaKey } from '../helpers/keys.ts'
import { pemBody } from './helpers.ts'
import rfc9881 from '../../vectors/rfc9881-ml-dsa-keys.json' with { type: 'json' }

const mlDsa = await crypto.subtle.generateKey('ML-DSA-44', false, ['sign', 'verify']).then(
  () => true,
  () => false,
)
const pem = (label: string, der: Uint8Array): string => `-----BEGIN ${label}-----\n${Buffer.from(der).toString('base64')}\n-----END ${label}-----\n`
const der = (text: string): Uint8Array => Uint8Array.from(Buffer.from(pemBody(text), 'base64'))
const relabel = (text: string, label: string): string => pem(label, der(text))
const importFor = (material: unknown, alg: MlDsaAlgorithm, options?: unknown) => importKeyFor(material, alg, ML_DSA_SPECS[alg], options as never)

/** The RFC 9881 ML-DSA-44 both-form key, taken apart: its AlgorithmIdentifier, seed and expandedKey. */
const both = der(rfc9881['ML-DSA-44'].both)
const [start, end] = tlv(both, 0, 0, 0x30)
const [algorithm, algorithmEnd] = tlv(both, start, end, 2, 0x30)
const [key] = tlv(both, algorithmEnd, end, 4)
const [seed, seedEnd] = tlv(both, key + 4, end, 4)
const [expanded, expandedEnd] = tlv(both, seedEnd, end, 4)
const parts = { algorithm: both.subarray(algorithm - 2, algorithmEnd), seed: both.subarray(seed, seedEnd), expanded: both.subarray(expanded, expandedEnd) }
/** A PKCS#8 for ML-DSA-44 with this privateKey content and anything after the privateKey. */
const pkcs8 = (privateKey: Uint8Array, ...after: number[][]): string => pem('PRIVATE KEY', encode(0x30, [2, 1, 0], parts.algorithm, encode(4, privateKey), ...after))

describe('ML-DSA keys from PEM (RFC 9881), checks before Web Crypto', () => {
  it('without ML-DSA in Web Crypto, importKey refuses every ML-DSA PEM with ERR_ALG_NOT_SUPPORTED', async () => {
    for (const form of ['seed', 'both', 'expanded', 'spki', 'certificate'] as const) {
      const imported = importKey(rfc9881['ML-DSA-65'][form], 'ML-DSA-65')
      if (mlDsa) await imported.catch(() => undefined)
      else await expectJoseError(imported, 'ERR_ALG_NOT_SUPPORTED')
    }
  })

  it('takes only PRIVATE KEY, PUBLIC KEY and CERTIFICATE labels', async () => {
    for (const label of ['EC PRIVATE KEY', 'RSA PRIVATE KEY', 'RSA PUBLIC KEY', 'DSA PRIVATE KEY', 'X509 CERTIFICATE', 'CERTIFICATE REQUEST']) {
      expect((await expectJoseError(importFor(relabel(rfc9881['ML-DSA-44'].seed, label), 'ML-DSA-44'), 'ERR_KEY_INVALID')).message).toBe('PEM: unsupported label')
    }
    expect((await expectJoseError(importFor(relabel(rfc9881['ML-DSA-44'].seed, 'ENCRYPTED PRIVATE KEY'), 'ML-DSA-44'), 'ERR_KEY_INVALID')).message).toBe('PEM: encrypted key')
  })

  it('refuses a key of another ML-DSA alg in every form: the OID must be the alg\'s (RFC 9881 §2)', async () => {
    for (const [alg, other] of [['ML-DSA-44', 'ML-DSA-65'], ['ML-DSA-65', 'ML-DSA-87'], ['ML-DSA-87', 'ML-DSA-44']] as const) {
      for (const form of ['seed', 'both', 'expanded', 'spki', 'certificate'] as const) {
        expect((await expectJoseError(importFor(rfc9881[other][form], alg), 'ERR_KEY_INVALID')).message).toBe(`key is not for ${alg}`)
      }
    }
  })

  it('refuses RSA and EC keys, and a private key labelled public or the other way round', async () => {
    const rsa = generateRsaKey()
    const ec = generateCurveKey('ES256')
    const rsaPkcs8 = rsa.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string
    for (const material of [rsaPkcs8, pem('PUBLIC KEY', rsa.spkiDer)]) {
      expect((await expectJoseError(importFor(material, 'ML-DSA-44'), 'ERR_KEY_INVALID')).message).toBe('unsupported key algorithm')
    }
    for (const material of [ec.privatePem, ec.publicPem]) {
      expect((await expectJoseError(importFor(material, 'ML-DSA-44'), 'ERR_KEY_INVALID')).message).toBe('key is not for ML-DSA-44')
    }
    // The other families' importers name the mismatch too.
    expect((await expectJoseError(importKey(rfc9881['ML-DSA-44'].spki, 'ES256'), 'ERR_KEY_INVALID')).message).toBe('key is not for ES256')
    expect((await expectJoseError(importKey(rfc9881['ML-DSA-44'].seed, 'EdDSA'), 'ERR_KEY_INVALID')).message).toBe('key is not for EdDSA')
    const swapped = [relabel(rfc9881['ML-DSA-44'].seed, 'PUBLIC KEY'), relabel(rfc9881['ML-DSA-44'].spki, 'PRIVATE KEY'), relabel(rfc9881['ML-DSA-44'].certificate, 'PRIVATE KEY')]
    for (const material of swapped) expect((await expectJoseError(importFor(material, 'ML-DSA-44'), 'ERR_KEY_INVALID')).message).toBe('DER: malformed')
  })

  it('refuses the expandedKey form: no Web Crypto imports a key without its seed', async () => {
    for (const alg of ['ML-DSA-44', 'ML-DSA-65', 'ML-DSA-87'] as const) {
      const error = await expectJoseError(importFor(rfc9881[alg].expanded, alg), 'ERR_KEY_INVALID')
      expect(error.message).toBe('ML-DSA private key without its seed (RFC 9881 §6): Web Crypto imports the seed form')
    }
  })

  it('refuses a both-form key whose structure is off: seed size, extra elements, anything after the privateKey', async () => {
    const malformed = [
      pkcs8(encode(0x30, encode(4, parts.seed.subarray(1)), encode(4, parts.expanded))),
      pkcs8(encode(0x30, encode(4, parts.seed, [0]), encode(4, parts.expanded))),
      pkcs8(encode(0x30, encode(4, parts.seed), encode(4, parts.expanded), [5, 0])),
      pkcs8(encode(0x30, encode(4, parts.seed))),
      pkcs8(encode(0x30, encode(4, parts.seed), [2, 1, 0])),
      pkcs8(Uint8Array.of(...encode(0x30, encode(4, parts.seed), encode(4, parts.expanded)), 0)),
      pkcs8(encode(0x30, encode(4, parts.seed), encode(4, parts.expanded)), [0xa0, 0]),
    ]
    for (const material of malformed) expect((await expectJoseError(importFor(material, 'ML-DSA-44'), 'ERR_KEY_INVALID')).message).toBe('DER: malformed')
  })

  it('imports the seed and both forms where Web Crypto has ML-DSA; elsewhere Web Crypto\'s refusal is ERR_KEY_INVALID, never a DOMException', async () => {
    // The both form rebuilt from its parts is the RFC's key: the parts were read right.
    expect(pkcs8(encode(0x30, encode(4, parts.seed), encode(4, parts.expanded)))).toBe(relabel(rfc9881['ML-DSA-44'].both, 'PRIVATE KEY'))
    // Another CHOICE tag; an empty privateKey, alone or followed by what would be an expandedKey or a both form.
    const refused = [pkcs8(Uint8Array.of(2, 1, 0)), pkcs8(new Uint8Array(0)), pkcs8(new Uint8Array(0), [4, 0]), pkcs8(new Uint8Array(0), [...encode(0x30, encode(4, parts.seed), encode(4, parts.expanded))])]
    for (const material of [rfc9881['ML-DSA-44'].seed, rfc9881['ML-DSA-44'].both, rfc9881['ML-DSA-44'].spki, rfc9881['ML-DSA-44'].certificate, ...refused]) {
      const imported = importFor(material, 'ML-DSA-44')
      if (mlDsa && !refused.includes(material)) expect((await imported).algorithm.name).toBe('ML-DSA-44')
      else expect((await expectJoseError(imported, 'ERR_KEY_INVALID')).message).toMatch(/^ML-DSA-44 key import failed$/)
    }
  })

  it('AKP JWKs: members checked first, then Web Crypto (ERR_KEY_INVALID for its refusal)', async () => {
    const jwk = { kty: 'AKP', alg: 'ML-DSA-44', pub: 'AAAA' }
    expect((await expectJoseError(importFor({ ...jwk, pub: 'not base64url!' }, 'ML-DSA-44'), 'ERR_KEY_INVALID')).message).toBe('JWK "pub" invalid')
    expect((await expectJoseError(importFor({ ...jwk, alg: 'ML-DSA-65' }, 'ML-DSA-44'), 'ERR_KEY_INVALID')).message).toBe('JWK "alg" mismatch')
    expect((await expectJoseError(importFor({ ...jwk, kty: 'OKP' }, 'ML-DSA-44'), 'ERR_KEY_INVALID')).message).toBe('JWK "kty" invalid')
    // A 3-byte "pub" is no ML-DSA-44 public key, whether or not Web Crypto has ML-DSA.
    expect((await expectJoseError(importFor(jwk, 'ML-DSA-44'), 'ERR_KEY_INVALID')).message).toBe('ML-DSA-44 key import failed')
  })

  it('checks its options first', async () => {
    await expectJoseError(importFor(rfc9881['ML-DSA-44'].seed, 'ML-DSA-44', { extractable: 'yes' }), 'ERR_INVALID_ARGUMENT')
  })
})
