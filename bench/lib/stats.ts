/** Order statistics for benchmark samples. Medians and quantiles, never means: one GC pause must not move a result. */

export interface Summary {
  median: number
  p10: number
  p90: number
  /** Median absolute deviation from the median. */
  mad: number
  n: number
}

export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN
  const position = (sorted.length - 1) * q
  const low = Math.floor(position)
  const high = Math.ceil(position)
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low)
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b)
  const median = quantile(sorted, 0.5)
  const deviations = sorted.map((value) => Math.abs(value - median)).sort((a, b) => a - b)
  return { median, p10: quantile(sorted, 0.1), p90: quantile(sorted, 0.9), mad: quantile(deviations, 0.5), n: sorted.length }
}

/** Relative spread of a summary: (p90 - p10) / median. */
export function relativeSpread(summary: Summary): number {
  return (summary.p90 - summary.p10) / summary.median
}

/** Formats a duration in nanoseconds with a unit that keeps three significant digits. */
export function formatNs(ns: number): string {
  if (!Number.isFinite(ns)) return 'n/a'
  if (ns >= 1e6) return `${(ns / 1e6).toPrecision(3)} ms`
  if (ns >= 1e3) return `${(ns / 1e3).toPrecision(3)} µs`
  return `${ns.toPrecision(3)} ns`
}

export function formatRate(perSecond: number): string {
  if (!Number.isFinite(perSecond)) return 'n/a'
  return perSecond >= 100 ? Math.round(perSecond).toLocaleString('en-US') : perSecond.toPrecision(3)
}

export function formatRatio(ratio: number): string {
  return Number.isFinite(ratio) ? ratio.toFixed(3) : 'n/a'
}

export function formatPercent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`
}

/**
 * A distribution-free 95% confidence interval of the median of `samples`: the order statistics
 * n/2 ∓ 0.98·√n (the binomial's normal approximation).
 */
export function medianInterval(samples: readonly number[]): [number, number] {
  const sorted = [...samples].sort((a, b) => a - b)
  const n = sorted.length
  const half = 0.98 * Math.sqrt(n)
  return [sorted[Math.max(0, Math.floor(n / 2 - half))]!, sorted[Math.min(n - 1, Math.ceil(n / 2 + half))]!]
}
