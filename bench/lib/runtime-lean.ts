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

/** The CEK sequence of the lean verifier and webjose: the same calls whether the CEK decrypts or not (RFC 7516 §11.5). */
const LEAN_SEQUENCE = 'decrypt+importKey'

export interface VerifierEstimates {
  createVerifier: RatioEstimate
  lean: RatioEstimate
  createVerifierVsLean: RatioEstimate
  /** The lean verifier / its own sequence, where the floor is another one (absent in results that lack it). */
  leanVsOwnSequence?: RatioEstimate
}

/** The run's createVerifier / floor, lean / floor and createVerifier / lean, or undefined in a result from before. */
export function verifierEstimates(run: RuntimeRun): VerifierEstimates | undefined {
  const { verifiersVsFloor, createVerifierVsLean, floorSequence, leanVsSequence } = run.cold
  if (verifiersVsFloor === undefined || createVerifierVsLean === undefined) return undefined
  const leanVsOwnSequence = floorSequence === LEAN_SEQUENCE ? undefined : leanVsSequence?.[LEAN_SEQUENCE]
  return { createVerifier: verifiersVsFloor.createVerifier, lean: verifiersVsFloor['lean verifier'], createVerifierVsLean, ...(leanVsOwnSequence ? { leanVsOwnSequence } : {}) }
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
  const { createVerifier, lean, createVerifierVsLean, leanVsOwnSequence } = estimates
  // Where the floor is unwrapKey, part of lean / floor is the CEK sequence, not the checks.
  const sequence = leanVsOwnSequence
    ? ` (the floor here is \`${run.cold.floorSequence}\`; against \`${LEAN_SEQUENCE}\`, the sequence it uses as webjose does, it takes ${estimateText(leanVsOwnSequence)})`
    : ''
  return `The lean conforming verifier (the floor plus only the checks every verifier must make, bench/portable/lean.ts, decoding with webjose's base64url, recovering the CEK by \`${LEAN_SEQUENCE}\`) takes ${estimateText(lean)} the floor, ${leanAgainstTarget(lean.interval, where)}${sequence}; createVerifier (cache off) takes ${estimateText(createVerifier)}, ${estimateText(createVerifierVsLean)} the lean verifier: ${createVerifierAgainstLean(createVerifierVsLean)}.`
}
