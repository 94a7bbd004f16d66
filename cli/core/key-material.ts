/**
 * Key material as a person pastes it: PEM text, a JWK, a JWK set (JSON) or a JWKS URL, turned into
 * the key resolvers of the public API. Web-safe (no node: imports): the debugger page uses it too.
 */
import { createLocalJwks, createRemoteJwks, importKey, JoseError, type KeyAlgorithm } from '../../src/index.ts'

export type KeyMaterial =
  | { readonly kind: 'pem'; readonly pem: string }
  | { readonly kind: 'jwk'; readonly jwk: JsonWebKey }
  | { readonly kind: 'jwks'; readonly keys: readonly JsonWebKey[] }
  | { readonly kind: 'url'; readonly url: string }

/** The header members that steer key selection. */
export interface KeyHeader {
  readonly alg?: unknown
  readonly kid?: unknown
}

export type Resolver = (header: KeyHeader) => Promise<CryptoKey>

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Classifies pasted text; undefined when it is none of the four (the caller says so, without echoing it). */
export function parseKeyText(text: string): KeyMaterial | undefined {
  const trimmed = text.trim()
  if (trimmed.startsWith('-----BEGIN ')) return { kind: 'pem', pem: trimmed }
  if (/^https?:\/\/\S+$/i.test(trimmed)) return { kind: 'url', url: trimmed }
  if (!trimmed.startsWith('{')) return undefined
  let value: unknown
  try {
    value = JSON.parse(trimmed)
  } catch {
    return undefined
  }
  if (isObject(value) && Array.isArray(value.keys)) return { kind: 'jwks', keys: value.keys as JsonWebKey[] }
  if (isObject(value) && typeof value.kty === 'string') return { kind: 'jwk', jwk: value as JsonWebKey }
  return undefined
}

/** One import per algorithm: Web Crypto binds the hash into a key (README "Keys"). */
function importPerAlg(material: string | JsonWebKey): Resolver {
  const imported = new Map<string, Promise<CryptoKey>>()
  return (header) => {
    const alg = String(header.alg)
    let key = imported.get(alg)
    if (key === undefined) imported.set(alg, (key = importKey(material, alg as KeyAlgorithm)))
    return key
  }
}

/**
 * A JWE key resolver over private JWKs: the entry whose kid is the header's (or the only entry
 * not meant for signatures when the header has none). One key, never several tried in turn.
 */
function decryptionJwks(keys: readonly JsonWebKey[]): Resolver {
  const resolvers = new Map<JsonWebKey, Resolver>()
  return (header) => {
    const candidates = keys.filter(
      (key) => isObject(key) && key.use !== 'sig' && (header.kid === undefined || (key as { kid?: unknown }).kid === header.kid),
    )
    if (candidates.length === 0) return Promise.reject(new JoseError('ERR_JWKS_NO_MATCHING_KEY', 'no key of the set matches the JWE header'))
    if (candidates.length > 1) return Promise.reject(new JoseError('ERR_JWKS_MULTIPLE_MATCHING_KEYS', 'several keys of the set match the JWE header'))
    const jwk = candidates[0]!
    let resolver = resolvers.get(jwk)
    if (resolver === undefined) resolvers.set(jwk, (resolver = importPerAlg(jwk)))
    return resolver(header)
  }
}

/** A resolver that decrypts (JWE) or verifies (JWS) with the material. A URL is a remote JWKS, for verification only. */
export function resolverFor(material: KeyMaterial, purpose: 'decrypt' | 'verify'): Resolver {
  switch (material.kind) {
    case 'pem':
      return importPerAlg(material.pem)
    case 'jwk':
      return importPerAlg(material.jwk)
    case 'jwks':
      if (purpose === 'decrypt') return decryptionJwks(material.keys)
      return wrap(createLocalJwks({ keys: material.keys as never }))
    case 'url':
      if (purpose === 'decrypt') throw new JoseError('ERR_INVALID_ARGUMENT', 'a JWKS URL holds public keys: it cannot decrypt')
      return wrap(createRemoteJwks(material.url))
  }
}

const wrap =
  (resolver: (header: never) => CryptoKey | Promise<CryptoKey>): Resolver =>
  async (header) =>
    resolver(header as never)
