import { invalidArgument } from '../errors.ts'
import { utf8Encode } from '../encoding/utf8.ts'
import { isPlainObject } from '../serialization/json.ts'
import type { JwsHeader } from '../serialization/header.ts'
import { signEntry } from './sign-signature.ts'

/**
 * Signs to a compact JWS (RFC 7515 §5.1). `header` is the protected header and must carry "alg".
 * With "b64": false and "crit": ["b64"] the payload travels unencoded (RFC 7797); it must then
 * be UTF-8 without "." (RFC 7797 §5.2). For detached content (RFC 7515 Appendix F), send the
 * token with its payload segment emptied.
 *
 * @example
 * const jws = await compactSign(JSON.stringify(claims), privateKey, { alg: 'RS256', kid: 'k1', typ: 'JWT' })
 */
export async function compactSign(payload: Uint8Array | string, key: CryptoKey, header: JwsHeader): Promise<string> {
  if (!isPlainObject(header)) throw invalidArgument('header must be a plain object')
  const { protectedSegment, transmitted, signature } = await signEntry(typeof payload === 'string' ? utf8Encode(payload) : payload, key, header, undefined)
  if (transmitted.includes('.')) throw invalidArgument('an unencoded compact payload must not contain "."')
  return `${protectedSegment}.${transmitted}.${signature}`
}
