import { jwsInvalid } from '../errors.ts'
import { decode } from '../encoding/base64url.ts'
import { asciiBytes } from '../encoding/utf8.ts'
import { splitCompact } from '../serialization/compact.ts'
import { decodeProtectedHeader, type JwsHeader } from '../serialization/header.ts'
import type { KeyInput } from '../keys/resolve-key.ts'
import type { JwsVerifyPolicy } from './verify-policy.ts'
import { verifySignature } from './verify-signature.ts'

export interface CompactVerifyResult {
  payload: Uint8Array
  header: JwsHeader
}

/**
 * RFC 7515 §5.2 on the compact JWS of a JWT, under options resolveJwsOptions has checked.
 * RFC 7797 §7: a JWT never has an unencoded payload, so "b64": false is refused here
 * (compactVerify, for any JWS, handles it). A caller holding the token split, and as the bytes
 * it was decoded from (a JWE plaintext), passes both: nothing is split or encoded again.
 */
export async function verifyCompactJws(
  token: unknown,
  key: KeyInput<JwsHeader>,
  policy: JwsVerifyPolicy,
  segments?: string[],
  received?: Uint8Array,
): Promise<CompactVerifyResult> {
  const [protectedSegment, payloadSegment, signatureSegment] = splitCompact(
    token,
    3,
    'ERR_JWS_INVALID',
    'JWS',
    policy.maxTokenLength,
    segments,
  ) as [string, string, string]
  const header = decodeProtectedHeader(protectedSegment, 'JWS', policy)
  if (header.b64 === false) throw jwsInvalid('"b64": false in a JWT')
  const payload = decode(payloadSegment, 'JWS payload')
  // RFC 7515 §5.2 step 8: the signing input is ASCII(protected "." payload), as received: both
  // segments decoded, so both are ASCII and their bytes in `received` are that input.
  const length = protectedSegment.length + 1 + payloadSegment.length
  await verifySignature(header, received?.subarray(0, length) ?? asciiBytes((token as string).slice(0, length)), signatureSegment, key, policy)
  return { payload, header }
}
