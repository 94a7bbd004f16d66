/**
 * The portable bench's cold comparison (bench/portable/run.ts): every contender is checked before
 * it is timed, and a run reports createVerifier / floor, lean / floor and createVerifier / lean
 * with their intervals. A run of two rounds of one token: behaviour only, never timings.
 */
import { describe, expect, it } from 'vitest'
import { checkContenders, runCold, VERIFIERS, verifierOpeners } from '../../bench/portable/run.ts'
import { generateNestedKeys, mintTokens } from '../../bench/portable/tokens.ts'

describe('checkContenders', () => {
  it('passes contenders that open a token and refuse one carrying another token\'s tag', async () => {
    const keys = await generateNestedKeys(2048)
    const tokens = (await mintTokens(keys, 2048, 2)) as [string, string]
    const openers = Object.entries(verifierOpeners(keys))
    await expect(checkContenders(openers, tokens)).resolves.toBeUndefined()
    // A contender that opens anything would be timed doing less than the others.
    await expect(checkContenders([...openers, ['lax', async () => ({})]], tokens)).rejects.toThrow("lax accepted a token with another token's tag")
    // One that opens nothing never reaches the timing.
    await expect(checkContenders([['broken', () => Promise.reject(new Error('refused: JWE header'))]], tokens)).rejects.toThrow('refused: JWE header')
  })
})

describe('runCold', () => {
  it('times createVerifier and the lean verifier with the others, and reports their ratios with intervals', async () => {
    const lines: string[] = []
    const cold = await runCold({ bits: 2048, warmupRounds: 0, rounds: 2, batch: 1 }, (line) => lines.push(line))
    expect(cold.contenders.map((c) => c.name)).toEqual(expect.arrayContaining(['webjose', 'jose', 'createVerifier', 'lean verifier']))
    expect(Object.keys(cold.verifiersVsFloor!)).toEqual([...VERIFIERS])
    for (const ratio of [...Object.values(cold.verifiersVsFloor!), cold.createVerifierVsLean!]) {
      expect(ratio.n).toBe(2)
      expect(ratio.interval[0]).toBeLessThanOrEqual(ratio.median)
      expect(ratio.interval[1]).toBeGreaterThanOrEqual(ratio.median)
    }
    // The lean verifier against each floor sequence the runtime ran (Node: both).
    expect(Object.keys(cold.leanVsSequence!).sort()).toEqual(Object.keys(cold.vsSequence).sort())
    // webjose's ratio with an interval is the same per-round median as its headline one.
    expect(cold.verifiersVsFloor!.webjose.median).toBe(cold.vsFloor.median)
    expect(lines.some((line) => line.includes('lean verifier/floor'))).toBe(true)
    expect(lines.some((line) => line.includes('createVerifier/lean'))).toBe(true)
  })
})
