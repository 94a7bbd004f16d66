/**
 * Runs throughput cells in a child process started with UV_THREADPOOL_SIZE set (Node's Web
 * Crypto jobs run on the libuv threadpool, sized once when it starts, default 4): the deployment
 * knob a server can turn without any library change. The child lives for the whole section, warmed
 * up like the main process, and runs its cells when asked, once per repetition.
 */
import { fork, type ChildProcess } from 'node:child_process'
import { measureLanes, type RunMeasure } from './throughput-measure.ts'
import { inProcessOpeners, type InProcessVariant, type ThroughputMaterial } from './throughput-variants.ts'

export interface ChildJob {
  variant: InProcessVariant
  inFlight: number
  tokens: string[]
}

type Request = { kind: 'start'; material: ThroughputMaterial; warmup: Partial<Record<InProcessVariant, string[]>> } | { kind: 'run'; jobs: ChildJob[] } | { kind: 'exit' }
type Reply = { kind: 'warm' } | { kind: 'done'; results: RunMeasure[] } | { kind: 'error'; message: string }

export async function throughputChildMain(): Promise<void> {
  let openers: Awaited<ReturnType<typeof inProcessOpeners>> | undefined
  const reply = (message: Reply) => process.send!(message)
  process.on('message', async (request: Request) => {
    try {
      if (request.kind === 'exit') return process.disconnect()
      if (request.kind === 'start') {
        openers = await inProcessOpeners(request.material)
        for (const [variant, tokens] of Object.entries(request.warmup)) for (const token of tokens) await openers[variant as InProcessVariant](token)
        return reply({ kind: 'warm' })
      }
      const results: RunMeasure[] = []
      for (const job of request.jobs) results.push(await measureLanes(openers![job.variant], job.tokens, job.inFlight))
      reply({ kind: 'done', results })
    } catch (error) {
      reply({ kind: 'error', message: String(error) })
    }
  })
}

export class ThroughputChild {
  readonly #child: ChildProcess

  private constructor(child: ChildProcess) {
    this.#child = child
  }

  /** Forks `entry --throughput-child` with UV_THREADPOOL_SIZE=`poolSize` and warms it up. */
  static async start(entry: string, poolSize: number, material: ThroughputMaterial, warmup: Partial<Record<InProcessVariant, string[]>>): Promise<ThroughputChild> {
    const child = new ThroughputChild(
      fork(entry, ['--throughput-child'], { env: { ...process.env, UV_THREADPOOL_SIZE: String(poolSize) }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }),
    )
    try {
      await child.#ask({ kind: 'start', material, warmup })
    } catch (error) {
      child.close()
      throw error
    }
    return child
  }

  /** One measure per job, run one after the other in the child. */
  async run(jobs: ChildJob[]): Promise<RunMeasure[]> {
    const reply = await this.#ask({ kind: 'run', jobs })
    return reply.kind === 'done' ? reply.results : []
  }

  close(): void {
    if (this.#child.connected) this.#child.send({ kind: 'exit' } satisfies Request)
    // A child that does not leave within 5 s is ended.
    setTimeout(() => this.#child.exitCode === null && this.#child.kill(), 5000).unref()
  }

  #ask(request: Request): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => finish(new Error('throughput child: no answer within 120 s')), 120_000)
      const finish = (error: Error | undefined, reply?: Reply) => {
        clearTimeout(timer)
        this.#child.off('message', onMessage)
        this.#child.off('exit', onExit)
        this.#child.off('error', onError)
        if (error) reject(error)
        else resolve(reply!)
      }
      const onMessage = (reply: Reply) => finish(reply.kind === 'error' ? new Error(`throughput child: ${reply.message}`) : undefined, reply)
      const onExit = (code: number | null, signal: string | null) => finish(new Error(`throughput child exited with ${signal ?? code}`))
      const onError = (error: Error) => finish(error)
      this.#child.on('message', onMessage)
      this.#child.once('exit', onExit)
      this.#child.once('error', onError)
      this.#child.send(request)
    })
  }
}
