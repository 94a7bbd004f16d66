/**
 * Section 4: throughput of the cold path (RSA 2048) with 1, 2, 8 and 32 tokens in flight,
 * against the machine's RSA limit as openssl measures it; then the experiments that explain
 * the scaling: the libuv threadpool size (child processes with UV_THREADPOOL_SIZE set), where
 * the CPU time goes (main thread vs the other threads), and a worker_threads prototype.
 * `entry` is the bench bundle: the child processes and worker threads run it in their role.
 */
import { runChild, type ChildReport } from './concurrency-child.ts'
import { LEVELS, sweepLevels } from './concurrency-sweep.ts'
import { KEY_COPIES, variantsFor } from './concurrency-variants.ts'
import { materialFor, runWorkers, type WorkerResult } from './concurrency-workers.ts'
import { opensslSpeed } from './openssl-speed.ts'
import type { Plans } from './plans.ts'
import type { Results } from './results.ts'
import { formatRate } from './stats.ts'
import { TokenMinter, type KeyPairObjects } from './tokens.ts'

export async function runConcurrency(
  plan: Plans['concurrency'],
  signing: KeyPairObjects,
  recipient: KeyPairObjects,
  entry: string,
  log: (line: string) => void,
): Promise<NonNullable<Results['concurrency']>> {
  const minter = new TokenMinter(signing, recipient)
  log(`openssl speed rsa2048, -multi 1 and -multi 2 (${plan.opensslSeconds} s each)…`)
  const openssl = [await opensslSpeed(1, plan.opensslSeconds), await opensslSpeed(2, plan.opensslSeconds)]
  for (const speed of openssl) log(`  -multi ${speed.processes}: ${'signPerSecond' in speed ? `${formatRate(speed.signPerSecond)} private ops/s` : speed.error}`)

  log(`throughput in this process, in flight ${LEVELS.join('/')}, ${plan.reps} × ${plan.perRun} tokens per run…`)
  const variants = await variantsFor(recipient.material.privateJwk, signing.material.publicJwk)
  for (const variant of variants) for (const token of minter.pool(30)) await variant.open(token)
  const inProcess = await sweepLevels(variants, (count) => minter.pool(count), plan.perRun, plan.reps)
  for (const sweep of inProcess) {
    log(`  ${sweep.name}: ${sweep.levels.map((l) => `${l.inFlight}: ${formatRate(l.median.perSecond)}/s (ELU ${l.median.elu.toFixed(2)})`).join(', ')}`)
  }

  const childTokens = minter.pool(2 * 20 + (2 * LEVELS.length * plan.childReps + 2) * plan.childPerRun)
  const children: ChildReport[] = []
  for (const size of [1, 2, 4]) {
    log(`child process, UV_THREADPOOL_SIZE=${size}…`)
    const report = await runChild(entry, size, {
      privateJwk: recipient.material.privateJwk,
      verificationJwk: signing.material.publicJwk,
      privatePem: recipient.material.privatePem,
      tokens: childTokens,
      perRun: plan.childPerRun,
      reps: plan.childReps,
    })
    children.push(report)
    for (const sweep of report.sweeps) log(`  ${sweep.name}: ${sweep.levels.map((l) => `${l.inFlight}: ${formatRate(l.median.perSecond)}/s`).join(', ')}`)
    log(
      `  subtle.decrypt RSA-OAEP alone, 32 in flight: one key ${formatRate(report.rsaOnly.perSecond)}/s, ${KEY_COPIES} copies ${formatRate(report.rsaOnlyCopies.perSecond)}/s; privateDecrypt sync: ${formatRate(report.syncRsaPerSecond)}/s`,
    )
  }

  const workers: WorkerResult[] = []
  const material = materialFor(signing, recipient)
  for (const [count, inFlight] of [[1, 8], [2, 4], [2, 8], [4, 8]] as const) {
    log(`worker_threads prototype: ${count} worker(s) × ${inFlight} in flight…`)
    const result = await runWorkers(entry, count, inFlight, material, (n) => minter.pool(n), plan.workerTokens)
    workers.push(result)
    log(`  ${formatRate(result.perSecond)} tokens/s`)
  }
  return { inProcess, openssl, children, workers }
}
