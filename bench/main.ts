/**
 * `npm run bench`: webjose performance, measured the same way every time.
 *
 *   node scripts/run-ts.mjs bench/main.ts [--quick] [--only=cold,anatomy,profile,warm,base64,imports,algorithms,concurrency,throughput]
 *                                         [--profile-baseline[=LABEL]] (records the profile as bench/profile-baseline.json)
 *                                         [--wait-load=SECONDS] [--no-write]
 *   node scripts/run-ts.mjs bench/main.ts --runtime node|deno|bun|chromium|all [--quick]   (bench/runtimes.ts)
 *
 * Every comparison runs its contenders in one process, interleaved round by round after a
 * warm-up, and reports medians with their spread (p10–p90, MAD). Results go to
 * bench/RESULTS.md and bench/concurrency.svg. Nothing here asserts on timing.
 *
 * The same bundle also serves as the entry of the child processes (--bench-child, for the
 * UV_THREADPOOL_SIZE experiment) and of the worker threads (the worker_threads prototype).
 * `npm run bench -- --only throughput` runs the throughput-on-every-core section alone.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { availableParallelism, loadavg } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { isMainThread, workerData } from 'node:worker_threads'
import { algorithmsSection, runAlgorithms, type AlgorithmRow, type AlgorithmsPlan } from './lib/algorithms.ts'
import { runAnatomy, type AnatomyResult } from './lib/anatomy.ts'
import { profileSection, runProfile, type ProfileBaseline, type ProfilePlan, type ProfileResult } from './lib/profile.ts'
import { NATIVE_DECODER, runBase64, type Base64Result } from './lib/base64.ts'
import { coldMedian, runCold, COLD_CONTENDERS, type ColdResult } from './lib/cold.ts'
import {
  childMain,
  LEVELS,
  materialFor,
  opensslSpeed,
  runChild,
  runWorkers,
  sweepLevels,
  variantsFor,
  KEY_COPIES,
  workerMain,
  type ChildReport,
  type Sweep,
  type OpensslSpeed,
  type WorkerRequest,
  type WorkerResult,
} from './lib/concurrency.ts'
import { perThreadCpuAvailable } from './lib/cpu.ts'
import type { InterleaveResult } from './lib/harness.ts'
import { hotPathImportsOk, runCallCounts, runImports, type CallCounts } from './lib/imports.ts'
import { findings, targets } from './lib/findings.ts'
import { table, verdict } from './lib/markdown.ts'
import { formatNs, formatPercent, formatRate, formatRatio, relativeSpread, type Summary } from './lib/stats.ts'
import { lineChart } from './lib/svg.ts'
import { floorTwoCallOpener, importNestedKeys, webjoseOpener, type OpenToken } from './lib/nested.ts'
import { generateRsa, TokenMinter, type KeyPairObjects } from './lib/tokens.ts'
import { requestedRuntimes, runRuntimes, runtimeBlocks, type RuntimeBlocks } from './runtimes.ts'
import { runWarm } from './lib/warm.ts'
import { runThroughput, THROUGHPUT_PLANS, type ThroughputResult } from './lib/throughput.ts'
import { throughputMinter } from './lib/throughput-tokens.ts'
import { throughputChildMain } from './lib/throughput-child.ts'
import { throughputChartInput, throughputSection, throughputSummary } from './lib/throughput-report.ts'
import { throughputWorkerMain, type ThroughputWorkerData } from './lib/throughput-workers.ts'

const ENTRY = fileURLToPath(import.meta.url)


interface Plans {
  cold: { bits: number; warmupRounds: number; rounds: number; batch: number }[]
  anatomy: { warmupRounds: number; rounds: number; batch: number; stubbedRounds: number; timelineRounds: number }
  profile: ProfilePlan
  warm: { warmupRounds: number; rounds: number; batch: number }
  base64: { warmupRounds: number; rounds: number; batchAt16k: number }
  imports: { warmupRounds: number; rounds: number; batch: number }
  algorithms: AlgorithmsPlan
  concurrency: { perRun: number; reps: number; childPerRun: number; childReps: number; workerTokens: number; opensslSeconds: number }
}

const FULL: Plans = {
  cold: [
    { bits: 2048, warmupRounds: 3, rounds: 100, batch: 32 },
    { bits: 3072, warmupRounds: 3, rounds: 60, batch: 8 },
    { bits: 4096, warmupRounds: 3, rounds: 60, batch: 4 },
  ],
  anatomy: { warmupRounds: 3, rounds: 80, batch: 8, stubbedRounds: 60, timelineRounds: 150 },
  profile: { tokens: 2000, warmup: 300, chunk: 100, intervalUs: 25 },
  warm: { warmupRounds: 5, rounds: 60, batch: 2000 },
  base64: { warmupRounds: 5, rounds: 60, batchAt16k: 20 },
  imports: { warmupRounds: 2, rounds: 40, batch: 4 },
  algorithms: { warmupRounds: 3, rounds: 60, batchScale: 1 },
  concurrency: { perRun: 600, reps: 5, childPerRun: 400, childReps: 3, workerTokens: 2000, opensslSeconds: 3 },
}

const QUICK: Plans = {
  cold: [
    { bits: 2048, warmupRounds: 2, rounds: 20, batch: 4 },
    { bits: 3072, warmupRounds: 1, rounds: 10, batch: 2 },
    { bits: 4096, warmupRounds: 1, rounds: 8, batch: 2 },
  ],
  anatomy: { warmupRounds: 1, rounds: 8, batch: 4, stubbedRounds: 10, timelineRounds: 10 },
  profile: { tokens: 300, warmup: 100, chunk: 100, intervalUs: 25 },
  warm: { warmupRounds: 2, rounds: 10, batch: 1000 },
  base64: { warmupRounds: 2, rounds: 10, batchAt16k: 10 },
  imports: { warmupRounds: 1, rounds: 6, batch: 2 },
  algorithms: { warmupRounds: 1, rounds: 8, batchScale: 0.5 },
  concurrency: { perRun: 150, reps: 1, childPerRun: 120, childReps: 1, workerTokens: 400, opensslSeconds: 1 },
}

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

interface Environment {
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

function environment(): Environment {
  let cpu = 'unknown'
  try {
    cpu = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? cpu
  } catch {
    // not Linux
  }
  let commit = 'unknown'
  try {
    const root = dirname(benchDirectory())
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
    if (dirty.trim() !== '') commit += ' (src/ has uncommitted changes)'
  } catch {
    // not a git checkout
  }
  return {
    date: new Date().toISOString(),
    node: process.version,
    v8: process.versions.v8,
    openssl: process.versions.openssl ?? 'n/a',
    uv: process.versions.uv ?? 'n/a',
    cpu,
    cores: availableParallelism(),
    loadAtStart: loadavg(),
    commit,
    threadpool: process.env.UV_THREADPOOL_SIZE ?? 'default (4)',
    perThreadCpu: perThreadCpuAvailable,
  }
}

/** Share of CPU time the whole machine spent idle over `ms` (from /proc/stat); NaN off Linux. */
async function machineIdle(ms: number): Promise<number> {
  const read = () => {
    const fields = readFileSync('/proc/stat', 'latin1').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number)
    const idle = fields[3]! + (fields[4] ?? 0)
    return { idle, total: fields.reduce((a, b) => a + b, 0) }
  }
  try {
    const before = read()
    await new Promise((resolve) => setTimeout(resolve, ms))
    const after = read()
    return (after.idle - before.idle) / (after.total - before.total)
  } catch {
    return Number.NaN
  }
}

