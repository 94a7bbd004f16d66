import { JoseError } from '../errors.ts'
import { decode } from '../encoding/base64url.ts'
import type { JwsHeader } from '../serialization/header.ts'
import { assertAllowed } from '../algorithms/allow-list.ts'
import { signatureFamily } from '../algorithms/signature.ts'
import { assertKeyFor } from '../keys/check-key.ts'
import { resolveKey, type KeyInput } from '../keys/resolve-key.ts'
import type { JwsVerifyPolicy } from './verify-policy.ts'

/**
 * RFC 7515 §5.2 steps 8–9 for one signature, shared by every serialization: the "alg" of the
 * (joined) header is allow-listed before any key or cryptography (RFC 8725 §3.1), the key is
 * resolved from that header and must fit the alg, and the signature must verify over
 * `signingInput`, which the caller built from the bytes as received. `whileVerifying` is the
 * caller's key-free work (decoding the payload): it runs while Web Crypto verifies, and what it
 * throws wins over the result, as when it ran first; the dropped verification is caught.
 */
export async function verifySignature(
  header: JwsHeader,
  signingInput: Uint8Array,
  signatureSegment: string,
  key: KeyInput<JwsHeader>,
  policy: JwsVerifyPolicy,
  whileVerifying?: () => void,
): Promise<void> {
  // "none" is not in any allow-list this library accepts, in any letter case (RFC 7518 §3.6).
  assertAllowed(header.alg, policy.algorithms, 'alg', 'JWS header')
  const signature = decode(signatureSegment, 'JWS signature')
  const family = await signatureFamily(header.alg)
  const resolved = await resolveKey(key, header)
  assertKeyFor(resolved, header.alg, family.specs[header.alg]!, 'verify')
  const verified = family.verify(header.alg, resolved, signature, signingInput)
  verified.catch(() => {})
  whileVerifying?.()
  if (!(await verified)) {
    throw new JoseError('ERR_JWS_SIGNATURE_INVALID', 'JWS signature invalid')
  }
}
