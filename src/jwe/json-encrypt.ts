import { algNotSupported, invalidArgument } from '../errors.ts'
import { encode } from '../encoding/base64url.ts'
import { asciiBytes, utf8Encode } from '../encoding/utf8.ts'
import { isPlainObject, stringifyJson, type JsonObject } from '../serialization/json.ts'
import type { JweHeader } from '../serialization/header.ts'
import { checkUnprotectedHeader } from '../serialization/json-serialization.ts'
import { contentEncryption, contentSizes, isContentEncryptionAlgorithm, type ContentEncryptionAlgorithm } from '../algorithms/content-encryption.ts'
import { isKeyManagementAlgorithm, keyWrapFamily } from '../algorithms/key-management.ts'
import { quoteAlgorithm } from '../algorithms/names.ts'
import { assertKeyFor } from '../keys/check-key.ts'

/** What every recipient of a JSON JWE shares (RFC 7516 §7.2.1). */
export interface JweEncryptOptions {
  /** Integrity protected; usually carries "enc" (and "alg" when there is one recipient). */
  protectedHeader?: JsonObject | undefined
  /** The shared unprotected header ("unprotected"). */
  unprotectedHeader?: JsonObject | undefined
  /** Additional authenticated data, sent as "aad" and authenticated with the ciphertext. */
  aad?: Uint8Array | string | undefined
}

/** One recipient: its key and its own unprotected header ("header"). */
export interface JweRecipient {
  key: CryptoKey
  header?: JsonObject | undefined
}

/** The members of one recipient. */
export interface JweRecipientMembers {
  header?: JsonObject
  encrypted_key?: string
}

/** A general JSON JWE (RFC 7516 §7.2.1). */
export interface GeneralJwe {
  protected?: string
  unprotected?: JsonObject
  recipients: JweRecipientMembers[]
  aad?: string
  iv: string
  ciphertext: string
  tag: string
}

/** A flattened JSON JWE (RFC 7516 §7.2.2). */
export type FlattenedJwe = Omit<GeneralJwe, 'recipients'> & JweRecipientMembers

const CODE = 'ERR_INVALID_ARGUMENT'
const bytesOf = (value: Uint8Array | string): Uint8Array => (typeof value === 'string' ? utf8Encode(value) : value)
/** A header's JSON copy, undefined when empty: RFC 7516 §7.2.1 sends no empty header member. */
const jsonCopy = (header: JsonObject): JsonObject | undefined =>
  Object.keys(header).length === 0 ? undefined : (JSON.parse(stringifyJson(header, 'header')) as JsonObject)

function optionalObject(value: unknown, name: string): JsonObject {
  if (value === undefined) return {}
  if (!isPlainObject(value)) throw invalidArgument(`${name} must be a plain object`)
  return value
}

/**
 * Encrypts once for every recipient (RFC 7516 §7.2): one CEK, wrapped for each; the three headers
 * disjoint, "crit" only protected. Each algorithm's header parameters ("iv"/"tag" of AES-GCMKW,
 * "p2s"/"p2c" of PBES2) go into the header that already names them, else the recipient's own
 * header (with one recipient, the header that carries its "alg").
 */
