/**
 * RESULTS.md's per-runtime parts, generated from bench/results/*.json: the charts block that leads
 * the file, and one table per runtime for the portable part of the bench.
 */
import type { Summary } from './stats.ts'
import { formatNs, formatRatio } from './stats.ts'
import { table } from './markdown.ts'
import { RUNTIMES, type RuntimeName } from './launch.ts'
import type { NodeThroughput, RuntimeRun, RuntimeRuns } from './runtime-results.ts'
import { estimateCell, estimateText, leanVerdict, NOT_MEASURED, verifierEstimates } from './runtime-lean.ts'

export const RUNTIME_LABELS: Record<RuntimeName, string> = { node: 'Node', deno: 'Deno', bun: 'Bun', chromium: 'Chromium' }

export const chartFile = (name: RuntimeName): string => `runtime-${name}.svg`

export const COMMANDS = [
  '`npm run bench -- --runtime node` (or `deno`, `bun`, `chromium`; several: `--runtime deno,bun`)',
  '`npm run bench -- --runtime all` (the four in turn)',
  '`--quick` for reduced rounds (a smoke test, indicative only)',
]

const range = (s: Summary, f: (n: number) => string = formatNs): string => `${f(s.p10)} – ${f(s.p90)}`
const cell = (s: Summary | undefined): string => (s ? `${formatNs(s.median)} (${range(s)})` : 'n/a')
const times = (factor: number): string => (Number.isFinite(factor) ? `${Math.round(factor).toLocaleString('en-US')}×` : 'n/a')
const ratio = (s: Summary): string => `${formatRatio(s.median)} (${range(s, formatRatio)})`

/**
 * Half the width of an approximate 95% confidence interval of a median, relative to the median:
 * 1.96 × the median's standard error, 1.2533 σ / √n, with σ estimated as 1.4826 × MAD (a normal
 * sample's). Not the spread of the rounds (p10 – p90): many noisy rounds can still pin a median.
 */
export function medianPrecision(summary: Summary): number {
  return (1.96 * 1.2533 * 1.4826 * summary.mad) / Math.sqrt(summary.n) / summary.median
}

/** How precisely a run must pin webjose / floor to be trusted: the target is 1.02, so ±2%. */
const MAX_IMPRECISION = 0.02

/**
 * Why a run's figures should not be trusted, if they should not: the machine was busy (1-minute
 * load average ≥ 1 when it started) or the rounds leave the median webjose / floor ratio
 * uncertain by more than ±2% (medianPrecision).
 */
export function noise(run: RuntimeRun): string | undefined {
  const reasons: string[] = []
  if (run.load.start >= 1) reasons.push(`load average ${run.load.start.toFixed(2)} at start`)
  const precision = medianPrecision(run.cold.vsFloor)
  if (!(precision <= MAX_IMPRECISION)) reasons.push(`webjose / floor known only to ±${(precision * 100).toFixed(1)}% (95%)`)
  return reasons.length === 0 ? undefined : `**noisy** (${reasons.join('; ')}): re-run on a quiet machine`
}

export function runtimeTitle(run: RuntimeRun): string {
  return `${RUNTIME_LABELS[run.runtime.name as RuntimeName] ?? run.runtime.name} ${run.runtime.version}`
}

/** The lead block: one chart per runtime measured, and what the throughput panel shows. */
export function chartsBlock(runs: RuntimeRuns, throughput: NodeThroughput | undefined): string {
  const names = RUNTIMES.filter((name) => runs[name] !== undefined)
  if (names.length === 0) return 'No runtime measured yet by the portable bench (`npm run bench -- --runtime all`).'
  return [
    '## Every runtime at a glance',
    '',
    `webjose against the fastest Web Crypto sequence (the floor) and jose 6 in each runtime: a cold nested token (RSA 2048), the same token again (warm), and throughput against the hardware's ceiling. Cold and warm are measured in each runtime (tables in "Every runtime" below). ${throughput ? `Throughput is measured in Node only (${throughput.source ?? 'section 4'}, ${throughput.node}): every chart's throughput panel shows Node's figures, marked where that section found them too noisy to judge.` : 'Throughput is measured in Node only, which has not run yet.'}`,
    '',
    ...names.map((name) => `![${runtimeTitle(runs[name]!)}: webjose vs floor vs jose](${chartFile(name)})`),
  ].join('\n')
}

