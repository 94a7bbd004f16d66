import { JoseError, type JoseErrorCode, tooLarge } from '../errors.ts'
import { decode } from '../encoding/base64url.ts'
import { parseJsonObject, isPlainObject, type JsonObject } from './json.ts'
import { DEFAULT_MAX_HEADER_LENGTH, isString, isStrings } from './limits.ts'

/** Header parameters shared by JWS and JWE (RFC 7515 §4.1, RFC 7516 §4.1). */
export interface JoseHeaderParameters {
  alg?: string
  kid?: string
  typ?: string
  cty?: string
  jku?: string
  jwk?: JsonWebKey
  x5u?: string
  x5c?: string[]
  x5t?: string
  'x5t#S256'?: string
  crit?: string[]
  [parameter: string]: unknown
}

export interface JwsHeader extends JoseHeaderParameters {
  alg: string
  b64?: boolean
}

export interface JweHeader extends JoseHeaderParameters {
  alg: string
  enc: string
  zip?: string
}

export interface HeaderOptions {
  maxHeaderLength?: number | undefined
  /** Extension names listed in "crit" that the caller understands and processes. */
  crit?: readonly string[] | undefined
  /** Headers decoded under these options, by segment: createVerifier's, on its own copy of them. */
  [HEADER_MEMO]?: HeaderMemo | undefined
}

/**
 * The key of HeaderOptions' memo. A symbol no caller can name: the verbs read the caller's
 * options object as given, and a memo passed there would skip the header length limit.
 */
export const HEADER_MEMO = Symbol()

/** What decodeProtectedHeader needs of a memo; the holder bounds it and freezes what it keeps. */
export interface HeaderMemo {
  get(segment: string): JsonObject | undefined
  set(segment: string, header: JsonObject): unknown
}

type Kind = 'JWS' | 'JWE'

/**
 * Types of the registered parameters (RFC 7515 §4.1, RFC 7516 §4.1, RFC 7518 §4.6–4.8,
 * RFC 7797 §3), as indexes into TYPE_CHECKS. A Map, not an object: a header member named
 * "toString" is an unregistered parameter, not a lookup that finds Object.prototype's.
 */
const PARAMETER_TYPES: ReadonlyMap<string, number> = new Map(
  ['alg enc zip kid typ cty jku x5u x5t x5t#S256 apu apv iv tag p2s', 'jwk epk', 'x5c crit', 'b64', 'p2c'].flatMap((names, type) => names.split(' ').map((name) => [name, type])),
)

/** String, JSON object, array of strings, boolean, number. */
const TYPE_CHECKS: ReadonlyArray<(value: unknown) => boolean> = [
  isString,
  isPlainObject,
  isStrings,
  (value) => typeof value === 'boolean',
  (value) => typeof value === 'number',
]

/** RFC 7515 §4.1.11: "crit" must not list parameters these specifications define ("b64" is an extension, RFC 7797 §6). */
const isRegistered = (name: string): boolean => name !== 'b64' && PARAMETER_TYPES.has(name)

/** Decodes and validates the protected header segment of a compact JWS or JWE. */
export function decodeProtectedHeader(segment: string, kind: 'JWS', options: HeaderOptions): JwsHeader
export function decodeProtectedHeader(segment: string, kind: 'JWE', options: HeaderOptions): JweHeader
export function decodeProtectedHeader(segment: string, kind: Kind, options: HeaderOptions): JwsHeader | JweHeader {
  const code: JoseErrorCode = kind === 'JWS' ? 'ERR_JWS_INVALID' : 'ERR_JWE_INVALID'
  const label = `${kind} protected header`
  // Decoding and the types depend only on the segment and the options: under one verifier's
  // options, a memoized header is what decoding again would give (its kind checked below).
  const memo = options[HEADER_MEMO]
  let header = memo?.get(segment)
  if (!header) {
    if (segment.length > (options.maxHeaderLength ?? DEFAULT_MAX_HEADER_LENGTH)) throw tooLarge(`${label} too long`)
    if (!segment) throw new JoseError(code, `${label} empty`)
    header = parseJsonObject(decode(segment, label), label, code)
    checkParameterTypes(header, label, code)
    memo?.set(segment, header)
  }
  // Both are strings if present (checked above): an empty one is missing too.
  for (const name of kind === 'JWE' ? ['alg', 'enc'] : ['alg']) if (!header[name]) throw new JoseError(code, `${label} "${name}" missing`)
  if (header.crit !== undefined) checkCritical(header, options.crit ?? [], label, code)
  return header as JwsHeader | JweHeader
}

/** Types of the registered parameters a header carries (a JWS JSON unprotected header too). */
export function checkParameterTypes(header: JsonObject, label: string, code: JoseErrorCode): void {
  for (const name of Object.keys(header)) {
    const type = PARAMETER_TYPES.get(name)
    if (type !== undefined && !TYPE_CHECKS[type]!(header[name])) throw new JoseError(code, `${label} "${name}" has the wrong type`)
  }
}

/**
 * RFC 7515 §4.1.11 (and RFC 7516 §4.1.13): "crit" is a non-empty array of distinct names,
 * none defined by the JOSE specifications, each present in the header and understood by
 * the recipient; otherwise the token is rejected. An array of strings: checkParameterTypes
 * has seen to that.
 */
export function checkCritical(header: JsonObject, understood: readonly string[], label: string, code: JoseErrorCode): void {
  const crit = header.crit as string[]
  const fail = (errorCode: JoseErrorCode, problem: string): never => {
    throw new JoseError(errorCode, `${label} "crit" ${problem}`)
  }
  if (crit.length === 0) fail(code, 'invalid')
  for (const [index, name] of crit.entries()) {
    if (name.length === 0 || crit.indexOf(name) !== index) fail(code, 'invalid')
    if (isRegistered(name)) fail('ERR_CRIT_UNSUPPORTED', `lists registered "${name}"`)
    if (!understood.includes(name)) fail('ERR_CRIT_UNSUPPORTED', 'extension not understood')
    if (!Object.hasOwn(header, name)) fail(code, 'parameter absent')
  }
}
