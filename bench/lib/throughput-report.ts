/**
 * The throughput section of RESULTS.md and its lines in the summary: every figure as the
 * median of its repetitions with min – max, ratios to OpenSSL taken per repetition, and a
 * verdict on whether the machine was quiet enough to trust them.
 */
import type { ThroughputInput } from './runtime-results.ts'
import { table, verdict } from './markdown.ts'
import { formatNs, formatPercent, formatRate, formatRatio, summarize } from './stats.ts'
import type { CellResult, ThroughputResult } from './throughput.ts'
import { FLOOR_COPIES, VARIANT_LABELS, type InProcessVariant } from './throughput-variants.ts'

/** Relative spread (max − min) / median above which a figure is not trusted. */
export const SPREAD_LIMIT = 0.15
/** Median share of the machine used by other processes above which a figure is not trusted. */
export const FOREIGN_LIMIT = 0.1
export const TARGET = 0.8

const median = (values: readonly number[]) => summarize(values.filter(Number.isFinite)).median
const spread = (values: readonly number[]) => (Math.max(...values) - Math.min(...values)) / median(values)

interface Figure {
  cell: CellResult
  rate: number
  min: number
  max: number
  spread: number
  /** Per repetition: this cell's tokens/s over openssl's in the same repetition. */
  vsOpenssl: number[]
  foreign: number
  cpu: number
  main: number
}

function figure(result: ThroughputResult, cell: CellResult): Figure {
  const openssl = result.cells.find((c) => c.spec.family === 'openssl')!.runs
  const rates = cell.runs.map((run) => run.perSecond)
  return {
    cell,
    rate: median(rates),
    min: Math.min(...rates),
    max: Math.max(...rates),
    spread: spread(rates),
    vsOpenssl: cell.runs.map((run, r) => run.perSecond / (openssl[r]?.perSecond ?? Number.NaN)),
    foreign: median(cell.runs.map((run) => run.foreign)),
    cpu: median(cell.runs.map((run) => run.cpuPerToken)),
    main: median(cell.runs.map((run) => run.mainPerToken)),
  }
}

const label = (cell: CellResult) =>
  cell.spec.family === 'openssl' ? `openssl speed -multi ${cell.spec.inFlight} rsa2048 (private ops/s)` : VARIANT_LABELS[cell.spec.variant as InProcessVariant]
const noisy = (f: Figure) => f.spread > SPREAD_LIMIT || f.foreign > FOREIGN_LIMIT
const byVariant = (figures: Figure[], variant: string) => figures.find((f) => f.cell.spec.variant === variant)
const best = (figures: Figure[]) => figures.reduce((a, b) => (b.rate > a.rate ? b : a))
const ratioText = (values: number[]) => `${formatRatio(median(values))}× (${formatRatio(Math.min(...values))} – ${formatRatio(Math.max(...values))})`
const where = (f: Figure) => `${f.cell.spec.mechanism}, ${f.cell.spec.inFlight} in flight`

export interface ThroughputVerdict {
  openssl: Figure | undefined
  floor: Figure
  webjose: Figure
  webjoseDefault: Figure
  cryptoKey: Figure
  rsaOnly: Figure | undefined
  rsaOneKey: Figure | undefined
  rsaClones: Figure | undefined
  rsaSync: Figure | undefined
  nodeSync: Figure | undefined
  untrusted: Figure[]
}

export function throughputVerdict(result: ThroughputResult): ThroughputVerdict {
  const figures = result.cells.filter((cell) => cell.runs.length > 0).map((cell) => figure(result, cell))
  const of = (family: string) => figures.filter((f) => f.cell.spec.family === family)
  const webjose = of('webjose-pem')
  const headline = {
    openssl: of('openssl')[0],
    floor: best(of('floor')),
    webjose: best(webjose),
    webjoseDefault: best(webjose.filter((f) => f.cell.spec.mechanism === 'main thread')),
    cryptoKey: best(of('webjose-cryptokey')),
    rsaOnly: byVariant(figures, 'rsa-only'),
    rsaOneKey: byVariant(figures, 'rsa-only-one-key'),
    rsaClones: byVariant(figures, 'rsa-only-clones'),
    rsaSync: byVariant(figures, 'rsa-sync'),
    nodeSync: byVariant(figures, 'node-sync'),
  }
  const untrusted = [headline.openssl, headline.floor, headline.webjose, headline.webjoseDefault, headline.cryptoKey].filter(
    (f): f is Figure => f !== undefined && noisy(f),
  )
  return { ...headline, untrusted: [...new Set(untrusted)] }
}