function runTable(run: RuntimeRun): string {
  const cold = run.cold
  const by = (name: string) => cold.contenders.find((c) => c.name === name)?.summary
  const floorNames = cold.contenders.filter((c) => c.name.startsWith('floor'))
  const estimates = verifierEstimates(run)
  const measured = (name: string) => (by(name) ? cell(by(name)) : NOT_MEASURED)
  const rows: string[][] = [
    [
      `cold nested token, RSA ${cold.bits}: \`decryptAndVerifyJwt\` (per token)`,
      cell(by('webjose')),
      cell(cold.floor),
      cell(by('jose')),
      ratio(cold.vsFloor),
      ratio(cold.vsJose),
    ],
    ['cold, `createVerifier` (cache off)', measured('createVerifier'), 'as above', 'as above', estimateText(estimates?.createVerifier), estimates ? `${estimateText(estimates.createVerifierVsLean)} the lean verifier` : NOT_MEASURED],
    ['cold, the lean conforming verifier (the bench\'s: floor + checks)', measured('lean verifier'), 'as above', 'as above', estimateText(estimates?.lean), ''],
    [
      'warm: `createVerifier().verify()`, same token (per call)',
      cell(run.warm.summary),
      'no cache: a cold call',
      'no cache: a cold call',
      `${times(cold.floor.median / run.warm.summary.median)} faster than a cold floor`,
      `${times((by('jose')?.median ?? Number.NaN) / run.warm.summary.median)} faster than a cold jose`,
    ],
    ...run.base64.map((b) => {
      const of = (name: string) => b.contenders.find((c) => c.name === name)?.summary
      return [`base64url decode, ${b.size / 1024} KB`, cell(of('webjose')), `${cell(of('native'))} (${b.native})`, cell(of('jose')), `${ratio(b.vsNative)} of native`, ratio(b.vsJose)]
    }),
  ]
  const wins = Object.entries(cold.floorWins)
    .map(([sequence, rounds]) => `${sequence} ${rounds} of ${cold.vsFloor.n}`)
    .join(', ')
  const unsupported = Object.entries(cold.floorUnsupported).map(([sequence, error]) => `\`${sequence}\` unavailable (${error})`)
  return [
    `### ${runtimeTitle(run)}`,
    '',
    `${noise(run) ? `${noise(run)}. ` : ''}${run.date}${run.quick ? ', **--quick** (reduced rounds: indicative only)' : ''}; ${run.driverSeconds.toFixed(0)} s for the whole run (minting the cold path's tokens ${run.cold.mintSeconds.toFixed(0)} s, timing the cold path ${run.cold.measureSeconds.toFixed(0)} s); load average ${run.load.start.toFixed(2)} at start, ${run.load.end.toFixed(2)} at end; \`performance.now()\` steps of ${formatNs(run.runtime.timerResolutionNs)}${run.runtime.crossOriginIsolated === undefined ? '' : run.runtime.crossOriginIsolated ? ' (cross-origin isolated)' : ' (not cross-origin isolated)'}${run.runtime.userAgent === 'n/a' ? '' : `; user agent \`${run.runtime.userAgent}\``}.`,
    '',
    table(['measure (median, p10 – p90)', 'webjose, or the verifier named', 'floor (base64url: native)', 'jose 6', '/ floor per round', '/ jose per round'], rows, ['l', 'r', 'r', 'r', 'r', 'r']),
    '',
    `${leanVerdict(run, `in ${runtimeTitle(run)}`)} Floor sequences: ${floorNames.map((c) => `\`${c.name.slice('floor ('.length, -1)}\` ${formatNs(c.summary.median)}`).join(', ')}; the floor: ${cold.floorSequence ?? 'the faster per round (an older result)'}, the lower median over the run; rounds each was faster in: ${wins}; webjose / each sequence per round: ${Object.entries(cold.vsSequence ?? {}).map(([sequence, s]) => `${sequence} ${formatRatio(s.median)}`).join(', ') || 'n/a'}${unsupported.length > 0 ? `; ${unsupported.join('; ')}` : ''}. The floor's base64url decoder: ${run.floorDecoder}. An atob-based decoder: ${run.base64.map((b) => `${formatNs(b.contenders.find((c) => c.name === 'atob')?.summary.median ?? Number.NaN)} at ${b.size / 1024} KB`).join(', ')}.`,
  ].join('\n')
}

