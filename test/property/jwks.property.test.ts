/**
 * createLocalJwks and key selection over random documents: any JSON value, `{ "keys": [...] }`
 * with random entries, and near-valid sets built from real public keys whose entries carry
 * varied "kid", "alg", "use" and "key_ops", private members, JWK mutations (see support.ts),
 * "__proto__" members, deep nesting, or too many keys.
 *
 * Properties: createLocalJwks returns a resolver or throws ERR_JWKS_INVALID, exactly when the
 * document is not a set of at most 100 keys nested at most 16 levels (as a fetched set); the
 * resolver gives a public, non-extractable verification CryptoKey of the one key that matches
 * (RFC 7517: "kid" equal when the header has one, "use" sig, "alg" the header's, "key_ops"
 * with verify; copies of one public key count once), or rejects with ERR_JWKS_NO_MATCHING_KEY,
 * ERR_JWKS_MULTIPLE_MATCHING_KEYS, ERR_ALG_NOT_SUPPORTED or ERR_KEY_INVALID as that model
 * predicts; selectJwk returns the matching entry itself, or one of those codes. No message
 * quotes the document. fast-check prints the seed and the shrunk counterexample on failure.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { constants, sign } from 'node:crypto'
import { createLocalJwks } from '../../src/jwks/local-jwks.ts'
import { selectJwk } from '../../src/jwks/select-jwk.ts'
import type { JsonWebKeySet } from '../../src/jwks/jwk-set.ts'
import type { JwsHeader } from '../../src/serialization/header.ts'
import type { JoseErrorCode } from '../../src/errors.ts'
import type { RsaSignatureAlgorithm as SignatureAlgorithm } from '../../src/algorithms/signature/rsa.ts'
import { generateKeyObjects, namedKey, nodeHash, WEB_CRYPTO, type TestRsaKey } from '../helpers/keys.ts'
import { editJwk, expectJoseFailure, isCryptoKey, json, jwkEdit, memberValue, pick, settle, withProtoMember, type JwkEdit } from './support.ts'

const SIGNATURE_ALGS: SignatureAlgorithm[] = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512']
const isSignatureAlg = (name: unknown): name is SignatureAlgorithm => (SIGNATURE_ALGS as unknown[]).includes(name)
const MESSAGE = new TextEncoder().encode('webjose jwks property')
const MAX_KEYS = 100
const MAX_DEPTH = 16

let pool: TestRsaKey[]
/** Public JWKs of other key types, and a private RSA JWK. */
let foreign: JsonWebKey[]
/** signatures[key][alg]: MESSAGE signed with pool key `key` (the 2048-bit ones: the weak key never resolves). */
let signatures: Record<SignatureAlgorithm, Uint8Array>[]

beforeAll(() => {
  pool = [namedKey('a'), namedKey('b'), namedKey('weak', 1024)]
  const ec = generateKeyObjects('ec', { namedCurve: 'P-256' })
  const ed = generateKeyObjects('ed25519')
  foreign = [ec.publicKey.export({ format: 'jwk' }), ed.publicKey.export({ format: 'jwk' }), { kty: 'oct', k: 'AAAA' }, pool[0]!.privateJwk]
  signatures = pool.slice(0, 2).map(({ privateKey }) =>
    Object.fromEntries(
      SIGNATURE_ALGS.map((alg) => {
        const pss = alg.startsWith('PS') ? { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST } : {}
        return [alg, new Uint8Array(sign(nodeHash(alg), MESSAGE, { key: privateKey, ...pss }))]
      }),
    ) as Record<SignatureAlgorithm, Uint8Array>,
  )
})

// ---------------------------------------------------------------------------------------------
// Documents.

type Entry =
  | {
      type: 'pool'
      key: number
      private: boolean
      /** Undefined: absent (the JSON round trip drops it). */
      members: { kid: unknown; alg: unknown; use: unknown; key_ops: unknown }
      edits: JwkEdit[]
    }
  | { type: 'json'; value: unknown }
  | { type: 'foreign'; which: number }
  /** A pool key with one member nested `depth` levels deep (arrays or objects). */
  | { type: 'deep'; key: number; member: 'kid' | 'key_ops' | 'alg' | 'x5c'; depth: number; objects: boolean }

/** Stands for the pool key's own kid: "k1", "k2", "k3" (the weak one). */
const OWN_KID = Symbol('own kid')

