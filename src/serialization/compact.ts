import { JoseError, type JoseErrorCode, tooLarge } from '../errors.ts'
import { DEFAULT_MAX_TOKEN_LENGTH, isString } from './limits.ts'

/**
 * RFC 6750 §2.1: "Bearer" is the scheme of the Authorization header, not part of the token;
 * a caller that passed the header's whole value learns that here, not from a base64url error.
 */
export function rejectBearer(token: string, code: JoseErrorCode, label: string): void {
  if (/^bearer /i.test(token)) throw new JoseError(code, `${label} has a "Bearer " prefix: pass the token alone`)
}

/**
 * Splits a compact serialization into exactly `count` segments
 * (RFC 7515 §7.1: three for JWS; RFC 7516 §7.1: five for JWE). A caller that split the token
 * already passes its `segments`, which get the same checks.
 */
export function splitCompact(
  token: unknown,
  count: 3 | 5,
  code: JoseErrorCode,
  label: string,
  maxLength = DEFAULT_MAX_TOKEN_LENGTH,
  segments?: string[],
): string[] {
  if (!isString(token)) throw new JoseError(code, `${label} must be a string`)
  if (token.length > maxLength) {
    throw tooLarge(`${label} too long`)
  }
  rejectBearer(token, code, label)
  segments ??= token.split('.')
  if (segments.length !== count) {
    throw new JoseError(code, `${label} must have ${count} segments`)
  }
  return segments
}
