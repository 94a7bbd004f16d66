/** How much each section of `npm run bench` measures: the full run, and --quick (indicative only). */
import type { AlgorithmsPlan } from './algorithms.ts'
import type { ProfilePlan } from './profile.ts'

export interface Plans {
  cold: { bits: number; warmupRounds: number; rounds: number; batch: number }[]
  anatomy: { warmupRounds: number; rounds: number; batch: number; stubbedRounds: number; timelineRounds: number }
  /** Many short rounds: the ladder's rungs differ by a few percent, which the median of many paired ratios resolves. */
  ladder: { warmupRounds: number; rounds: number; batch: number }
  profile: ProfilePlan
  warm: { warmupRounds: number; rounds: number; batch: number }
  base64: { warmupRounds: number; rounds: number; batchAt16k: number }
  imports: { warmupRounds: number; rounds: number; batch: number }
  algorithms: AlgorithmsPlan
  concurrency: { perRun: number; reps: number; childPerRun: number; childReps: number; workerTokens: number; opensslSeconds: number }
}

export const FULL: Plans = {
  cold: [
    { bits: 2048, warmupRounds: 3, rounds: 100, batch: 32 },
    { bits: 3072, warmupRounds: 3, rounds: 60, batch: 8 },
    { bits: 4096, warmupRounds: 3, rounds: 60, batch: 4 },
  ],
  anatomy: { warmupRounds: 3, rounds: 80, batch: 8, stubbedRounds: 60, timelineRounds: 150 },
  ladder: { warmupRounds: 5, rounds: 800, batch: 8 },
  profile: { tokens: 2000, warmup: 300, chunk: 100, intervalUs: 25 },
  warm: { warmupRounds: 5, rounds: 60, batch: 2000 },
  base64: { warmupRounds: 5, rounds: 60, batchAt16k: 20 },
  imports: { warmupRounds: 2, rounds: 40, batch: 4 },
  algorithms: { warmupRounds: 3, rounds: 60, batchScale: 1 },
  concurrency: { perRun: 600, reps: 5, childPerRun: 400, childReps: 3, workerTokens: 2000, opensslSeconds: 3 },
}

export const QUICK: Plans = {
  cold: [
    { bits: 2048, warmupRounds: 2, rounds: 20, batch: 4 },
    { bits: 3072, warmupRounds: 1, rounds: 10, batch: 2 },
    { bits: 4096, warmupRounds: 1, rounds: 8, batch: 2 },
  ],
  anatomy: { warmupRounds: 1, rounds: 8, batch: 4, stubbedRounds: 10, timelineRounds: 10 },
  ladder: { warmupRounds: 1, rounds: 10, batch: 2 },
  profile: { tokens: 300, warmup: 100, chunk: 100, intervalUs: 25 },
  warm: { warmupRounds: 2, rounds: 10, batch: 1000 },
  base64: { warmupRounds: 2, rounds: 10, batchAt16k: 10 },
  imports: { warmupRounds: 1, rounds: 6, batch: 2 },
  algorithms: { warmupRounds: 1, rounds: 8, batchScale: 0.5 },
  concurrency: { perRun: 150, reps: 1, childPerRun: 120, childReps: 1, workerTokens: 400, opensslSeconds: 1 },
}
