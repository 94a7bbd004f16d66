/**
 * Interop with python3-jwcrypto (Debian's 1.1, run by /usr/bin/python3) for the families beyond
 * RSA, both ways: JWS ES256/384/512, EdDSA (Ed25519, Ed448), HS256/384/512; JWE dir, A*KW,
 * A*GCMKW, PBES2-*, ECDH-ES and ECDH-ES+A*KW (P-256/384/521, X25519, X448), each with every
 * "enc" (A*GCM, A*CBC-HS*). jwcrypto 1.1 implements every one of these (its JWA registry lists
 * them; the first test pins that), so nothing is left out here; RSA is jwcrypto-*-webjose.test.ts's.
 *
 * Two Python processes, one per direction: the first generates every key with jwcrypto, exports
 * it as JWK (webjose imports that JWK) and makes jwcrypto's tokens; webjose then reads those and
 * makes its own, and the second process (given the same JWKs) reads webjose's. Each case also
 * sends a token with its tag or signature altered, which each side must refuse.
 *
 * Without jwcrypto the file is skipped with the reason printed, unless WEBJOSE_REQUIRE_INTEROP=1
 * (set by .ci/run), which makes it fail instead.
 */
import { fileURLToPath } from 'node:url'
import { requireJwcrypto, runPython } from './jwcrypto-availability.ts'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  compactDecrypt,
  compactEncrypt,
  compactSign,
  compactVerify,
  importKey,
  type ContentEncryptionAlgorithm,
  type Jwk,
  type KeyManagementAlgorithm,
  type SignatureAlgorithm,
} from '../../src/index.ts'
import { decode } from '../../src/encoding/base64url.ts'
import { expectJoseError } from '../helpers/expect-jose.ts'
import { PLAINTEXT, flipBit, text } from './support.ts'

const HELPER = fileURLToPath(new URL('./jwcrypto_families_helper.py', import.meta.url))

const unavailable = requireJwcrypto()

// ---------------------------------------------------------------------------------------------
// The matrix, written out here so a dropped algorithm fails these tests.

const ENCS: readonly ContentEncryptionAlgorithm[] = ['A128GCM', 'A192GCM', 'A256GCM', 'A128CBC-HS256', 'A192CBC-HS384', 'A256CBC-HS512']
const ECDH_CURVES = ['P-256', 'P-384', 'P-521', 'X25519', 'X448'] as const
const ECDH_ALGS = ['ECDH-ES', 'ECDH-ES+A128KW', 'ECDH-ES+A192KW', 'ECDH-ES+A256KW'] as const

/** jwcrypto's JWK.generate parameters per key name. */
const KEYS: Record<string, Record<string, string | number>> = {
  'oct-128': { kty: 'oct', size: 128 },
  'oct-192': { kty: 'oct', size: 192 },
  'oct-256': { kty: 'oct', size: 256 },
  'oct-384': { kty: 'oct', size: 384 },
  'oct-512': { kty: 'oct', size: 512 },
  password: { kty: 'oct', size: 256 },
  'sig-P-256': { kty: 'EC', crv: 'P-256' },
  'sig-P-384': { kty: 'EC', crv: 'P-384' },
  'sig-P-521': { kty: 'EC', crv: 'P-521' },
  'sig-Ed25519': { kty: 'OKP', crv: 'Ed25519' },
  'sig-Ed448': { kty: 'OKP', crv: 'Ed448' },
  ...Object.fromEntries(ECDH_CURVES.map((crv) => [`ecdh-${crv}`, { kty: crv.startsWith('P') ? 'EC' : 'OKP', crv }])),
}

interface JweCase {
  alg: KeyManagementAlgorithm
  enc: ContentEncryptionAlgorithm
  key: string
  /** Header members the algorithm adds (RFC 7518 §4.6.1, §4.7.1, §4.8.1). */
  adds: readonly string[]
}

/** The bits "dir" needs for `enc` (RFC 7518 §5.2.3–5.2.5, §5.3). */
const dirBits = (enc: ContentEncryptionAlgorithm) => (enc.endsWith('GCM') ? +enc.slice(1, 4) : 2 * +enc.slice(1, 4))

