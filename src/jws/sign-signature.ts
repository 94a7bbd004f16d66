import { algNotSupported, invalidArgument } from '../errors.ts'
import { encode } from '../encoding/base64url.ts'
import { utf8Decode } from '../encoding/utf8.ts'
import { isPlainObject, stringifyJson, type JsonObject } from '../serialization/json.ts'
import type { JwsHeader } from '../serialization/header.ts'
import { isSignatureAlgorithm, signatureFamily } from '../algorithms/signature.ts'
import { quoteAlgorithm } from '../algorithms/names.ts'
import { assertKeyFor } from '../keys/check-key.ts'
import { signedPayload } from './payload.ts'

/** One signature of a JWS being made, in any serialization. */
export interface SignedEntry {
  protectedSegment: string
  /** The unprotected header as JSON data (a copy), for the "header" member. */
  header: JsonObject | undefined
  /** The payload as the JWS carries it: base64url, or the unencoded text (RFC 7797 §5). */
  transmitted: string
  signature: string
  unencoded: boolean
}

/**
 * RFC 7515 §5.1 for one signature. Header rules as on verification: "alg" in either header,
 * names disjoint (§7.2.1), "crit" and "b64" only protected (§4.1.11, RFC 7797 §3), and
 * "b64": false only with "crit": ["b64"] (RFC 7797 §6).
 */
export async function signEntry(
  bytes: Uint8Array,
  key: CryptoKey,
  protectedHeader: JsonObject | undefined,
  unprotectedHeader: JsonObject | undefined,
): Promise<SignedEntry> {
  for (const [name, header] of [['protectedHeader', protectedHeader], ['unprotectedHeader', unprotectedHeader]] as const) {
    if (header !== undefined && !isPlainObject(header)) throw invalidArgument(`${name} must be a plain object`)
  }
  if (protectedHeader === undefined && unprotectedHeader === undefined) throw invalidArgument('a JWS needs a header')
  for (const name of Object.keys(unprotectedHeader ?? {})) {
    if (name === 'crit' || name === 'b64') throw invalidArgument(`"${name}" must be in the protected header`)
    if (protectedHeader !== undefined && Object.hasOwn(protectedHeader, name)) throw invalidArgument(`header parameter "${name}" is in both headers`)
  }
  const { alg } = { ...protectedHeader, ...unprotectedHeader } as Partial<JwsHeader>
  if (!isSignatureAlgorithm(alg)) throw algNotSupported(`JWS "alg" ${quoteAlgorithm(alg)} is not supported`)
  const b64 = protectedHeader?.b64
  if (b64 !== undefined && typeof b64 !== 'boolean') throw invalidArgument('"b64" must be a boolean')
  const unencoded = b64 === false
  const crit = protectedHeader?.crit
  if (unencoded && !(Array.isArray(crit) && crit.includes('b64'))) throw invalidArgument('"b64": false needs "crit": ["b64"]')
  if (!(bytes instanceof Uint8Array)) throw invalidArgument('payload must be a Uint8Array or a string')
  const family = await signatureFamily(alg)
  assertKeyFor(key, alg, family.specs[alg]!, 'sign')
  // RFC 7797 §5: an unencoded payload travels as text, so it must be UTF-8.
  const transmitted = unencoded ? utf8Decode(bytes, 'unencoded payload', 'ERR_INVALID_ARGUMENT') : encode(bytes)
  const protectedSegment = protectedHeader === undefined ? '' : encode(stringifyJson(protectedHeader, 'header'))
  const header = unprotectedHeader === undefined ? undefined : (JSON.parse(stringifyJson(unprotectedHeader, 'unprotectedHeader')) as JsonObject)
  const { signingInput } = signedPayload(protectedSegment, transmitted, undefined, unencoded)
  return { protectedSegment, header, transmitted, signature: encode(await family.sign(alg, key, signingInput)), unencoded }
}
