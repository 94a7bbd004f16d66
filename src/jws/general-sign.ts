import { invalidArgument } from '../errors.ts'
import type { JsonObject } from '../serialization/json.ts'
import { signEntry } from './sign-signature.ts'
import { payloadBytes, requireHeaders, signatureMembers, type JwsSignerHeaders } from './flattened-sign.ts'

export interface JwsSigner extends JwsSignerHeaders {
  key: CryptoKey
}

/** A general JSON JWS (RFC 7515 §7.2.1). */
export interface GeneralJws {
  payload: string
  signatures: Array<{ protected?: string; header?: JsonObject; signature: string }>
}

/**
 * Signs one payload for several recipients (RFC 7515 §7.2.1), one signature per signer in
 * order. All signers must agree on "b64" (RFC 7797 §3).
 *
 * @example
 * const jws = await generalSign(payload, [
 *   { key: rsaKey, protectedHeader: { alg: 'RS256' }, unprotectedHeader: { kid: 'rsa-1' } },
 *   { key: pssKey, protectedHeader: { alg: 'PS256', kid: 'pss-1' } },
 * ])
 */
export async function generalSign(payload: Uint8Array | string, signers: readonly JwsSigner[]): Promise<GeneralJws> {
  if (!Array.isArray(signers) || signers.length === 0) throw invalidArgument('signers must be a non-empty array')
  const bytes = payloadBytes(payload)
  const signatures: GeneralJws['signatures'] = []
  let first: { transmitted: string; unencoded: boolean } | undefined
  for (const signer of signers) {
    requireHeaders(signer)
    const entry = await signEntry(bytes, (signer as JwsSigner).key, signer.protectedHeader, signer.unprotectedHeader)
    if (first !== undefined && entry.unencoded !== first.unencoded) throw invalidArgument('signers disagree on "b64"')
    first ??= entry
    signatures.push(signatureMembers(entry.protectedSegment, entry.header, entry.signature))
  }
  return { payload: first!.transmitted, signatures }
}