/** Waits (up to maxSeconds) for a 1-minute load average under 1 and an idle machine right now. */
async function waitForQuietMachine(maxSeconds: number): Promise<void> {
  const deadline = Date.now() + maxSeconds * 1000
  for (;;) {
    const idle = await machineIdle(3000)
    const load = loadavg()[0]!
    if ((load < 1 && !(idle < 0.9)) || Date.now() >= deadline) return
    log(`  load average ${load.toFixed(2)}, CPU idle ${Number.isFinite(idle) ? formatPercent(idle) : 'n/a'} over 3 s: waiting for a quiet machine (up to ${Math.ceil((deadline - Date.now()) / 1000)} s more)…`)
    await new Promise((resolve) => setTimeout(resolve, 7000))
  }
}

interface Results {
  env: Environment
  cold: ColdResult[]
  anatomy?: AnatomyResult
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

async function main(): Promise<void> {
  const started = process.hrtime.bigint()
  const quick = process.argv.includes('--quick')
  const plans = quick ? QUICK : FULL
  const only = argument('only')?.split(',') as Section[] | undefined
  const enabled = (section: Section) => only === undefined || only.includes(section)
  const waitLoad = Number(argument('wait-load') ?? 0)
  if (waitLoad > 0) await waitForQuietMachine(waitLoad)

  const env = environment()
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
    if (waitLoad > 0) await waitForQuietMachine(Math.min(waitLoad, 120))
    results.concurrency = await runConcurrency(plans.concurrency, signing, r2048)
    const scaling = opensslRate(results, 2) / opensslRate(results, 1)
    if (scaling < 1.6) log(`  warning: openssl -multi 2 is only ${scaling.toFixed(2)}× -multi 1: another process held a core during this run; re-run`)
  }
  if (enabled('throughput')) {
    if (waitLoad > 0) await waitForQuietMachine(Math.min(waitLoad, 120))
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

  const benchDir = benchDirectory()
  if (results.profile && process.argv.some((arg) => arg.startsWith('--profile-baseline'))) {
    const baseline: ProfileBaseline = { commit: argument('profile-baseline') ?? env.commit, date: env.date, profiles: results.profile }
    writeFileSync(join(benchDir, PROFILE_BASELINE), `${JSON.stringify(baseline, null, 1)}\n`)
    log(`wrote ${join(benchDir, PROFILE_BASELINE)}`)
  }
  if (process.argv.includes('--no-write')) return
  const concurrency = results.concurrency
  // The charts' throughput panel: section 7's headline figures when it ran, else section 4's sweeps.
  const blocks = runtimeBlocks(
    benchDir,
    results.throughput
      ? throughputChartInput(results.throughput, { quick, date: env.date, node: env.node, section: 'section 7' })
      : concurrency && { quick, date: env.date, node: env.node, cores: env.cores, sweeps: concurrency.inProcess, openssl: concurrency.openssl },
  )
  writeFileSync(join(benchDir, 'RESULTS.md'), report(results, quick, blocks))
  if (results.concurrency) writeFileSync(join(benchDir, 'concurrency.svg'), chart(results))
  log(`wrote ${join(benchDir, 'RESULTS.md')}${results.concurrency ? ' and concurrency.svg' : ''}`)
}

/** The profile that RESULTS.md shows as "before" (recorded with --profile-baseline). */
const PROFILE_BASELINE = 'profile-baseline.json'

function profileBaseline(): ProfileBaseline | undefined {
  try {
    return JSON.parse(readFileSync(join(benchDirectory(), PROFILE_BASELINE), 'utf8')) as ProfileBaseline
  } catch {
    return undefined
  }
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

async function runConcurrency(plan: Plans['concurrency'], signing: KeyPairObjects, recipient: KeyPairObjects): Promise<NonNullable<Results['concurrency']>> {
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
    const report = await runChild(ENTRY, size, {
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
    const result = await runWorkers(ENTRY, count, inFlight, material, (n) => minter.pool(n), plan.workerTokens)
    workers.push(result)
    log(`  ${formatRate(result.perSecond)} tokens/s`)
  }
  return { inProcess, openssl, children, workers }
}

// ---------------------------------------------------------------- report

const range = (s: Summary, f: (n: number) => string = formatNs): string => `${f(s.p10)} – ${f(s.p90)}`

function opensslRate(results: Results, processes: number): number {
  const speed = results.concurrency?.openssl.find((s) => s.processes === processes)
  return speed && 'signPerSecond' in speed ? speed.signPerSecond : Number.NaN
}

function findingsInput(results: Results) {
  return {
    cold: results.cold,
    anatomy: results.anatomy,
    warm: results.warm,
    base64: results.base64,
    concurrency: results.concurrency,
    callCounts: results.callCounts,
    keyCopies: KEY_COPIES,
    cores: results.env.cores,
  }
}

function report(results: Results, quick: boolean, runtimes: RuntimeBlocks): string {
  const { env } = results
  const out: string[] = []
  const load = (l: number[] | undefined) => (l ? l.map((v) => v.toFixed(2)).join(', ') : 'n/a')
  out.push(
    '# webjose benchmark results',
    '',
    `Generated by \`npm run bench\`${quick ? ' --quick (reduced rounds: indicative only)' : ''} (bench/main.ts) in ${results.seconds.toFixed(0)} s. Do not edit by hand.`,
    '',
    runtimes.charts,
    '',
    table(
      ['', ''],
      [
        ['Date', env.date],
        ['Runtime', `Node.js ${env.node} (V8 ${env.v8}, OpenSSL ${env.openssl}, libuv ${env.uv})`],
        ['CPU', `${env.cpu}, ${env.cores} cores available`],
        ['Load average at start (1, 5, 15 min)', load(env.loadAtStart)],
        ['Load average at end', load(env.loadAtEnd)],
        ['Commit', env.commit],
        ['UV_THREADPOOL_SIZE (main process)', env.threadpool],
      ],
    ),
    '',
    '## Summary',
    '',
    targets(findingsInput(results)),
    '',
    ...findings(findingsInput(results)),
    ...(results.throughput ? throughputSummary(results.throughput) : []),
    '',
    '## Method',
    '',
    'Every comparison runs its contenders in one process, interleaved (round-robin, order rotating each round) after warm-up rounds; each sample times a batch of operations with `process.hrtime.bigint()`. Reported: median per operation, p10–p90 across rounds, MAD, and ratios computed per round (the two contenders ran back to back) then summarized. CPU by thread: the whole process from `process.cpuUsage()`, the other threads (libuv threadpool, V8 helpers) from `/proc/self/task/<tid>/schedstat` read while they sleep, the main thread as the difference; event-loop utilization from `performance.eventLoopUtilization()`. The cold-path floor is the fastest Web Crypto sequence that does the work: of `unwrapKey` + AES-GCM decrypt + verify (floor) and `decrypt` + `importKey` + AES-GCM decrypt + verify (floor-2call), the one with the lower median over the run; webjose / floor is taken against it round by round. The CPU profile (section 1) is V8\'s sampling profiler over fresh tokens, self time per function; a sampling gap over three intervals (the thread descheduled) is not charged to any function. The machine may be shared; load averages above tell how quiet it was.',
    '',
    'Other runtimes: `npm run bench -- --runtime deno` (or `node`, `bun`, `chromium`, `all`) runs the portable part (cold nested path, warm path, base64url decode) in that runtime and rewrites its chart and table only; see "Every runtime" at the end.',
    '',
  )

  if (results.cold.length > 0) {
    out.push(
      '## 1. Cold nested path',
      '',
      'An Auth0-shaped access token (iss, sub "<id>@clients", aud, iat, exp, azp, scope, gty), RS256-signed with an RSA 2048 issuer key, inside a compact JWE with RSA-OAEP-256 / A256GCM and a kid, to an API key of 2048, 3072 or 4096 bits. Every operation opens a token its contender has never seen (each contender has its own pool, minted with node:crypto before timing). Keys are imported CryptoKeys, the same objects for every contender.',
      '',
      '- **webjose**: `decryptAndVerifyJwt(token, { decryptionKey, verificationKey, keyManagementAlgorithms, contentEncryptionAlgorithms, algorithms, issuer, audience })`',
      '- **floor**: the fewest Web Crypto calls (`unwrapKey` RSA-OAEP→AES-GCM, `decrypt` AES-GCM, `verify` RS256) with minimal parsing (split, Buffer base64url, JSON.parse of the claims); no header or claim checks',
      '- **jose**: jose 6 `compactDecrypt` then `jwtVerify` on the plaintext (same allow-lists, issuer, audience)',
      '- **floor-2call**: the same floor with the CEK recovered by `decrypt` + `importKey` instead of `unwrapKey` (four Web Crypto calls instead of three)',
      '',
      'The floor of the targets is the fastest Web Crypto sequence that does the work: of **floor** and **floor-2call**, the one with the lower median over the run (on Node 20, usually floor-2call: its `unwrapKey` is slower than `decrypt` + `importKey`, see the summary). Not the faster sample of each round: the smaller of two noisy samples is biased low, a floor no sequence achieves. The ratio webjose / floor is taken per round against that sequence; webjose / each sequence is shown beside it.',
      '',
      table(
        ['API key', 'contender', 'median / token', 'p10 – p90', 'MAD', 'main-thread CPU / token', 'tokens/s (1 in flight)'],
        results.cold.flatMap((cold) =>
          cold.result.contenders.map((c) => [
            `RSA ${cold.bits}`,
            c.name,
            formatNs(c.summary.median),
            range(c.summary),
            formatNs(c.summary.mad),
            c.mainCpu ? formatNs(c.mainCpu.median) : 'n/a',
            formatRate(1e9 / c.summary.median),
          ]),
        ),
        ['l', 'l', 'r', 'r', 'r', 'r', 'r'],
      ),
      '',
      table(
        ['API key', 'floor: the faster of floor and floor-2call over the run (median)', 'webjose / floor per round (median, p10 – p90; MAD)', 'target ≤ 1.02', 'webjose / floor-2call, / floor (each sequence, per round)', 'webjose vs jose: time saved (median, p10 – p90)', 'target ≥ 10% faster'],
        results.cold.map((cold) => [
          `RSA ${cold.bits}`,
          `${formatNs(cold.floor.median)} (${cold.floorName})`,
          `${formatRatio(cold.vsFloor.median)} (${range(cold.vsFloor, formatRatio)}; MAD ${formatRatio(cold.vsFloor.mad)})`,
          verdict(cold.vsFloor.median <= 1.02),
          `${formatRatio(cold.vsSequence['floor-2call'].median)}, ${formatRatio(cold.vsSequence.floor.median)}`,
          `${formatPercent(1 - cold.vsJose.median)} (${formatPercent(1 - cold.vsJose.p90)} – ${formatPercent(1 - cold.vsJose.p10)})`,
          verdict(1 - cold.vsJose.median >= 0.1),
        ]),
        ['l', 'r', 'r', 'l', 'r', 'r', 'l'],
      ),
      '',
    )
    const spreads = results.cold.flatMap((cold) => cold.result.contenders.map((c) => ({ name: `${c.name} @ ${cold.bits}`, spread: relativeSpread(c.summary) })))
    const worst = spreads.reduce((a, b) => (b.spread > a.spread ? b : a))
    out.push(`Largest relative spread (p90 − p10) / median: ${formatPercent(worst.spread)} (${worst.name}).`, '')
  }

  if (results.anatomy) {
    const { steps, stubbed, timeline } = results.anatomy
    out.push(
      '### Where the cold path goes (RSA 2048)',
      '',
      'Each Web Crypto step alone, awaited one at a time on fresh inputs (wall time per call, and the main thread\'s CPU for it: argument conversion, job setup and the completion callback — Web Crypto runs the cryptography itself on the libuv threadpool — or the whole operation for the synchronous call):',
      '',
      table(
        ['step', 'wall / call', 'p10 – p90', 'main-thread CPU / call'],
        steps.contenders.map((c) => [c.name, formatNs(c.summary.median), range(c.summary), c.mainCpu ? formatNs(c.mainCpu.median) : 'n/a']),
        ['l', 'r', 'r', 'r'],
      ),
      '',
      'Each contender\'s own JavaScript per token, with every `crypto.subtle` method replaced by a stub that resolves at once with the precomputed result (so this is parsing, checks, allocations and promise hops only):',
      '',
      table(
        ['contender', 'JS per token (Web Crypto stubbed)', 'p10 – p90'],
        stubbed.contenders.map((c) => [c.name, formatNs(c.summary.median), range(c.summary)]),
        ['l', 'r', 'r'],
      ),
      '',
      'Each contender\'s wall time per token on its timeline: every `crypto.subtle` call is wrapped to note when it was made and when its promise settled, so the token splits into the library\'s own stretches (JS) and the waits on Web Crypto (median of each stretch over fresh tokens, contenders interleaved; the medians need not add up to the median total):',
      '',
      ...timeline.map((row) =>
        `- **${row.name}** (median total ${formatNs(row.total)}): ${row.segments.map((segment) => `${segment.kind === 'js' ? segment.label : `**${segment.label}**`} ${formatNs(segment.median)}`).join(' → ')}`,
      ),
      '',
    )
  }

  if (results.profile) {
    const baseline = profileBaseline()
    out.push(
      '### CPU profile of the cold path (RSA 2048)',
      '',
      `V8's sampling profiler (node:inspector) while fresh tokens go through each contender one at a time with real Web Crypto, after a warm-up; each sample is charged to the function on top of the stack (self time), divided by the number of tokens. "Idle" is the main thread waiting for the threadpool's cryptography.${baseline ? ` "before" is the profile recorded by this same code at commit ${baseline.commit} (${baseline.date}, \`--profile-baseline\`), before the cold-path work of issue 16; profiles from different runs and load carry their noise.` : ''}`,
      '',
      ...profileSection(results.profile, baseline),
    )
  }

  if (results.warm) {
    const warm = results.warm.contenders[0]!
    const cold2048 = results.cold.find((cold) => cold.bits === 2048)
    const coldNs = cold2048 ? coldMedian(cold2048, 'webjose') : Number.NaN
    const factor = coldNs / warm.summary.median
    out.push(
      '## 2. Warm path',
      '',
      '`createVerifier(...).verify(token)` on a token it verified before: an LRU hit that re-runs the time-dependent claim checks, awaited one call at a time.',
      '',
      table(
        ['', 'per call', 'p10 – p90', 'main-thread CPU / call', 'cold path (RSA 2048, webjose)', 'warm speed-up', 'target ≥ 200× and < 5 µs'],
        [
          [
            warm.name,
            formatNs(warm.summary.median),
            range(warm.summary),
            warm.mainCpu ? formatNs(warm.mainCpu.median) : 'n/a',
            formatNs(coldNs),
            Number.isFinite(factor) ? `${Math.round(factor).toLocaleString('en-US')}×` : 'n/a (cold not run)',
            verdict(warm.summary.median < 5000 && (!Number.isFinite(factor) || factor >= 200)),
          ],
        ],
        ['l', 'r', 'r', 'r', 'r', 'r', 'l'],
      ),
      '',
    )
  }

  if (results.base64.length > 0) {
    out.push(
      '## 3. base64url',
      '',
      `Random bytes; webjose \`base64url.decode\`/\`encode\` (strict: alphabet, length and trailing bits checked), \`Buffer.from(s, "base64url")\` / \`buf.toString("base64url")\` (native, lenient), an atob/btoa-based codec, and jose 6 \`jose/base64url\`. ${NATIVE_DECODER ? 'This runtime has `Uint8Array.fromBase64`: webjose decodes with it (held to the same strictness), jose too, and "webjose table decoder" is webjose\'s own decoder for runtimes without it.' : 'This runtime has no `Uint8Array.fromBase64`: webjose decodes with its table decoder, jose with atob (native vs table is measured where the runtime has it: Node 25+, Deno, Bun, Chromium, workerd).'}`,
      '',
      table(
        ['size', 'operation', 'contender', 'median', 'p10 – p90', 'MB/s (of decoded bytes)'],
        results.base64.flatMap((b) =>
          (['decode', 'encode'] as const).flatMap((op) =>
            b[op].contenders.map((c) => [
              `${b.size / 1024} KB`,
              op,
              c.name,
              formatNs(c.summary.median),
              range(c.summary),
              formatRate((b.size / c.summary.median) * 1e3),
            ]),
          ),
        ),
        ['l', 'l', 'l', 'r', 'r', 'r'],
      ),
      '',
      table(
        ['size', 'decode: webjose / Buffer', 'target ≤ 2', 'decode: webjose / jose', 'target < 1', 'encode: webjose / Buffer', 'encode: webjose / jose'],
        results.base64.map((b) => [
          `${b.size / 1024} KB`,
          formatRatio(b.decodeVsBuffer.median),
          verdict(b.decodeVsBuffer.median <= 2),
          formatRatio(b.decodeVsJose.median),
          verdict(b.decodeVsJose.median < 1),
          formatRatio(b.encodeVsBuffer.median),
          formatRatio(b.encodeVsJose.median),
        ]),
        ['l', 'r', 'l', 'r', 'l', 'r', 'r'],
      ),
      '',
      ...results.base64.flatMap((b) =>
        b.nativeVsTable ? [`Decode ${b.size / 1024} KB, webjose with \`Uint8Array.fromBase64\` / its table decoder, per round: ${formatRatio(b.nativeVsTable.median)} (p10–p90 ${range(b.nativeVsTable, formatRatio)}).`, ''] : [],
      ),
    )
  }

  if (results.concurrency) {
    const { inProcess, children, workers } = results.concurrency
    const limit1 = opensslRate(results, 1)
    const limit2 = opensslRate(results, 2)
    const first = inProcess[0]?.levels[0]
    out.push(
      '## 4. Throughput under concurrency',
      '',
      `Cold path (webjose \`decryptAndVerifyJwt\`, RSA 2048 API key), fresh tokens, exactly N calls in flight until ${first?.runs[0]?.tokens ?? '?'} tokens are done; median of ${first?.runs.length ?? '?'} runs per cell, cells interleaved. Machine limit: \`openssl speed -seconds N -multi P rsa2048\`, the "sign/s" column (RSA 2048 private-key operations, the dominant step of a token; a token also needs an AES-GCM decryption and an RS256 verification, so 100% is out of reach).`,
      '',
      `"webjose" passes one CryptoKey as \`decryptionKey\`. "webjose, DecryptionKeySet (${KEY_COPIES} copies)" passes \`createDecryptionKeySet([{ key }], { copiesPerKey: ${KEY_COPIES} })\`, which imports the private key as ${KEY_COPIES} separate CryptoKeys and uses them in turn (see the analysis below).`,
      '',
      `openssl -multi 2 / -multi 1 = ${(limit2 / limit1).toFixed(2)} (close to the core count when nothing else runs; well below it means another process held a core during the run).`,
      '',
      table(
        ['', 'value'],
        results.concurrency.openssl.map((speed) => [
          `openssl speed -multi ${speed.processes} rsa2048 (private ops/s)`,
          'signPerSecond' in speed ? formatRate(speed.signPerSecond) : `n/a (${speed.error})`,
        ]),
        ['l', 'r'],
      ),
      '',
      table(
        ['variant', 'in flight', 'tokens/s', '% of openssl -multi 1', '% of openssl -multi 2', 'main-thread CPU / token', 'other threads CPU / token', 'process CPU / token', 'event-loop utilization'],
        inProcess.flatMap((sweep) =>
          sweep.levels.map((level) => [
            sweep.name,
            String(level.inFlight),
            formatRate(level.median.perSecond),
            formatPercent(level.median.perSecond / limit1),
            formatPercent(level.median.perSecond / limit2),
            formatNs(level.median.mainCpu),
            formatNs(level.median.otherCpu),
            formatNs(level.median.processCpu),
            level.median.elu.toFixed(2),
          ]),
        ),
        ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
      ),
      '',
      '![tokens/s vs concurrency](concurrency.svg)',
      '',
      '### libuv threadpool size',
      '',
      'The same sweep in child processes started with `UV_THREADPOOL_SIZE` set (Node\'s Web Crypto jobs run on the libuv threadpool, whose size is read once at start). tokens/s per number in flight:',
      '',
      table(
        ['UV_THREADPOOL_SIZE', 'variant', ...LEVELS.map((l) => `${l} in flight`), 'main-thread CPU / token @32', 'other threads CPU / token @32', 'ELU @32'],
        children.flatMap((child) =>
          child.sweeps.map((sweep) => {
            const at32 = sweep.levels.find((l) => l.inFlight === 32)!.median
            return [
              child.threadpoolSize,
              sweep.name,
              ...sweep.levels.map((l) => formatRate(l.median.perSecond)),
              formatNs(at32.mainCpu),
              formatNs(at32.otherCpu),
              at32.elu.toFixed(2),
            ]
          }),
        ),
        ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
      ),
      '',
      `The RSA step alone in the same children: \`subtle.decrypt\` RSA-OAEP with 32 in flight on one CryptoKey and on ${KEY_COPIES} separately imported copies of it used in turn, and \`crypto.privateDecrypt\` synchronously on the main thread (one core\'s rate through Node\'s OpenSSL):`,
      '',
      table(
        ['UV_THREADPOOL_SIZE', 'subtle.decrypt RSA-OAEP, one key (ops/s)', `subtle.decrypt RSA-OAEP, ${KEY_COPIES} key copies (ops/s)`, 'privateDecrypt, sync, main thread (ops/s)'],
        children.map((child) => [
          child.threadpoolSize,
          formatRate(child.rsaOnly.perSecond),
          formatRate(child.rsaOnlyCopies.perSecond),
          formatRate(child.syncRsaPerSecond),
        ]),
        ['l', 'r', 'r', 'r'],
      ),
      '',
      '### worker_threads prototype (bench only)',
      '',
      'N worker threads, each with its own imported keys (so its own key mutex) running `decryptAndVerifyJwt` on its share of fresh tokens with K in flight; the main thread only starts them and waits. All workers share the one libuv threadpool of the process (default size).',
      '',
      table(
        ['workers', 'in flight per worker', 'tokens', 'tokens/s', '% of openssl -multi 2', 'process CPU / token'],
        workers.map((w) => [
          String(w.workers),
          String(w.inFlightPerWorker),
          String(w.tokens),
          formatRate(w.perSecond),
          formatPercent(w.perSecond / limit2),
          formatNs(w.cpuPerToken),
        ]),
        ['r', 'r', 'r', 'r', 'r', 'r'],
      ),
      '',
    )
  }

  if (results.imports) {
    out.push(
      '## 5. Key import',
      '',
      'Importing the API\'s RSA 2048 private key from PEM (PKCS#8) for RSA-OAEP-256, and the issuer\'s public JWK for RS256. Done once per process (or per key rotation), never per token.',
      '',
      table(
        ['import', 'median', 'p10 – p90', 'main-thread CPU'],
        results.imports.contenders.map((c) => [c.name, formatNs(c.summary.median), range(c.summary), c.mainCpu ? formatNs(c.mainCpu.median) : 'n/a']),
        ['l', 'r', 'r', 'r'],
      ),
      '',
    )
  }
  if (results.callCounts) {
    const webjose = results.callCounts[0]!
    out.push(
      `Web Crypto calls per token, counted by wrapping every \`crypto.subtle\` method while ${webjose.calls} fresh tokens go through each contender. Expected for webjose: no long-lived key imported per call — one \`unwrapKey\` (or one RSA \`decrypt\` plus one import of the raw, ephemeral AES-GCM CEK) and nothing else imported: ${verdict(hotPathImportsOk(webjose))}.`,
      '',
      table(
        ['contender', 'importKey', 'unwrapKey', 'decrypt', 'verify', 'by purpose'],
        results.callCounts.map((count) => {
          const { importKey = 0, unwrapKey = 0, decrypt = 0, verify = 0 } = count.perCall
          const detail = Object.entries(count.detail).map(([what, n]) => `${what}: ${n}`).join('; ')
          return [count.name, String(importKey), String(unwrapKey), String(decrypt), String(verify), detail]
        }),
        ['l', 'r', 'r', 'r', 'r', 'l'],
      ),
      '',
    )
  }
  if (results.algorithms) out.push(...algorithmsSection(results.algorithms, (quick ? QUICK : FULL).algorithms))
  if (results.throughput) out.push(...throughputSection(results.throughput))
  out.push(runtimes.tables)
  return `${out.join('\n')}\n`
}

function chart(results: Results): string {
  const concurrency = results.concurrency!
  const points = (sweep: Sweep) => sweep.levels.map((level) => ({ x: level.inFlight, y: level.median.perSecond }))
  const colors = ['#dc2626', '#16a34a']
  const childColors = ['#2563eb', '#7c3aed', '#0891b2']
  return lineChart({
    title: 'webjose cold path: tokens/s vs tokens in flight',
    subtitle: `RSA-OAEP-256/A256GCM (RSA 2048) + RS256, fresh tokens; ${results.env.node}, ${results.env.cpu}, ${results.env.cores} cores, load ${results.env.loadAtStart[0]!.toFixed(2)} at start`,
    xLabel: 'tokens in flight (log scale)',
    yLabel: 'tokens per second',
    xTicks: LEVELS,
    series: [
      ...concurrency.inProcess.map((sweep, i) => ({ name: `${sweep.name} (pool 4)`, color: colors[i % colors.length]!, points: points(sweep) })),
      ...concurrency.children
        .filter((child) => child.threadpoolSize !== '4')
        .map((child, i) => ({
          name: `webjose, UV_THREADPOOL_SIZE=${child.threadpoolSize}`,
          color: childColors[i % childColors.length]!,
          dashed: true,
          points: points(child.sweeps[0]!),
        })),
    ],
    limits: [
      { name: 'openssl -multi 1', color: '#6b7280', y: opensslRate(results, 1) },
      { name: 'openssl -multi 2', color: '#111827', y: opensslRate(results, 2) },
    ],
  })
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
