/**
 * Runs given throughput cells in a child process started with UV_THREADPOOL_SIZE set (Node's
 * Web Crypto jobs run on the libuv threadpool, sized once when it starts, default 4): the
 * deployment knob a server can turn without any library change.
 */
import { fork } from 'node:child_process'
import { measureLanes, type RunMeasure } from './throughput-measure.ts'
import { inProcessOpeners, type InProcessVariant, type ThroughputMaterial } from './throughput-variants.ts'

export interface ChildJob {
  variant: InProcessVariant
  inFlight: number
  tokens: string[]
}

export interface ThroughputChildRequest {
  material: ThroughputMaterial
  warmup: string[]
  jobs: ChildJob[]
}

export async function throughputChildMain(): Promise<void> {
  const request = await new Promise<ThroughputChildRequest>((resolve) => process.once('message', (message) => resolve(message as ThroughputChildRequest)))
  const openers = await inProcessOpeners(request.material)
  const used = [...new Set(request.jobs.map((job) => job.variant))]
  const perVariant = Math.floor(request.warmup.length / used.length)
  for (const [v, variant] of used.entries()) {
    for (const token of request.warmup.slice(v * perVariant, (v + 1) * perVariant)) await openers[variant](token)
  }
  const results: RunMeasure[] = []
  for (const job of request.jobs) results.push(await measureLanes(openers[job.variant], job.tokens, job.inFlight))
  process.send!(results)
  process.disconnect()
}

/** Forks `entry --throughput-child` with UV_THREADPOOL_SIZE=`poolSize`; resolves with one measure per job. */
export function runThroughputChild(entry: string, poolSize: number, request: ThroughputChildRequest): Promise<RunMeasure[]> {
  const child = fork(entry, ['--throughput-child'], {
    env: { ...process.env, UV_THREADPOOL_SIZE: String(poolSize) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const timer = setTimeout(() => child.kill(), 120_000)
  return new Promise<RunMeasure[]>((resolve, reject) => {
    let results: RunMeasure[] | undefined
    child.once('message', (message) => {
      results = message as RunMeasure[]
    })
    child.once('error', reject)
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      if (results) resolve(results)
      else reject(new Error(`throughput child exited with ${signal ?? code}`))
    })
    child.send(request)
  })
}
