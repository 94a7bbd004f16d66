import { invalidArgument } from '../errors.ts'
import { isPlainObject, stringifyJson } from '../serialization/json.ts'
import type { JwsHeader } from '../serialization/header.ts'
import { compactSign } from '../jws/compact-sign.ts'
import type { JwtClaims } from './claims.ts'

export interface SignJwtHeader extends Partial<JwsHeader> {
  alg: JwsHeader['alg']
}

/**
 * Issues a signed JWT (RFC 7519 §7.1). "typ" defaults to "JWT"; pass "at+jwt" for RFC 9068
 * access tokens. Claims are taken as given: set iat/exp yourself.
 *
 * @example
 * const now = Math.floor(Date.now() / 1000)
 * const jwt = await signJwt({ iss, sub, aud, iat: now, exp: now + 3600 }, signingKey, { alg: 'RS256', kid: 'sig-1' })
 */
export async function signJwt(claims: JwtClaims, key: CryptoKey, header: SignJwtHeader): Promise<string> {
  if (!isPlainObject(claims)) throw invalidArgument('claims must be a plain object')
  if (!isPlainObject(header)) throw invalidArgument('header must be a plain object')
  // RFC 7797 §7: a JWT payload is always base64url-encoded.
  if (header.b64 === false) throw invalidArgument('a JWT cannot have "b64": false')
  const { alg, ...rest } = header
  return compactSign(stringifyJson(claims, 'claims'), key, { alg, typ: 'JWT', ...rest } as JwsHeader)
}
