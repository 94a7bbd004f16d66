/**
 * Section 4: throughput of the cold path (RSA 2048) with 1, 2, 8 and 32 tokens in flight,
 * against the machine's RSA limit as openssl measures it; then the experiments that explain
 * the scaling: the libuv threadpool size (child processes with UV_THREADPOOL_SIZE set), where
 * the CPU time goes (main thread vs the other threads), and a worker_threads prototype.
 */
import { execFile, fork } from 'node:child_process'
import { constants, createPrivateKey, privateDecrypt } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import { parentPort, Worker } from 'node:worker_threads'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { createDecryptionKeySet, decryptAndVerifyJwt } from '../../src/index.ts'
import { cpuDelta, cpuSnapshot } from './cpu.ts'
import { consume } from './harness.ts'
import { importNestedKeys, nestedOptions, webjoseOpener, type OpenToken } from './nested.ts'
import { parseOpensslSpeed } from './openssl-speed.ts'
import { summarize } from './stats.ts'
import type { KeyMaterial, KeyPairObjects } from './tokens.ts'

export const LEVELS = [1, 2, 8, 32] as const

export interface Throughput {
  inFlight: number
  tokens: number
  perSecond: number
  /** Main-thread CPU per token, ns. */
  mainCpu: number
  /** CPU of every other thread of the process per token, ns (threadpool, GC helpers). */
  otherCpu: number
  /** CPU of the whole process per token, ns. */
  processCpu: number
  /** Event-loop utilization of the main thread during the run (0..1). */
  elu: number
}

/** Opens `tokens` keeping exactly `inFlight` operations pending until the pool runs dry. */
export async function measureThroughput(open: OpenToken, tokens: readonly string[], inFlight: number): Promise<Throughput> {
  let next = 0
  const lane = async (): Promise<void> => {
    for (let i = next++; i < tokens.length; i = next++) await open(tokens[i]!)
  }
  const elu = performance.eventLoopUtilization()
  const cpu = cpuSnapshot()
  const start = process.hrtime.bigint()
  await Promise.all(Array.from({ length: inFlight }, lane))
  const wall = Number(process.hrtime.bigint() - start)
  const used = cpuDelta(cpu, cpuSnapshot('after'))
  return {
    inFlight,
    tokens: tokens.length,
    perSecond: (tokens.length * 1e9) / wall,
    mainCpu: used.main / tokens.length,
    otherCpu: used.others / tokens.length,
    processCpu: used.process / tokens.length,
    elu: performance.eventLoopUtilization(elu).utilization,
  }
}

export interface LevelResult {
  inFlight: number
  /** One measurement per repetition; the median is reported. */
  runs: Throughput[]
  median: Throughput
}

function medianRun(runs: Throughput[]): Throughput {
  const pick = (key: keyof Throughput) => summarize(runs.map((run) => run[key])).median
  return {
    inFlight: runs[0]!.inFlight,
    tokens: runs[0]!.tokens,
    perSecond: pick('perSecond'),
    mainCpu: pick('mainCpu'),
    otherCpu: pick('otherCpu'),
    processCpu: pick('processCpu'),
    elu: pick('elu'),
  }
}

export interface Variant {
  name: string
  open: OpenToken
}

export interface Sweep {
  name: string
  levels: LevelResult[]
}

/**
 * Every variant at every level, `reps` times, interleaved (rep by rep, order rotating), each
 * run on its own fresh tokens.
 */
export async function sweepLevels(
  variants: readonly Variant[],
  take: (count: number) => readonly string[],
  perRun: number,
  reps: number,
  levels: readonly number[] = LEVELS,
): Promise<Sweep[]> {
  const cells = variants.flatMap((_, v) => levels.map((_, l) => ({ v, l })))
  const runs = cells.map(() => [] as Throughput[])
  for (let rep = 0; rep < reps; rep++) {
    for (let i = 0; i < cells.length; i++) {
      const index = (i + rep) % cells.length
      const { v, l } = cells[index]!
      runs[index]!.push(await measureThroughput(variants[v]!.open, take(perRun), levels[l]!))
    }
  }
  return variants.map((variant, v) => ({
    name: variant.name,
    levels: levels.map((inFlight, l) => {
      const r = runs[cells.findIndex((cell) => cell.v === v && cell.l === l)]!
      return { inFlight, runs: r, median: medianRun(r) }
    }),
  }))
}

/**
 * Node runs each RSA private-key operation of a CryptoKey under that key's own mutex
 * (src/crypto/crypto_rsa.cc, RSA_Cipher: Mutex::ScopedLock lock(key_data.mutex())), so one
 * key decrypts on one threadpool thread at a time. Separately imported copies of the same
 * private key have separate mutexes. This resolver hands them out in turn, as DecryptionKeySet
 * does with its copiesPerKey option; the raw-RSA measurement below uses it directly.
 */
export async function keyCopies(privateJwk: JsonWebKey, count: number): Promise<() => CryptoKey> {
  const copies: CryptoKey[] = []
  for (let i = 0; i < count; i++) {
    copies.push(
      await crypto.subtle.importKey('jwk', privateJwk, { name: 'RSA-OAEP', hash: 'SHA-256' }, false, ['decrypt', 'unwrapKey']),
    )
  }
  let next = 0
  return () => copies[next++ % copies.length]!
}

export const KEY_COPIES = 4

