/**
 * importKey over mutated key material: PEM blocks of the five supported kinds whose DER has been
 * altered (bit flips, inserted and deleted bytes, truncation, changed length octets, TLVs spliced
 * in from keys of other kinds, including EC and Ed25519 ones) and whose text has been altered
 * (labels, boundaries, whitespace, line breaks, base64 alphabet), and RSA JWKs with members
 * deleted, retyped, corrupted, added or contradicting the import.
 *
 * Property: the call resolves to a CryptoKey that fits the algorithm (name, hash, usages, RSA
 * modulus of at least 2048 bits, not extractable unless asked, and for a JWK every member that
 * constrains the import agreeing with it) or rejects with a JoseError whose code is the one
 * importKey documents for the input (ERR_KEY_INVALID; ERR_ALG_NOT_SUPPORTED for an alg it does
 * not implement, ERR_INVALID_ARGUMENT for malformed options); never another error, never a
 * hang, and no message quotes the input or key material. fast-check prints the seed and the
 * shrunk counterexample on failure.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { importKey } from '../../src/keys/import-key.ts'
import type { RsaKeyAlgorithm as KeyAlgorithm } from '../helpers/keys.ts'
import type { JoseErrorCode } from '../../src/errors.ts'
import { generateKeyObjects, namedKey, WEB_CRYPTO, type TestRsaKey } from '../helpers/keys.ts'
import { makeCertificate, pemBody } from '../keys/helpers.ts'
import { registerSecret } from '../security/support.ts'
import {
  ALGS,
  editJwk,
  expectJoseFailure,
  isCryptoKey,
  isSupported,
  json,
  KEY_MEMBERS,
  jwkEdit,
  pick,
  rarely,
  settle,
  UNSUPPORTED,
  withProtoMember,
  type JwkEdit,
  type Outcome,
} from './support.ts'

const alg = fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...ALGS) }, { weight: 1, arbitrary: fc.constantFrom(...UNSUPPORTED) })

const usagesFor = (name: keyof typeof WEB_CRYPTO, type: KeyType): string[] =>
  WEB_CRYPTO[name].name === 'RSA-OAEP' ? (type === 'private' ? ['decrypt', 'unwrapKey'] : ['encrypt', 'wrapKey']) : [type === 'private' ? 'sign' : 'verify']

/** What every key importKey returns must satisfy, whatever the input. */
function expectKeyFor(key: unknown, name: keyof typeof WEB_CRYPTO, extractable: boolean): asserts key is CryptoKey {
  expect(isCryptoKey(key), 'resolved to something other than a CryptoKey').toBe(true)
  const { algorithm, type, usages } = key as CryptoKey
  const rsa = algorithm as RsaHashedKeyAlgorithm
  expect(rsa.name).toBe(WEB_CRYPTO[name].name)
  expect(rsa.hash.name).toBe(WEB_CRYPTO[name].hash)
  expect(rsa.modulusLength).toBeGreaterThanOrEqual(2048)
  expect((key as CryptoKey).extractable).toBe(extractable)
  expect(type === 'private' || type === 'public').toBe(true)
  expect(usages.length).toBeGreaterThan(0)
  for (const usage of usages) expect(usagesFor(name, type as KeyType)).toContain(usage)
}

// ---------------------------------------------------------------------------------------------
// Key material.

type Kind = 'pkcs8' | 'pkcs1' | 'spki' | 'pkcs1Public' | 'certificate'
const LABEL: Record<Kind, string> = {
  pkcs8: 'PRIVATE KEY',
  pkcs1: 'RSA PRIVATE KEY',
  spki: 'PUBLIC KEY',
  pkcs1Public: 'RSA PUBLIC KEY',
  certificate: 'CERTIFICATE',
}

const der = (pem: string): Uint8Array => new Uint8Array(Buffer.from(pemBody(pem), 'base64'))

