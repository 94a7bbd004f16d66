/**
 * The Node bench's floor and profile arithmetic (bench/lib): the floor of a round is its faster
 * sequence, and a profile charges each sample's time to its function, mapped back to the source
 * module through the bundle's `// src/…` markers, without charging time the thread did not run.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { fastestSequence, ratioToFastest, type InterleaveResult } from '../../bench/lib/harness.ts'
import { Tally, type CpuProfile } from '../../bench/lib/profile.ts'
import { summarize } from '../../bench/lib/stats.ts'

function result(samples: Record<string, number[]>): InterleaveResult {
  return {
    options: { warmupRounds: 0, rounds: 2, batch: 1 },
    contenders: Object.entries(samples).map(([name, values]) => ({ name, samples: values, summary: summarize(values) })),
  }
}

describe('cold-path floor', () => {
  const rounds = result({ webjose: [10, 20, 12], floor: [8, 30, 6], 'floor-2call': [9, 10, 12] })

  it('is the sequence with the lower median over the run, not the faster sample of each round', () => {
    // Medians: floor 8, floor-2call 10; the per-round minimum (8, 10, 6) would be a floor neither achieves.
    expect(fastestSequence(rounds, ['floor', 'floor-2call'])).toBe('floor')
    expect(fastestSequence(rounds, ['floor-2call', 'floor'])).toBe('floor')
    expect(fastestSequence(rounds, ['floor-2call'])).toBe('floor-2call')
  })

  it('divides each round by that sequence', () => {
    // Rounds: 10 / 8, 20 / 30, 12 / 6.
    expect(ratioToFastest(rounds, 'webjose', ['floor', 'floor-2call']).median).toBe(1.25)
    expect(() => ratioToFastest(rounds, 'webjose', ['nope'])).toThrow('no contender named nope')
  })
})

describe('profile tally', () => {
  it('charges self time to functions by source module, per token, and leaves out descheduled time and idle', () => {
    const bundle = join(mkdtempSync(join(tmpdir(), 'webjose-profile-')), 'bundle.mjs')
    writeFileSync(bundle, ['// src/encoding/base64url.ts', 'function decode() {}', '// src/jwe/decrypt-parsed.ts', 'async function decryptParsed() {}', ''].join('\n'))
    const url = pathToFileURL(bundle).href
    const profile: CpuProfile = {
      nodes: [
        { id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: -1 }, children: [2, 3, 4, 5] },
        { id: 2, callFrame: { functionName: 'decode', url, lineNumber: 1 } },
        { id: 3, callFrame: { functionName: 'decryptParsed', url, lineNumber: 3 } },
        { id: 4, callFrame: { functionName: '(idle)', url: '', lineNumber: -1 } },
        { id: 5, callFrame: { functionName: 'normalizeAlgorithm', url: 'node:internal/crypto/util', lineNumber: 10 } },
      ],
      // µs since the previous sample; the 10,000 µs gap is time the thread did not run.
      samples: [2, 2, 3, 4, 5, 3],
      timeDeltas: [25, 25, 10_000, 25, 25, 25],
    }
    const tally = new Tally()
    tally.add(profile, 25)
    tally.tokens = 2
    tally.wall = 1_000_000
    const summary = tally.result('webjose', 25, 10)
    const self = Object.fromEntries(summary.rows.map((row) => [`${row.name} ${row.where}`, row.selfPerToken]))
    // decode: 25 + 25 µs over 2 tokens; decryptParsed: 75 µs charged (3 intervals) + 25 µs.
    expect(self).toEqual({
      'decode src/encoding/base64url.ts': 25_000,
      'decryptParsed src/jwe/decrypt-parsed.ts': 50_000,
      'normalizeAlgorithm node:internal/crypto/util': 12_500,
    })
    expect(summary.byKind['webjose (src/)']).toBe(75_000)
    expect(summary.byKind['idle (waiting for the threadpool)']).toBe(12_500)
    expect(summary.byKind['not running (descheduled by the OS; not charged to any function)']).toBe((10_000 - 75) * 500)
    expect(summary.wallPerToken).toBe(500_000)
  })
})