export async function encryptJson(plaintext: Uint8Array | string, options: JweEncryptOptions, recipients: readonly JweRecipient[]): Promise<GeneralJwe> {
  if (!isPlainObject(options)) throw invalidArgument('options must be a plain object')
  if (!Array.isArray(recipients) || recipients.length === 0) throw invalidArgument('recipients must be a non-empty array')
  const protectedHeader = { ...optionalObject(options.protectedHeader, 'protectedHeader') }
  const shared = { ...optionalObject(options.unprotectedHeader, 'unprotectedHeader') }
  // RFC 7516 §4.1.3: "zip" is refused, as by compactEncrypt; "crit" must be integrity protected.
  if (protectedHeader.zip !== undefined) throw invalidArgument('JWE "zip" is not supported')
  checkUnprotectedHeader(shared, 'unprotectedHeader', CODE, ['crit', 'zip'], [protectedHeader])
  const bytes = bytesOf(plaintext)
  if (!(bytes instanceof Uint8Array)) throw invalidArgument('plaintext must be a Uint8Array or a string')
  const { aad } = options
  const aadBytes = aad === undefined ? undefined : bytesOf(aad as Uint8Array | string)
  if (aadBytes !== undefined && !(aadBytes instanceof Uint8Array)) throw invalidArgument('aad must be a Uint8Array or a string')

  let enc: ContentEncryptionAlgorithm | undefined
  const wrapped: Array<{ header: JsonObject; encryptedKey: Uint8Array }> = []
  let cek: Uint8Array | undefined
  for (const recipient of recipients) {
    if (!isPlainObject(recipient)) throw invalidArgument('recipient must be a plain object')
    const own = { ...optionalObject(recipient.header, 'recipient header') }
    checkUnprotectedHeader(own, 'recipient header', CODE, ['crit', 'zip'], [protectedHeader, shared])
    const header = { ...protectedHeader, ...shared, ...own } as JweHeader
    const { alg } = header
    if (!isKeyManagementAlgorithm(alg)) throw algNotSupported(`JWE "alg" ${quoteAlgorithm(alg)} is not supported`)
    if (!isContentEncryptionAlgorithm(header.enc)) throw algNotSupported(`JWE "enc" ${quoteAlgorithm(header.enc)} is not supported`)
    if (enc !== undefined && header.enc !== enc) throw invalidArgument('recipients disagree on "enc"')
    enc = header.enc
    // The "dir" key is the CEK itself, and direct ECDH-ES derives it: no other recipient could share it (RFC 7518 §4.5, §4.6).
    if ((alg === 'dir' || alg === 'ECDH-ES') && recipients.length > 1) throw invalidArgument(`"${alg}" takes a single recipient`)
    const family = await keyWrapFamily(alg)
    const spec = family.specs[alg]!
    const { key } = recipient as unknown as JweRecipient
    assertKeyFor(key, alg, spec, spec.publicUsages[0]!)
    const result = await family.wrap(alg, key, contentSizes(enc)[0], header, cek)
    cek ??= result.cek
    const headers = [protectedHeader, shared, own]
    const target = recipients.length === 1 ? headers.find((candidate) => Object.hasOwn(candidate, 'alg'))! : own
    for (const [name, value] of Object.entries(result.headerParameters ?? {})) {
      const holder = headers.find((candidate) => Object.hasOwn(candidate, name)) ?? target
      // A shared header holds one value for every recipient (a PBES2 "p2c" may be shared, an AES-GCMKW "iv" never).
      if (holder !== own && recipients.length > 1 && holder[name] !== value) throw invalidArgument(`"${name}" differs between recipients: it belongs in each recipient's header`)
      holder[name] = value
    }
    wrapped.push({ header: own, encryptedKey: result.encryptedKey })
  }
  return sealJson(bytes, enc!, cek!, protectedHeader, shared, wrapped, aadBytes)
}

/** Encrypts the content once under the shared CEK and assembles the JSON members (RFC 7516 §7.2.1). */
async function sealJson(
  plaintext: Uint8Array,
  enc: ContentEncryptionAlgorithm,
  cek: Uint8Array,
  protectedHeader: JsonObject,
  shared: JsonObject,
  wrapped: ReadonlyArray<{ header: JsonObject; encryptedKey: Uint8Array }>,
  aad: Uint8Array | undefined,
): Promise<GeneralJwe> {
  const protectedSegment = Object.keys(protectedHeader).length === 0 ? '' : encode(stringifyJson(protectedHeader, 'protectedHeader'))
  // RFC 7516 §5.1 step 14; an empty AAD is sent as no "aad" member.
  const aadSegment = aad === undefined || aad.length === 0 ? undefined : encode(aad)
  const aadText = aadSegment === undefined ? protectedSegment : `${protectedSegment}.${aadSegment}`
  const iv = crypto.getRandomValues(new Uint8Array(contentSizes(enc)[1]))
  const { ciphertext, tag } = await (await contentEncryption(enc)).encrypt(enc, cek, iv, plaintext, asciiBytes(aadText))
  // Member order as in RFC 7516 §7.2.1.
  const jwe = {} as GeneralJwe
  if (protectedSegment !== '') jwe.protected = protectedSegment
  const unprotected = jsonCopy(shared)
  if (unprotected) jwe.unprotected = unprotected
  jwe.recipients = wrapped.map(({ header, encryptedKey }) => {
    const members: JweRecipientMembers = {}
    const own = jsonCopy(header)
    if (own) members.header = own
    // RFC 7516 §7.2.1: absent when empty ("dir").
    if (encryptedKey.length > 0) members.encrypted_key = encode(encryptedKey)
    return members
  })
  if (aadSegment !== undefined) jwe.aad = aadSegment
  jwe.iv = encode(iv)
  jwe.ciphertext = encode(ciphertext)
  jwe.tag = encode(tag)
  return jwe
}
