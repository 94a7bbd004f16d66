import { JoseError } from '../errors.ts'
import { decodePadded } from '../encoding/base64.ts'

/** One decoded PEM block: its label (e.g. "PUBLIC KEY") and the DER bytes of its body. */
export interface PemBlock {
  readonly label: string
  readonly der: Uint8Array
}

const BEGIN = '-----BEGIN '
const END = '-----END '
const DASHES = '-----'

// RFC 7468 §3: label = labelchar *( ["-" / SP] labelchar ), labelchar = %x21-2C / %x2E-7E.
// Non-empty here: every label this library accepts has a name.
const LABEL = /^[\x21-\x2c\x2e-\x7e]+(?:[- ][\x21-\x2c\x2e-\x7e]+)*$/
// RFC 7468 §3: W = WSP / CR / LF / %x0B / %x0C, allowed between base64 characters.
const BODY_WHITESPACE = /[\t\n\v\f\r ]/g
const LINE_PADDING = /^[\t ]*\r?\n/

/**
 * Reads exactly one PEM block (RFC 7468). Only whitespace may surround it; the BEGIN and
 * END labels must match; the body is strict padded base64 with line breaks in between.
 * RFC 1421 headers (Proc-Type, DEK-Info) and encrypted keys are refused: a key that needs
 * a passphrase must be decrypted before it reaches this library.
 * Messages never quote the body.
 */
export function readPem(text: string): PemBlock {
  if (typeof text !== 'string') throw invalid('PEM input must be a string')
  const pem = text.trim()
  const begins = occurrences(pem, BEGIN)
  const ends = occurrences(pem, END)
  if (begins === 0 && ends === 0) throw invalid('no PEM block found')
  if (begins !== 1 || ends !== 1) throw invalid('PEM input must contain exactly one BEGIN/END block')
  if (!pem.startsWith(BEGIN)) throw invalid('unexpected text before the PEM BEGIN line')

  const labelEnd = pem.indexOf(DASHES, BEGIN.length)
  if (labelEnd < 0) throw invalid('malformed PEM BEGIN line')
  const label = pem.slice(BEGIN.length, labelEnd)
  const lineBreak = LINE_PADDING.exec(pem.slice(labelEnd + DASHES.length))
  if (lineBreak === null) throw invalid('malformed PEM BEGIN line')
  const bodyStart = labelEnd + DASHES.length + lineBreak[0].length

  const endAt = pem.indexOf(END)
  if (endAt < bodyStart) throw invalid('malformed PEM block')
  if (!pem.endsWith(DASHES) || pem.length - endAt < END.length + DASHES.length) {
    throw invalid('unexpected text after the PEM END line')
  }
  if (pem.slice(endAt + END.length, -DASHES.length) !== label) throw invalid('PEM BEGIN and END labels differ')
  if (!LABEL.test(label)) throw invalid('malformed PEM label')
  // PKCS#8 EncryptedPrivateKeyInfo (RFC 5958 §3) would need a passphrase and PBES2.
  if (label === 'ENCRYPTED PRIVATE KEY') throw invalid('encrypted PEM private keys are not supported; decrypt the key first')

  const raw = pem.slice(bodyStart, endAt)
  if (!/\n[\t ]*$/.test('\n' + raw)) throw invalid('the PEM END line must start on its own line')
  // Base64 never contains ':', so one means an RFC 1421 header line.
  if (raw.includes(':')) {
    throw invalid(
      /Proc-Type:[\t ]*4,ENCRYPTED/i.test(raw)
        ? 'encrypted PEM private keys are not supported; decrypt the key first'
        : 'PEM headers are not supported',
    )
  }
  const body = raw.replace(BODY_WHITESPACE, '')
  if (body.length === 0) throw invalid('PEM body is empty')
  const der = decodePadded(body)
  if (der === undefined) throw invalid('PEM body is not valid base64')
  return { label, der }
}

function occurrences(text: string, needle: string): number {
  let count = 0
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) count++
  return count
}

function invalid(message: string): JoseError {
  return new JoseError('ERR_KEY_INVALID', message)
}
