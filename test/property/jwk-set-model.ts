/**
 * The model jwks.property.test.ts holds createLocalJwks and selectJwk to: what the RFC 7517
 * selection rules say the outcome is for a document and a header, and the checks against it.
 */
import { expect } from 'vitest'
import { createLocalJwks } from '../../src/jwks/local-jwks.ts'
import { selectJwk } from '../../src/jwks/select-jwk.ts'
import type { JsonWebKeySet } from '../../src/jwks/jwk-set.ts'
import type { JwsHeader } from '../../src/serialization/header.ts'
import type { JoseErrorCode } from '../../src/errors.ts'
import type { RsaSignatureAlgorithm as SignatureAlgorithm } from '../../src/algorithms/signature/rsa.ts'
import { WEB_CRYPTO, type TestRsaKey } from '../helpers/keys.ts'
import { expectJoseFailure, isCryptoKey, settle } from './support.ts'
import { MAX_KEYS, MESSAGE, SIGNATURE_ALGS, type KeyPool } from './jwk-set-documents.ts'

const isSignatureAlg = (name: unknown): name is SignatureAlgorithm => (SIGNATURE_ALGS as unknown[]).includes(name)
const MAX_DEPTH = 16

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && [Object.prototype, null].includes(Object.getPrototypeOf(value))

/** Whether arrays and objects nest deeper than MAX_DEPTH, the document being level 1 (iterative). */
export function tooDeep(value: unknown): boolean {
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
const poolIndex = (match: Record<string, unknown>, pool: TestRsaKey[]): number => pool.findIndex(({ publicJwk }) => publicJwk.n === match.n && publicJwk.e === match.e)


/** Checks createLocalJwks(doc) and its answer to `request` against the model; resolves to whether it gave a key. */
export async function checkResolver(doc: unknown, request: { alg: string; kid?: string }, text: string, { pool, signatures }: KeyPool): Promise<boolean> {
  const created = await settle(() => createLocalJwks(doc as JsonWebKeySet))
  if (!isSet(doc)) {
    expectJoseFailure(created, ['ERR_JWKS_INVALID'], [text])
    return false
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
    return false
  }
  if (outcome.kind !== 'resolved') {
    // The one matching entry may still be unusable (bad base64url, under 2048 bits, key_ops
    // repeated, ...), but not when it is a 2048-bit pool key with fitting members.
    expectJoseFailure(outcome, ['ERR_KEY_INVALID'], [text])
    expect(isImportable(expected.match, pool), 'a usable matching key was refused').toBe(false)
    return false
  }
  const key = outcome.value
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
  const index = poolIndex(expected.match, pool)
  if (index !== -1) {
    const params = alg.startsWith('PS') ? { name: 'RSA-PSS', saltLength: Number(alg.slice(2)) / 8 } : { name: 'RSASSA-PKCS1-v1_5' }
    expect(await crypto.subtle.verify(params, key, signatures[index]![alg] as BufferSource, MESSAGE)).toBe(true)
  }
  return true
}

/**
 * A strong pool key whose "key_ops" are absent or distinct strings, only sign/verify beside
 * "use" (RFC 7517 §4.3): checkJwk accepts it.
 */
function isImportable(jwk: Record<string, unknown>, pool: TestRsaKey[]): boolean {
  const ops = jwk.key_ops
  return (
    poolIndex(jwk, pool) !== -1 &&
    pool[poolIndex(jwk, pool)] !== pool[2] &&
    (ops === undefined ||
      (Array.isArray(ops) &&
        ops.every((op) => typeof op === 'string' && (jwk.use === undefined || op === 'sign' || op === 'verify')) &&
        new Set(ops).size === ops.length))
  )
}

/** Checks selectJwk over the entries of `doc` against the model. */
export function checkSelectJwk(doc: unknown, request: { alg: string; kid?: string }, text: string): void {
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
