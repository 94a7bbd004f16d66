/**
 * The portable part of the bench: the cold nested path (webjose's one call and its verifier vs
 * the Web Crypto floor, the lean conforming verifier and jose 6),
 * the warm path and base64url decoding, with Web Crypto and `performance.now()` only, so that
 * Node, Deno, Bun and Chromium run the very same bundle. Returns plain JSON-ready data.
 */
import { createVerifier } from '../../src/index.ts'
import { summarize, type Summary } from '../lib/stats.ts'
import { runBase64Decode, type Base64DecodeResult } from './base64.ts'
import { leanVerifier, strictDecoder } from './lean.ts'
import { FLOOR_SEQUENCES, floorOpener, joseOpener, nativeDecoder, nestedOptions, verifierOpener, webjoseOpener, type FloorSequence, type OpeningKeys, type OpenToken } from './openers.ts'
import { fastestSequence, interleave, ratioPerRound, ratioWithInterval, samplesOf, tally, timerResolutionNs, type PortableContender, type RatioEstimate, type RoundPlan } from './timing.ts'
import { generateNestedKeys, mintTokens } from './tokens.ts'

export interface PortablePlan {
  cold: RoundPlan & { bits: number }
  warm: RoundPlan
  base64: { warmupRounds: number; rounds: number; batchAt16k: number; sizes: number[] }
}

export const PORTABLE_FULL: PortablePlan = {
  // 200 rounds, not 120: the verdict against 1.02 reads the 95% CI of lean / floor, which narrows
  // as √rounds. Six contenders at this size stay under a minute even in Deno, the slowest.
  cold: { bits: 2048, warmupRounds: 3, rounds: 200, batch: 16 },
  warm: { warmupRounds: 5, rounds: 60, batch: 2000 },
  base64: { warmupRounds: 5, rounds: 60, batchAt16k: 20, sizes: [1024, 16384] },
}

export const PORTABLE_QUICK: PortablePlan = {
  cold: { bits: 2048, warmupRounds: 1, rounds: 12, batch: 4 },
  warm: { warmupRounds: 2, rounds: 10, batch: 1000 },
  base64: { warmupRounds: 2, rounds: 10, batchAt16k: 10, sizes: [1024, 16384] },
}

export interface NamedSummary {
  name: string
  summary: Summary
}

export interface PortableColdResult {
  bits: number
  /** webjose, jose, and each floor sequence the runtime could run, per token. */
  contenders: NamedSummary[]
  /** The floor: the floor sequence with the lower median over the run (fastestSequence); absent in results kept from before. */
  floorSequence?: string
  floor: Summary
  /** Rounds each floor sequence was the faster one (for the record). */
  floorWins: Record<string, number>
  /** Floor sequences the runtime refused, with its error. */
  floorUnsupported: Record<string, string>
  vsFloor: Summary
  /**
   * webjose / each floor sequence per round, the slower one included.
   */
  vsSequence: Record<string, Summary>
  vsJose: Summary
  /**
   * Each verifier's time / the floor's per round, with a 95% CI of the median: webjose's one call,
   * its createVerifier (cache off) and the lean conforming verifier (lean.ts). Absent in results
   * kept from before.
   */
  verifiersVsFloor?: Record<VerifierName, RatioEstimate>
  /** createVerifier / the lean verifier per round; absent in results kept from before. */
  createVerifierVsLean?: RatioEstimate
  /**
   * The lean verifier / each floor sequence per round. It recovers the CEK with decrypt + importKey,
   * as webjose does; where `unwrapKey` is the floor, this separates the sequence from the checks.
   * Absent in results kept from before.
   */
  leanVsSequence?: Record<string, RatioEstimate>
  /** Seconds spent minting the tokens, and measuring. */
  mintSeconds: number
  measureSeconds: number
}

export interface PortableResult {
  runtime: { name: string; version: string; userAgent: string; timerResolutionNs: number; crossOriginIsolated?: boolean }
  plan: PortablePlan
  quick: boolean
  date: string
  seconds: number
  floorDecoder: string
  cold: PortableColdResult
  warm: { name: string; summary: Summary; coldWebjose: number }
  base64: Base64DecodeResult[]
}