/** A member usually absent or fitting a header (the headers below favour RS256, PS256, k1, k2, k3), sometimes anything. */
const member = (fitting: fc.Arbitrary<unknown>, other: fc.Arbitrary<unknown>, absent = 6) =>
  fc.oneof(
    { weight: absent, arbitrary: fc.constant(undefined) },
    { weight: 8, arbitrary: fitting },
    { weight: 1, arbitrary: other },
    { weight: 1, arbitrary: json },
  )

const entry: fc.Arbitrary<Entry> = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.record({
      type: fc.constant('pool' as const),
      key: fc.nat(),
      private: fc.boolean(),
      members: fc.record({
        kid: member(fc.constant(OWN_KID), fc.constantFrom('k1', 'k2', 'K1', ''), 1),
        alg: member(fc.constantFrom('RS256', 'PS256'), fc.constantFrom(...SIGNATURE_ALGS, 'RSA-OAEP-256', 'none')),
        use: member(fc.constant('sig'), fc.constantFrom('enc', 'SIG')),
        key_ops: member(fc.constantFrom(['verify'], ['sign', 'verify']), memberValue.key_ops),
      }),
      edits: fc.oneof({ weight: 3, arbitrary: fc.constant<JwkEdit[]>([]) }, { weight: 1, arbitrary: fc.array(jwkEdit, { maxLength: 2 }) }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('json' as const), value: json }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('foreign' as const), which: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('deep' as const),
      key: fc.nat(),
      member: fc.constantFrom('kid' as const, 'key_ops' as const, 'alg' as const, 'x5c' as const),
      depth: fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 1, max: 20 }) }, { weight: 1, arbitrary: fc.constantFrom(5_000, 50_000) }),
      objects: fc.boolean(),
    }),
  },
)

type Shape = 'plain' | 'extra' | 'proto' | 'nullPrototype' | 'tooMany' | 'keysNotArray' | 'array'

interface Document {
  entries: Entry[]
  shape: Shape
  extra: unknown
}

const document: fc.Arbitrary<Document> = fc.record({
  entries: fc.array(entry, { maxLength: 6 }),
  shape: fc.oneof(
    { weight: 12, arbitrary: fc.constant('plain' as const) },
    { weight: 1, arbitrary: fc.constantFrom('extra' as const, 'proto' as const, 'nullPrototype' as const, 'tooMany' as const, 'keysNotArray' as const, 'array' as const) },
  ),
  extra: json,
})

function nest(value: unknown, depth: number, objects: boolean): unknown {
  for (let i = 1; i < depth; i++) value = objects ? { kid: value } : [value]
  return value
}

function buildEntry(recipe: Entry): unknown {
  switch (recipe.type) {
    case 'pool': {
      const key = pick(pool, recipe.key)
      const kid = recipe.members.kid === OWN_KID ? `k${pool.indexOf(key) + 1}` : recipe.members.kid
      const start = { ...(recipe.private ? key.privateJwk : key.publicJwk), ...recipe.members, kid } as Record<string, unknown>
      return recipe.edits.reduce((jwk, edit) => editJwk(jwk, edit, pool.map(({ privateJwk }) => privateJwk)), start)
    }
    case 'json':
      return recipe.value
    case 'foreign':
      return pick(foreign, recipe.which)
    case 'deep':
      return { ...pick(pool, recipe.key).publicJwk, [recipe.member]: nest('verify', recipe.depth, recipe.objects) }
  }
}

function buildDocument({ entries, shape, extra }: Document): unknown {
  // Through JSON text, as a set from configuration arrives (deep values are built after: JSON.stringify cannot take them).
  const keys = JSON.parse(JSON.stringify(entries.map((recipe) => (recipe.type === 'deep' ? null : buildEntry(recipe))))) as unknown[]
  entries.forEach((recipe, i) => {
    if (recipe.type === 'deep') keys[i] = buildEntry(recipe)
  })
  switch (shape) {
    case 'plain':
      return { keys }
    case 'extra':
      return { ...(typeof extra === 'object' && extra !== null ? extra : { extra }), keys }
    case 'proto':
      return { ...withProtoMember({}, extra), keys }
    case 'nullPrototype':
      return Object.assign(Object.create(null) as object, { keys })
    case 'tooMany':
      return { keys: Array.from({ length: MAX_KEYS + 1 + (keys.length % 3) }, (_, i) => keys[i % Math.max(keys.length, 1)] ?? {}) }
    case 'keysNotArray':
      return { keys: Array.isArray(extra) ? { ...extra } : extra }
    case 'array':
      return [{ keys }]
  }
}

