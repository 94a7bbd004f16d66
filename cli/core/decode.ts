/**
 * Decoding without verification, and the diagnoses a person debugging a token needs first. Nothing
 * here is trusted: every caller labels its output UNVERIFIED. Web-safe (no node: imports).
 */
import { base64url, JoseError } from '../../src/index.ts'
import { isContentEncryptionName, isKeyManagementName } from './algorithms.ts'

export type Json = Record<string, unknown>

export type Decoded =
  | { readonly kind: 'JWE'; readonly header: Json }
  | { readonly kind: 'JWS'; readonly header: Json; readonly payload: string; readonly claims: Json | undefined }

export interface Diagnosis {
  readonly id: 'swapped-alg-enc' | 'dir-token' | 'bare-jws' | 'expired' | 'not-yet-valid' | 'missing-kid' | 'not-a-jwt'
  readonly message: string
}

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)

function decodeJson(segment: string, what: string, code: 'ERR_JWE_INVALID' | 'ERR_JWS_INVALID'): Json {
  let value: unknown
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(base64url.decode(segment)))
  } catch (error) {
    if (error instanceof JoseError) throw error
    throw new JoseError(code, `${what} is not UTF-8 JSON`)
  }
  if (!isObject(value)) throw new JoseError(code, `${what} is not a JSON object`)
  return value
}

/** Splits a compact token (RFC 7515 §7.1 / RFC 7516 §7.1) and decodes what is readable without a key. */
export function decodeCompact(token: string): Decoded {
  const segments = token.trim().split('.')
  if (segments.length === 5) return { kind: 'JWE', header: decodeJson(segments[0]!, 'JWE protected header', 'ERR_JWE_INVALID') }
  if (segments.length !== 3) throw new JoseError('ERR_JWS_INVALID', `a compact token has 3 (JWS) or 5 (JWE) segments, not ${segments.length}`)
  return decodeJws(segments)
}

/** The header and payload of a compact JWS; claims when the payload is a JSON object. */
export function decodeJws(segments: readonly string[]): Decoded & { kind: 'JWS' } {
  const header = decodeJson(segments[0]!, 'JWS protected header', 'ERR_JWS_INVALID')
  const payload = new TextDecoder().decode(base64url.decode(segments[1]!))
  let claims: Json | undefined
  try {
    const value: unknown = JSON.parse(payload)
    if (isObject(value)) claims = value
  } catch {
    claims = undefined
  }
  return { kind: 'JWS', header, payload, claims }
}

/** Diagnoses of a JWE protected header. */
export function diagnoseJwe(header: Json, expectJwe = true): Diagnosis[] {
  const found: Diagnosis[] = []
  if (isContentEncryptionName(header.alg) && isKeyManagementName(header.enc)) {
    found.push({ id: 'swapped-alg-enc', message: `alg and enc are swapped: alg names a content encryption (${String(header.alg)}) and enc a key management algorithm (${String(header.enc)}); RFC 7516 §4.1.1/§4.1.2 put the key management algorithm in alg` })
  }
  if (header.alg === 'dir') {
    found.push({ id: 'dir-token', message: 'alg "dir": an opaque token encrypted with a key only the issuer holds (Auth0 issues these for its /userinfo audience); request the token with your API\'s audience to get a JWT your API can decrypt' })
  }
  if (expectJwe && header.kid === undefined) found.push(missingKid('JWE'))
  return found
}

/** Diagnoses of a JWS header and its claims against now (seconds). */
export function diagnoseJws(header: Json, claims: Json | undefined, nowSeconds: number, nested: boolean, expectJwe: boolean): Diagnosis[] {
  const found: Diagnosis[] = []
  if (!nested && expectJwe) {
    found.push({ id: 'bare-jws', message: 'a bare JWS (signed, not encrypted) where an encrypted token (JWE) is expected: a verifier that requires encryption refuses it with ERR_JWE_REQUIRED; check that the API is configured for token encryption at the issuer' })
  }
  if (header.kid === undefined) found.push(missingKid('JWS'))
  if (claims === undefined) {
    found.push({ id: 'not-a-jwt', message: 'the payload is not a JSON object: this is not a JWT (ERR_JWT_INVALID for the JWT verbs)' })
    return found
  }
  if (typeof claims.exp === 'number' && claims.exp <= nowSeconds) {
    found.push({ id: 'expired', message: 'exp is in the past (ERR_JWT_EXPIRED); request a new token, or check the clock of this machine' })
  }
  if (typeof claims.nbf === 'number' && claims.nbf > nowSeconds) {
    found.push({ id: 'not-yet-valid', message: 'nbf is in the future (ERR_JWT_NOT_YET_VALID); check the clocks, or allow a clockTolerance' })
  }
  return found
}

function missingKid(layer: 'JWE' | 'JWS'): Diagnosis {
  return {
    id: 'missing-kid',
    message:
      layer === 'JWS'
        ? 'the JWS header has no kid: a JWKS with several signing keys cannot pick one (ERR_JWKS_MULTIPLE_MATCHING_KEYS); ask the issuer to set kid'
        : 'the JWE header has no kid: with a decryption key set, only the keys without a kid are tried; set kid when keys rotate',
  }
}
