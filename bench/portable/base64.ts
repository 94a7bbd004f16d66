/**
 * base64url decoding of random bytes (1 KB, 16 KB): webjose's strict decoder against the
 * runtime's native one (`Uint8Array.fromBase64`, else Buffer), an atob-based decoder and jose 6.
 */
import * as joseBase64url from 'jose/base64url'
import { base64url } from '../../src/index.ts'
import type { Summary } from '../lib/stats.ts'
import { atobDecode, nativeDecoder } from './openers.ts'
import { interleave, ratioPerRound, samplesOf } from './timing.ts'
import { encodeBase64url } from './tokens.ts'

export interface Base64DecodeResult {
  size: number
  /** Which native decoder the runtime has. */
  native: string
  contenders: { name: string; summary: Summary }[]
  vsNative: Summary
  vsJose: Summary
}

let sink = 0

export async function runBase64Decode(plan: { warmupRounds: number; rounds: number; batchAt16k: number }, size: number): Promise<Base64DecodeResult> {
  const bytes = new Uint8Array(size)
  for (let i = 0; i < size; i += 65536) crypto.getRandomValues(bytes.subarray(i, i + 65536))
  const text = encodeBase64url(bytes)
  const native = nativeDecoder()
  const decoders: Record<string, (input: string) => Uint8Array> = {
    webjose: (input) => base64url.decode(input),
    native: native.decode,
    atob: atobDecode,
    jose: (input) => joseBase64url.decode(input),
  }
  // Each decoder must read the input back exactly before it is timed.
  for (const [name, decode] of Object.entries(decoders)) {
    const out = decode(text)
    if (out.length !== size || out.some((byte, i) => byte !== bytes[i])) throw new Error(`base64url: ${name} decodes wrongly`)
  }
  const batch = Math.max(1, Math.round((plan.batchAt16k * 16384) / size))
  const result = await interleave(
    Object.entries(decoders).map(([name, decode]) => ({
      name,
      batch(count: number) {
        for (let i = 0; i < count; i++) sink = (sink + decode(text)[size - 1]!) | 0
      },
    })),
    { warmupRounds: plan.warmupRounds, rounds: plan.rounds, batch },
  )
  return {
    size,
    native: native.name,
    contenders: result.contenders.map(({ name, summary }) => ({ name, summary })),
    vsNative: ratioPerRound(samplesOf(result, 'webjose'), samplesOf(result, 'native')),
    vsJose: ratioPerRound(samplesOf(result, 'webjose'), samplesOf(result, 'jose')),
  }
}
