/**
 * createVerifier and the lean conforming verifier (bench/portable/lean.ts) in each runtime's
 * report: their ratios to the floor with 95% confidence intervals, and the verdict against the
 * cold-path target. Results kept from before the portable bench compared them lack these figures:
 * every part here says "not measured" then.
 */
import type { RatioEstimate } from '../portable/timing.ts'
import { leanAgainstTarget } from './markdown.ts'
import type { RuntimeRun } from './runtime-results.ts'
import { formatRatio } from './stats.ts'

export const NOT_MEASURED = 'not measured'

export interface VerifierEstimates {
  createVerifier: RatioEstimate
  lean: RatioEstimate
  createVerifierVsLean: RatioEstimate
}

/** The run's createVerifier / floor, lean / floor and createVerifier / lean, or undefined in a result from before. */
export function verifierEstimates(run: RuntimeRun): VerifierEstimates | undefined {
  const { verifiersVsFloor, createVerifierVsLean } = run.cold
  if (verifiersVsFloor === undefined || createVerifierVsLean === undefined) return undefined
  return { createVerifier: verifiersVsFloor.createVerifier, lean: verifiersVsFloor['lean verifier'], createVerifierVsLean }
}

const interval = ([low, high]: readonly [number, number]): string => `${formatRatio(low)} – ${formatRatio(high)}`

/** For a table whose header names the interval: "1.045 (1.030 – 1.060)". */
export const estimateCell = (ratio: RatioEstimate | undefined): string => (ratio ? `${formatRatio(ratio.median)} (${interval(ratio.interval)})` : NOT_MEASURED)

/** For a sentence or a cell that must say what the interval is: "1.045× (95% CI 1.030 – 1.060)". */
export const estimateText = (ratio: RatioEstimate | undefined): string => (ratio ? `${formatRatio(ratio.median)}× (95% CI ${interval(ratio.interval)})` : NOT_MEASURED)

/**
 * createVerifier against the lean verifier, by the interval of their per-round ratio. It can be
 * faster: its header memo decodes each distinct protected header once, the lean one every token.
 */
function createVerifierAgainstLean({ interval: [low, high] }: RatioEstimate): string {
  if (low > 1) return 'slower than the lean one'
  if (high < 1) return 'faster than the lean one'
  return 'not told apart from the lean one at this precision'
}

/** The runtime paragraph's sentence: the lean verifier against the target, and createVerifier against the lean one. `where`: "in Deno 2.9.6". */
export function leanVerdict(run: RuntimeRun, where: string): string {
  const estimates = verifierEstimates(run)
  if (estimates === undefined) return `createVerifier and the lean conforming verifier: ${NOT_MEASURED} in this result (kept from before the portable bench compared them).`
  const { createVerifier, lean, createVerifierVsLean } = estimates
  return `The lean conforming verifier (the floor plus only the checks every verifier must make, bench/portable/lean.ts, decoding with webjose's base64url) takes ${estimateText(lean)} the floor, ${leanAgainstTarget(lean.interval, where)}; createVerifier (cache off) takes ${estimateText(createVerifier)}, ${estimateText(createVerifierVsLean)} the lean verifier: ${createVerifierAgainstLean(createVerifierVsLean)}.`
}
