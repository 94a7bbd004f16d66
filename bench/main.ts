/**
 * `npm run bench`: webjose performance, measured the same way every time.
 *
 *   node scripts/run-ts.mjs bench/main.ts [--quick] [--only=cold,anatomy,profile,warm,base64,imports,algorithms,concurrency,throughput]
 *                                         [--profile-baseline[=LABEL]] (records the profile as bench/profile-baseline.json)
 *                                         [--wait-load=SECONDS] [--no-write]
 *   node scripts/run-ts.mjs bench/main.ts --runtime node|deno|bun|chromium|all [--quick] [--wait-load=SECONDS]   (bench/runtimes.ts)
 *
 * Every comparison runs its contenders in one process, interleaved round by round after a
 * warm-up, and reports medians with their spread (p10–p90, MAD). Results go to
 * bench/RESULTS.md and bench/concurrency.svg. Nothing here asserts on timing.
 *
 * The same bundle also serves as the entry of the child processes (--bench-child, for the
 * UV_THREADPOOL_SIZE experiment) and of the worker threads (the worker_threads prototype).
 * `npm run bench -- --only throughput` runs the throughput-on-every-core section alone.
 */
import { loadavg } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { isMainThread, workerData } from 'node:worker_threads'
import { runAlgorithms } from './lib/algorithms.ts'
import { runAnatomy } from './lib/anatomy.ts'
import { runLadder } from './lib/ladder.ts'
import { runProfile } from './lib/profile.ts'
import { runBase64 } from './lib/base64.ts'
import { runCold, COLD_CONTENDERS } from './lib/cold.ts'
import { childMain } from './lib/concurrency-child.ts'
import { workerMain, type WorkerRequest } from './lib/concurrency-workers.ts'
import { runConcurrency } from './lib/concurrency.ts'
import { environment } from './lib/environment.ts'
import { waitForQuietMachine } from './lib/machine.ts'
import { runCallCounts, runImports } from './lib/imports.ts'
import { formatNs, formatRatio } from './lib/stats.ts'
import { floorTwoCallOpener, importNestedKeys, webjoseOpener, type OpenToken } from './lib/nested.ts'
import { generateRsa, TokenMinter, type KeyPairObjects } from './lib/tokens.ts'
import { FULL, QUICK } from './lib/plans.ts'
import { opensslRate } from './lib/report-load.ts'
import { writeResultFiles } from './lib/result-files.ts'
import type { Results } from './lib/results.ts'
import { requestedRuntimes, runRuntimes } from './runtimes.ts'
import { runWarm } from './lib/warm.ts'
import { runThroughput, THROUGHPUT_PLANS } from './lib/throughput.ts'
import { throughputMinter } from './lib/throughput-tokens.ts'
import { throughputChildMain } from './lib/throughput-child.ts'
import { throughputSummary } from './lib/throughput-report.ts'
import { throughputWorkerMain, type ThroughputWorkerData } from './lib/throughput-workers.ts'

const ENTRY = fileURLToPath(import.meta.url)

const SECTIONS = ['cold', 'anatomy', 'profile', 'warm', 'base64', 'imports', 'algorithms', 'concurrency', 'throughput'] as const
type Section = (typeof SECTIONS)[number]

/** `--name=value` or `--name value`. */
function argument(name: string): string | undefined {
  const prefix = `--${name}=`
  const at = process.argv.indexOf(`--${name}`)
  if (at >= 0 && process.argv[at + 1] !== undefined) return process.argv[at + 1]
  return process.argv.find((arg) => arg.startsWith(prefix))?.slice(prefix.length)
}

function log(message: string): void {
  process.stdout.write(`${message}\n`)
}