type Log = (line: string) => void

/** The contenders that verify the token (jose aside), whose distance to the floor the report judges. */
export const VERIFIERS = ['webjose', 'createVerifier', 'lean verifier'] as const
export type VerifierName = (typeof VERIFIERS)[number]

/**
 * The cold comparison's contenders that are not a floor, by name: webjose's one call and its
 * verifier (cache off), both with nestedOptions; jose 6; the lean conforming verifier, decoding
 * with webjose's strict base64url, so that it and webjose differ in checks and glue only.
 */
export function verifierOpeners(keys: OpeningKeys): Record<VerifierName | 'jose', OpenToken> {
  return { webjose: webjoseOpener(keys), jose: joseOpener(keys), createVerifier: verifierOpener(keys), 'lean verifier': leanVerifier(keys, strictDecoder) }
}

/** Every contender must open a token, and refuse one carrying another token's AES-GCM tag, before it is timed. */
export async function checkContenders(openers: readonly [string, OpenToken][], [token, other]: readonly [string, string]): Promise<void> {
  const forged = [...token.split('.').slice(0, 4), other.split('.')[4]].join('.')
  for (const [name, open] of openers) {
    await open(token)
    if (await open(forged).then(() => true, () => false)) throw new Error(`${name} accepted a token with another token's tag`)
  }
}

const us = (ns: number) => `${(ns / 1000).toFixed(1)} µs`
const estimate = (ratio: RatioEstimate) => `${ratio.median.toFixed(3)} (95% CI ${ratio.interval.map((bound) => bound.toFixed(3)).join(' – ')})`

function pooled(open: OpenToken, tokens: readonly string[]): (count: number) => Promise<void> {
  let next = 0
  return async (count) => {
    for (let i = 0; i < count; i++) {
      const token = tokens[next++]
      if (token === undefined) throw new Error('token pool exhausted')
      await open(token)
    }
  }
}

export async function runCold(plan: PortablePlan['cold'], log: Log): Promise<PortableColdResult> {
  log(`generating keys (API RSA ${plan.bits}, issuer RSA 2048)…`)
  const keys = await generateNestedKeys(plan.bits)
  const [probe, other] = (await mintTokens(keys, plan.bits, 2)) as [string, string]
  const openers: [string, OpenToken][] = Object.entries(verifierOpeners(keys))
  const floorUnsupported: Record<string, string> = {}
  for (const sequence of Object.keys(FLOOR_SEQUENCES) as FloorSequence[]) {
    const open = floorOpener(keys, sequence)
    try {
      await open(probe)
      openers.push([`floor (${sequence})`, open])
    } catch (error) {
      floorUnsupported[sequence] = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
    }
  }
  await checkContenders(openers, [probe, other])
  const perContender = (plan.warmupRounds + plan.rounds) * plan.batch
  log(`minting ${perContender * openers.length} tokens with Web Crypto…`)
  const mintStart = performance.now()
  const tokens = await mintTokens(keys, plan.bits, perContender * openers.length)
  const measureStart = performance.now()
  log(`cold nested path, RSA ${plan.bits}: ${plan.rounds} rounds × ${plan.batch} tokens × ${openers.length} contenders…`)
  const contenders: PortableContender[] = openers.map(([name, open], i) => ({ name, batch: pooled(open, tokens.slice(i * perContender, (i + 1) * perContender)) }))
  const result = await interleave(contenders, plan)
  const measureSeconds = (performance.now() - measureStart) / 1000
  const floors = Object.fromEntries(openers.filter(([name]) => name.startsWith('floor')).map(([name]) => [name.slice('floor ('.length, -1), samplesOf(result, name)]))
  const floor = fastestSequence(floors)
  const webjose = samplesOf(result, 'webjose')
  const verifiersVsFloor = Object.fromEntries(VERIFIERS.map((name) => [name, ratioWithInterval(samplesOf(result, name), floor.samples)])) as Record<VerifierName, RatioEstimate>
  const cold: PortableColdResult = {
    bits: plan.bits,
    contenders: result.contenders.map(({ name, summary }) => ({ name, summary })),
    floorSequence: floor.name,
    floor: summarize([...floor.samples]),
    floorWins: tally(floor.fasterPerRound),
    floorUnsupported,
    vsFloor: ratioPerRound(webjose, [...floor.samples]),
    vsSequence: Object.fromEntries(Object.entries(floors).map(([sequence, samples]) => [sequence, ratioPerRound(webjose, samples)])),
    vsJose: ratioPerRound(webjose, samplesOf(result, 'jose')),
    verifiersVsFloor,
    createVerifierVsLean: ratioWithInterval(samplesOf(result, 'createVerifier'), samplesOf(result, 'lean verifier')),
    leanVsSequence: Object.fromEntries(Object.entries(floors).map(([sequence, samples]) => [sequence, ratioWithInterval(samplesOf(result, 'lean verifier'), samples)])),
    mintSeconds: (measureStart - mintStart) / 1000,
    measureSeconds,
  }
  for (const c of cold.contenders) log(`  ${c.name.padEnd(26)} ${us(c.summary.median).padStart(10)}`)
  log(`  webjose/floor ${cold.vsFloor.median.toFixed(3)} (floor: ${cold.floorSequence}; faster per round: ${JSON.stringify(cold.floorWins)})   webjose/jose ${cold.vsJose.median.toFixed(3)}`)
  for (const name of VERIFIERS) log(`  ${`${name}/floor`.padEnd(26)} ${estimate(verifiersVsFloor[name])}`)
  log(`  ${'createVerifier/lean'.padEnd(26)} ${estimate(cold.createVerifierVsLean!)}`)
  for (const [sequence, ratio] of Object.entries(cold.leanVsSequence!)) log(`  ${`lean verifier/${sequence}`.padEnd(26)} ${estimate(ratio)}`)
  return cold
}

