import { describe, expect, it } from 'vitest'
import { fastestSequence, interleave, ratioPerRound, samplesOf, tally, timerResolutionNs } from '../../bench/portable/timing.ts'

/** A clock that advances only when a contender works: each batch costs `cost(name, round)` ms. */
function fakeClock() {
  let now = 0
  return { now: () => now, spend: (ms: number) => (now += ms) }
}

describe('portable interleave', () => {
  it('rotates the order each round, drops warm-up rounds and reports ns per operation', async () => {
    const clock = fakeClock()
    const order: string[] = []
    const contender = (name: string, msPerBatch: number) => ({
      name,
      batch(count: number) {
        order.push(`${name}×${count}`)
        clock.spend(msPerBatch)
      },
    })
    const result = await interleave([contender('a', 1), contender('b', 2), contender('c', 4)], { warmupRounds: 1, rounds: 2, batch: 4 }, clock.now)
    expect(order).toEqual(['a×4', 'b×4', 'c×4', 'b×4', 'c×4', 'a×4', 'c×4', 'a×4', 'b×4'])
    // 1 ms per batch of 4 = 250,000 ns per operation; two recorded rounds each.
    expect(samplesOf(result, 'a')).toEqual([250_000, 250_000])
    expect(samplesOf(result, 'c')).toEqual([1_000_000, 1_000_000])
    expect(result.contenders.map((c) => c.summary.median)).toEqual([250_000, 500_000, 1_000_000])
    expect(() => samplesOf(result, 'd')).toThrow('no contender named d')
  })

  it('awaits asynchronous batches before reading the clock', async () => {
    const clock = fakeClock()
    const result = await interleave(
      [{ name: 'slow', batch: async () => { await Promise.resolve(); clock.spend(3) } }],
      { warmupRounds: 0, rounds: 1, batch: 1 },
      clock.now,
    )
    expect(samplesOf(result, 'slow')).toEqual([3_000_000])
  })
})

describe('per-round ratios and the floor', () => {
  it('divides round by round', () => {
    const ratio = ratioPerRound([2, 3, 10], [1, 3, 5])
    expect(ratio.median).toBe(2)
    expect(ratio.n).toBe(3)
    expect(() => ratioPerRound([1], [1, 2])).toThrow('1 rounds against 2')
  })

  it('takes the sequence with the lower median over the run (not the per-round minimum), and says which was faster in each round', () => {
    // Medians: unwrapKey 5, decrypt+importKey 6; the per-round minimum (4, 3, 7) is no sequence's.
    const floor = fastestSequence({ unwrapKey: [5, 3, 7], 'decrypt+importKey': [4, 6, 7] })
    expect(floor.name).toBe('unwrapKey')
    expect(floor.samples).toEqual([5, 3, 7])
    // A tie keeps the first sequence listed.
    expect(floor.fasterPerRound).toEqual(['decrypt+importKey', 'unwrapKey', 'unwrapKey'])
    expect(tally(floor.fasterPerRound)).toEqual({ 'decrypt+importKey': 1, unwrapKey: 2 })
  })

  it('works with the one sequence a runtime can run, and refuses none or uneven ones', () => {
    expect(fastestSequence({ 'decrypt+importKey': [4, 6] })).toEqual({ name: 'decrypt+importKey', samples: [4, 6], fasterPerRound: ['decrypt+importKey', 'decrypt+importKey'] })
    expect(() => fastestSequence({})).toThrow('no floor sequence ran')
    expect(() => fastestSequence({ a: [1, 2], b: [1] })).toThrow('different round counts')
  })
})

describe('timerResolutionNs', () => {
  it('reports the smallest step the clock takes', () => {
    let t = 0
    let calls = 0
    // Steps of 0.1 ms every third read, with one 0.005 ms step.
    const now = () => {
      calls++
      if (calls === 50) t += 0.005
      else if (calls % 3 === 0) t += 0.1
      return t
    }
    expect(timerResolutionNs(now, 1000)).toBeCloseTo(5000, 6)
  })
})
