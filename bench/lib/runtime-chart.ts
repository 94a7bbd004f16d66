/**
 * One SVG per runtime, three panels of horizontal bars: webjose vs the Web Crypto floor vs jose 6
 * on a cold token (with createVerifier and the lean conforming verifier where the run measured
 * them) and on the same token again (warm), and throughput against the hardware's
 * ceiling (Node's figures: only Node measures throughput, and the chart says so).
 */
import { formatNs, formatRate, formatRatio } from './stats.ts'
import { escapeXml } from './svg.ts'
import type { NodeThroughput, RuntimeRun } from './runtime-results.ts'
import { noise, runtimeTitle } from './runtime-report.ts'
import { verifierEstimates } from './runtime-lean.ts'
import type { RatioEstimate } from '../portable/timing.ts'

export interface Bar {
  label: string
  value: number
  text: string
  color: string
}

export interface Panel {
  title: string
  scale: 'linear' | 'log'
  bars: Bar[]
  /** Shown instead of bars when there are none. */
  empty?: string
}

const COLORS = { webjose: '#dc2626', verifier: '#f87171', lean: '#9ca3af', floor: '#6b7280', jose: '#2563eb', ceiling: '#111827', other: '#f59e0b' }
const WIDTH = 1000
const LABEL_W = 290
const BAR_MAX = 400
const ROW = 26

/** Bar length in pixels: linear from 0, or log10 from a decade below the smallest value. */
export function barLength(value: number, values: readonly number[], scale: Panel['scale']): number {
  const finite = values.filter((v) => Number.isFinite(v) && v > 0)
  if (!Number.isFinite(value) || value <= 0 || finite.length === 0) return 0
  const max = Math.max(...finite)
  if (scale === 'linear') return (value / max) * BAR_MAX
  const low = Math.log10(Math.min(...finite)) - 1
  return ((Math.log10(value) - low) / (Math.log10(max) - low)) * BAR_MAX
}

export function panelsSvg(title: string, subtitle: string, panels: readonly Panel[]): string {
  const out: string[] = []
  let y = 76
  for (const panel of panels) {
    out.push(`<text x="20" y="${y}" font-size="13" font-weight="600" fill="#111">${escapeXml(panel.title)}</text>`)
    y += 14
    if (panel.bars.length === 0) {
      out.push(`<text x="${LABEL_W}" y="${y + 14}" fill="#6b7280">${escapeXml(panel.empty ?? 'not measured')}</text>`)
      y += ROW + 18
      continue
    }
    const values = panel.bars.map((bar) => bar.value)
    for (const bar of panel.bars) {
      const length = barLength(bar.value, values, panel.scale)
      out.push(
        `<text x="${LABEL_W - 10}" y="${y + 13}" text-anchor="end" dominant-baseline="middle" fill="#111">${escapeXml(bar.label)}</text>`,
        `<rect x="${LABEL_W}" y="${y + 3}" width="${length.toFixed(1)}" height="${ROW - 8}" fill="${bar.color}" rx="2"/>`,
        `<text x="${(LABEL_W + length + 8).toFixed(1)}" y="${y + 13}" dominant-baseline="middle" fill="#374151">${escapeXml(bar.text)}</text>`,
      )
      y += ROW
    }
    y += 22
  }
  const height = y
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="system-ui, -apple-system, Segoe UI, sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    `<text x="20" y="24" font-size="15" font-weight="600" fill="#111">${escapeXml(title)}</text>`,
    `<text x="20" y="44" fill="#4b5563">${escapeXml(subtitle)}</text>`,
    ...out,
    '</svg>',
    '',
  ].join('\n')
}

