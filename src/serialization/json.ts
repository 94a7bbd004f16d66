import { JoseError, invalidArgument, type JoseErrorCode } from '../errors.ts'
import { utf8Decode } from '../encoding/utf8.ts'
import { MAX_JSON_DEPTH } from './limits.ts'

export type JsonObject = { [name: string]: unknown }

/**
 * Member names refused at any depth: a JSON.parse result owns "__proto__" as data, but
 * code that later copies or merges the object (Object.assign, spread into a class)
 * would treat it as the prototype, so it never leaves the library.
 */
const FORBIDDEN_MEMBERS = /^(?:__proto__|constructor)$/

/** Decodes UTF-8 JSON that must be an object (RFC 7515 §4, RFC 7519 §7.2 step 10). */
export function parseJsonObject(bytes: Uint8Array, label: string, code: JoseErrorCode): JsonObject {
  const text = utf8Decode(bytes, label, code)
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new JoseError(code, `${label} is not JSON`)
  }
  if (!isPlainObject(value)) throw new JoseError(code, `${label} is not an object`)
  checkMembers(value, 1, label, code)
  return value
}

/**
 * The JSON text of a caller's header or claims; ERR_INVALID_ARGUMENT for a BigInt, a cycle, a
 * throwing toJSON, or a toJSON of its own that makes it no object (undefined, a number, an array).
 */
export function stringifyJson(value: JsonObject, label: string): string {
  let text: string | undefined
  try {
    text = JSON.stringify(value)
  } catch {
    // refused below
  }
  if (text?.[0] !== '{') throw invalidArgument(`${label} is not a JSON object`)
  return text
}

/** A JSON object or an object literal, from any realm: not null, an array, a function, a class instance or a primitive. */
export function isPlainObject(value: unknown): value is JsonObject {
  if (Object(value) !== value) return false
  const proto = Object.getPrototypeOf(value)
  return proto === null || Object.getPrototypeOf(proto) === null
}

function checkMembers(value: unknown, depth: number, label: string, code: JoseErrorCode): void {
  if (typeof value !== 'object' || value === null) return
  if (depth > MAX_JSON_DEPTH) throw new JoseError(code, `${label} nested too deep`)
  if (Array.isArray(value)) {
    for (const item of value) checkMembers(item, depth + 1, label, code)
    return
  }
  for (const name of Object.keys(value)) {
    if (FORBIDDEN_MEMBERS.test(name)) throw new JoseError(code, `${label} has member "${name}"`)
    checkMembers((value as JsonObject)[name], depth + 1, label, code)
  }
}
