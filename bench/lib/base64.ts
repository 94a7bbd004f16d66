/**
 * Section 3: base64url decode and encode, 1 KB and 16 KB of random bytes.
 */
import { randomBytes } from 'node:crypto'
import * as joseBase64url from 'jose/base64url'
import { base64url } from '../../src/index.ts'
import { decodeInto, decodeTable } from '../../src/encoding/base64url.ts'
import { consume, interleave, pairedRatio, type Contender, type InterleaveResult } from './harness.ts'
import type { Summary } from './stats.ts'

/** The decoder many codebases write: map the alphabet back, atob, then a charCodeAt loop. */
export function atobDecode(input: string): Uint8Array {
  const binary = atob(input.replace(/-/g, '+').replace(/_/g, '/'))
  const out = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i)
  return out
}

/** Its encoding counterpart: String.fromCharCode in chunks, btoa, then the alphabet swap. */
export function btoaEncode(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')
}

/** True where the runtime has Uint8Array.fromBase64, which webjose's decode then uses (the table decoder is measured beside it). */
export const NATIVE_DECODER = decodeInto !== decodeTable

export interface Base64Result {
  size: number
  /** webjose (native) / webjose's table decoder per round, where the runtime has the native one. */
  nativeVsTable?: Summary
  decode: InterleaveResult
  encode: InterleaveResult
  decodeVsBuffer: Summary
  decodeVsJose: Summary
  encodeVsBuffer: Summary
  encodeVsJose: Summary
}

export interface Base64Plan {
  warmupRounds: number
  rounds: number
  /** Operations per sample at 16 KB; smaller inputs get proportionally more. */
  batchAt16k: number
}

export async function runBase64(plan: Base64Plan, size: number): Promise<Base64Result> {
  const bytes = new Uint8Array(randomBytes(size))
  const text = Buffer.from(bytes).toString('base64url')
  // Each decoder must read the input back exactly before it is timed.
  const decoders: Record<string, (input: string) => Uint8Array> = {
    webjose: (input) => base64url.decode(input),
    Buffer: (input) => Buffer.from(input, 'base64url'),
    atob: atobDecode,
    jose: (input) => joseBase64url.decode(input),
  }
  if (NATIVE_DECODER) {
    decoders['webjose table decoder'] = (input) => {
      const out = new Uint8Array((input.length * 3) >>> 2)
      if (!decodeTable(input, out, 0)) throw new Error('base64url: the table decoder refused a valid input')
      return out
    }
  }
  const encoders: Record<string, (input: Uint8Array) => string> = {
    webjose: (input) => base64url.encode(input),
    Buffer: (input) => Buffer.from(input.buffer, input.byteOffset, input.byteLength).toString('base64url'),
    btoa: btoaEncode,
    jose: (input) => joseBase64url.encode(input),
  }
  for (const [name, decode] of Object.entries(decoders)) {
    if (Buffer.compare(decode(text), bytes) !== 0) throw new Error(`base64url: ${name} decodes wrongly`)
  }
  for (const [name, encode] of Object.entries(encoders)) {
    if (encode(bytes) !== text) throw new Error(`base64url: ${name} encodes wrongly`)
  }
  const batch = Math.max(1, Math.round((plan.batchAt16k * 16384) / size))
  const options = { warmupRounds: plan.warmupRounds, rounds: plan.rounds, batch }
  const decode = await interleave(
    Object.entries(decoders).map(
      ([name, run]): Contender => ({
        name,
        batch(count) {
          for (let i = 0; i < count; i++) consume(run(text)[size - 1]!)
        },
      }),
    ),
    options,
  )
  const encode = await interleave(
    Object.entries(encoders).map(
      ([name, run]): Contender => ({
        name,
        batch(count) {
          for (let i = 0; i < count; i++) consume(run(bytes).length)
        },
      }),
    ),
    options,
  )
  return {
    size,
    ...(NATIVE_DECODER ? { nativeVsTable: pairedRatio(decode, 'webjose', 'webjose table decoder') } : {}),
    decode,
    encode,
    decodeVsBuffer: pairedRatio(decode, 'webjose', 'Buffer'),
    decodeVsJose: pairedRatio(decode, 'webjose', 'jose'),
    encodeVsBuffer: pairedRatio(encode, 'webjose', 'Buffer'),
    encodeVsJose: pairedRatio(encode, 'webjose', 'jose'),
  }
}
