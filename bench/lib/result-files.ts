/**
 * What a Node bench run writes into bench/: the profile baseline when asked to record one, then
 * (unless --no-write) RESULTS.md with every stored runtime's blocks, and concurrency.svg when
 * section 4 ran. RESULTS.md is generated, never edited by hand.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { runtimeBlocks } from '../runtimes.ts'
import type { ProfileBaseline } from './profile.ts'
import { report } from './report.ts'
import { chart } from './report-load.ts'
import type { Results } from './results.ts'
import { throughputChartInput } from './throughput-report.ts'

/** The profile that RESULTS.md shows as "before" (recorded with --profile-baseline). */
const PROFILE_BASELINE = 'profile-baseline.json'

export interface ResultFileOptions {
  quick: boolean
  /** Set by --profile-baseline[=LABEL]: record this run's profile, labelled LABEL or the commit. */
  profileBaseline?: { label: string | undefined } | undefined
  /** False with --no-write: RESULTS.md and the charts stay as they are. */
  write: boolean
}

export function writeResultFiles(benchDir: string, results: Results, options: ResultFileOptions, log: (line: string) => void): void {
  const { env } = results
  if (results.profile && options.profileBaseline) {
    const baseline: ProfileBaseline = { commit: options.profileBaseline.label ?? env.commit, date: env.date, profiles: results.profile }
    writeFileSync(join(benchDir, PROFILE_BASELINE), `${JSON.stringify(baseline, null, 1)}\n`)
    log(`wrote ${join(benchDir, PROFILE_BASELINE)}`)
  }
  if (!options.write) return
  const { quick } = options
  const concurrency = results.concurrency
  // The charts' throughput panel: section 7's headline figures when it ran, else section 4's sweeps.
  const blocks = runtimeBlocks(
    benchDir,
    results.throughput
      ? throughputChartInput(results.throughput, { quick, date: env.date, node: env.node, section: 'section 7' })
      : concurrency && { quick, date: env.date, node: env.node, cores: env.cores, sweeps: concurrency.inProcess, openssl: concurrency.openssl },
  )
  writeFileSync(join(benchDir, 'RESULTS.md'), report(results, quick, blocks, readProfileBaseline(benchDir)))
  if (results.concurrency) writeFileSync(join(benchDir, 'concurrency.svg'), chart(results))
  log(`wrote ${join(benchDir, 'RESULTS.md')}${results.concurrency ? ' and concurrency.svg' : ''}`)
}

function readProfileBaseline(benchDir: string): ProfileBaseline | undefined {
  try {
    return JSON.parse(readFileSync(join(benchDir, PROFILE_BASELINE), 'utf8')) as ProfileBaseline
  } catch {
    return undefined
  }
}
