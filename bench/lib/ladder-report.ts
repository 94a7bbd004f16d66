/** RESULTS.md's ladder subsection (section 1): what each webjose layer adds to the cold path. */
import { byName } from './harness.ts'
import { RUNGS, type LadderResult } from './ladder.ts'
import { leanAgainstTarget, table, verdict } from './markdown.ts'
import { formatNs, formatRatio } from './stats.ts'

const interval = ([low, high]: [number, number]) => `${formatRatio(low)} – ${formatRatio(high)}`

/** Where the leanest conforming verifier stands against the 1.02 target, by its confidence interval. */
const checksAgainstTarget = (ladder: LadderResult): string => leanAgainstTarget(ladder.vsFloorInterval['floor + checks']!, 'here')

/** The summary's finding: the cold-path target against the checks every verifier must make. */
export function ladderFinding(ladder: LadderResult): string {
  const median = (name: string) => ladder.vsFloor[name]!.median
  const checks = median('floor + checks')
  const verifier = median('createVerifier')
  const phrase = checksAgainstTarget(ladder)
  return `- **The cold-path target against the checks themselves (RSA 2048, the ladder in section 1).** The floor plus only the checks every verifier must make, written as lean as the bench can, takes ${formatRatio(checks)}× the floor (95% CI ${interval(ladder.vsFloorInterval['floor + checks']!)}): ${phrase}. webjose's createVerifier takes ${formatRatio(verifier)}× (${interval(ladder.vsFloorInterval['createVerifier']!)}), ${formatRatio(verifier / checks)}× that lean verifier; the one-call decryptAndVerifyJwt ${formatRatio(median('decryptAndVerifyJwt'))}×.`
}

/**
 * The summary's target rows from the ladder (its floor is floor-2call, the faster sequence on
 * Node 20), judged like the headline's: the resource-server verifier against the cold-path target
 * (≤ 1.02), then both public paths against the budget the whole of JWE must stay within (≤ 1.03).
 */
export function verifierTargetRows(ladder: LadderResult): string[][] {
  const row = (name: string, target: string, limit: number) => {
    const { median } = ladder.vsFloor[name]!
    return [target, `${formatRatio(median)} (95% CI ${interval(ladder.vsFloorInterval[name]!)})`, verdict(median <= limit)]
  }
  return [
    row('createVerifier', 'Cold path RSA 2048 through createVerifier (the resource-server verifier, cache off; the ladder in section 1): / floor-2call ≤ 1.02', 1.02),
    row('createVerifier', 'JWE budget: cold path RSA 2048 through createVerifier / floor-2call ≤ 1.03 (the ladder)', 1.03),
    row('decryptAndVerifyJwt', 'JWE budget: cold path RSA 2048 through decryptAndVerifyJwt / floor-2call ≤ 1.03 (the ladder)', 1.03),
  ]
}

export function ladderSection(ladder: LadderResult): string[] {
  const { plan, result, vsFloor, vsFloorInterval } = ladder
  const medianOf = (name: string) => vsFloor[name]!.median
  const cpu = (name: string) => byName(result, name).mainCpu?.median ?? Number.NaN
  const wall = (name: string) => byName(result, name).summary.median
  const rows = RUNGS.map(({ name, adds }, index) => {
    const step = index === 0 ? undefined : medianOf(name) - medianOf(RUNGS[index - 1]!.name)
    return [
      name,
      adds,
      formatNs(wall(name)),
      `${formatRatio(medianOf(name))} (${interval(vsFloorInterval[name]!)})`,
      step === undefined ? '' : `${step >= 0 ? '+' : '−'}${formatRatio(Math.abs(step))}`,
      formatNs(cpu(name)),
    ]
  })
  const checks = medianOf('floor + checks')
  const checksWithBuffer = medianOf('floor + checks, Buffer base64url')
  const verifier = medianOf('createVerifier')
  const layers = verifier - medianOf('webjose JWE parsing')
  const extraWall = wall('createVerifier') - wall('floor-2call')
  const extraCpu = cpu('createVerifier') - cpu('floor-2call')
  return [
    '### The cold path, one layer at a time (RSA 2048)',
    '',
    `Every rung opens fresh tokens, all rungs interleaved (${plan.rounds} rounds of ${plan.batch} tokens each, after ${plan.warmupRounds} warm-up rounds); the ratio is to floor-2call in the same round, its median over the rounds with a 95% confidence interval. Each rung from "webjose JWE parsing" down swaps the bench's own code for one part of the work for webjose's module (taken from src/), so the step between two rungs is what that module costs. "floor + checks" is the floor plus what RFC 7515 §5.2, RFC 7516 §5.2, RFC 7519 §7.2 and RFC 8725 §3.1 require of any verifier: JSON headers whose "alg" and "enc" are allowed and that carry no "crit", "zip" or "b64"; IV and tag sizes; strict base64url and UTF-8; a claims set whose "exp", "nbf", "iss" and "aud" hold. It decodes the content while RSA-OAEP runs and parses the claims while the signature is verified, judging them after.`,
    '',
    table(['rung', 'what it adds', 'median / token', '/ floor-2call (95% CI)', 'step', 'main-thread CPU / token'], rows, ['l', 'l', 'r', 'r', 'r', 'r']),
    '',
    `Read: with Buffer's decoder the checks cost ${formatRatio(checksWithBuffer)}× the floor; with strict base64url, which this library requires (in JavaScript where the runtime has no \`Uint8Array.fromBase64\`), ${formatRatio(checks)}×, ${checksAgainstTarget(ladder)}. webjose (${formatRatio(verifier)}× through createVerifier) is ${formatRatio(verifier / checks)}× that lean verifier. webjose's layers above its JWE parsing (the JWS and claims modules, decryptParsed, the nested-token glue) add ${formatRatio(layers)} of the floor together, each a part of it: no one layer holds the gap. Against floor-2call, createVerifier spends ${formatNs(extraCpu)} more main-thread CPU per token and takes ${formatNs(extraWall)} more wall time: ${extraWall >= extraCpu ? 'JavaScript on the main thread is not hidden behind the threadpool\'s cryptography here, even where it could overlap it' : 'part of the extra JavaScript overlaps the threadpool\'s cryptography'}.`,
    '',
  ]
}