export async function variantsFor(privateJwk: JsonWebKey, verificationJwk: JsonWebKey): Promise<Variant[]> {
  const material = (priv: JsonWebKey, pub: JsonWebKey): KeyMaterial => ({ bits: 0, privatePem: '', publicPem: '', privateJwk: priv, publicJwk: pub })
  const keys = await importNestedKeys(material(privateJwk, {}), material({}, verificationJwk))
  return [
    { name: 'webjose', open: webjoseOpener(keys) },
    // DecryptionKeySet imports the key as copiesPerKey CryptoKeys and uses them in turn.
    { name: `webjose, DecryptionKeySet (${KEY_COPIES} copies)`, open: webjoseOpener(keys, createDecryptionKeySet([{ key: privateJwk }], { copiesPerKey: KEY_COPIES })) },
  ]
}

// ---------------------------------------------------------------- openssl

export interface OpensslSpeed {
  processes: number
  /** RSA 2048 private-key operations per second (the "sign/s" column), all processes together. */
  signPerSecond: number
  raw: string
}

export async function opensslSpeed(processes: number, seconds: number): Promise<OpensslSpeed | { processes: number; error: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      'openssl',
      ['speed', '-seconds', String(seconds), '-multi', String(processes), 'rsa2048'],
      { timeout: (seconds * 2 + 30) * 1000, maxBuffer: 1 << 20 },
    )
    const signPerSecond = parseOpensslSpeed(`${stdout}\n${stderr}`)
    if (signPerSecond !== undefined) return { processes, signPerSecond, raw: `openssl speed -multi ${processes}: ${signPerSecond}` }
    return { processes, error: 'unrecognized openssl speed output' }
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException
    return { processes, error: code === 'ENOENT' ? 'openssl is not installed (no `openssl` on PATH)' : message.split('\n')[0]! }
  }
}

// ---------------------------------------------------------------- child processes

export interface ChildRequest {
  privateJwk: JsonWebKey
  verificationJwk: JsonWebKey
  privatePem: string
  tokens: string[]
  perRun: number
  reps: number
}

export interface ChildReport {
  threadpoolSize: string
  sweeps: Sweep[]
  /** subtle.decrypt RSA-OAEP alone on one CryptoKey, 32 in flight: the threadpool's RSA throughput. */
  rsaOnly: Throughput
  /** The same on KEY_COPIES separately imported copies of the key, used in turn. */
  rsaOnlyCopies: Throughput
  /** privateDecrypt (node:crypto), synchronous on the main thread: one core's RSA rate. */
  syncRsaPerSecond: number
}

/** Runs in a child process (UV_THREADPOOL_SIZE is read when the pool starts, so it needs one). */
export async function childMain(): Promise<void> {
  const request = await new Promise<ChildRequest>((resolve) => process.once('message', (message) => resolve(message as ChildRequest)))
  const variants = await variantsFor(request.privateJwk, request.verificationJwk)
  const decryption = await crypto.subtle.importKey('jwk', request.privateJwk, { name: 'RSA-OAEP', hash: 'SHA-256' }, false, ['decrypt'])
  let next = 0
  const take = (count: number) => {
    const slice = request.tokens.slice(next, next + count)
    next += count
    if (slice.length < count) throw new Error('child: token pool exhausted')
    return slice
  }
  for (const variant of variants) for (const token of take(20)) await variant.open(token)
  const sweeps = await sweepLevels(variants, take, request.perRun, request.reps)
  // The RSA step alone, through Web Crypto, saturated.
  const encryptedKeys = take(request.perRun).map((token) => new Uint8Array(Buffer.from(token.split('.')[1]!, 'base64url')))
  let k = 0
  const rsaOnly = await measureThroughput(
    () => crypto.subtle.decrypt({ name: 'RSA-OAEP' }, decryption, encryptedKeys[k++]!),
    encryptedKeys.map(() => ''),
    32,
  )
  const copy = await keyCopies(request.privateJwk, KEY_COPIES)
  const copyKeys = take(request.perRun).map((token) => new Uint8Array(Buffer.from(token.split('.')[1]!, 'base64url')))
  let c = 0
  const rsaOnlyCopies = await measureThroughput(
    () => crypto.subtle.decrypt({ name: 'RSA-OAEP' }, copy(), copyKeys[c++]!),
    copyKeys.map(() => ''),
    32,
  )
  const nodeKey = createPrivateKey(request.privatePem)
  const syncKeys = encryptedKeys.slice(0, Math.min(200, encryptedKeys.length))
  const start = process.hrtime.bigint()
  for (const encryptedKey of syncKeys) {
    consume(privateDecrypt({ key: nodeKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, encryptedKey).length)
  }
  const syncRsaPerSecond = (syncKeys.length * 1e9) / Number(process.hrtime.bigint() - start)
  const report: ChildReport = { threadpoolSize: process.env.UV_THREADPOOL_SIZE ?? 'default (4)', sweeps, rsaOnly, rsaOnlyCopies, syncRsaPerSecond }
  process.send!(report)
  process.disconnect()
}

export async function runChild(entry: string, threadpoolSize: number | undefined, request: ChildRequest): Promise<ChildReport> {
  const env = { ...process.env }
  if (threadpoolSize === undefined) delete env.UV_THREADPOOL_SIZE
  else env.UV_THREADPOOL_SIZE = String(threadpoolSize)
  const child = fork(entry, ['--bench-child'], { env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  return new Promise<ChildReport>((resolve, reject) => {
    let report: ChildReport | undefined
    child.once('message', (message) => {
      report = message as ChildReport
    })
    child.once('error', reject)
    child.once('exit', (code) => (report ? resolve(report) : reject(new Error(`bench child exited with ${code}`))))
    child.send(request)
  })
}

// ---------------------------------------------------------------- worker threads

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