/** The DER of each kind of a key (`certificate` from openssl, which makes its own key). */
function dersOf(key: TestRsaKey, certificatePem: string | undefined): Partial<Record<Kind, Uint8Array>> {
  return {
    pkcs8: der(key.privatePem),
    pkcs1: der(key.pkcs1PrivatePem),
    spki: der(key.publicPem),
    pkcs1Public: der(key.pkcs1PublicPem),
    ...(certificatePem === undefined ? {} : { certificate: der(certificatePem) }),
  }
}

const certificate = makeCertificate('rsa:2048')
let main: TestRsaKey
let weak: TestRsaKey
/** Starting points: [kind, DER, whether the unmutated PEM imports]. */
let seeds: [Kind, Uint8Array, boolean][]
/** DER of every kind, RSA or not, to splice from. */
let donors: Uint8Array[]

beforeAll(async () => {
  main = namedKey('main')
  weak = namedKey('weak', 1024)
  if (certificate) for (const pem of [certificate.certificatePem, certificate.privateKeyPem]) registerSecret(pemBody(pem))
  const strong = dersOf(main, certificate?.certificatePem)
  seeds = [
    ...Object.entries(strong).map(([kind, bytes]): [Kind, Uint8Array, boolean] => [kind as Kind, bytes, true]),
    ...Object.entries(dersOf(weak, undefined)).map(([kind, bytes]): [Kind, Uint8Array, boolean] => [kind as Kind, bytes, false]),
  ]
  const ec = generateKeyObjects('ec', { namedCurve: 'P-256' })
  const ed = generateKeyObjects('ed25519')
  const others = [ec.privatePem, ec.publicPem, ed.privatePem, ed.publicPem, ec.privateKey.export({ type: 'sec1', format: 'pem' }) as string]
  for (const pem of others) registerSecret(pemBody(pem))
  donors = [...seeds.map(([, bytes]) => bytes), ...others.map(der)]
  // The unmutated seeds behave as documented, under every algorithm.
  for (const [kind, bytes, imports] of seeds) {
    for (const name of ALGS) {
      const pem = wrapPem(LABEL[kind], bytes)
      const outcome = await settle(() => importKey(pem, name))
      if (imports && outcome.kind === 'resolved') expectKeyFor(outcome.value, name, false)
      else expectJoseFailure(outcome, imports ? [] : ['ERR_KEY_INVALID'], [pem])
    }
  }
}, 30_000)

// ---------------------------------------------------------------------------------------------
// DER: a lenient parser that keeps offsets, so mutations can aim at tags and lengths, and an
// encoder that recomputes lengths, so structural mutations reach the parsers further in.

interface Tlv {
  tag: number
  /** Offset of the tag octet in the bytes parsed. */
  offset: number
  content: Uint8Array
  /** Parsed contents of a constructed TLV, or of a BIT/OCTET STRING that wraps one SEQUENCE. */
  children?: Tlv[]
}

function parseTlv(bytes: Uint8Array, at: number, end: number): [Tlv, number] | undefined {
  const tag = bytes[at]
  const first = bytes[at + 1]
  if (tag === undefined || first === undefined || (tag & 0x1f) === 0x1f) return undefined
  let start = at + 2
  let length = first
  if (first > 127) {
    const count = first - 128
    if (count === 0 || count > 4) return undefined
    length = 0
    for (let i = 0; i < count; i++) length = length * 256 + (bytes[start++] ?? NaN)
  }
  if (!(start + length <= end)) return undefined
  const node: Tlv = { tag, offset: at, content: bytes.subarray(start, start + length) }
  if (tag & 0x20) {
    const children = parseAll(bytes, start, start + length)
    if (children) node.children = children
  } else if ((tag === 0x03 && bytes[start] === 0) || tag === 0x04) {
    const inner = parseAll(bytes, start + (tag === 0x03 ? 1 : 0), start + length)
    if (inner?.length === 1 && inner[0]!.tag === 0x30) node.children = inner
  }
  return [node, start + length]
}

function parseAll(bytes: Uint8Array, start: number, end: number): Tlv[] | undefined {
  const nodes: Tlv[] = []
  for (let at = start; at < end; ) {
    const parsed = parseTlv(bytes, at, end)
    if (!parsed) return undefined
    nodes.push(parsed[0])
    at = parsed[1]
  }
  return nodes
}

