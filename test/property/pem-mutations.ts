/**
 * PEM text for the importKey PEM property: the labels of the five supported kinds, wrapping DER
 * in a block, and mutations of the text (labels, boundaries, whitespace, line breaks, base64 alphabet).
 */
import fc from 'fast-check'

export type Kind = 'pkcs8' | 'pkcs1' | 'spki' | 'pkcs1Public' | 'certificate'
export const LABEL: Record<Kind, string> = {
  pkcs8: 'PRIVATE KEY',
  pkcs1: 'RSA PRIVATE KEY',
  spki: 'PUBLIC KEY',
  pkcs1Public: 'RSA PUBLIC KEY',
  certificate: 'CERTIFICATE',
}

/** `bytes` as a PEM block with lines of `width` characters. */
export function wrapPem(label: string, bytes: Uint8Array, width = 64, eol = '\n', endLabel = label): string {
  const body = Buffer.from(bytes).toString('base64')
  const lines = body.match(new RegExp(`.{1,${width}}`, 'g')) ?? ['']
  return `-----BEGIN ${label}-----${eol}${lines.join(eol)}${eol}-----END ${endLabel}-----${eol}`
}

const LABELS = [
  ...Object.values(LABEL),
  'ENCRYPTED PRIVATE KEY',
  'EC PRIVATE KEY',
  'TRUSTED CERTIFICATE',
  'X509 CRL',
  'CERTIFICATE REQUEST',
  'private key',
  'PRIVATE  KEY',
  'RSA  PUBLIC KEY',
  '',
  'PUBLIC KEY ',
  ' CERTIFICATE',
]

export type TextMutation =
  | { kind: 'label'; begin: boolean; end: boolean; label: string }
  | { kind: 'insert' | 'substitute'; at: number; text: string }
  | { kind: 'delete'; at: number; count: number }
  | { kind: 'dashes'; which: number; count: number }
  | { kind: 'padding'; to: '' | '=' | '==' | '===' }
  | { kind: 'surround'; before: string; after: string }
  | { kind: 'header'; text: string }
  | { kind: 'case' }

/** Characters in and around base64 bodies, whitespace of every kind, and some that are neither. */
const CHARS = [
  ...'AZaz09+/=',
  '-',
  '_',
  '.',
  ':',
  '!',
  '"',
  ' ',
  '\t',
  '\r',
  '\n',
  '\r\n',
  '\v',
  '\f',
  '\u00a0',
  '\u2028',
  '\ufeff',
  '\u0000',
  'é',
  '\u0100',
  '\ud800',
  '-----',
  '-----END PRIVATE KEY-----\n',
  '\n-----BEGIN PUBLIC KEY-----\n',
]

export const textMutation: fc.Arbitrary<TextMutation> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('label' as const), begin: fc.boolean(), end: fc.boolean(), label: fc.constantFrom(...LABELS) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constantFrom('insert' as const, 'substitute' as const), at: fc.nat(), text: fc.constantFrom(...CHARS) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 8 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('dashes' as const), which: fc.nat(), count: fc.integer({ min: 0, max: 7 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('padding' as const), to: fc.constantFrom('' as const, '=' as const, '==' as const, '===' as const) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('surround' as const),
      before: fc.constantFrom('', '\n', ' \t\r\n', '\ufeff', 'comment\n', '-----BEGIN PUBLIC KEY-----\n'),
      after: fc.constantFrom('', '\n\n', 'comment', '\u0000', '-----END PUBLIC KEY-----\n'),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('header' as const),
      text: fc.constantFrom('Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\n', 'Comment: x\n', 'ENCRYPTED\n', '\n'),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'case' as const }) },
)

export function mutateText(pem: string, m: TextMutation): string {
  const at = (n: number) => n % (pem.length + 1)
  switch (m.kind) {
    case 'label': {
      let out = pem
      if (m.begin) out = out.replace(/BEGIN [^-]*-----/, `BEGIN ${m.label}-----`)
      if (m.end) out = out.replace(/END [^-]*-----/, `END ${m.label}-----`)
      return out
    }
    case 'insert':
      return pem.slice(0, at(m.at)) + m.text + pem.slice(at(m.at))
    case 'substitute':
      return pem.slice(0, at(m.at)) + m.text + pem.slice(at(m.at) + 1)
    case 'delete':
      return pem.slice(0, at(m.at)) + pem.slice(at(m.at) + m.count)
    case 'dashes': {
      // Any of the four runs of five dashes gets `count` instead.
      let seen = -1
      const target = m.which % 4
      return pem.replace(/-----/g, (run) => (++seen === target ? '-'.repeat(m.count) : run))
    }
    case 'padding':
      return pem.replace(/=*(\s*-----END)/, `${m.to}$1`)
    case 'surround':
      return m.before + pem + m.after
    case 'header':
      return pem.replace(/-----\r?\n/, (line) => line + m.text)
    case 'case':
      return pem.replace(/(BEGIN|END) ([^-]*)/g, (_, boundary: string, label: string) => `${boundary} ${label.toLowerCase()}`)
  }
}