const JWE_CASES: readonly JweCase[] = ENCS.flatMap((enc): JweCase[] => [
  { alg: 'dir', enc, key: `oct-${dirBits(enc)}`, adds: [] },
  ...(['128', '192', '256'] as const).flatMap((bits): JweCase[] => [
    { alg: `A${bits}KW`, enc, key: `oct-${bits}`, adds: [] },
    { alg: `A${bits}GCMKW`, enc, key: `oct-${bits}`, adds: ['iv', 'tag'] },
  ]),
  ...(['PBES2-HS256+A128KW', 'PBES2-HS384+A192KW', 'PBES2-HS512+A256KW'] as const).map((alg) => ({ alg, enc, key: 'password', adds: ['p2s', 'p2c'] })),
  ...ECDH_CURVES.flatMap((crv) => ECDH_ALGS.map((alg) => ({ alg, enc, key: `ecdh-${crv}`, adds: ['epk'] }))),
])

interface JwsCase {
  alg: SignatureAlgorithm
  key: string
}

const JWS_CASES: readonly JwsCase[] = [
  { alg: 'ES256', key: 'sig-P-256' },
  { alg: 'ES384', key: 'sig-P-384' },
  { alg: 'ES512', key: 'sig-P-521' },
  { alg: 'EdDSA', key: 'sig-Ed25519' },
  { alg: 'EdDSA', key: 'sig-Ed448' },
  { alg: 'HS256', key: 'oct-256' },
  { alg: 'HS384', key: 'oct-384' },
  { alg: 'HS512', key: 'oct-512' },
]

const label = ({ alg, key }: { alg: string; key: string }) => `${alg} (${key})`
const protectedHeader = (token: string): Record<string, unknown> => JSON.parse(text(decode(token.split('.')[0]!, 'header')))

// ---------------------------------------------------------------------------------------------
// One Python process per batch (jwcrypto_families_helper.py's docstring describes the ops).

type Op =
  | { op: 'encrypt'; key: string; header: Record<string, unknown>; plaintext: string }
  | { op: 'decrypt'; key: string; token: string; algs: readonly string[] }
  | { op: 'sign'; key: string; header: Record<string, unknown>; payload: string }
  | { op: 'verify'; key: string; token: string; algs: readonly string[] }
type Result = { ok: true; value: unknown } | { ok: false; error: string; message: string }
interface Output {
  version: string
  keys: Record<string, { private: Jwk; public: Jwk }>
  results: Result[]
}

function runJwcrypto(keys: Record<string, unknown>, ops: Op[]): Promise<Output> {
  return runPython(HELPER, { keys, ops })
}

function value<T>(results: Result[], index: number): T {
  const result = results[index]!
  if (!result.ok) expect.fail(`jwcrypto failed: ${result.error}: ${result.message}`)
  return result.value as T
}

function failure(results: Result[], index: number): { error: string; message: string } {
  const result = results[index]!
  if (result.ok) expect.fail('jwcrypto accepted a token it must refuse')
  return { error: result.error, message: result.message }
}

// ---------------------------------------------------------------------------------------------