/** The summary's lines: the target with its verdict, the ceiling, and the trust verdict. */
export function throughputSummary(result: ThroughputResult): string[] {
  const v = throughputVerdict(result)
  if (!v.openssl) return [`- **Throughput**: no OpenSSL figure (${result.opensslError ?? 'not run'}), so no ratio; webjose reached ${formatRate(v.webjose.rate)} tokens/s.`]
  const trust = (f: Figure) => (v.untrusted.includes(f) ? ' (noisy)' : '')
  const webjoseVsFloor = v.webjose.cell.runs.map((run, r) => run.perSecond / (v.floor.cell.runs[r]?.perSecond ?? Number.NaN))
  const floorRatio = median(v.floor.vsOpenssl)
  return [
    `- **Throughput** (target ≥ ${TARGET}× \`openssl speed -multi ${result.cores} rsa2048\`, ${formatRate(v.openssl.rate)} private ops/s${trust(v.openssl)}): webjose \`createVerifier\` with a PEM key reaches ${formatRate(v.webjose.rate)} tokens/s (${where(v.webjose)}) = ${ratioText(v.webjose.vsOpenssl)}${trust(v.webjose)} ${v.untrusted.includes(v.webjose) || v.untrusted.includes(v.openssl) ? '**not judged (noisy)**' : verdict(median(v.webjose.vsOpenssl) >= TARGET)}; out of the box (main thread, default threadpool) ${formatRate(v.webjoseDefault.rate)} = ${ratioText(v.webjoseDefault.vsOpenssl)}${trust(v.webjoseDefault)}; with one CryptoKey ${formatRate(v.cryptoKey.rate)} = ${ratioText(v.cryptoKey.vsOpenssl)}${trust(v.cryptoKey)}.`,
    `- **Ceiling**: the fastest Web Crypto sequence that opens a token, under its best mechanism (${label(v.floor.cell)}, ${where(v.floor)}), reaches ${formatRate(v.floor.rate)} tokens/s = ${ratioText(v.floor.vsOpenssl)}${trust(v.floor)} of OpenSSL, at ${formatNs(v.floor.cpu)} of process CPU per token (OpenSSL: ${formatNs((result.cores * 1e9) / v.openssl.rate)} per private-key operation, cores / rate${
      v.rsaOnly ? `; the RSA-OAEP decryption alone through Web Crypto: ${formatNs(v.rsaOnly.cpu)}` : ''
    }). ${cpuBound(v)}${floorRatio < TARGET ? `So ${TARGET}× is out of reach for any Web Crypto library on this runtime; webjose's best is` : 'webjose\'s best is'} ${ratioText(webjoseVsFloor)} of this floor.`,
    v.untrusted.length > 0
      ? `- **Too noisy to trust**: ${v.untrusted.map((f) => `${label(f.cell)} (${where(f)}): spread ${formatPercent(f.spread)}, other processes ${formatPercent(f.foreign)}`).join('; ')} (limits: spread (max − min) / median ≤ ${formatPercent(SPREAD_LIMIT)}, other processes ≤ ${formatPercent(FOREIGN_LIMIT)} of the machine). Re-run on a quiet machine.`
      : `- The throughput figures were stable: every headline figure's spread ≤ ${formatPercent(SPREAD_LIMIT)} and other processes used ≤ ${formatPercent(FOREIGN_LIMIT)} of the machine.`,
  ]
}

/**
 * The bound that CPU time alone sets, whatever the mechanism: with every core busy, tokens/s ≤
 * cores / (CPU per token) while OpenSSL does cores / (CPU per private-key operation), so the
 * ratio is at most the quotient of the two costs. CPU time barely moves when other processes
 * take turns on the cores, so this holds on a busy machine too.
 */
