/**
 * The worker-pool mechanism, measured: one worker thread per core, each with its own imported
 * keys (its own key mutexes) and its own event loop, opening its share of the tokens with K in
 * flight; the main thread hands out the tokens, starts them and waits. The workers live for the
 * whole section (their start-up is not measured); every run gets fresh tokens.
 */
import { parentPort, Worker } from 'node:worker_threads'
import { pathToFileURL } from 'node:url'
import { measureRun, type RunMeasure } from './throughput-measure.ts'
import { inProcessOpeners, nodeSyncOpener, type ThroughputMaterial } from './throughput-variants.ts'

export type WorkerMode = 'floor' | 'webjose-pem' | 'node-sync'

export interface ThroughputWorkerData {
  role: 'throughput-worker'
  mode: WorkerMode
  material: ThroughputMaterial
  warmup: string[]
}

interface Job {
  tokens: string[]
  inFlight: number
}

/** Body of one worker: build the opener, warm up ("warm"); then per job: "ready", and on "go" run it and answer "done". */
export async function throughputWorkerMain(data: ThroughputWorkerData): Promise<void> {
  const port = parentPort!
  let open: (token: string) => unknown
  if (data.mode === 'node-sync') {
    open = nodeSyncOpener(data.material)
  } else {
    const openers = await inProcessOpeners(data.material)
    open = openers[data.mode]
  }
  for (const token of data.warmup) await open(token)
  port.postMessage('warm')
  let job: Job | undefined
  port.on('message', async (message: Job | 'go') => {
    if (message !== 'go') {
      job = message
      port.postMessage('ready')
      return
    }
    const { tokens, inFlight } = job!
    let next = 0
    const lane = async (): Promise<void> => {
      for (let i = next++; i < tokens.length; i = next++) await open(tokens[i]!)
    }
    try {
      await Promise.all(Array.from({ length: inFlight }, lane))
      port.postMessage('done')
    } catch (error) {
      port.postMessage({ error: String(error) })
    }
  })
}

export class WorkerGroup {
  readonly #workers: Worker[]

  private constructor(workers: Worker[]) {
    this.#workers = workers
  }

  /** Every worker warms up on the same `warmup` tokens (each has its own opener, and cache). */
  static async start(entry: string, count: number, mode: WorkerMode, material: ThroughputMaterial, warmup: string[]): Promise<WorkerGroup> {
    const workers = Array.from(
      { length: count },
      () => new Worker(pathToFileURL(entry), { workerData: { role: 'throughput-worker', mode, material, warmup } satisfies ThroughputWorkerData }),
    )
    const group = new WorkerGroup(workers)
    try {
      await Promise.all(workers.map((worker) => group.#next(worker, 'warm')))
    } catch (error) {
      await group.close()
      throw error
    }
    return group
  }

  /** The next message of `worker`, which must be `expected`; an error or exit rejects. */
  #next(worker: Worker, expected: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const cleanup = () => {
        worker.off('message', onMessage)
        worker.off('error', onError)
        worker.off('exit', onExit)
      }
      const onMessage = (message: unknown) => {
        cleanup()
        if (message === expected) resolve()
        else reject(new Error(`throughput worker: ${JSON.stringify(message)}`))
      }
      const onError = (error: Error) => (cleanup(), reject(error))
      const onExit = (code: number) => (cleanup(), reject(new Error(`throughput worker exited with ${code}`)))
      worker.on('message', onMessage)
      worker.once('error', onError)
      worker.once('exit', onExit)
    })
  }

  /** Opens `tokens` (split evenly over the workers), `inFlightPerWorker` at a time in each. */
  async run(tokens: readonly string[], inFlightPerWorker: number): Promise<RunMeasure> {
    const share = Math.ceil(tokens.length / this.#workers.length)
    await Promise.all(
      this.#workers.map((worker, i) => {
        const ready = this.#next(worker, 'ready')
        worker.postMessage({ tokens: tokens.slice(i * share, (i + 1) * share), inFlight: inFlightPerWorker } satisfies Job)
        return ready
      }),
    )
    return measureRun(tokens.length, async () => {
      const done = this.#workers.map((worker) => this.#next(worker, 'done'))
      for (const worker of this.#workers) worker.postMessage('go')
      await Promise.all(done)
    })
  }

  async close(): Promise<void> {
    await Promise.all(this.#workers.map((worker) => worker.terminate()))
  }
}
