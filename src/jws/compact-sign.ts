import { algNotSupported, invalidArgument } from '../errors.ts'
import { encode } from '../encoding/base64url.ts'
import { asciiBytes, utf8Encode } from '../encoding/utf8.ts'
import { isPlainObject, stringifyJson } from '../serialization/json.ts'
import type { JwsHeader } from '../serialization/header.ts'
import { isSignatureAlgorithm, signatureFamily } from '../algorithms/signature.ts'
import { quoteAlgorithm } from '../algorithms/names.ts'
import { assertKeyFor } from '../keys/check-key.ts'

/**
 * Signs to a compact JWS (RFC 7515 §5.1). `header` is the protected header and must carry "alg".
 *
 * @example
 * const jws = await compactSign(JSON.stringify(claims), privateKey, { alg: 'RS256', kid: 'k1', typ: 'JWT' })
 */
export async function compactSign(payload: Uint8Array | string, key: CryptoKey, header: JwsHeader): Promise<string> {
  if (!isPlainObject(header)) throw invalidArgument('header must be a plain object')
  const { alg } = header
  if (!isSignatureAlgorithm(alg)) throw algNotSupported(`JWS "alg" ${quoteAlgorithm(alg)} is not supported`)
  if (header.b64 !== undefined && header.b64 !== true) throw invalidArgument('JWS "b64": false is not supported')
  const family = await signatureFamily(alg)
  assertKeyFor(key, alg, family.specs[alg]!, 'sign')
  const bytes = typeof payload === 'string' ? utf8Encode(payload) : payload
  if (!(bytes instanceof Uint8Array)) throw invalidArgument('payload must be a Uint8Array or a string')
  const signingInput = `${encode(stringifyJson(header, 'header'))}.${encode(bytes)}`
  const signature = await family.sign(alg, key, asciiBytes(signingInput))
  return `${signingInput}.${encode(signature)}`
}