function cpuBound(v: ThroughputVerdict): string {
  if (!v.rsaSync) return ''
  const perRep = v.floor.cell.runs.map((run, r) => (v.rsaSync!.cell.runs[r]?.cpuPerToken ?? Number.NaN) / run.cpuPerToken)
  return `On CPU time alone, one RSA-2048 private-key operation costs ${formatNs(v.rsaSync.cpu)} through node:crypto's OpenSSL, so with every core busy the floor can reach at most ${ratioText(perRep)} of OpenSSL's rate. `
}

/**
 * Each mechanism against key copies on the main thread (32 in flight), repetition by
 * repetition: CPU per token, which decides tokens/s once every core is busy, and which other
 * processes move far less than they move tokens/s.
 */
function mechanismNotes(result: ThroughputResult): string[] {
  const cell = (id: string) => result.cells.find((c) => c.spec.id === id && c.runs.length > 0)
  const notes: string[] = []
  for (const [family, baseId] of [['floor', 'floor@32'], ['webjose-pem', 'webjose-pem@32']] as const) {
    const base = cell(baseId)
    if (!base) continue
    const control = result.cells.find((c) => c.spec.family === family && c.spec.mechanism === 'child process, threadpool 4' && c.runs.length > 0)
    for (const other of result.cells.filter((c) => c.spec.family === family && c.spec.mechanism !== 'main thread' && c !== control && c.runs.length > 0)) {
      // A threadpool of another size needs a child process: its control is the same child with the default size.
      const against = other.spec.mechanism === 'threadpool = cores' && control ? control : base
      const cpu = other.runs.map((run, r) => run.cpuPerToken / (against.runs[r]?.cpuPerToken ?? Number.NaN))
      const rate = other.runs.map((run, r) => run.perSecond / (against.runs[r]?.perSecond ?? Number.NaN))
      notes.push(
        `- **${other.spec.mechanism}** (${family === 'floor' ? 'floor' : 'webjose'}), against ${against === control ? 'a child process with the default threadpool' : 'the main thread'} with key copies, same repetition: CPU per token ${ratioText(cpu)}, tokens/s ${ratioText(rate)}.`,
      )
    }
  }
  return notes
}

/** What the reference rows show, in sentences built from this run's numbers. */
function referenceNotes(v: ThroughputVerdict): string[] {
  const notes: string[] = []
  if (v.rsaOnly && v.rsaOneKey && v.rsaClones) {
    notes.push(
      `- **Key mutex**: RSA-OAEP decryption alone, 32 in flight: one CryptoKey ${formatRate(v.rsaOneKey.rate)}/s, ${FLOOR_COPIES} structuredClone()s of it ${formatRate(v.rsaClones.rate)}/s, ${FLOOR_COPIES} separately imported copies ${formatRate(v.rsaOnly.rate)}/s. ${
        [v.rsaOnly, v.rsaOneKey, v.rsaClones].some(noisy) || v.rsaOnly.rate < 1.15 * v.rsaOneKey.rate
          ? 'The machine was too busy for these rows to settle it in this run.'
          : v.rsaClones.rate < 1.15 * v.rsaOneKey.rate
            ? 'A clone shares its original\'s native key, mutex included: only a new import (from PEM, JWK, or an extractable key\'s export) adds one.'
            : 'Here clones scaled like imported copies.'
      }`,
    )
  }
  if (v.nodeSync && v.openssl) {
    notes.push(
      `- **Reference, not Web Crypto**: the same work through node:crypto's synchronous calls, one worker per core, reaches ${formatRate(v.nodeSync.rate)} tokens/s = ${ratioText(v.nodeSync.vsOpenssl)} of OpenSSL at ${formatNs(v.nodeSync.cpu)} of CPU per token, against ${formatNs(v.floor.cpu)} for the Web Crypto floor${
        v.nodeSync.cpu < 0.9 * v.floor.cpu
          ? ': the difference is what Web Crypto\'s calls cost on this runtime (argument conversion and job set-up on the main thread, the hand-offs to and from the threadpool)'
          : ' (no clear difference in this run)'
      }. webjose uses Web Crypto only; this row is a bound, not an option.`,
    )
  }
  return notes
}