/** One row per runtime: the headline figures side by side. */
export function summaryTable(runs: readonly RuntimeRun[]): string {
  return table(
    ['runtime', 'cold: webjose', 'floor', 'jose 6', 'webjose / floor', 'webjose / jose', 'createVerifier / floor (95% CI)', 'lean / floor (95% CI)', 'createVerifier / lean (95% CI)', 'warm', 'base64url 16 KB: webjose / native', 'run took', 'trust'],
    runs.map((run) => {
      const median = (name: string) => formatNs(run.cold.contenders.find((c) => c.name === name)?.summary.median ?? Number.NaN)
      const b64 = run.base64.find((b) => b.size === 16384)
      const estimates = verifierEstimates(run)
      return [
        runtimeTitle(run),
        median('webjose'),
        formatNs(run.cold.floor.median),
        median('jose'),
        formatRatio(run.cold.vsFloor.median),
        formatRatio(run.cold.vsJose.median),
        estimateCell(estimates?.createVerifier),
        estimateCell(estimates?.lean),
        estimateCell(estimates?.createVerifierVsLean),
        formatNs(run.warm.summary.median),
        b64 ? formatRatio(b64.vsNative.median) : 'n/a',
        `${run.driverSeconds.toFixed(0)} s`,
        noise(run) === undefined ? 'quiet' : 'noisy',
      ]
    }),
    ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'l'],
  )
}

/** The "Every runtime" section: method, commands, one table per runtime. */
export function tablesSection(runs: RuntimeRuns): string {
  const names = RUNTIMES.filter((name) => runs[name] !== undefined)
  return [
    '## Every runtime: the portable part',
    '',
    'The same bundle (bench/portable/, bundled with jose 6 by esbuild) run in each runtime by the Node driver (bench/runtimes.ts): keys generated and tokens minted with Web Crypto in the runtime itself, every token new, contenders interleaved round by round after warm-up, each sample a batch timed with `performance.now()`; medians with p10 – p90 over rounds, and ratios taken per round. The floor is the faster of the two Web Crypto sequences that open the token, the one with the lower median over the run (not the faster sample of each round, which is biased low): `unwrapKey` (RSA-OAEP → AES-GCM key) or `decrypt` + `importKey`, each followed by AES-GCM `decrypt` and RS256 `verify`, with the runtime\'s native base64url and no checks. Interleaved with them: webjose\'s one call (`decryptAndVerifyJwt`), its `createVerifier` (cache off, the same keys and options) and the lean conforming verifier, the floor plus only the checks every verifier must make (bench/portable/lean.ts, the code of the "floor + checks" rung of section 1\'s ladder: JWE "alg"/"enc" allowed, no "crit" or "zip"; IV and tag sizes; inner "alg" allowed, no "crit" or "b64"; the signature; "exp", "nbf", "iss", "aud" judged after it), decoding with webjose\'s strict base64url (native `setFromBase64` where the runtime has it) so that it and webjose differ in checks and glue only. Their ratios to the floor carry a 95% confidence interval of the median ratio (order statistics of the per-round ratios), which the verdict against the 1.02 target reads. "native" base64url is `Uint8Array.fromBase64` where the runtime has it, else `Buffer`. Each runtime\'s result is kept in bench/results/<runtime>.json; a run in one runtime rewrites its own table and chart only. Not measured in workerd: a Worker\'s clock only advances on I/O (a Spectre mitigation), so it cannot time anything.',
    '',
    `Commands: ${COMMANDS.join('; ')}. Each runtime takes under two minutes (its own line below says how long, and how much of it went to minting tokens).`,
    '',
    ...(names.length === 0 ? [] : [summaryTable(names.map((name) => runs[name]!)), '']),
    ...(names.length === 0 ? ['No runtime measured yet.'] : names.flatMap((name) => [runTable(runs[name]!), ''])),
  ].join('\n')
}
