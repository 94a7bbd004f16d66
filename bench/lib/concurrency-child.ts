/**
 * Section 4's threadpool experiment: the sweeps run again in a child process started with
 * UV_THREADPOOL_SIZE set (`<entry> --bench-child`), with the RSA-OAEP decryption alone measured
 * beside them, through Web Crypto (one key, then KEY_COPIES copies) and synchronously through
 * node:crypto on the main thread.
 */
import { fork } from 'node:child_process'
import { constants, createPrivateKey, privateDecrypt } from 'node:crypto'
import { measureThroughput, sweepLevels, type Sweep, type Throughput } from './concurrency-sweep.ts'
import { KEY_COPIES, keyCopies, variantsFor } from './concurrency-variants.ts'
import { consume } from './harness.ts'

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
