import { JoseError, type JoseErrorCode } from '../errors.ts'
import { decode } from '../encoding/base64url.ts'
import { parseJsonObject, isPlainObject, type JsonObject } from './json.ts'
import { hasOwn } from '../algorithms/rsa-spec.ts'
import { DEFAULT_MAX_HEADER_LENGTH } from './limits.ts'

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
}

type Kind = 'JWS' | 'JWE'

type ParameterType = 'string' | 'object' | 'string[]' | 'boolean' | 'number'

/** Types of the registered parameters (RFC 7515 §4.1, RFC 7516 §4.1, RFC 7518 §4.6–4.8, RFC 7797 §3). */
const PARAMETER_TYPES: Readonly<Record<string, ParameterType>> = {
  alg: 'string',
  enc: 'string',
  zip: 'string',
  kid: 'string',
  typ: 'string',
  cty: 'string',
  jku: 'string',
  jwk: 'object',
  x5u: 'string',
  x5c: 'string[]',
  x5t: 'string',
  'x5t#S256': 'string',
  epk: 'object',
  apu: 'string',
  apv: 'string',
  iv: 'string',
  tag: 'string',
  p2s: 'string',
  p2c: 'number',
  b64: 'boolean',
}

/** RFC 7515 §4.1.11: "crit" must not list parameters these specifications define. */
const REGISTERED = /* @__PURE__ */ new Set(Object.keys(PARAMETER_TYPES).filter((name) => name !== 'b64').concat('crit'))

/** Decodes and validates the protected header segment of a compact JWS or JWE. */
export function decodeProtectedHeader(segment: string, kind: 'JWS', options: HeaderOptions): JwsHeader
export function decodeProtectedHeader(segment: string, kind: 'JWE', options: HeaderOptions): JweHeader
export function decodeProtectedHeader(segment: string, kind: Kind, options: HeaderOptions): JwsHeader | JweHeader {
  const code: JoseErrorCode = kind === 'JWS' ? 'ERR_JWS_INVALID' : 'ERR_JWE_INVALID'
  const label = `${kind} protected header`
  const max = options.maxHeaderLength ?? DEFAULT_MAX_HEADER_LENGTH
  if (segment.length > max) throw new JoseError('ERR_TOKEN_TOO_LARGE', `${label} is longer than ${max} characters`)
  if (segment.length === 0) throw new JoseError(code, `${label} is empty`)
  const header = parseJsonObject(decode(segment, label), label, code)
  checkParameterTypes(header, label, code)
  if (typeof header.alg !== 'string' || header.alg.length === 0) throw new JoseError(code, `${label} has no "alg"`)
  if (kind === 'JWE' && (typeof header.enc !== 'string' || header.enc.length === 0)) {
    throw new JoseError(code, `${label} has no "enc"`)
  }
  if (header.crit !== undefined) checkCritical(header, options.crit ?? [], label, code)
  return header as JwsHeader | JweHeader
}

function checkParameterTypes(header: JsonObject, label: string, code: JoseErrorCode): void {
  for (const name of Object.keys(header)) {
    const type = PARAMETER_TYPES[name]
    if (type === undefined) continue
    const value = header[name]
    const ok =
      type === 'object'
        ? isPlainObject(value)
        : type === 'string[]'
          ? Array.isArray(value) && value.every((item) => typeof item === 'string')
          : typeof value === type
    if (!ok) throw new JoseError(code, `${label} parameter "${name}" must be of type ${type}`)
  }
}

/**
 * RFC 7515 §4.1.11 (and RFC 7516 §4.1.13): "crit" is a non-empty array of distinct names,
 * none defined by the JOSE specifications, each present in the header and understood by
 * the recipient; otherwise the token is rejected.
 */
function checkCritical(header: JsonObject, understood: readonly string[], label: string, code: JoseErrorCode): void {
  const crit = header.crit
  if (!Array.isArray(crit) || crit.length === 0) throw new JoseError(code, `${label} "crit" must be a non-empty array`)
  const seen = new Set<string>()
  for (const name of crit) {
    if (typeof name !== 'string' || name.length === 0) {
      throw new JoseError(code, `${label} "crit" must contain only non-empty strings`)
    }
    if (seen.has(name)) throw new JoseError(code, `${label} "crit" lists a parameter twice`)
    seen.add(name)
    if (REGISTERED.has(name)) {
      throw new JoseError('ERR_CRIT_UNSUPPORTED', `${label} "crit" must not list the registered parameter "${name}"`)
    }
    if (!understood.includes(name)) {
      throw new JoseError('ERR_CRIT_UNSUPPORTED', `${label} "crit" lists an extension this recipient does not process`)
    }
    if (!hasOwn(header, name)) throw new JoseError(code, `${label} "crit" lists a parameter the header does not carry`)
  }
}