const lengthOctets = (length: number): number[] => {
  const octets: number[] = []
  for (let n = length; n; n = Math.floor(n / 256)) octets.unshift(n % 256)
  return length < 128 ? [length] : [128 + octets.length, ...octets]
}

function encodeTlv(node: Tlv): Uint8Array {
  let content = node.content
  if (node.children) {
    const parts = node.children.map(encodeTlv)
    content = Buffer.concat([Buffer.from(node.tag === 0x03 ? [0] : []), ...parts])
  }
  return Uint8Array.from([node.tag, ...lengthOctets(content.length), ...content])
}

/** Every TLV of the tree in preorder, with its parent's child list. */
function flatten(root: Tlv): [Tlv, Tlv[] | undefined][] {
  const out: [Tlv, Tlv[] | undefined][] = []
  const walk = (node: Tlv, siblings: Tlv[] | undefined) => {
    out.push([node, siblings])
    for (const child of node.children ?? []) walk(child, node.children)
  }
  walk(root, undefined)
  return out
}

const parseRoot = (bytes: Uint8Array): Tlv | undefined => parseAll(bytes, 0, bytes.length)?.[0]

type DerMutation =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'insert'; at: number; byte: number }
  | { kind: 'delete'; at: number; count: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'length'; which: number; to: 'plus' | 'minus' | 'zero' | 'nonMinimal' | 'indefinite' | 'huge' | 'fiveOctets' | number }
  | { kind: 'rawSplice'; donor: number; from: number; at: number; count: number }
  | { kind: 'graft'; which: number; donor: number; node: number }
  | { kind: 'remove' | 'duplicate' | 'swap'; which: number }
  | { kind: 'content'; which: number; to: 'empty' | 'zero' | 'leadingZero' | 'dropFirst' | Uint8Array }
  | { kind: 'retag'; which: number; tag: number }

const TAGS = [0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x0c, 0x17, 0x30, 0x31, 0xa0, 0xa3, 0x1f, 0x00, 0xff]

const derMutation: fc.Arbitrary<DerMutation> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('length' as const),
      which: fc.nat(),
      to: fc.oneof(
        fc.constantFrom('plus', 'minus', 'zero', 'nonMinimal', 'indefinite', 'huge', 'fiveOctets'),
        fc.integer({ min: 0, max: 255 }),
      ),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('rawSplice' as const), donor: fc.nat(), from: fc.nat(), at: fc.nat(), count: fc.integer({ min: 1, max: 64 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('graft' as const), which: fc.nat(), donor: fc.nat(), node: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom('remove' as const, 'duplicate' as const, 'swap' as const), which: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('content' as const),
      which: fc.nat(),
      to: fc.oneof(fc.constantFrom('empty', 'zero', 'leadingZero', 'dropFirst'), fc.uint8Array({ minLength: 1, maxLength: 300 })),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('retag' as const), which: fc.nat(), tag: fc.constantFrom(...TAGS) }) },
)

const splice = (bytes: Uint8Array, at: number, remove: number, insert: ArrayLike<number> = []): Uint8Array =>
  Uint8Array.from([...bytes.subarray(0, at), ...Array.from(insert), ...bytes.subarray(at + remove)])

