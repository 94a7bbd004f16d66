/** A line chart as a hand-written SVG string: x on a log2 scale, y linear from 0. */

export interface Series {
  name: string
  color: string
  points: { x: number; y: number }[]
  dashed?: boolean
}

export interface Limit {
  name: string
  color: string
  y: number
}

export interface ChartOptions {
  title: string
  subtitle?: string
  xLabel: string
  yLabel: string
  xTicks: readonly number[]
  series: readonly Series[]
  limits: readonly Limit[]
}

export const escapeXml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

function niceStep(max: number, ticks: number): number {
  const raw = max / ticks
  const power = 10 ** Math.floor(Math.log10(raw))
  const unit = raw / power
  return (unit <= 1 ? 1 : unit <= 2 ? 2 : unit <= 2.5 ? 2.5 : unit <= 5 ? 5 : 10) * power
}

export function lineChart(options: ChartOptions): string {
  const width = 940
  const height = 460
  const margin = { top: 64, right: 330, bottom: 56, left: 76 }
  const plotW = width - margin.left - margin.right
  const plotH = height - margin.top - margin.bottom
  const values = [...options.series.flatMap((series) => series.points.map((point) => point.y)), ...options.limits.map((limit) => limit.y)]
  const finite = values.filter(Number.isFinite)
  const step = niceStep(Math.max(1, ...finite) * 1.08, 6)
  const yMax = Math.ceil((Math.max(1, ...finite) * 1.08) / step) * step
  const xMin = Math.log2(Math.min(...options.xTicks))
  const xMax = Math.log2(Math.max(...options.xTicks))
  const px = (x: number) => margin.left + ((Math.log2(x) - xMin) / (xMax - xMin || 1)) * plotW
  const py = (y: number) => margin.top + plotH - (y / yMax) * plotH
  const out: string[] = []
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, Segoe UI, sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${margin.left}" y="24" font-size="15" font-weight="600" fill="#111">${escapeXml(options.title)}</text>`,
  )
  if (options.subtitle) out.push(`<text x="${margin.left}" y="44" fill="#4b5563">${escapeXml(options.subtitle)}</text>`)
  for (let y = 0; y <= yMax + step / 2; y += step) {
    const yy = py(y).toFixed(1)
    out.push(
      `<line x1="${margin.left}" y1="${yy}" x2="${margin.left + plotW}" y2="${yy}" stroke="#e5e7eb"/>`,
      `<text x="${margin.left - 8}" y="${yy}" text-anchor="end" dominant-baseline="middle" fill="#374151">${Math.round(y).toLocaleString('en-US')}</text>`,
    )
  }
  for (const tick of options.xTicks) {
    const xx = px(tick).toFixed(1)
    out.push(
      `<line x1="${xx}" y1="${margin.top}" x2="${xx}" y2="${margin.top + plotH}" stroke="#f3f4f6"/>`,
      `<text x="${xx}" y="${margin.top + plotH + 18}" text-anchor="middle" fill="#374151">${tick}</text>`,
    )
  }
  out.push(
    `<rect x="${margin.left}" y="${margin.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#9ca3af"/>`,
    `<text x="${margin.left + plotW / 2}" y="${height - 14}" text-anchor="middle" fill="#111">${escapeXml(options.xLabel)}</text>`,
    `<text transform="translate(18 ${margin.top + plotH / 2}) rotate(-90)" text-anchor="middle" fill="#111">${escapeXml(options.yLabel)}</text>`,
  )
  for (const limit of options.limits) {
    if (!Number.isFinite(limit.y)) continue
    const yy = py(limit.y).toFixed(1)
    out.push(
      `<line x1="${margin.left}" y1="${yy}" x2="${margin.left + plotW}" y2="${yy}" stroke="${limit.color}" stroke-width="2" stroke-dasharray="7 5"/>`,
    )
  }
  for (const series of options.series) {
    const points = series.points.filter((point) => Number.isFinite(point.y))
    if (points.length === 0) continue
    const path = points.map((point) => `${px(point.x).toFixed(1)},${py(point.y).toFixed(1)}`).join(' ')
    out.push(
      `<polyline points="${path}" fill="none" stroke="${series.color}" stroke-width="2.5"${series.dashed ? ' stroke-dasharray="3 3"' : ''}/>`,
      ...points.map(
        (point) => `<circle cx="${px(point.x).toFixed(1)}" cy="${py(point.y).toFixed(1)}" r="3.5" fill="${series.color}"/>`,
      ),
    )
  }
  let legendY = margin.top + 8
  const legendX = margin.left + plotW + 18
  const legend = (color: string, label: string, dash: string) => {
    out.push(
      `<line x1="${legendX}" y1="${legendY}" x2="${legendX + 26}" y2="${legendY}" stroke="${color}" stroke-width="2.5"${dash}/>`,
      `<text x="${legendX + 34}" y="${legendY}" dominant-baseline="middle" fill="#111">${escapeXml(label)}</text>`,
    )
    legendY += 22
  }
  for (const series of options.series) legend(series.color, series.name, series.dashed ? ' stroke-dasharray="3 3"' : '')
  for (const limit of options.limits) {
    if (Number.isFinite(limit.y)) legend(limit.color, `${limit.name}: ${Math.round(limit.y).toLocaleString('en-US')}/s`, ' stroke-dasharray="7 5"')
  }
  out.push('</svg>')
  return `${out.join('\n')}\n`
}
