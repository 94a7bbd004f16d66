import { decodePadded } from '../encoding/base64.ts'
import { assertKey } from './jwk.ts'

/**
 * An RSA key from exactly one PEM block (RFC 7468), as Web Crypto imports it: PRIVATE KEY
 * (PKCS#8) and RSA PRIVATE KEY (PKCS#1) give PKCS#8; PUBLIC KEY (SPKI), RSA PUBLIC KEY
 * (PKCS#1) and CERTIFICATE (its public key) give SPKI. Only whitespace may surround the block;
 * the BEGIN and END labels must match, each on its own line; the body is strict padded base64
 * with whitespace between the characters. RFC 1421
 * headers are refused, and so are encrypted keys: a key that needs a passphrase must be
 * decrypted before it reaches this library. Messages never quote the input. The key's algorithm
 * is Web Crypto's to judge when the key is imported for one.
 */
export async function readPemKey(text: string): Promise<['pkcs8' | 'spki', Uint8Array]> {
  const [kind, der] = readPemBlock(text)
  const isPrivate = kind[2] === 'PRIVATE'
  // PKCS#8 and SPKI go to Web Crypto as they are; PKCS#1 and certificates need converting.
  const convert = kind[1] || !kind[2] ? await import('./der-convert.ts') : undefined
  const key = convert ? (kind[1] ? convert.wrapPkcs1(der, isPrivate) : convert.certificateSpki(der)) : der
  return [isPrivate ? 'pkcs8' : 'spki', key]
}

/**
 * The synchronous part of readPemKey: one well-formed block with a label `labels` accepts, and
 * its DER. With the default (RSA) labels, `kind[1]` is "RSA " for PKCS#1, `kind[2]` "PRIVATE" or
 * "PUBLIC" (absent for CERTIFICATE). EC and OKP keys pass their own labels (import-ec-okp.ts).
 */
export function readPemBlock(text: string, labels = /^(RSA )?(PRIVATE|PUBLIC) KEY$|^CERTIFICATE$/): [kind: RegExpExecArray, der: Uint8Array] {
  // Neither "BEGIN " nor "4," (Proc-Type: 4,ENCRYPTED) can occur in a base64 body.
  assertKey(!/(BEGIN |4,)ENCRYPTED/.test(text), 'PEM: encrypted key')
  // The body excludes "-" (so one block only) and ":" (so no headers); \1: the labels match.
  const match = /^-----BEGIN ([^-]*)-----[\t ]*\r?\n([^-:]*)\n[\t ]*-----END \1-----$/.exec(text.trim())
  assertKey(match, 'PEM: malformed')
  const [, label, body] = match as unknown as string[]
  const kind = labels.exec(label!)
  assertKey(kind, 'PEM: unsupported label')
  // RFC 7468 §3: whitespace (WSP, CR, LF, VT, FF) may separate the base64 characters.
  const der = decodePadded(body!.replace(/[\t-\r ]/g, ''))
  assertKey(der?.length, 'PEM: bad base64')
  return [kind, der]
}
