import { JoseError, jwsInvalid, requireOptions } from '../errors.ts'
import { decode } from '../encoding/base64url.ts'
import { asciiBytes } from '../encoding/utf8.ts'
import { splitCompact } from '../serialization/compact.ts'
import { decodeProtectedHeader, type JwsHeader } from '../serialization/header.ts'
import { checkParsingOptions, type SizeLimits } from '../serialization/limits.ts'
import { assertAllowed, checkAllowList } from '../algorithms/allow-list.ts'
import {
  SIGNATURE_ALGORITHMS,
  isSignatureAlgorithm,
  verifySignature,
  type SignatureAlgorithm,
} from '../algorithms/signature.ts'
import { assertKeyFor } from '../keys/check-key.ts'
import { resolveKey, type KeyInput } from '../keys/resolve-key.ts'

export interface CompactVerifyOptions extends SizeLimits {
  /** The "alg" values accepted, e.g. ['RS256']. "none" is never accepted. */
  algorithms: readonly SignatureAlgorithm[]
  /** Extension parameter names listed in "crit" that the caller processes itself. */
  crit?: readonly string[]
}

export interface CompactVerifyResult {
  payload: Uint8Array
  header: JwsHeader
}

/**
 * Verifies a compact JWS (RFC 7515 §5.2) signed with RS256/384/512 or PS256/384/512.
 *
 * @example
 * const { payload, header } = await compactVerify(jws, publicKey, { algorithms: ['RS256'] })
 */
export async function compactVerify(
  token: string,
  key: KeyInput<JwsHeader>,
  options: CompactVerifyOptions,
): Promise<CompactVerifyResult> {
  requireOptions(options)
  checkParsingOptions(options)
  const algorithms = checkAllowList(options.algorithms, isSignatureAlgorithm, 'algorithms')
  const [protectedSegment, payloadSegment, signatureSegment] = splitCompact(
    token,
    3,
    'ERR_JWS_INVALID',
    'JWS',
    options.maxTokenLength,
  ) as [string, string, string]
  const header = decodeProtectedHeader(protectedSegment, 'JWS', options)
  // "none" is not in any allow-list this library accepts, in any letter case (RFC 7518 §3.6).
  assertAllowed(header.alg, algorithms, 'alg', 'JWS header')
  if (header.b64 !== undefined && header.b64 !== true) {
    throw jwsInvalid('JWS "b64": false not supported')
  }
  const payload = decode(payloadSegment, 'JWS payload')
  const signature = decode(signatureSegment, 'JWS signature')
  const resolved = await resolveKey(key, header)
  assertKeyFor(resolved, header.alg, SIGNATURE_ALGORITHMS[header.alg], 'verify')
  // RFC 7515 §5.2 step 8: the signing input is ASCII(protected "." payload), as received.
  const signingInput = asciiBytes((token as string).slice(0, protectedSegment.length + 1 + payloadSegment.length))
  let valid: boolean
  try {
    valid = await verifySignature(header.alg, resolved, signature, signingInput)
  } catch {
    valid = false
  }
  if (!valid) throw new JoseError('ERR_JWS_SIGNATURE_INVALID', 'JWS signature invalid')
  return { payload, header }
}
