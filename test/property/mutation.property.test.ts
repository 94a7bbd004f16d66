/**
 * Every mutation of a valid token is rejected with a JoseError: never accepted, never another
 * kind of exception, never a hang. Mutations: bit flips in any segment's decoded bytes,
 * character substitutions and insertions, truncation, segment swaps, duplicated or removed
 * segments, inserted dots, and up to three of these combined. fast-check prints the seed and
 * the shrunk counterexample on failure.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { compactDecrypt } from '../../src/jwe/compact-decrypt.ts'
import { compactVerify } from '../../src/jws/compact-verify.ts'
import { jwtVerify } from '../../src/jwt/jwt-verify.ts'
import { decryptAndVerifyJwt } from '../../src/verifier/decrypt-and-verify-jwt.ts'
import { DecryptionKeySet } from '../../src/jwks/decryption-key-set.ts'
import { createLocalJwks } from '../../src/jwks/local-jwks.ts'
import { JoseError } from '../../src/errors.ts'
import { settle, type Outcome } from './support.ts'
import {
  assertNoLeak,
  createContext,
  defaultClaims,
  encryptJwe,
  namedKey,
  signJws,
  type Context,
} from '../security/support.ts'

type Mutation =
  | { kind: 'flip'; segment: number; byte: number; bit: number }
  | { kind: 'substitute'; at: number; char: string }
  | { kind: 'insert'; at: number; char: string }
  | { kind: 'truncate'; at: number }
  | { kind: 'swap'; i: number; j: number }
  | { kind: 'duplicate'; i: number }
  | { kind: 'remove'; i: number }
  | { kind: 'dot'; at: number }

const CHARS = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_', '.', '=', '+', '/', ' ', '\n', 'é', '\u0000', '"', '{', '\ud800']

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('flip' as const), segment: fc.nat(), byte: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('substitute' as const), at: fc.nat(), char: fc.constantFrom(...CHARS) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), char: fc.constantFrom(...CHARS) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('swap' as const), i: fc.nat(), j: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('duplicate' as const), i: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove' as const), i: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('dot' as const), at: fc.nat() }) },
)

const mutations = fc.array(mutation, { minLength: 1, maxLength: 3 })

function apply(token: string, m: Mutation): string {
  const parts = token.split('.')
  const pick = (n: number) => n % parts.length
  switch (m.kind) {
    case 'flip': {
      const index = pick(m.segment)
      // Buffer decodes leniently, so a segment spoiled by an earlier mutation still has bytes.
      const bytes = Buffer.from(parts[index]!, 'base64url')
      if (bytes.length === 0) parts[index] = Buffer.from([1 << m.bit]).toString('base64url')
      else {
        const at = m.byte % bytes.length
        bytes[at] = bytes[at]! ^ (1 << m.bit)
        parts[index] = bytes.toString('base64url')
      }
      return parts.join('.')
    }
    case 'substitute': {
      if (token.length === 0) return m.char
      const at = m.at % token.length
      return token.slice(0, at) + m.char + token.slice(at + 1)
    }
    case 'insert': {
      const at = m.at % (token.length + 1)
      return token.slice(0, at) + m.char + token.slice(at)
    }
    case 'truncate':
      return token.slice(0, m.at % Math.max(token.length, 1))
    case 'swap': {
      const i = pick(m.i)
      const j = pick(m.j)
      ;[parts[i], parts[j]] = [parts[j]!, parts[i]!]
      return parts.join('.')
    }
    case 'duplicate': {
      const i = pick(m.i)
      parts.splice(i, 0, parts[i]!)
      return parts.join('.')
    }
    case 'remove':
      parts.splice(pick(m.i), 1)
      return parts.join('.')
    case 'dot': {
      const at = m.at % (token.length + 1)
      return `${token.slice(0, at)}.${token.slice(at)}`
    }
  }
}

const mutate = (token: string, list: readonly Mutation[]) => list.reduce(apply, token)

function expectJoseRejection(outcome: Outcome<unknown>, tokens: string[]): void {
  if (outcome.kind === 'resolved') expect.fail(`a mutated token was accepted: ${JSON.stringify(tokens[0])}`)
  if (outcome.kind === 'hang') expect.fail(`verification did not settle within 5 s: ${JSON.stringify(tokens[0])}`)
  const { error } = outcome
  if (!(error instanceof JoseError)) {
    expect.fail(`not a JoseError: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`)
  }
  assertNoLeak(error.message, tokens)
}

let ctx: Context
let jwes: string[]
let jwss: string[]
let keySet: DecryptionKeySet
let jwks: ReturnType<typeof createLocalJwks>

beforeAll(async () => {
  ctx = await createContext()
  jwss = [signJws(defaultClaims()), signJws({ ...defaultClaims(), scope: 'read write' }, { alg: 'RS256', header: { kid: 'sig-1' } })]
  jwes = [encryptJwe(jwss[0]!), encryptJwe(jwss[1]!, { header: { kid: undefined } })]
  keySet = new DecryptionKeySet([{ kid: 'enc-1', key: ctx.recipient.privatePem }, { key: namedKey('other-recipient').privatePem }, { key: ctx.decryptionKey }])
  jwks = createLocalJwks({ keys: [{ ...ctx.signer.publicJwk, kid: 'sig-1' }] })
  // The unmutated tokens are accepted by every API used below.
  for (const jwe of jwes) {
    await compactDecrypt(jwe, ctx.decryptionKey, ctx.jwe)
    await decryptAndVerifyJwt(jwe, ctx.nested())
    await decryptAndVerifyJwt(jwe, ctx.nested({ decryptionKey: keySet, verificationKey: jwks }))
  }
  for (const jws of jwss) {
    await compactVerify(jws, ctx.verificationKey, { algorithms: ['RS256'] })
    await jwtVerify(jws, jwks, ctx.jws)
  }
}, 30_000)

describe('mutated tokens are always rejected with a JoseError', () => {
  it('JWE: compactDecrypt, decryptAndVerifyJwt with a CryptoKey, and with a DecryptionKeySet + local JWK set', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), mutations, async (which, list) => {
        const original = jwes[which % jwes.length]!
        const token = mutate(original, list)
        fc.pre(token !== original)
        const tokens = [token, original]
        expectJoseRejection(await settle(() => compactDecrypt(token, ctx.decryptionKey, ctx.jwe)), tokens)
        expectJoseRejection(await settle(() => decryptAndVerifyJwt(token, ctx.nested())), tokens)
        expectJoseRejection(await settle(() => decryptAndVerifyJwt(token, ctx.nested({ decryptionKey: keySet, verificationKey: jwks }))), tokens)
      }),
      { numRuns: 600 },
    )
  }, 60_000)

  it('JWS: compactVerify with a CryptoKey, jwtVerify with a local JWK set', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), mutations, async (which, list) => {
        const original = jwss[which % jwss.length]!
        const token = mutate(original, list)
        fc.pre(token !== original)
        const tokens = [token, original]
        expectJoseRejection(await settle(() => compactVerify(token, ctx.verificationKey, { algorithms: ['RS256', 'PS256'] })), tokens)
        expectJoseRejection(await settle(() => jwtVerify(token, jwks, ctx.jws)), tokens)
      }),
      { numRuns: 1000 },
    )
  }, 60_000)

  it('nested: the inner JWS mutated, then encrypted correctly, fails decryptAndVerifyJwt', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), mutations, async (which, list) => {
        const original = jwss[which % jwss.length]!
        const inner = mutate(original, list)
        fc.pre(inner !== original)
        const token = encryptJwe(inner)
        expectJoseRejection(await settle(() => decryptAndVerifyJwt(token, ctx.nested())), [token, inner, original])
      }),
      { numRuns: 300 },
    )
  }, 60_000)

  it('the mutation generator does change tokens (sanity)', () => {
    const samples = fc.sample(mutations, { numRuns: 200, seed: 1 })
    const changed = samples.filter((list) => mutate(jwss[0]!, list) !== jwss[0]).length
    expect(changed).toBeGreaterThan(180)
  })
})