function mutateDer(bytes: Uint8Array, m: DerMutation): Uint8Array {
  const size = Math.max(bytes.length, 1)
  switch (m.kind) {
    case 'flip': {
      if (bytes.length === 0) return Uint8Array.of(1 << m.bit)
      const out = bytes.slice()
      const at = m.at % size
      out[at] = out[at]! ^ (1 << m.bit)
      return out
    }
    case 'insert':
      return splice(bytes, m.at % (bytes.length + 1), 0, [m.byte])
    case 'delete':
      return splice(bytes, m.at % size, m.count)
    case 'truncate':
      return bytes.subarray(0, m.at % size)
    case 'rawSplice': {
      const donor = pick(donors, m.donor)
      const from = m.from % donor.length
      return splice(bytes, m.at % size, m.count, donor.subarray(from, from + m.count))
    }
    case 'length': {
      // Aim at a real length field when the bytes still parse, else at any byte.
      const root = parseRoot(bytes)
      const at = (root ? pick(flatten(root), m.which)[0].offset : m.which % size) + 1
      const first = bytes[at] ?? 0
      const octets = first > 127 ? 1 + (first - 128) : 1
      let length = first
      if (first > 127) {
        length = 0
        for (let i = 1; i < octets; i++) length = length * 256 + (bytes[at + i] ?? 0)
      }
      const to =
        m.to === 'plus' ? lengthOctets(length + 1)
        : m.to === 'minus' ? lengthOctets(Math.max(length - 1, 0))
        : m.to === 'zero' ? [0]
        : m.to === 'nonMinimal' ? [0x82, length >> 8, length & 255]
        : m.to === 'indefinite' ? [0x80]
        : m.to === 'huge' ? [0x84, 0xff, 0xff, 0xff, 0xff]
        : m.to === 'fiveOctets' ? [0x85, 0, 0, 0, length >> 8, length & 255]
        : [m.to]
      return splice(bytes, at, octets, to)
    }
    default: {
      // Structural: edit the parsed tree, then re-encode it with consistent lengths.
      const root = parseRoot(bytes)
      if (!root) return mutateDer(bytes, { kind: 'flip', at: m.which, bit: 0 })
      const nodes = flatten(root)
      const [node, siblings] = pick(nodes, m.which)
      const index = siblings?.indexOf(node) ?? -1
      switch (m.kind) {
        case 'graft': {
          const donorRoot = parseRoot(pick(donors, m.donor))!
          Object.assign(node, pick(flatten(donorRoot), m.node)[0], { offset: node.offset })
          break
        }
        case 'remove':
          if (siblings) siblings.splice(index, 1)
          else return new Uint8Array(0)
          break
        case 'duplicate':
          siblings?.splice(index, 0, node)
          break
        case 'swap':
          if (siblings && siblings.length > 1) {
            const other = (index + 1) % siblings.length
            ;[siblings[index], siblings[other]] = [siblings[other]!, node]
          }
          break
        case 'content': {
          const content = node.content
          delete node.children
          node.content =
            m.to === 'empty' ? new Uint8Array(0)
            : m.to === 'zero' ? Uint8Array.of(0)
            : m.to === 'leadingZero' ? Uint8Array.from([0, ...content])
            : m.to === 'dropFirst' ? content.subarray(1)
            : m.to
          break
        }
        case 'retag':
          node.tag = m.tag
          if (m.tag !== 0x03 && m.tag !== 0x04 && !(m.tag & 0x20)) delete node.children
          break
      }
      return encodeTlv(root)
    }
  }
}

// ---------------------------------------------------------------------------------------------
// PEM text.

