/**
 * The shipped RFC vectors as runnable cases: compact tokens with the key and the expected payload
 * or plaintext. Two shapes are known: the RFC 7515/7516 appendix files ({alg, jwk, compact}) and
 * the RFC 7520 cookbook ({input, output}). Other files are listed as skipped, with the reason.
 */
import { base64url } from '../src/index.ts'

export interface VectorCase {
  readonly vector: string
  readonly kind: 'JWS' | 'JWE'
  readonly alg: string
  readonly enc: string | undefined
  readonly compact: string
  readonly jwk: Record<string, unknown>
  readonly expected: Uint8Array
  readonly skip?: string
}

type Json = Record<string, unknown>
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)
const utf8 = (text: unknown) => new TextEncoder().encode(String(text))

export function casesOf(path: string, data: unknown): VectorCase[] | { readonly skip: string } | undefined {
  if (!isObject(data)) return { skip: 'not a JSON object' }
  // A key, not a token (RFC 7520 §3): nothing to run.
  if (typeof data.kty === 'string') return undefined
  if (typeof data.alg === 'string' && typeof data.compact === 'string' && isObject(data.jwk)) {
    const jwe = data.compact.split('.').length === 5
    return [
      {
        vector: path,
        kind: jwe ? 'JWE' : 'JWS',
        alg: data.alg,
        enc: typeof data.enc === 'string' ? data.enc : undefined,
        compact: data.compact,
        jwk: data.jwk,
        expected: jwe ? utf8(data.plaintext) : base64url.decode(String(data.payload)),
      },
    ]
  }
  const parts = isObject(data.input) ? [['', data]] : Object.entries(data).filter(([, value]) => isObject(value) && isObject(value.input))
  if (parts.length === 0) return { skip: 'format not recognized by the CLI runner' }
  return parts.map(([name, part]) => cookbookCase(name === '' ? path : `${path} (${String(name)})`, part as Json))
}

function cookbookCase(vector: string, part: Json): VectorCase {
  const input = part.input as Json
  const output = (isObject(part.output) ? part.output : {}) as Json
  const compact = typeof output.compact === 'string' ? output.compact : ''
  const jwe = typeof input.enc === 'string'
  return {
    vector,
    kind: jwe ? 'JWE' : 'JWS',
    alg: String(input.alg),
    enc: jwe ? String(input.enc) : undefined,
    compact,
    // A PBES2 vector (RFC 7520 §5.3) has a password: its bytes are an oct key.
    jwk: (isObject(input.key) ? input.key : typeof input.pwd === 'string' ? { kty: 'oct', k: base64url.encode(utf8(input.pwd)) } : {}) as Json,
    expected: utf8(jwe ? input.plaintext : input.payload),
    ...(compact === ''
      ? { skip: 'JSON serialization only (no compact form)' }
      : !jwe && compact.split('.')[1] === ''
        ? { skip: 'detached content (RFC 7515 Appendix F): the compact runner has no payload to verify' }
        : {}),
  }
}

const PRIVATE_MEMBERS = new Set(['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth'])

/** The public half of a JWK, for verification (an oct secret is its own verification key). */
export function verificationJwk(jwk: Record<string, unknown>): JsonWebKey {
  return Object.fromEntries(Object.entries(jwk).filter(([name]) => !PRIVATE_MEMBERS.has(name))) as JsonWebKey
}
