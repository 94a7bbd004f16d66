import type { RuntimeRun } from '../../bench/lib/runtime-results.ts'
import type { Summary } from '../../bench/lib/stats.ts'
import type { RatioEstimate } from '../../bench/portable/timing.ts'

export const summary = (median: number): Summary => ({ median, p10: median * 0.9, p90: median * 1.2, mad: median * 0.05, n: 20 })

/** A per-round ratio with the 95% CI of its median. */
export const estimate = (median: number, low: number, high: number): RatioEstimate => ({ ...summary(median), interval: [low, high] })

/** The same run as a result kept from before the portable bench timed createVerifier and the lean verifier. */
export function withoutVerifiers(run: RuntimeRun): RuntimeRun {
  delete run.cold.verifiersVsFloor
  delete run.cold.createVerifierVsLean
  delete run.cold.leanVsSequence
  run.cold.contenders = run.cold.contenders.filter((c) => c.name !== 'createVerifier' && c.name !== 'lean verifier')
  return run
}

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
        { name: 'createVerifier', summary: summary(615_000) },
        { name: 'lean verifier', summary: summary(608_000) },
        { name: 'floor (unwrapKey)', summary: summary(610_000) },
        { name: 'floor (decrypt+importKey)', summary: summary(600_000) },
      ],
      floor: summary(598_000),
      floorWins: { unwrapKey: 8, 'decrypt+importKey': 12 },
      floorUnsupported: {},
      vsFloor: summary(1.03),
      vsSequence: { unwrapKey: summary(1.01), 'decrypt+importKey': summary(1.02) },
      vsJose: summary(0.91),
      verifiersVsFloor: { webjose: estimate(1.03, 1.02, 1.04), createVerifier: estimate(1.028, 1.022, 1.034), 'lean verifier': estimate(1.016, 1.012, 1.024) },
      createVerifierVsLean: estimate(1.012, 1.004, 1.02),
      leanVsSequence: { unwrapKey: estimate(0.997, 0.99, 1.003), 'decrypt+importKey': estimate(1.016, 1.012, 1.024) },
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