function wrapPem(label: string, bytes: Uint8Array, width = 64, eol = '\n', endLabel = label): string {
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

type TextMutation =
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

const textMutation: fc.Arbitrary<TextMutation> = fc.oneof(
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

function mutateText(pem: string, m: TextMutation): string {
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

interface PemCase {
  seed: number
  der: DerMutation[]
  width: number
  crlf: boolean
  text: TextMutation[]
  alg: string
}

const pemCase: fc.Arbitrary<PemCase> = fc.record({
  seed: fc.nat(),
  der: fc.array(derMutation, { maxLength: 3 }),
  width: fc.oneof({ weight: 4, arbitrary: fc.constant(64) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 2000 }) }),
  crlf: fc.boolean(),
  text: fc.array(textMutation, { maxLength: 2 }),
  alg,
})

function buildPem({ seed, der: derMutations, width, crlf, text }: PemCase): string {
  const [kind, original] = pick(seeds, seed)
  const bytes = derMutations.reduce(mutateDer, original)
  return text.reduce(mutateText, wrapPem(LABEL[kind], bytes, width, crlf ? '\r\n' : '\n'))
}

// ---------------------------------------------------------------------------------------------
// JWK.

/** Public and private JWKs of the keys above, some with alg/use/key_ops/ext that fit. */
let jwkSeeds: JsonWebKey[]

interface JwkCase {
  seed: number
  /** Give the seed "alg", "use" and "key_ops" that fit the import before editing, so the edits meet the later checks. */
  fit: boolean
  edits: JwkEdit[]
  /** A "__proto__" member, added as JSON.parse adds it: an own data property. */
  proto: { value: unknown } | null
  /** Replaces the whole JWK (a non-object, an array, ...). */
  replace: { value: unknown } | null
  alg: string
  options: { value: unknown } | null
}

const jwkCase: fc.Arbitrary<JwkCase> = fc.record({
  seed: fc.nat(),
  fit: fc.boolean(),
  edits: fc.array(jwkEdit, { maxLength: 3 }),
  proto: rarely(fc.record({ value: json }), 10),
  replace: rarely(fc.record({ value: fc.oneof(json, fc.constantFrom(null, undefined, [], 'RSA', 0)) }), 30),
  alg,
  options: rarely(
    fc.record({
      value: fc.oneof(
        { weight: 6, arbitrary: fc.record({ extractable: fc.boolean() }) },
        { weight: 1, arbitrary: fc.constantFrom({}, undefined, { extractable: 'yes' }, { extractable: 1 }, null, 'x', [], 0) },
      ),
    }),
    3,
  ),
})

function buildJwk({ seed, fit, edits, proto, replace, alg: name }: JwkCase): unknown {
  if (replace) return replace.value
  const start: Record<string, unknown> = { ...pick(jwkSeeds, seed) }
  if (fit && isSupported(name)) {
    const type = start.d === undefined ? 'public' : 'private'
    Object.assign(start, { alg: name, use: WEB_CRYPTO[name].name === 'RSA-OAEP' ? 'enc' : 'sig', key_ops: usagesFor(name, type) })
  }
  const jwk = edits.reduce((edited, edit) => editJwk(edited, edit, jwkSeeds), start)
  return proto ? withProtoMember(jwk, proto.value) : jwk
}

const own = (jwk: object, name: string): unknown => (Object.prototype.hasOwnProperty.call(jwk, name) ? (jwk as Record<string, unknown>)[name] : undefined)
const isCanonicalBase64url = (value: unknown): boolean =>
  typeof value === 'string' && value.length > 0 && Buffer.from(value, 'base64url').toString('base64url') === value

/** What an imported JWK must have been: RFC 7517 §4 members that agree with the import (README: "refused" otherwise). */
function expectJwkFits(jwk: unknown, key: CryptoKey, name: KeyAlgorithm, extractable: boolean): void {
  expect(typeof jwk === 'object' && jwk !== null && !Array.isArray(jwk)).toBe(true)
  const input = jwk as object
  expect(Object.prototype.hasOwnProperty.call(input, '__proto__')).toBe(false)
  expect(own(input, 'kty')).toBe('RSA')
  const isPrivate = KEY_MEMBERS.slice(2).some((member) => own(input, member) !== undefined)
  expect(key.type).toBe(isPrivate ? 'private' : 'public')
  for (const member of isPrivate ? KEY_MEMBERS : KEY_MEMBERS.slice(0, 2)) expect(isCanonicalBase64url(own(input, member)), member).toBe(true)
  const [algMember, use, ext, keyOps] = ['alg', 'use', 'ext', 'key_ops'].map((member) => own(input, member))
  if (algMember !== undefined) expect(algMember).toBe(name)
  if (use !== undefined) expect(use).toBe(WEB_CRYPTO[name].name === 'RSA-OAEP' ? 'enc' : 'sig')
  if (ext !== undefined && ext !== true) expect(ext).toBe(extractable)
  if (keyOps !== undefined) {
    expect(Array.isArray(keyOps)).toBe(true)
    for (const usage of key.usages) expect(keyOps).toContain(usage)
  }
  if (isPrivate) expect(own(input, 'oth')).toBeUndefined()
}

// ---------------------------------------------------------------------------------------------

/** The documented code for a refused import: alg first, then options, then the material. */
function expectedCode(name: string, options: JwkCase['options']): JoseErrorCode {
  if (!isSupported(name)) return 'ERR_ALG_NOT_SUPPORTED'
  const value = options?.value
  const isObject = typeof value === 'object' && value !== null && !Array.isArray(value)
  const valid = value === undefined || (isObject && [undefined, true, false].includes((value as { extractable?: unknown }).extractable as undefined))
  return valid ? 'ERR_KEY_INVALID' : 'ERR_INVALID_ARGUMENT'
}

describe('importKey never fails with anything but a JoseError', () => {
  beforeAll(() => {
    const sig = (jwk: JsonWebKey, fields: JsonWebKey) => ({ ...jwk, ...fields })
    jwkSeeds = [
      main.privateJwk,
      main.publicJwk,
      sig(main.publicJwk, { alg: 'RS256', use: 'sig', key_ops: ['verify'] }),
      sig(main.privateJwk, { alg: 'RSA-OAEP-256', use: 'enc', key_ops: ['decrypt', 'unwrapKey'], ext: true }),
      weak.privateJwk,
      weak.publicJwk,
    ]
  })

  it('PEM with mutated DER and text: a fitting CryptoKey or ERR_KEY_INVALID', async () => {
    const seen = { resolved: 0, webCrypto: 0 }
    await fc.assert(
      fc.asyncProperty(pemCase, async (input) => {
        const pem = buildPem(input)
        const outcome: Outcome<CryptoKey> = await settle(() => importKey(pem, input.alg as KeyAlgorithm))
        if (outcome.kind === 'resolved') {
          seen.resolved++
          expect(isSupported(input.alg)).toBe(true)
          expectKeyFor(outcome.value, input.alg as KeyAlgorithm, false)
          // A PRIVATE KEY label gives a private key; PUBLIC KEY and CERTIFICATE a public one.
          expect(outcome.value.type).toBe(/^\s*-----BEGIN [^-]*PRIVATE/.test(pem) ? 'private' : 'public')
        } else {
          const error = expectJoseFailure(outcome, [isSupported(input.alg) ? 'ERR_KEY_INVALID' : 'ERR_ALG_NOT_SUPPORTED'], [pem, pemBody(pem)])
          if (error.cause !== undefined) seen.webCrypto++
        }
      }),
      { numRuns: 3000 },
    )
    // The mutations reach Web Crypto, and some still import, rather than all dying in the PEM reader.
    expect(seen.webCrypto).toBeGreaterThan(0)
    expect(seen.resolved).toBeGreaterThan(0)
  }, 60_000)

  it('JWK with members deleted, retyped, corrupted, added, contradicting, or "__proto__"', async () => {
    let resolved = 0
    await fc.assert(
      fc.asyncProperty(jwkCase, async (input) => {
        const jwk = buildJwk(input)
        const args = input.options ? [input.options.value] : []
        const outcome: Outcome<CryptoKey> = await settle(() =>
          (importKey as (...args: unknown[]) => Promise<CryptoKey>)(jwk, input.alg, ...args),
        )
        const code = expectedCode(input.alg, input.options)
        if (outcome.kind === 'resolved') {
          resolved++
          // Only the material could have been refused: alg and options were fine.
          expect(code).toBe('ERR_KEY_INVALID')
          const extractable = (input.options?.value as { extractable?: boolean } | undefined)?.extractable ?? false
          expectKeyFor(outcome.value, input.alg as KeyAlgorithm, extractable)
          expectJwkFits(jwk, outcome.value, input.alg as KeyAlgorithm, extractable)
        } else {
          const text = JSON.stringify(jwk) ?? ''
          const values = typeof jwk === 'object' && jwk ? Object.values(jwk).filter((v): v is string => typeof v === 'string') : []
          expectJoseFailure(outcome, [code], [text, ...values])
        }
      }),
      { numRuns: 2000 },
    )
    expect(resolved).toBeGreaterThan(0)
  }, 60_000)
})