async function main(): Promise<void> {
  const started = process.hrtime.bigint()
  const quick = process.argv.includes('--quick')
  const plans = quick ? QUICK : FULL
  const only = argument('only')?.split(',') as Section[] | undefined
  const enabled = (section: Section) => only === undefined || only.includes(section)
  const waitLoad = Number(argument('wait-load') ?? 0)
  if (waitLoad > 0) await waitForQuietMachine(waitLoad, log)

  const env = environment(dirname(benchDirectory()))
  log(`webjose bench — ${env.node}, OpenSSL ${env.openssl}, ${env.cpu}, ${env.cores} cores, load ${env.loadAtStart.map((l) => l.toFixed(2)).join(' ')}`)
  if (env.loadAtStart[0]! >= 1) log('  warning: load average ≥ 1; numbers will be noisy (see --wait-load)')

  log('generating RSA keys (issuer 2048; API 2048, 3072, 4096)…')
  const [signing, ...recipients] = await Promise.all([generateRsa(2048), generateRsa(2048), generateRsa(3072), generateRsa(4096)])
  const recipientFor = (bits: number): KeyPairObjects => recipients.find((r) => r.material.bits === bits)!
  const r2048 = recipientFor(2048)
  const results: Results = { env, cold: [], base64: [], seconds: 0 }

  if (enabled('cold')) {
    for (const plan of plans.cold) {
      log(`cold nested path, RSA ${plan.bits}: ${plan.rounds} rounds × ${plan.batch} tokens × ${COLD_CONTENDERS.length} contenders…`)
      const cold = await runCold(plan, signing, recipientFor(plan.bits))
      results.cold.push(cold)
      for (const c of cold.result.contenders) log(`  ${c.name.padEnd(12)} ${formatNs(c.summary.median).padStart(10)}  p10–p90 ${formatNs(c.summary.p10)}–${formatNs(c.summary.p90)}`)
      log(`  webjose/floor ${formatRatio(cold.vsFloor.median)}   webjose/jose ${formatRatio(cold.vsJose.median)}`)
    }
  }
  if (enabled('anatomy')) {
    log('cold path anatomy (RSA 2048): Web Crypto steps, and library JavaScript with Web Crypto stubbed…')
    results.anatomy = await runAnatomy(plans.anatomy, signing, r2048)
    log('cold path ladder (RSA 2048): from the floor to the public verbs, one webjose layer at a time…')
    results.ladder = await runLadder(plans.ladder, signing, r2048)
    for (const [name, ratio] of Object.entries(results.ladder.vsFloor)) log(`  ${name.padEnd(22)} ${formatRatio(ratio.median)}  (95% CI ${results.ladder.vsFloorInterval[name]!.map(formatRatio).join(' – ')})  main-thread CPU ${formatNs(results.ladder.result.contenders.find((c) => c.name === name)?.mainCpu?.median ?? Number.NaN)}`)
  }
  if (enabled('profile')) {
    log('CPU profile of the cold path (RSA 2048), webjose and the floor (decrypt + importKey)…')
    results.profile = await runProfile(plans.profile, await profiledContenders(signing, r2048), (count) => new TokenMinter(signing, r2048).pool(count))
    for (const p of results.profile) log(`  ${p.contender}: ${p.rows.slice(0, 5).map((r) => `${r.name} ${formatNs(r.selfPerToken)}`).join(', ')}`)

  }
  if (enabled('warm')) {
    log('warm path: createVerifier().verify() on a cached token…')
    results.warm = await runWarm(plans.warm, signing, r2048)
    log(`  ${formatNs(results.warm.contenders[0]!.summary.median)} per call`)
  }
  if (enabled('base64')) {
    for (const size of [1024, 16384]) {
      log(`base64url ${size / 1024} KB…`)
      const b = await runBase64(plans.base64, size)
      results.base64.push(b)
      log(`  decode: webjose ${formatNs(b.decode.contenders[0]!.summary.median)}, webjose / Buffer ${formatRatio(b.decodeVsBuffer.median)}${b.nativeVsTable ? `, native / table decoder ${formatRatio(b.nativeVsTable.median)}` : ''}`)
    }
  }
  if (enabled('imports')) {
    log('key import costs, and Web Crypto calls per token…')
    results.imports = await runImports(plans.imports, r2048, signing)
    results.callCounts = await runCallCounts(r2048, signing)
    for (const count of results.callCounts) log(`  ${count.name}: ${JSON.stringify(count.detail)}`)
  }
  if (enabled('algorithms')) {
    log('other algorithms against jose: JWS verify (HS256, ES256, EdDSA), JWE decrypt (A256KW, A256CBC-HS512, ECDH-ES+A256KW)…')
    results.algorithms = await runAlgorithms(plans.algorithms, log)
  }
  if (enabled('concurrency')) {
    // Throughput needs every core: wait again for a quiet machine (when asked to) before it.
    if (waitLoad > 0) await waitForQuietMachine(Math.min(waitLoad, 120), log)
    results.concurrency = await runConcurrency(plans.concurrency, signing, r2048, ENTRY, log)
    const scaling = opensslRate(results, 2) / opensslRate(results, 1)
    if (scaling < 1.6) log(`  warning: openssl -multi 2 is only ${scaling.toFixed(2)}× -multi 1: another process held a core during this run; re-run`)
  }
  if (enabled('throughput')) {
    if (waitLoad > 0) await waitForQuietMachine(Math.min(waitLoad, 120), log)
    log(`throughput on every core: openssl speed -multi ${env.cores}, the Web Crypto floor and webjose under each mechanism…`)
    results.throughput = await runThroughput(
      quick ? THROUGHPUT_PLANS.quick : THROUGHPUT_PLANS.full,
      ENTRY,
      { privatePem: r2048.material.privatePem, privateJwk: r2048.material.privateJwk, publicJwk: signing.material.publicJwk, publicPem: signing.material.publicPem },
      throughputMinter(signing, r2048),
      log,
    )
    for (const line of throughputSummary(results.throughput)) log(`  ${line.replace(/\*\*/g, '')}`)
  }
  const cold2048 = results.cold.find((cold) => cold.bits === 2048)
  if (cold2048) {
    const { mad, median, p10, p90 } = cold2048.vsFloor
    log(
      `spread check: webjose/floor at RSA 2048 per round: median ${formatRatio(median)}, MAD ${formatRatio(mad)}, p10–p90 ${formatRatio(p10)}–${formatRatio(p90)}${mad / median > 0.1 ? ' — large (MAD > 10%): the machine was busy; consider re-running' : ''}`,
    )
  }
  env.loadAtEnd = loadavg()
  results.seconds = Number(process.hrtime.bigint() - started) / 1e9
  log(`done in ${results.seconds.toFixed(0)} s; load average at end ${env.loadAtEnd.map((l) => l.toFixed(2)).join(' ')}`)

  const profileBaseline = process.argv.some((arg) => arg.startsWith('--profile-baseline')) ? { label: argument('profile-baseline') } : undefined
  writeResultFiles(benchDirectory(), results, { quick, profileBaseline, write: !process.argv.includes('--no-write') }, log)
}

