import { JoseError, tooLarge, type JoseErrorCode } from '../errors.ts'
import { decode } from '../encoding/base64url.ts'
import { utf8Encode } from '../encoding/utf8.ts'
import { checkCritical, checkParameterTypes, type HeaderOptions } from './header.ts'
import { isPlainObject, parseJsonObject, type JsonObject } from './json.ts'
import { DEFAULT_MAX_HEADER_LENGTH, DEFAULT_MAX_TOKEN_LENGTH } from './limits.ts'

/**
 * The JSON object of a JWS or JWE in a JSON serialization (RFC 7515 §7.2, RFC 7516 §7.2), re-read
 * through the strict parser whatever the caller passed: the size limit applies to its JSON text,
 * and depth, "__proto__" and duplicate-free parsing are those of every other JSON the library
 * reads. Unknown members are ignored (RFC 7515 §7.2, RFC 7516 §7.2).
 */
export function parseJsonSerialization(input: unknown, maxTokenLength: number | undefined, label: string, code: JoseErrorCode): JsonObject {
  let text: unknown = input
  if (typeof input !== 'string') {
    if (!isPlainObject(input)) throw new JoseError(code, `${label} must be an object or its JSON text`)
    try {
      text = JSON.stringify(input)
    } catch {
      throw new JoseError(code, `${label} is not JSON`)
    }
  }
  if ((text as string).length > (maxTokenLength ?? DEFAULT_MAX_TOKEN_LENGTH)) throw tooLarge(`${label} too long`)
  return parseJsonObject(utf8Encode(text as string), label, code)
}

/**
 * The "protected" member (RFC 7515 §7.2.1, RFC 7516 §7.2.1): present only for a non-empty
 * protected header, whose registered parameters have their types and whose "crit" is understood.
 */
export function decodeJsonProtectedHeader(segment: unknown, options: HeaderOptions, label: string, code: JoseErrorCode): JsonObject {
  if (typeof segment !== 'string') throw new JoseError(code, `${label} must be a string`)
  if (segment.length > (options.maxHeaderLength ?? DEFAULT_MAX_HEADER_LENGTH)) throw tooLarge(`${label} too long`)
  if (segment.length === 0) throw new JoseError(code, `${label} empty`)
  const header = parseJsonObject(decode(segment, label), label, code)
  checkParameterTypes(header, label, code)
  if (header.crit !== undefined) checkCritical(header, options.crit ?? [], label, code)
  return header
}

/**
 * An unprotected header: an object whose registered parameters have their types, without the
 * parameters that must be integrity protected (`protectedOnly`), and whose names appear in none
 * of the other headers (RFC 7515 §7.2.1, RFC 7516 §7.2.1: the headers are disjoint).
 */
export function checkUnprotectedHeader(
  header: unknown,
  label: string,
  code: JoseErrorCode,
  protectedOnly: readonly string[],
  others: readonly (JsonObject | undefined)[],
): JsonObject {
  if (!isPlainObject(header)) throw new JoseError(code, `${label} must be an object`)
  checkParameterTypes(header, label, code)
  for (const name of Object.keys(header)) {
    if (protectedOnly.includes(name)) throw new JoseError(code, `${label} must not carry "${name}"`)
    if (others.some((other) => other !== undefined && Object.hasOwn(other, name))) {
      throw new JoseError(code, `header parameter "${name}" is in more than one header`)
    }
  }
  return header
}
