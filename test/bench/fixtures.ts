import type { RuntimeRun } from '../../bench/lib/runtime-results.ts'
import type { Summary } from '../../bench/lib/stats.ts'

export const summary = (median: number): Summary => ({ median, p10: median * 0.9, p90: median * 1.2, mad: median * 0.05, n: 20 })

/** A runtime's run as the driver stores it, with round figures. */
export function fakeRun(name: string, version = '1.0.0'): RuntimeRun {
  return {
    runtime: { name, version, userAgent: `${name}/${version}`, timerResolutionNs: 30 },
    plan: {
      cold: { bits: 2048, warmupRounds: 1, rounds: 20, batch: 4 },
      warm: { warmupRounds: 1, rounds: 10, batch: 100 },
      base64: { warmupRounds: 1, rounds: 10, batchAt16k: 10, sizes: [1024] },
    },
    quick: false,
    date: '2026-12-06T21:00:00.000Z',
    seconds: 30,
    floorDecoder: 'Uint8Array.fromBase64',
    cold: {
      bits: 2048,
      floorSequence: 'decrypt+importKey',
      contenders: [
        { name: 'webjose', summary: summary(620_000) },
        { name: 'jose', summary: summary(680_000) },
        { name: 'floor (unwrapKey)', summary: summary(610_000) },
        { name: 'floor (decrypt+importKey)', summary: summary(600_000) },
      ],
      floor: summary(598_000),
      floorWins: { unwrapKey: 8, 'decrypt+importKey': 12 },
      floorUnsupported: {},
      vsFloor: summary(1.03),
      vsSequence: { unwrapKey: summary(1.01), 'decrypt+importKey': summary(1.02) },
      vsJose: summary(0.91),
      mintSeconds: 9,
      measureSeconds: 12,
    },
    warm: { name: 'createVerifier().verify(same token)', summary: summary(400), coldWebjose: 620_000 },
    base64: [
      {
        size: 1024,
        native: 'Uint8Array.fromBase64',
        contenders: [
          { name: 'webjose', summary: summary(1500) },
          { name: 'native', summary: summary(500) },
          { name: 'atob', summary: summary(4000) },
          { name: 'jose', summary: summary(520) },
        ],
        vsNative: summary(3),
        vsJose: summary(2.9),
      },
    ],
    driverSeconds: 35,
    load: { start: 0.5, end: 0.7 },
  }
}