async function runWarm(plan: RoundPlan, bits: number, log: Log): Promise<{ name: string; summary: Summary }> {
  log('warm path: createVerifier().verify() on a cached token…')
  const keys = await generateNestedKeys(bits)
  const verifier = createVerifier(nestedOptions(keys))
  const [token] = await mintTokens(keys, bits, 1)
  await verifier.verify(token!)
  const name = 'createVerifier().verify(same token)'
  const result = await interleave(
    [
      {
        name,
        async batch(count) {
          for (let i = 0; i < count; i++) await verifier.verify(token!)
        },
      },
    ],
    plan,
  )
  const summary = result.contenders[0]!.summary
  log(`  ${summary.median.toFixed(0)} ns per call`)
  return { name, summary }
}

export interface RuntimeIdentity {
  name: string
  version: string
}

export async function runPortable(plan: PortablePlan, quick: boolean, runtime: RuntimeIdentity, log: Log): Promise<PortableResult> {
  const started = performance.now()
  const date = new Date().toISOString()
  const resolution = timerResolutionNs()
  log(`portable bench in ${runtime.name} ${runtime.version}; performance.now() resolution ${resolution.toFixed(0)} ns`)
  const cold = await runCold(plan.cold, log)
  const warm = await runWarm(plan.warm, plan.cold.bits, log)
  const base64: Base64DecodeResult[] = []
  for (const size of plan.base64.sizes) {
    log(`base64url decode ${size / 1024} KB…`)
    base64.push(await runBase64Decode(plan.base64, size))
  }
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated
  return {
    runtime: {
      ...runtime,
      userAgent: (globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent ?? 'n/a',
      timerResolutionNs: resolution,
      ...(isolated === undefined ? {} : { crossOriginIsolated: isolated }),
    },
    plan,
    quick,
    date,
    seconds: (performance.now() - started) / 1000,
    floorDecoder: nativeDecoder().name,
    cold,
    warm: { ...warm, coldWebjose: cold.contenders.find((c) => c.name === 'webjose')!.summary.median },
    base64,
  }
}