const header = fc.record(
  {
    alg: fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom('RS256', 'PS256') },
      { weight: 3, arbitrary: fc.constantFrom(...SIGNATURE_ALGS) },
      { weight: 1, arbitrary: fc.constantFrom('RSA-OAEP-256', 'none', 'HS256', 'ES256K', 'rs256', 'toString') },
    ),
    kid: fc.oneof({ weight: 4, arbitrary: fc.constantFrom('k1', 'k2', 'k3') }, { weight: 1, arbitrary: fc.constantFrom('K1', '') }, { weight: 1, arbitrary: fc.string({ maxLength: 4 }) }),
  },
  { requiredKeys: ['alg'] },
)

// ---------------------------------------------------------------------------------------------
// The model: what the RFC 7517 selection rules say the outcome is.

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && [Object.prototype, null].includes(Object.getPrototypeOf(value))

/** Whether arrays and objects nest deeper than MAX_DEPTH, the document being level 1 (iterative). */
function tooDeep(value: unknown): boolean {
  const stack: [unknown, number][] = [[value, 1]]
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [node, level] = item
    if (typeof node !== 'object' || node === null) continue
    if (level > MAX_DEPTH) return true
    for (const child of Object.values(node)) stack.push([child, level + 1])
  }
  return false
}

const isSet = (doc: unknown): doc is { keys: unknown[] } =>
  isPlainObject(doc) && Array.isArray(doc.keys) && doc.keys.length <= MAX_KEYS && !tooDeep(doc)

/** Whether a JWK, present members exactly right, may verify `alg` for a header with `kid`. */
const matches = (jwk: Record<string, unknown>, { alg, kid }: { alg: string; kid?: string }): boolean =>
  jwk.kty === 'RSA' &&
  (kid === undefined || jwk.kid === kid) &&
  (jwk.use === undefined || jwk.use === 'sig') &&
  (jwk.alg === undefined || jwk.alg === alg) &&
  (jwk.key_ops === undefined ||
    (Array.isArray(jwk.key_ops) &&
      jwk.key_ops.includes('verify') &&
      // RFC 7517 §4.3: beside "use", only operations of that use.
      (jwk.use === undefined || jwk.key_ops.every((op) => op === 'sign' || op === 'verify'))))

type Expected = { code: JoseErrorCode } | { match: Record<string, unknown> }

/** The outcome for the entries a selection considers: one match (its n and e decide sameness), or the error. */
function expectedSelection(entries: Record<string, unknown>[], request: { alg: string; kid?: string }): Expected {
  if (!isSignatureAlg(request.alg)) return { code: 'ERR_ALG_NOT_SUPPORTED' }
  const found = entries.filter((jwk) => matches(jwk, request))
  const [first] = found
  if (!first) return { code: 'ERR_JWKS_NO_MATCHING_KEY' }
  if (found.some((jwk) => jwk.n !== first.n || jwk.e !== first.e)) return { code: 'ERR_JWKS_MULTIPLE_MATCHING_KEYS' }
  return { match: first }
}

/** The pool key that signs like `match`, when its n and e are a pool key's. */
const poolIndex = (match: Record<string, unknown>): number => pool.findIndex(({ publicJwk }) => publicJwk.n === match.n && publicJwk.e === match.e)

/** Resolved keys, to check that the generators reach the successful path. */
let resolved = 0

