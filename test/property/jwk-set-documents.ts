/**
 * The random JWK set documents of jwks.property.test.ts: `{ "keys": [...] }` with random entries,
 * and near-valid sets built from real public keys whose entries carry varied "kid", "alg", "use"
 * and "key_ops", private members, JWK mutations (see support.ts), "__proto__" members, deep
 * nesting, or too many keys; and the headers that select from them.
 */
import fc from 'fast-check'
import { constants, sign } from 'node:crypto'
import type { RsaSignatureAlgorithm as SignatureAlgorithm } from '../../src/algorithms/signature/rsa.ts'
import { generateKeyObjects, namedKey, nodeHash, type TestRsaKey } from '../helpers/keys.ts'
import { editJwk, json, jwkEdit, memberValue, pick, withProtoMember, type JwkEdit } from './support.ts'

export const SIGNATURE_ALGS: SignatureAlgorithm[] = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512']
export const MESSAGE = new TextEncoder().encode('webjose jwks property')
export const MAX_KEYS = 100

/** The real keys documents are built from. */
export interface KeyPool {
  pool: TestRsaKey[]
  /** Public JWKs of other key types, and a private RSA JWK. */
  foreign: JsonWebKey[]
  /** signatures[key][alg]: MESSAGE signed with pool key `key` (the 2048-bit ones: the weak key never resolves). */
  signatures: Record<SignatureAlgorithm, Uint8Array>[]
}

/** Two 2048-bit pool keys and a 1024-bit one, foreign JWKs, and their signatures (made in beforeAll). */
export function makeKeyPool(): KeyPool {
  const pool = [namedKey('a'), namedKey('b'), namedKey('weak', 1024)]
  const ec = generateKeyObjects('ec', { namedCurve: 'P-256' })
  const ed = generateKeyObjects('ed25519')
  const foreign = [ec.publicKey.export({ format: 'jwk' }), ed.publicKey.export({ format: 'jwk' }), { kty: 'oct', k: 'AAAA' }, pool[0]!.privateJwk]
  const signatures = pool.slice(0, 2).map(({ privateKey }) =>
    Object.fromEntries(
      SIGNATURE_ALGS.map((alg) => {
        const pss = alg.startsWith('PS') ? { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST } : {}
        return [alg, new Uint8Array(sign(nodeHash(alg), MESSAGE, { key: privateKey, ...pss }))]
      }),
    ) as Record<SignatureAlgorithm, Uint8Array>,
  )
  return { pool, foreign, signatures }
}

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

export const document: fc.Arbitrary<Document> = fc.record({
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

function buildEntry(recipe: Entry, { pool, foreign }: KeyPool): unknown {
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

/** The document `recipe` describes, built from `keyPool`. */
export function buildDocument({ entries, shape, extra }: Document, keyPool: KeyPool): unknown {
  // Through JSON text, as a set from configuration arrives (deep values are built after: JSON.stringify cannot take them).
  const keys = JSON.parse(JSON.stringify(entries.map((recipe) => (recipe.type === 'deep' ? null : buildEntry(recipe, keyPool))))) as unknown[]
  entries.forEach((recipe, i) => {
    if (recipe.type === 'deep') keys[i] = buildEntry(recipe, keyPool)
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

export const header = fc.record(
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
