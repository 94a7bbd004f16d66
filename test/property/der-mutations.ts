/**
 * DER mutations for the importKey PEM property: bit flips, inserted and deleted bytes, truncation,
 * changed length octets, raw splices and grafted TLVs from other keys, structural edits. A lenient
 * parser keeps offsets, so mutations can aim at tags and lengths, and an encoder recomputes
 * lengths, so structural mutations reach the parsers further in.
 */
import fc from 'fast-check'
import { pick } from './support.ts'

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

export type DerMutation =
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

export const derMutation: fc.Arbitrary<DerMutation> = fc.oneof(
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

/** `bytes` with mutation `m` applied; `donors` are the DER of keys of every kind to splice from. */
export function mutateDer(bytes: Uint8Array, m: DerMutation, donors: Uint8Array[]): Uint8Array {
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
      if (!root) return mutateDer(bytes, { kind: 'flip', at: m.which, bit: 0 }, donors)
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
