import { JoseError, jwsInvalid } from '../errors.ts'
import { decode } from '../encoding/base64url.ts'
import { asciiBytes } from '../encoding/utf8.ts'
import { splitCompact } from '../serialization/compact.ts'
import { decodeProtectedHeader, type JwsHeader } from '../serialization/header.ts'
import { assertAllowed } from '../algorithms/allow-list.ts'
import { signatureFamily } from '../algorithms/signature.ts'
import { assertKeyFor } from '../keys/check-key.ts'
import { resolveKey, type KeyInput } from '../keys/resolve-key.ts'
import type { JwsVerifyPolicy } from './verify-policy.ts'

export interface CompactVerifyResult {
  payload: Uint8Array
  header: JwsHeader
}

/** RFC 7515 §5.2 on a compact JWS, under options resolveJwsOptions has checked. */
export async function verifyCompactJws(token: unknown, key: KeyInput<JwsHeader>, policy: JwsVerifyPolicy): Promise<CompactVerifyResult> {
  const [protectedSegment, payloadSegment, signatureSegment] = splitCompact(
    token,
    3,
    'ERR_JWS_INVALID',
    'JWS',
    policy.maxTokenLength,
  ) as [string, string, string]
  const header = decodeProtectedHeader(protectedSegment, 'JWS', policy)
  // "none" is not in any allow-list this library accepts, in any letter case (RFC 7518 §3.6).
  assertAllowed(header.alg, policy.algorithms, 'alg', 'JWS header')
  if (header.b64 !== undefined && header.b64 !== true) {
    throw jwsInvalid('JWS "b64": false not supported')
  }
  const payload = decode(payloadSegment, 'JWS payload')
  const signature = decode(signatureSegment, 'JWS signature')
  const family = await signatureFamily(header.alg)
  const resolved = await resolveKey(key, header)
  assertKeyFor(resolved, header.alg, family.specs[header.alg]!, 'verify')
  // RFC 7515 §5.2 step 8: the signing input is ASCII(protected "." payload), as received.
  const signingInput = asciiBytes((token as string).slice(0, protectedSegment.length + 1 + payloadSegment.length))
  if (!(await family.verify(header.alg, resolved, signature, signingInput))) {
    throw new JoseError('ERR_JWS_SIGNATURE_INVALID', 'JWS signature invalid')
  }
  return { payload, header }
}
