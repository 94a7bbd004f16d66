import { jweInvalid } from '../errors.ts'
import { decode } from '../encoding/base64url.ts'
import type { JweHeader } from '../serialization/header.ts'
import { isPlainObject, type JsonObject } from '../serialization/json.ts'
import { checkUnprotectedHeader, decodeJsonProtectedHeader, parseJsonSerialization } from '../serialization/json-serialization.ts'
import { parseCompactJwe, readContent, type JweSegments, type ParsedCompactJwe } from './parse-compact-jwe.ts'
import type { JweDecryptPolicy } from './decrypt-policy.ts'

/**
 * A JWE in a JSON serialization (RFC 7516 §7.2): the parsed object (e.g. what flattenedEncrypt
 * or generalEncrypt return), or its JSON text. Its members are checked at run time, whatever its type.
 */
export type JweJsonInput = string | object

export interface FlattenedDecryptResult {
  plaintext: Uint8Array
  /** The JOSE Header: the union of the protected, shared unprotected and per-recipient headers. */
  header: JweHeader
  protectedHeader?: JsonObject
  sharedUnprotectedHeader?: JsonObject
  /** The recipient's own header. */
  unprotectedHeader?: JsonObject
  /** The decoded "aad" member, authenticated with the ciphertext (RFC 7516 §5.1 step 14). */
  additionalAuthenticatedData?: Uint8Array
}

/** The members every recipient shares, checked. */
export interface JweJsonShared {
  protectedHeader: JsonObject | undefined
  sharedUnprotectedHeader: JsonObject | undefined
  aad: Uint8Array | undefined
  /** AAD text, IV, ciphertext and tag, as parseCompactJwe reads them. */
  segments: Readonly<[aadText: string, iv: string, ciphertext: string, tag: string]>
}

/** One recipient: the flattened JWE itself, or an entry of "recipients". */
export interface JweJsonRecipient {
  /** The JOSE Header: the union of the three headers. */
  header: JweHeader
  unprotectedHeader: JsonObject | undefined
  parts: JweSegments
}

const CODE = 'ERR_JWE_INVALID'
/** RFC 7516 §4.1.3, §4.1.13: "zip" and "crit" must be integrity protected. */
const PROTECTED_ONLY = ['crit', 'zip']

/** The JSON object of a JWE, through the strict parser under maxTokenLength. */
export const parseJweJson = (input: unknown, policy: JweDecryptPolicy): JsonObject =>
  parseJsonSerialization(input, policy.maxTokenLength, 'JWE JSON', CODE)

/**
 * RFC 7516 §7.2.1: a base64url member is a string, present only when its value is non-empty
 * ("protected", "encrypted_key", "aad"; "iv" and "tag" are never empty for an implemented "enc").
 */
function optionalMember(object: JsonObject, name: string): string | undefined {
  const value = object[name]
  if (value !== undefined && (typeof value !== 'string' || value.length === 0)) throw jweInvalid(`JWE "${name}" must be a non-empty string`)
  return value
}

/** An unprotected header is an object with at least one parameter, or absent (RFC 7516 §7.2.1). */
function unprotectedHeader(value: unknown, label: string, others: readonly (JsonObject | undefined)[]): JsonObject | undefined {
  if (value === undefined) return undefined
  const header = checkUnprotectedHeader(value, label, CODE, PROTECTED_ONLY, others)
  if (Object.keys(header).length === 0) throw jweInvalid(`${label} must not be empty`)
  return header
}

/** "protected", "unprotected", "aad", "iv", "ciphertext" and "tag": the members of every recipient. */
export function readShared(object: JsonObject, policy: JweDecryptPolicy): JweJsonShared {
  const protectedSegment = object.protected
  const protectedHeader = protectedSegment === undefined ? undefined : decodeJsonProtectedHeader(protectedSegment, policy, 'JWE protected header', CODE)
  const sharedUnprotectedHeader = unprotectedHeader(object.unprotected, 'JWE shared unprotected header', [protectedHeader])
  const aadSegment = optionalMember(object, 'aad')
  const { ciphertext } = object
  if (typeof ciphertext !== 'string') throw jweInvalid('JWE "ciphertext" must be a string')
  // RFC 7516 §5.1 step 14: ASCII(Encoded Protected Header || '.' || BASE64URL(JWE AAD)) when "aad" is present.
  const aadText = aadSegment === undefined ? ((protectedSegment as string | undefined) ?? '') : `${(protectedSegment as string | undefined) ?? ''}.${aadSegment}`
  return {
    protectedHeader,
    sharedUnprotectedHeader,
    aad: aadSegment === undefined ? undefined : decode(aadSegment, 'JWE "aad"'),
    segments: [aadText, optionalMember(object, 'iv') ?? '', ciphertext, optionalMember(object, 'tag') ?? ''],
  }
}

/** Reads one recipient ("header", "encrypted_key") and joins its JOSE Header (RFC 7516 §7.2.1: the three headers are disjoint). */
export function readRecipient(entry: unknown, shared: JweJsonShared): JweJsonRecipient {
  if (!isPlainObject(entry)) throw jweInvalid('JWE recipient must be an object')
  const { protectedHeader, sharedUnprotectedHeader, segments } = shared
  const ownHeader = unprotectedHeader(entry.header, 'JWE recipient header', [protectedHeader, sharedUnprotectedHeader])
  const header = { ...protectedHeader, ...sharedUnprotectedHeader, ...ownHeader } as JweHeader
  for (const name of ['alg', 'enc'] as const) {
    if (typeof header[name] !== 'string' || header[name].length === 0) throw jweInvalid(`JWE header "${name}" missing`)
  }
  const [aadText, iv, ciphertext, tag] = segments
  return { header, unprotectedHeader: ownHeader, parts: [aadText, optionalMember(entry, 'encrypted_key') ?? '', iv, ciphertext, tag] }
}

/**
 * Every key-free check of the compact form, on the recipient's parts and JOSE Header, the
 * content's too: every recipient is checked before any key is used (decryptParsed reads the
 * content again, while the first key unwraps).
 */
export function parseRecipient(recipient: JweJsonRecipient, policy: JweDecryptPolicy): ParsedCompactJwe {
  const parsed = parseCompactJwe(recipient.parts, policy, recipient.header)
  readContent(parsed.segments, parsed.header.enc)
  return parsed
}

/** The result of the recipient that decrypted: the plaintext and every header it was read with. */
export function decryptResult(plaintext: Uint8Array, shared: JweJsonShared, recipient: JweJsonRecipient): FlattenedDecryptResult {
  const result: FlattenedDecryptResult = { plaintext, header: recipient.header }
  if (shared.protectedHeader) result.protectedHeader = shared.protectedHeader
  if (shared.sharedUnprotectedHeader) result.sharedUnprotectedHeader = shared.sharedUnprotectedHeader
  if (recipient.unprotectedHeader) result.unprotectedHeader = recipient.unprotectedHeader
  if (shared.aad) result.additionalAuthenticatedData = shared.aad
  return result
}
