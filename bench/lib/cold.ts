/**
 * Section 1: the cold nested path. Every operation opens a token that contender has never
 * seen (each contender draws from its own pool of distinct tokens, minted before timing).
 */
import { interleave, pairedRatio, ratioToFastest, fastestSequence, byName, type Contender, type InterleaveResult } from './harness.ts'
import { medianInterval, type Summary } from './stats.ts'
import { floorOpener, floorTwoCallOpener, importNestedKeys, joseOpener, webjoseOpener, type OpenToken } from './nested.ts'
import { TokenMinter, TokenPool, type KeyPairObjects } from './tokens.ts'

export const COLD_CONTENDERS = ['webjose', 'floor', 'jose', 'floor-2call'] as const

/** The Web Crypto sequences that do the work; the floor is the faster of them over the run (fastestSequence). */
export const FLOORS = ['floor', 'floor-2call'] as const

export interface ColdPlan {
  bits: number
  warmupRounds: number
  rounds: number
  batch: number
}

export interface ColdResult {
  bits: number
  result: InterleaveResult
  /** webjose / the fastest floor sequence (FLOORS, by median over the run), per round. */
  vsFloor: Summary
  /** A 95% confidence interval of vsFloor's median (medianInterval). */
  vsFloorInterval: [number, number]
  /** Which sequence of FLOORS that is, and its time per token. */
  floorName: (typeof FLOORS)[number]
  floor: Summary
  /**
   * webjose / each floor sequence per round, the slower one included.
   */
  vsSequence: Record<(typeof FLOORS)[number], Summary>
  /** webjose / jose per round (below 1: webjose faster). */
  vsJose: Summary
}

function contender(name: string, open: OpenToken, pool: TokenPool): Contender {
  return {
    name,
    async batch(count) {
      for (let i = 0; i < count; i++) await open(pool.take())
    },
  }
}

export async function runCold(plan: ColdPlan, signing: KeyPairObjects, recipient: KeyPairObjects): Promise<ColdResult> {
  const keys = await importNestedKeys(recipient.material, signing.material)
  const minter = new TokenMinter(signing, recipient)
  const perContender = (plan.warmupRounds + plan.rounds) * plan.batch
  const openers: Record<(typeof COLD_CONTENDERS)[number], OpenToken> = {
    webjose: webjoseOpener(keys),
    floor: floorOpener(keys),
    jose: joseOpener(keys),
    'floor-2call': floorTwoCallOpener(keys),
  }
  // Each opener must accept a token before it is timed.
  for (const open of Object.values(openers)) await open(minter.mint())
  const contenders = COLD_CONTENDERS.map((name) => contender(name, openers[name], new TokenPool(minter.pool(perContender))))
  const result = await interleave(contenders, { ...plan, mainThreadCpu: true })
  const floorName = fastestSequence(result, FLOORS) as (typeof FLOORS)[number]
  return {
    bits: plan.bits,
    result,
    vsFloor: ratioToFastest(result, 'webjose', FLOORS),
    vsFloorInterval: medianInterval(byName(result, 'webjose').samples.map((ns, round) => ns / byName(result, floorName).samples[round]!)),
    floorName,
    floor: byName(result, floorName).summary,
    vsSequence: { floor: pairedRatio(result, 'webjose', 'floor'), 'floor-2call': pairedRatio(result, 'webjose', 'floor-2call') },
    vsJose: pairedRatio(result, 'webjose', 'jose'),
  }
}

export function coldMedian(cold: ColdResult, name: string): number {
  return byName(cold.result, name).summary.median
}
