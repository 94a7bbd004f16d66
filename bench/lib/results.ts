/** What one `npm run bench` run measured, as main.ts collects it and the report reads it. */
import type { AlgorithmRow } from './algorithms.ts'
import type { AnatomyResult } from './anatomy.ts'
import type { Base64Result } from './base64.ts'
import type { ColdResult } from './cold.ts'
import type { ChildReport } from './concurrency-child.ts'
import type { Sweep } from './concurrency-sweep.ts'
import type { WorkerResult } from './concurrency-workers.ts'
import type { InterleaveResult } from './harness.ts'
import type { LadderResult } from './ladder.ts'
import type { CallCounts } from './imports.ts'
import type { OpensslSpeed } from './openssl-speed.ts'
import type { ProfileResult } from './profile.ts'
import type { ThroughputResult } from './throughput.ts'

/** The machine and the commit a run measured. */
export interface Environment {
  date: string
  node: string
  v8: string
  openssl: string
  uv: string
  cpu: string
  cores: number
  loadAtStart: number[]
  loadAtEnd?: number[]
  commit: string
  threadpool: string
  perThreadCpu: boolean
}

export interface Results {
  env: Environment
  cold: ColdResult[]
  anatomy?: AnatomyResult
  ladder?: LadderResult
  profile?: ProfileResult[]
  warm?: InterleaveResult
  base64: Base64Result[]
  imports?: InterleaveResult
  callCounts?: CallCounts[]
  algorithms?: AlgorithmRow[]
  concurrency?: {
    inProcess: Sweep[]
    openssl: (OpensslSpeed | { processes: number; error: string })[]
    children: ChildReport[]
    workers: WorkerResult[]
  }
  throughput?: ThroughputResult
  seconds: number
}