export function throughputSection(result: ThroughputResult): string[] {
  const figures = result.cells.filter((cell) => cell.runs.length > 0).map((cell) => figure(result, cell))
  const v = throughputVerdict(result)
  const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(', ')
  return [
    '## 7. Throughput on every core',
    '',
    `The resource-server path against the machine's RSA limit, in one run of ${result.seconds.toFixed(0)} s (${result.cores} cores; load average ${load(result.loadAtStart)} at its start, ${load(result.loadAtEnd)} at its end). Each cell ran ${result.plan.reps} times, ${result.plan.perRun} fresh tokens a time (the token of section 1: RS256 inside RSA-OAEP-256/A256GCM, RSA 2048; every JWE new, its JWT one of 256 signed ones), the cells in an order that rotates each repetition. OpenSSL: \`openssl speed -elapsed -seconds ${result.plan.opensslSeconds} -multi ${result.cores} rsa2048\`, "sign/s" (one RSA private-key operation, as each token needs), wall-clock like the tokens/s, run once per repetition among the other cells. "× openssl" is each repetition's tokens/s over that repetition's OpenSSL rate (median, min – max).`,
    '',
    `Mechanisms: **main thread** — everything on the main thread, Web Crypto jobs on the default libuv threadpool (4 threads); **worker per core** — ${result.cores} worker threads, each with its own keys and ${result.cells.find((c) => c.spec.mechanism === 'worker per core')!.spec.inFlight / result.cores} tokens in flight (one token at a time for node-sync); **threadpool = cores** — a child process started with \`UV_THREADPOOL_SIZE=${result.cores}\`, and its control, **child process, threadpool 4**, the same child with the default size. The floor is section 1's Web Crypto floor (decrypt + importKey form); "key copies" are separately imported CryptoKeys of the same private key used in turn, as DecryptionKeySet does (\`copiesPerKey\`, default 4): Node runs a CryptoKey's RSA private-key operations under the key's mutex, one at a time. A \`structuredClone\` of a CryptoKey is a new object over the same native key data, mutex included (Node 20, src/crypto/crypto_keys.cc: \`NativeKeyObject::CloneForMessaging\` hands the clone the same \`shared_ptr<KeyObjectData>\`); the key-mutex rows below measure what that means.`,
    '',
    ...throughputSummary(result),
    '',
    table(
      ['what', 'mechanism', 'in flight', 'tokens/s (median)', 'min – max', 'spread', '× openssl', 'process CPU / token', 'main-thread CPU / token', 'other processes'],
      figures.map((f) => [
        label(f.cell),
        f.cell.spec.family === 'openssl' ? 'processes' : f.cell.spec.mechanism,
        String(f.cell.spec.inFlight),
        formatRate(f.rate),
        `${formatRate(f.min)} – ${formatRate(f.max)}`,
        `${formatPercent(f.spread)}${noisy(f) ? ' (noisy)' : ''}`,
        f.cell.spec.family === 'openssl' ? '1' : ratioText(f.vsOpenssl),
        f.cell.spec.family === 'openssl' ? `${formatNs((result.cores * 1e9) / f.rate)} (cores / rate)` : formatNs(f.cpu),
        formatNs(f.main),
        formatPercent(f.foreign),
      ]),
      ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
    ),
    '',
    ...mechanismNotes(result),
    ...referenceNotes(v),
    '',
  ]
}

/**
 * This section's headline figures in the shape the per-runtime charts read (ThroughputInput):
 * webjose with a PEM key, with one CryptoKey, and the Web Crypto floor, each at its best
 * mechanism and in-flight level, against openssl on every core.
 */
export function throughputChartInput(result: ThroughputResult, meta: { quick: boolean; date: string; node: string; section: string }): ThroughputInput {
  const v = throughputVerdict(result)
  const sweep = (name: string, f: Figure) => ({ name, levels: [{ inFlight: f.cell.spec.inFlight, median: { perSecond: f.rate } }], noisy: v.untrusted.includes(f) })
  return {
    source: meta.section,
    quick: meta.quick,
    date: meta.date,
    node: meta.node,
    cores: result.cores,
    sweeps: [
      sweep(`webjose, PEM key (${v.webjose.cell.spec.mechanism})`, v.webjose),
      sweep('webjose, one CryptoKey', v.cryptoKey),
      sweep('floor: bare Web Crypto, key copies', v.floor),
    ],
    openssl: v.openssl ? [{ processes: result.cores, signPerSecond: v.openssl.rate }] : [{ processes: result.cores, error: result.opensslError ?? 'not run' }],
  }
}