async function profiledContenders(signing: KeyPairObjects, recipient: KeyPairObjects): Promise<Record<string, OpenToken>> {
  const keys = await importNestedKeys(recipient.material, signing.material)
  return { webjose: webjoseOpener(keys), 'floor-2call': floorTwoCallOpener(keys) }
}

/** This file's directory: scripts/run-ts.mjs puts the .ts entry in argv[1] (the code itself runs from a bundle in .cache/). */
function benchDirectory(): string {
  const entry = process.argv[1] ?? ''
  return entry.endsWith('main.ts') ? dirname(entry) : join(process.cwd(), 'bench')
}

// Dispatch last, once every declaration above is initialized.
if (!isMainThread && (workerData as WorkerRequest | undefined)?.role === 'bench-worker') {
  await workerMain(workerData as WorkerRequest)
} else if (!isMainThread && (workerData as ThroughputWorkerData | undefined)?.role === 'throughput-worker') {
  await throughputWorkerMain(workerData as ThroughputWorkerData)
} else if (process.argv.includes('--bench-child')) {
  await childMain()
} else if (process.argv.includes('--throughput-child')) {
  await throughputChildMain()
} else if (requestedRuntimes(process.argv) !== undefined) {
  await runRuntimes(process.argv, benchDirectory(), dirname(benchDirectory()))
} else {
  await main()
}
