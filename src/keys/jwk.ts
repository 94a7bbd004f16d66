import { JoseError } from '../errors.ts'
import { hasOwn, type RsaAlgorithmSpec } from '../algorithms/rsa-spec.ts'
import { decode } from '../encoding/base64url.ts'

/** An RSA JWK that passed checkRsaJwk, reduced to what Web Crypto needs. */
export interface CheckedRsaJwk {
  /** kty, n, e and, for a private key, d, p, q, dp, dq, qi: nothing Web Crypto could object to. */
  readonly jwk: JsonWebKey
  readonly isPrivate: boolean
  /** The spec's usages for this key type, narrowed by "key_ops" when present. */
  readonly usages: KeyUsage[]
}

// RFC 7518 §6.3.2: Web Crypto needs the CRT members, and "oth" (multi-prime) is unsupported.
const CRT_MEMBERS = ['p', 'q', 'dp', 'dq', 'qi'] as const

/**
 * Validates an RSA JWK (RFC 7517 §4, RFC 7518 §6.3) for `alg`. "alg", "use", "key_ops" and
 * "ext" are checked here rather than by Web Crypto so each contradiction gets a message
 * naming the member. Members are read as own properties only; messages never quote values.
 */
export function checkRsaJwk(input: unknown, alg: string, spec: RsaAlgorithmSpec, extractable: boolean): CheckedRsaJwk {
  if (!isPlainObject(input)) throw invalid('JWK must be a plain object')
  // A JSON "__proto__" member becomes an own property; refuse it rather than guess what it meant.
  if (hasOwn(input, '__proto__')) throw invalid('JWK must not have a "__proto__" member')
  const member = (name: string): unknown => (hasOwn(input, name) ? input[name] : undefined)

  if (member('kty') !== 'RSA') throw invalid('JWK member "kty" must be "RSA"')
  const jwk: JsonWebKey = { kty: 'RSA', n: base64url(member('n'), 'n'), e: base64url(member('e'), 'e') }

  const isPrivate = member('d') !== undefined
  if (isPrivate) {
    jwk.d = base64url(member('d'), 'd')
    for (const name of CRT_MEMBERS) {
      if (member(name) === undefined) throw invalid(`private JWK is missing member "${name}"`)
      jwk[name] = base64url(member(name), name)
    }
    if (member('oth') !== undefined) throw invalid('JWK member "oth" (multi-prime RSA) is not supported')
  } else if (CRT_MEMBERS.some((name) => member(name) !== undefined)) {
    throw invalid('JWK has private members but no "d"')
  }

  const jwkAlg = member('alg')
  if (jwkAlg !== undefined && jwkAlg !== alg) throw invalid(`JWK member "alg" does not match ${alg}`)
  const use = member('use')
  if (use !== undefined && use !== spec.use) throw invalid(`JWK member "use" must be "${spec.use}" for ${alg}`)

  const needed = isPrivate ? spec.privateUsages : spec.publicUsages
  let usages = [...needed]
  const keyOps = member('key_ops')
  if (keyOps !== undefined) {
    if (!Array.isArray(keyOps) || !keyOps.every((op) => typeof op === 'string')) {
      throw invalid('JWK member "key_ops" must be an array of strings')
    }
    // RFC 7517 §4.3: duplicate key operation values MUST NOT be present.
    if (new Set(keyOps).size !== keyOps.length) throw invalid('JWK member "key_ops" has duplicate values')
    usages = usages.filter((usage) => keyOps.includes(usage))
    if (usages.length === 0) throw invalid(`JWK member "key_ops" does not allow ${needed.join(' or ')}`)
  }

  const ext = member('ext')
  if (ext !== undefined && typeof ext !== 'boolean') throw invalid('JWK member "ext" must be a boolean')
  if (ext === false && extractable) throw invalid('JWK member "ext" is false but an extractable key was requested')

  return { jwk, isPrivate, usages }
}

/** JSON.parse output or an object literal, from any realm; not an array, class instance or null. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const proto: unknown = Object.getPrototypeOf(value)
  return proto === null || Object.getPrototypeOf(proto) === null
}

/** RFC 7518 §6.3: the key members are base64urlUInt; a lenient decoder could read garbage as a different key. */
function base64url(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.length === 0) throw invalid(`JWK member "${name}" must be a non-empty string`)
  try {
    decode(value)
  } catch {
    throw invalid(`JWK member "${name}" is not valid base64url`)
  }
  return value
}

/** ERR_KEY_INVALID with a fixed message (never key material). */
export const keyError = (message: string): JoseError => new JoseError('ERR_KEY_INVALID', message)
const invalid = keyError
