/**
 * Section 4's worker_threads prototype: `count` workers, each running the bench bundle with a
 * 'bench-worker' workerData, import the keys, warm up, and open their share of the tokens with
 * `inFlight` pending each, all started together; the parent times them and counts the process's CPU.
 */
import { parentPort, Worker } from 'node:worker_threads'
import { pathToFileURL } from 'node:url'
import { decryptAndVerifyJwt } from '../../src/index.ts'
import { nestedOptions } from './nested.ts'
import type { KeyPairObjects } from './tokens.ts'

export interface WorkerRequest {
  role: 'bench-worker'
  privateJwk: JsonWebKey
  verificationJwk: JsonWebKey
  warmup: string[]
  tokens: string[]
  inFlight: number
}

export interface WorkerResult {
  workers: number
  inFlightPerWorker: number
  tokens: number
  perSecond: number
  /** Process CPU (all threads, exited ones included) per token, ns. */
  cpuPerToken: number
}

/** Body of a bench worker: import keys, warm up, report ready, wait for "go", open every token. */
export async function workerMain(request: WorkerRequest): Promise<void> {
  const port = parentPort!
  const keys = {
    decryption: await crypto.subtle.importKey('jwk', request.privateJwk, { name: 'RSA-OAEP', hash: 'SHA-256' }, false, [
      'decrypt',
      'unwrapKey',
    ]),
    verification: await crypto.subtle.importKey('jwk', request.verificationJwk, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, [
      'verify',
    ]),
  }
  const options = nestedOptions(keys.decryption, keys.verification)
  for (const token of request.warmup) await decryptAndVerifyJwt(token, options)
  port.postMessage('ready')
  await new Promise((resolve) => port.once('message', resolve))
  let next = 0
  const lane = async (): Promise<void> => {
    for (let i = next++; i < request.tokens.length; i = next++) await decryptAndVerifyJwt(request.tokens[i]!, options)
  }
  await Promise.all(Array.from({ length: request.inFlight }, lane))
  port.postMessage('done')
}

export async function runWorkers(
  entry: string,
  count: number,
  inFlightPerWorker: number,
  material: { privateJwk: JsonWebKey; verificationJwk: JsonWebKey },
  take: (count: number) => string[],
  totalTokens: number,
): Promise<WorkerResult> {
  const share = Math.ceil(totalTokens / count)
  const workers = Array.from({ length: count }, () => {
    const request: WorkerRequest = { role: 'bench-worker', ...material, warmup: take(30), tokens: take(share), inFlight: inFlightPerWorker }
    return new Worker(pathToFileURL(entry), { workerData: request })
  })
  const waitFor = (worker: Worker, what: string) =>
    new Promise<void>((resolve, reject) => {
      const onMessage = (message: unknown) => {
        if (message === what) {
          worker.off('message', onMessage)
          resolve()
        }
      }
      worker.on('message', onMessage)
      worker.once('error', reject)
    })
  await Promise.all(workers.map((worker) => waitFor(worker, 'ready')))
  const cpu = process.cpuUsage()
  const start = process.hrtime.bigint()
  const done = Promise.all(workers.map((worker) => waitFor(worker, 'done')))
  for (const worker of workers) worker.postMessage('go')
  await done
  const wall = Number(process.hrtime.bigint() - start)
  const used = process.cpuUsage(cpu)
  await Promise.all(workers.map((worker) => worker.terminate()))
  const tokens = share * count
  return {
    workers: count,
    inFlightPerWorker,
    tokens,
    perSecond: (tokens * 1e9) / wall,
    cpuPerToken: ((used.user + used.system) * 1000) / tokens,
  }
}

export function materialFor(signing: KeyPairObjects, recipient: KeyPairObjects) {
  return { privateJwk: recipient.material.privateJwk, verificationJwk: signing.material.publicJwk }
}
