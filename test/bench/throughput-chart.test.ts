import { describe, expect, it } from 'vitest'
import { throughputChartInput, throughputSummary } from '../../bench/lib/throughput-report.ts'
import { throughputFrom } from '../../bench/lib/runtime-results.ts'
import { throughputPanel } from '../../bench/lib/runtime-chart.ts'
import type { CellResult, Family, ThroughputResult } from '../../bench/lib/throughput.ts'

const cell = (family: Family, variant: string, inFlight: number, rates: number[]): CellResult => ({
  spec: { id: `${variant}@${inFlight}`, family, variant: variant as never, mechanism: 'main thread', inFlight },
  runs: rates.map((perSecond) => ({ tokens: 600, perSecond, cpuPerToken: 400_000, mainPerToken: 100_000, foreign: 0 })),
})

const result: ThroughputResult = {
  plan: { perRun: 600, reps: 3, opensslSeconds: 2 },
  cores: 2,
  loadAtStart: [0.5, 0.5, 0.5],
  loadAtEnd: [1, 1, 1],
  seconds: 90,
  cells: [
    cell('openssl', 'openssl', 2, [7000, 7200, 6800]),
    cell('floor', 'floor-copies', 32, [4000, 4400, 4200]),
    cell('floor', 'floor-copies', 64, [4300, 4500, 4400]),
    cell('webjose-pem', 'webjose-pem', 64, [4100, 4200, 3900]),
    cell('webjose-cryptokey', 'webjose-cryptokey', 32, [2800, 2900, 2700]),
  ],
}

describe("the charts' throughput panel from the throughput section", () => {
  it('draws webjose (PEM, one CryptoKey) and the floor at their best levels against openssl on every core, naming the section', () => {
    const throughput = throughputFrom(throughputChartInput(result, { quick: false, date: 'd', node: 'v20.20.2', section: 'section 7' }))
    expect(throughput.variants).toEqual([
      { name: 'webjose, PEM key (main thread)', inFlight: 64, perSecond: 4100 },
      { name: 'webjose, one CryptoKey', inFlight: 32, perSecond: 2800 },
      { name: 'floor: bare Web Crypto, key copies', inFlight: 64, perSecond: 4400 },
    ])
    expect(throughput.ceiling).toEqual({ label: 'openssl speed -multi 2 rsa2048', perSecond: 7000 })
    expect(throughputPanel(throughput, 'deno').title).toContain("Node's figures (section 7): not measured in deno")
  })
  it("marks a figure its section judged too noisy, on the chart's bar", () => {
    // webjose's runs spread 40%: beyond the section's limit, so it is not judged.
    const noisy: ThroughputResult = { ...result, cells: result.cells.map((c) => (c.spec.family === 'webjose-pem' ? cell('webjose-pem', 'webjose-pem', 64, [3000, 4200, 3900]) : c)) }
    const throughput = throughputFrom(throughputChartInput(noisy, { quick: false, date: 'd', node: 'v20.20.2', section: 'section 7' }))
    expect(throughput.variants.map((v) => v.noisy ?? false)).toEqual([true, false, false])
    const bars = throughputPanel(throughput, 'node').bars
    expect(bars[0]!.text).toContain('(noisy: not judged)')
    expect(bars[1]!.text).not.toContain('noisy')
  })
  it('judges the target only on figures quiet enough: a noisy one is "not judged" and named with its spread', () => {
    const quiet = throughputSummary(result).join('\n')
    // 4,100 / 7,000 = 0.59: judged, and missed.
    expect(quiet).toContain('**missed**')
    expect(quiet).not.toContain('Too noisy to trust')
    const noisy = throughputSummary({ ...result, cells: result.cells.map((c) => (c.spec.family === 'webjose-pem' ? cell('webjose-pem', 'webjose-pem', 64, [3000, 4200, 3900]) : c)) }).join('\n')
    expect(noisy).toContain('**not judged (noisy)**')
    expect(noisy).toMatch(/Too noisy to trust.*webjose.*spread 30\.\d%/)
  })
})