export function throughputPanel(throughput: NodeThroughput | undefined, runtime: string): Panel {
  const source = throughput?.source ?? 'section 4'
  const where = runtime === 'node' ? source : `Node's figures (${source}): not measured in ${runtime}`
  if (throughput === undefined) return { title: `Throughput on all cores, tokens/s — ${where}`, scale: 'linear', bars: [], empty: 'Node\'s throughput section has not run yet (npm run bench)' }
  const ceiling = throughput.ceiling.perSecond ?? Number.NaN
  const share = (perSecond: number) => (Number.isFinite(ceiling) ? `, ${((perSecond / ceiling) * 100).toFixed(0)}% of the ceiling` : '')
  return {
    title: `Throughput on ${throughput.cores} cores, tokens/s, longer is better — ${where}, ${throughput.node}${throughput.quick ? ', --quick' : ''}${throughput.ceilingNoisy ? ', NOISY (openssl did not scale)' : ''}`,
    scale: 'linear',
    bars: [
      ...throughput.variants.map((v, i) => ({
        label: v.name,
        value: v.perSecond,
        text: `${formatRate(v.perSecond)}/s at ${v.inFlight} in flight${share(v.perSecond)}${v.noisy ? ' (noisy: not judged)' : ''}`,
        color: i === 0 ? COLORS.webjose : COLORS.other,
      })),
      { label: `ceiling: ${throughput.ceiling.label}`, value: ceiling, text: Number.isFinite(ceiling) ? `${formatRate(ceiling)} private-key ops/s` : 'n/a', color: COLORS.ceiling },
    ],
  }
}

/** Short enough to fit beside the longest bar: "1.071× the floor (CI 1.063–1.078)", the 95% CI of the median. */
const vsFloor = ({ median, interval: [low, high] }: RatioEstimate): string => `${formatRatio(median)}× the floor (CI ${formatRatio(low)}–${formatRatio(high)})`

export function runtimeChart(run: RuntimeRun, throughput: NodeThroughput | undefined): string {
  const cold = run.cold
  const median = (name: string) => cold.contenders.find((c) => c.name === name)?.summary.median ?? Number.NaN
  const webjose = median('webjose')
  const jose = median('jose')
  const floor = cold.floor.median
  const estimates = verifierEstimates(run)
  // Results kept from before the portable bench timed these two have no bars for them.
  const verifierBars: Bar[] = estimates
    ? [
        { label: 'webjose createVerifier (cache off)', value: median('createVerifier'), text: `${formatNs(median('createVerifier'))}; ${vsFloor(estimates.createVerifier)}`, color: COLORS.verifier },
        { label: 'lean verifier (floor + required checks)', value: median('lean verifier'), text: `${formatNs(median('lean verifier'))}; ${vsFloor(estimates.lean)}`, color: COLORS.lean },
      ]
    : []
  const coldPanel: Panel = {
    title: `Cold: a new nested token (RSA ${cold.bits}), time per token, shorter is better${estimates ? '; CI: 95% interval of the median ratio' : ''}`,
    scale: 'linear',
    bars: [
      { label: 'webjose decryptAndVerifyJwt', value: webjose, text: `${formatNs(webjose)}; ${formatRatio(cold.vsFloor.median)}× the floor per round`, color: COLORS.webjose },
      ...verifierBars,
      { label: 'floor (fastest Web Crypto sequence)', value: floor, text: formatNs(floor), color: COLORS.floor },
      { label: 'jose 6 compactDecrypt + jwtVerify', value: jose, text: `${formatNs(jose)}; webjose takes ${formatRatio(cold.vsJose.median)}× per round`, color: COLORS.jose },
    ],
  }
  const warm = run.warm.summary.median
  const warmPanel: Panel = {
    title: 'Warm: the same token again, time per call (log scale), shorter is better',
    scale: 'log',
    bars: [
      { label: 'webjose createVerifier().verify()', value: warm, text: `${formatNs(warm)} (cache hit, claims checked)`, color: COLORS.webjose },
      { label: 'floor (no cache: a cold call)', value: floor, text: formatNs(floor), color: COLORS.floor },
      { label: 'jose 6 (no cache: a cold call)', value: jose, text: formatNs(jose), color: COLORS.jose },
    ],
  }
  const subtitle = `${run.date.slice(0, 16).replace('T', ' ')} UTC; load average ${run.load.start.toFixed(2)} at start; RS256 JWT in RSA-OAEP-256/A256GCM, every token new${run.quick ? '; --quick: indicative only' : ''}${noise(run) ? '; NOISY: re-run on a quiet machine' : ''}`
  return panelsSvg(`webjose in ${runtimeTitle(run)}: vs the Web Crypto floor and jose 6`, subtitle, [coldPanel, warmPanel, throughputPanel(throughput, run.runtime.name)])
}