describe.runIf(unavailable === undefined)('python3-jwcrypto: EC, OKP, HMAC, AES, PBES2, ECDH-ES', () => {
  let made: Output // jwcrypto's keys and tokens (case order: JWE_CASES, then JWS_CASES)
  let read: Output // jwcrypto's reading of webjose's tokens: [token, tampered] per case
  const ours = new Map<string, Promise<CryptoKey>>()
  /** webjose's importKey of the JWK jwcrypto exported, once per key, part and alg. */
  const webjoseKey = (name: string, part: 'private' | 'public', alg: KeyManagementAlgorithm | SignatureAlgorithm) => {
    const id = `${name} ${part} ${alg}`
    if (!ours.has(id)) ours.set(id, importKey(made.keys[name]![part], alg))
    return ours.get(id)!
  }
  const webjoseTokens: string[] = []

  beforeAll(async () => {
    made = await runJwcrypto(
      Object.fromEntries(Object.entries(KEYS).map(([name, generate]) => [name, { generate }])),
      [
        ...JWE_CASES.map(({ alg, enc, key }): Op => ({ op: 'encrypt', key, header: { alg, enc, kid: key }, plaintext: PLAINTEXT })),
        ...JWS_CASES.map(({ alg, key }): Op => ({ op: 'sign', key, header: { alg, kid: key }, payload: PLAINTEXT })),
      ],
    )
    const ops: Op[] = []
    for (const { alg, enc, key } of JWE_CASES) {
      const token = await compactEncrypt(PLAINTEXT, await webjoseKey(key, 'public', alg), { alg, enc, kid: key })
      webjoseTokens.push(token)
      for (const sent of [token, flipBit(token, 4, -1)]) ops.push({ op: 'decrypt', key, token: sent, algs: [alg, enc] })
    }
    for (const { alg, key } of JWS_CASES) {
      const token = await compactSign(PLAINTEXT, await webjoseKey(key, 'private', alg), { alg, kid: key })
      webjoseTokens.push(token)
      for (const sent of [token, flipBit(token, 2, 7)]) ops.push({ op: 'verify', key, token: sent, algs: [alg] })
    }
    read = await runJwcrypto(Object.fromEntries(Object.entries(made.keys).map(([name, { private: jwk }]) => [name, { jwk }])), ops)
    expect(read.results).toHaveLength(ops.length)
  }, 60_000)

  it('jwcrypto 1.1 or later: its JWA registry has every algorithm of this matrix', () => {
    expect(made.version).toMatch(/^1\.(?:[1-9]|\d\d)/)
    expect(made.results).toHaveLength(JWE_CASES.length + JWS_CASES.length)
  })

  describe('jwcrypto → webjose', () => {
    it.each(JWE_CASES.map((jweCase, index) => ({ ...jweCase, index, name: label(jweCase) })))(
      'compactDecrypt reads a jwcrypto JWE with $name / $enc and refuses it with its tag altered',
      async ({ alg, enc, key, adds, index }) => {
        const token = value<string>(made.results, index)
        const decryptionKey = await webjoseKey(key, 'private', alg)
        const options = { keyManagementAlgorithms: [alg], contentEncryptionAlgorithms: [enc] }

        const result = await compactDecrypt(token, decryptionKey, options)

        expect(text(result.plaintext)).toBe(PLAINTEXT)
        expect(result.header).toEqual(protectedHeader(token))
        expect(Object.keys(result.header).sort()).toEqual(['alg', 'enc', 'kid', ...adds].sort())
        expect(result.header).toMatchObject({ alg, enc, kid: key })
        await expectJoseError(compactDecrypt(flipBit(token, 4, -1), decryptionKey, options), 'ERR_JWE_DECRYPTION_FAILED')
      },
    )

    it.each(JWS_CASES.map((jwsCase, index) => ({ ...jwsCase, index: JWE_CASES.length + index, name: label(jwsCase) })))(
      'compactVerify reads a jwcrypto JWS with $name and refuses it with its signature altered',
      async ({ alg, key, index }) => {
        const token = value<string>(made.results, index)
        const verificationKey = await webjoseKey(key, 'public', alg)

        const result = await compactVerify(token, verificationKey, { algorithms: [alg] })

        expect(text(result.payload)).toBe(PLAINTEXT)
        expect(result.header).toEqual({ alg, kid: key })
        await expectJoseError(compactVerify(flipBit(token, 2, 7), verificationKey, { algorithms: [alg] }), 'ERR_JWS_SIGNATURE_INVALID')
      },
    )
  })

  describe('webjose → jwcrypto', () => {
    it.each(JWE_CASES.map((jweCase, index) => ({ ...jweCase, index, name: label(jweCase) })))(
      'jwcrypto decrypts a webjose JWE with $name / $enc and refuses it with its tag altered',
      ({ alg, enc, key, adds, index }) => {
        const token = webjoseTokens[index]!

        expect(value(read.results, 2 * index)).toEqual({ plaintext: PLAINTEXT, header: protectedHeader(token) })
        expect(Object.keys(protectedHeader(token)).sort()).toEqual(['alg', 'enc', 'kid', ...adds].sort())
        expect(protectedHeader(token)).toMatchObject({ alg, enc, kid: key })
        // jwcrypto wraps every failure to decrypt (a bad tag, a failed unwrap) in InvalidJWEData.
        expect(failure(read.results, 2 * index + 1).error).toBe('InvalidJWEData')
      },
    )

    it.each(JWS_CASES.map((jwsCase, index) => ({ ...jwsCase, index: JWE_CASES.length + index, name: label(jwsCase) })))(
      'jwcrypto verifies a webjose JWS with $name and refuses it with its signature altered',
      ({ alg, key, index }) => {
        expect(value(read.results, 2 * index)).toEqual({ payload: PLAINTEXT, header: { alg, kid: key } })
        expect(failure(read.results, 2 * index + 1)).toEqual({ error: 'InvalidJWSSignature', message: expect.stringContaining('Verification failed') })
      },
    )
  })
})
