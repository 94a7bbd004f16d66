/**
 * createVerifier and the lean conforming verifier in the per-runtime report: the summary columns,
 * each runtime's rows and verdict sentence, the chart's bars, and results kept from before they
 * were measured ("not measured", never a crash).
 */
import { describe, expect, it } from 'vitest'
import { runtimeChart } from '../../bench/lib/runtime-chart.ts'
import { leanVerdict } from '../../bench/lib/runtime-lean.ts'
import { summaryTable, tablesSection } from '../../bench/lib/runtime-report.ts'
import { isPortableResult, type RuntimeRun } from '../../bench/lib/runtime-results.ts'
import { estimate, fakeRun, withoutVerifiers } from './fixtures.ts'

/** fakeRun with the lean verifier's and createVerifier / lean's intervals replaced. */
function runWith(lean: [number, number, number], vsLean: [number, number, number] = [1.012, 1.004, 1.02]): RuntimeRun {
  const run = fakeRun('deno', '2.9.6')
  run.cold.verifiersVsFloor!['lean verifier'] = estimate(...lean)
  run.cold.createVerifierVsLean = estimate(...vsLean)
  return run
}

describe('the lean verifier against the 1.02 target, per runtime', () => {
  it('says no verifier that makes these checks reaches 1.02 when the whole interval is above it', () => {
    expect(leanVerdict(runWith([1.03, 1.021, 1.04]), 'in Deno 2.9.6')).toContain(
      'takes 1.030× (95% CI 1.021 – 1.040) the floor, above the target: no verifier that makes these checks reaches 1.02 in Deno 2.9.6',
    )
  })

  it('says a verifier can reach 1.02 when the whole interval is below it', () => {
    expect(leanVerdict(runWith([1.01, 1.005, 1.019]), 'in Bun 1.4.5')).toContain('below the target: a verifier that makes these checks can reach 1.02 in Bun 1.4.5')
  })

  it('says there is no margin when the interval spans 1.02', () => {
    expect(leanVerdict(runWith([1.016, 1.012, 1.024]), 'in Node 20')).toContain('at the target itself (its interval spans 1.02): a verifier that makes these checks has no margin left in Node 20')
  })

  it('places createVerifier against the lean verifier: slower, faster, or not told apart', () => {
    const lean: [number, number, number] = [1.03, 1.021, 1.04]
    expect(leanVerdict(runWith(lean, [1.012, 1.004, 1.02]), 'here')).toContain('createVerifier (cache off) takes 1.028× (95% CI 1.022 – 1.034), 1.012× (95% CI 1.004 – 1.020) the lean verifier: slower than the lean one.')
    expect(leanVerdict(runWith(lean, [0.99, 0.98, 0.995]), 'here')).toContain('the lean verifier: faster than the lean one.')
    expect(leanVerdict(runWith(lean, [1.001, 0.995, 1.008]), 'here')).toContain('the lean verifier: not told apart from the lean one at this precision.')
  })
})

describe('the lean verifier where unwrapKey is the floor', () => {
  it('gives its ratio to decrypt + importKey, its own sequence, beside the verdict', () => {
    const run = runWith([1.068, 1.058, 1.086])
    run.cold.floorSequence = 'unwrapKey'
    run.cold.leanVsSequence = { unwrapKey: estimate(1.068, 1.058, 1.086), 'decrypt+importKey': estimate(1.006, 0.998, 1.013) }
    expect(leanVerdict(run, 'in Deno 2.9.6')).toContain(
      'no verifier that makes these checks reaches 1.02 in Deno 2.9.6 (the floor here is `unwrapKey`; against `decrypt+importKey`, the sequence it uses as webjose does, it takes 1.006× (95% CI 0.998 – 1.013)); createVerifier',
    )
  })

  it('says nothing of sequences where the floor is its own, or the result lacks the figure', () => {
    expect(leanVerdict(fakeRun('deno'), 'here')).not.toContain('the floor here is')
    const run = runWith([1.068, 1.058, 1.086])
    run.cold.floorSequence = 'unwrapKey'
    delete run.cold.leanVsSequence
    expect(leanVerdict(run, 'here')).not.toContain('the floor here is')
  })
})

describe('the report with createVerifier and the lean verifier', () => {
  it("adds their rows to each runtime's table and the verdict to its paragraph", () => {
    const section = tablesSection({ deno: fakeRun('deno', '2.9.6') })
    expect(section).toContain('| cold, `createVerifier` (cache off) | 615 µs (554 µs – 738 µs) | as above | as above | 1.028× (95% CI 1.022 – 1.034) | 1.012× (95% CI 1.004 – 1.020) the lean verifier |')
    expect(section).toContain("| cold, the lean conforming verifier (the bench's: floor + checks) | 608 µs (547 µs – 730 µs) | as above | as above | 1.016× (95% CI 1.012 – 1.024) |  |")
    expect(section).toContain('has no margin left in Deno 2.9.6; createVerifier (cache off) takes 1.028×')
  })

  it('draws their bars in the cold panel with their ratios to the floor', () => {
    const svg = runtimeChart(fakeRun('bun', '1.4.5'), undefined)
    expect(svg).toContain('webjose createVerifier (cache off)')
    expect(svg).toContain('615 µs; 1.028× the floor (CI 1.022–1.034)')
    expect(svg).toContain('lean verifier (floor + required checks)')
    expect(svg).toContain('608 µs; 1.016× the floor (CI 1.012–1.024)')
  })
})

describe('a result kept from before they were measured', () => {
  const old = () => withoutVerifiers(fakeRun('node', '20.20.2'))

  it('is still a portable result, but one with only part of their figures is not', () => {
    expect(isPortableResult(old())).toBe(true)
    const partial = fakeRun('node') as unknown as { cold: Record<string, unknown> }
    delete partial.cold.createVerifierVsLean
    expect(isPortableResult(partial)).toBe(false)
    const noInterval = fakeRun('node') as unknown as { cold: { verifiersVsFloor: Record<string, Record<string, unknown>> } }
    delete noInterval.cold.verifiersVsFloor['lean verifier']!.interval
    expect(isPortableResult(noInterval)).toBe(false)
    const badSequence = fakeRun('node') as unknown as { cold: { leanVsSequence: Record<string, unknown> } }
    badSequence.cold.leanVsSequence.unwrapKey = { median: 1 }
    expect(isPortableResult(badSequence)).toBe(false)
  })

  it('says "not measured" in the summary, the rows and the paragraph', () => {
    expect(summaryTable([old()])).toContain('| 1.030 | 0.910 | not measured | not measured | not measured | 400 ns |')
    const section = tablesSection({ node: old() })
    expect(section).toContain('| cold, `createVerifier` (cache off) | not measured | as above | as above | not measured | not measured |')
    expect(section).toContain("| cold, the lean conforming verifier (the bench's: floor + checks) | not measured | as above | as above | not measured |  |")
    expect(section).toContain('createVerifier and the lean conforming verifier: not measured in this result (kept from before the portable bench compared them). Floor sequences:')
  })

  it('draws no bars for them', () => {
    const svg = runtimeChart(old(), undefined)
    expect(svg).not.toContain('createVerifier (cache off)')
    expect(svg).not.toContain('lean verifier')
    expect(svg).toContain('webjose decryptAndVerifyJwt')
  })
})
