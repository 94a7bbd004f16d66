import { JoseError, type JoseErrorCode } from '../errors.ts'

export const textEncoder = /* @__PURE__ */ new TextEncoder()
// fatal: malformed UTF-8 is an error, never U+FFFD; ignoreBOM keeps a BOM so JSON.parse refuses it.
const decoder = /* @__PURE__ */ new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

export function utf8Encode(text: string): Uint8Array {
  return textEncoder.encode(text)
}

export function utf8Decode(bytes: Uint8Array, label: string, code: JoseErrorCode): string {
  try {
    return decoder.decode(bytes)
  } catch {
    throw new JoseError(code, `${label} is not valid UTF-8`)
  }
}

/**
 * ASCII bytes of a string known to be ASCII (a base64url segment): the JWE AAD, the JWS signing
 * input. ASCII is the one-byte range of UTF-8, so the encoder gives exactly those bytes.
 */
export { utf8Encode as asciiBytes }
