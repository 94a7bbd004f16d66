/**
 * importKey over mutated PEM key material: blocks of the five supported kinds whose DER has been
 * altered (bit flips, inserted and deleted bytes, truncation, changed length octets, TLVs spliced
 * in from keys of other kinds, including EC and Ed25519 ones; der-mutations.ts) and whose text
 * has been altered (labels, boundaries, whitespace, line breaks, base64 alphabet; pem-mutations.ts).
 *
 * Property: the call resolves to a CryptoKey that fits the algorithm (name, hash, usages, RSA
 * modulus of at least 2048 bits, not extractable) or rejects with a JoseError whose code is the
 * one importKey documents for the input (ERR_KEY_INVALID; ERR_ALG_NOT_SUPPORTED for an alg it
 * does not implement); never another error, never a hang, and no message quotes the input or key
 * material. fast-check prints the seed and the shrunk counterexample on failure.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { importKey } from '../../src/keys/import-key.ts'
import type { RsaKeyAlgorithm as KeyAlgorithm } from '../helpers/keys.ts'
import { generateKeyObjects, namedKey, type TestRsaKey } from '../helpers/keys.ts'
import { makeCertificate, pemBody } from '../keys/helpers.ts'
import { registerSecret } from '../security/support.ts'
import { ALGS, expectJoseFailure, isSupported, pick, settle, type Outcome } from './support.ts'
import { alg, expectKeyFor } from './import-key-checks.ts'
import { derMutation, mutateDer, type DerMutation } from './der-mutations.ts'
import { LABEL, mutateText, textMutation, wrapPem, type Kind, type TextMutation } from './pem-mutations.ts'

const der = (pem: string): Uint8Array => new Uint8Array(Buffer.from(pemBody(pem), 'base64'))

/** The DER of each kind of a key (`certificate` from openssl, which makes its own key). */
function dersOf(key: TestRsaKey, certificatePem: string | undefined): Partial<Record<Kind, Uint8Array>> {
  return {
    pkcs8: der(key.privatePem),
    pkcs1: der(key.pkcs1PrivatePem),
    spki: der(key.publicPem),
    pkcs1Public: der(key.pkcs1PublicPem),
    ...(certificatePem === undefined ? {} : { certificate: der(certificatePem) }),
  }
}

const certificate = makeCertificate('rsa:2048')
/** Starting points: [kind, DER, whether the unmutated PEM imports]. */
let seeds: [Kind, Uint8Array, boolean][]
/** DER of every kind, RSA or not, to splice from. */
let donors: Uint8Array[]

beforeAll(async () => {
  const main = namedKey('main')
  const weak = namedKey('weak', 1024)
  if (certificate) for (const pem of [certificate.certificatePem, certificate.privateKeyPem]) registerSecret(pemBody(pem))
  const strong = dersOf(main, certificate?.certificatePem)
  seeds = [
    ...Object.entries(strong).map(([kind, bytes]): [Kind, Uint8Array, boolean] => [kind as Kind, bytes, true]),
    ...Object.entries(dersOf(weak, undefined)).map(([kind, bytes]): [Kind, Uint8Array, boolean] => [kind as Kind, bytes, false]),
  ]
  const ec = generateKeyObjects('ec', { namedCurve: 'P-256' })
  const ed = generateKeyObjects('ed25519')
  const others = [ec.privatePem, ec.publicPem, ed.privatePem, ed.publicPem, ec.privateKey.export({ type: 'sec1', format: 'pem' }) as string]
  for (const pem of others) registerSecret(pemBody(pem))
  donors = [...seeds.map(([, bytes]) => bytes), ...others.map(der)]
  // The unmutated seeds behave as documented, under every algorithm.
  for (const [kind, bytes, imports] of seeds) {
    for (const name of ALGS) {
      const pem = wrapPem(LABEL[kind], bytes)
      const outcome = await settle(() => importKey(pem, name))
      if (imports && outcome.kind === 'resolved') expectKeyFor(outcome.value, name, false)
      else expectJoseFailure(outcome, imports ? [] : ['ERR_KEY_INVALID'], [pem])
    }
  }
}, 30_000)

interface PemCase {
  seed: number
  der: DerMutation[]
  width: number
  crlf: boolean
  text: TextMutation[]
  alg: string
}

const pemCase: fc.Arbitrary<PemCase> = fc.record({
  seed: fc.nat(),
  der: fc.array(derMutation, { maxLength: 3 }),
  width: fc.oneof({ weight: 4, arbitrary: fc.constant(64) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 2000 }) }),
  crlf: fc.boolean(),
  text: fc.array(textMutation, { maxLength: 2 }),
  alg,
})

function buildPem({ seed, der: derMutations, width, crlf, text }: PemCase): string {
  const [kind, original] = pick(seeds, seed)
  const bytes = derMutations.reduce((mutated, m) => mutateDer(mutated, m, donors), original)
  return text.reduce(mutateText, wrapPem(LABEL[kind], bytes, width, crlf ? '\r\n' : '\n'))
}

describe('importKey never fails with anything but a JoseError', () => {
  it('PEM with mutated DER and text: a fitting CryptoKey or ERR_KEY_INVALID', async () => {
    const seen = { resolved: 0, webCrypto: 0 }
    await fc.assert(
      fc.asyncProperty(pemCase, async (input) => {
        const pem = buildPem(input)
        const outcome: Outcome<CryptoKey> = await settle(() => importKey(pem, input.alg as KeyAlgorithm))
        if (outcome.kind === 'resolved') {
          seen.resolved++
          expect(isSupported(input.alg)).toBe(true)
          expectKeyFor(outcome.value, input.alg as KeyAlgorithm, false)
          // A PRIVATE KEY label gives a private key; PUBLIC KEY and CERTIFICATE a public one.
          expect(outcome.value.type).toBe(/^\s*-----BEGIN [^-]*PRIVATE/.test(pem) ? 'private' : 'public')
        } else {
          const error = expectJoseFailure(outcome, [isSupported(input.alg) ? 'ERR_KEY_INVALID' : 'ERR_ALG_NOT_SUPPORTED'], [pem, pemBody(pem)])
          if (error.cause !== undefined) seen.webCrypto++
        }
      }),
      { numRuns: 3000 },
    )
    // The mutations reach Web Crypto, and some still import, rather than all dying in the PEM reader.
    expect(seen.webCrypto).toBeGreaterThan(0)
    expect(seen.resolved).toBeGreaterThan(0)
  }, 60_000)
})