async function checkResolver(doc: unknown, request: { alg: string; kid?: string }, text: string): Promise<void> {
  const created = await settle(() => createLocalJwks(doc as JsonWebKeySet))
  if (!isSet(doc)) {
    expectJoseFailure(created, ['ERR_JWKS_INVALID'], [text])
    return
  }
  if (created.kind !== 'resolved') expect.fail(`a JWK set was refused: ${created.kind === 'rejected' ? String(created.error) : 'hang'}`)
  // RFC 7517 §5: entries that are not plain RSA objects with string "n" and "e" are skipped.
  const usable = doc.keys.filter(
    (jwk): jwk is Record<string, unknown> => isPlainObject(jwk) && jwk.kty === 'RSA' && typeof jwk.n === 'string' && typeof jwk.e === 'string',
  )
  const expected = expectedSelection(usable, request)
  const outcome = await settle(() => created.value(request as JwsHeader))
  if ('code' in expected) {
    expectJoseFailure(outcome, [expected.code], [text])
    return
  }
  if (outcome.kind !== 'resolved') {
    // The one matching entry may still be unusable (bad base64url, under 2048 bits, key_ops
    // repeated, ...), but not when it is a 2048-bit pool key with fitting members.
    expectJoseFailure(outcome, ['ERR_KEY_INVALID'], [text])
    expect(isImportable(expected.match), 'a usable matching key was refused').toBe(false)
    return
  }
  const key = outcome.value
  resolved++
  expect(isCryptoKey(key)).toBe(true)
  const alg = request.alg as SignatureAlgorithm
  // Never a private key, whatever the set held (README: its private members are dropped).
  expect(key.type).toBe('public')
  expect(key.usages).toEqual(['verify'])
  expect(key.extractable).toBe(false)
  expect((key.algorithm as RsaHashedKeyAlgorithm).name).toBe(WEB_CRYPTO[alg].name)
  expect((key.algorithm as RsaHashedKeyAlgorithm).hash.name).toBe(WEB_CRYPTO[alg].hash)
  expect((key.algorithm as RsaHashedKeyAlgorithm).modulusLength).toBeGreaterThanOrEqual(2048)
  // And it is the matching entry's key: it verifies what that pool key signed.
  const index = poolIndex(expected.match)
  if (index !== -1) {
    const params = alg.startsWith('PS') ? { name: 'RSA-PSS', saltLength: Number(alg.slice(2)) / 8 } : { name: 'RSASSA-PKCS1-v1_5' }
    expect(await crypto.subtle.verify(params, key, signatures[index]![alg] as BufferSource, MESSAGE)).toBe(true)
  }
}

/**
 * A strong pool key whose "key_ops" are absent or distinct strings, only sign/verify beside
 * "use" (RFC 7517 §4.3): checkJwk accepts it.
 */
function isImportable(jwk: Record<string, unknown>): boolean {
  const ops = jwk.key_ops
  return (
    poolIndex(jwk) !== -1 &&
    pool[poolIndex(jwk)] !== pool[2] &&
    (ops === undefined ||
      (Array.isArray(ops) &&
        ops.every((op) => typeof op === 'string' && (jwk.use === undefined || op === 'sign' || op === 'verify')) &&
        new Set(ops).size === ops.length))
  )
}

function checkSelectJwk(doc: unknown, request: { alg: string; kid?: string }, text: string): void {
  if (!isPlainObject(doc) || !Array.isArray(doc.keys)) return
  const keys = doc.keys as object[]
  // selectJwk reads own enumerable members of every entry: only objects can have "kty" "RSA".
  const candidates = keys.filter((jwk): jwk is Record<string, unknown> => typeof jwk === 'object' && jwk !== null && !Array.isArray(jwk))
  const expected = expectedSelection(candidates, request)
  let result: unknown
  try {
    result = selectJwk(keys, request as JwsHeader)
  } catch (error) {
    expectJoseFailure({ kind: 'rejected', error }, 'code' in expected ? [expected.code] : [], [text])
    return
  }
  expect('match' in expected && result === expected.match, 'selectJwk returned another entry than the one matching key').toBe(true)
}

// ---------------------------------------------------------------------------------------------

describe('local JWK sets: a CryptoKey of the matching key or a JoseError', () => {
  it('any JSON value, and { keys: [any JSON] }', async () => {
    const doc = fc.oneof(fc.jsonValue(), fc.record({ keys: fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 5 }) }))
    await fc.assert(
      fc.asyncProperty(doc, header, async (value, request) => {
        const text = JSON.stringify(value) ?? ''
        await checkResolver(value, request, text)
        checkSelectJwk(value, request, text)
      }),
      { numRuns: 1000 },
    )
  })

  it('near-valid sets of real keys: kid/alg/use/key_ops variations, private members, mutations, deep nesting, too many keys', async () => {
    resolved = 0
    await fc.assert(
      fc.asyncProperty(document, fc.array(header, { minLength: 1, maxLength: 3 }), async (recipe, requests) => {
        const doc = buildDocument(recipe)
        const text = tooDeep(doc) ? '' : (JSON.stringify(doc) ?? '')
        for (const request of requests) {
          await checkResolver(doc, request, text)
          checkSelectJwk(doc, request, text)
        }
      }),
      { numRuns: 1000 },
    )
    expect(resolved).toBeGreaterThan(0)
  }, 30_000)
})
