/** Renders an inspect report as text for the terminal: every part says UNVERIFIED unless a check passed. */
import type { Report } from './core/analyze.ts'
import { humanTime, TIME_CLAIMS } from './core/time.ts'

const STATUS_LABEL = { ok: 'ok', failed: 'FAILED', skipped: 'skipped' } as const

export function renderReport(report: Report, now: number): string {
  const lines: string[] = ['UNVERIFIED: everything below is decoded from the token as given; only the checks marked ok were made.']
  for (const layer of report.layers) {
    const check = layer.kind === 'JWE' ? 'decryption' : 'signature'
    lines.push('', `${layer.kind} header (UNVERIFIED)`, `  ${JSON.stringify(layer.header)}`)
    lines.push(`  ${check}: ${STATUS_LABEL[layer.status]} (${layer.detail}${layer.message === undefined ? '' : `: ${layer.message}`})`)
  }
  if (report.claims !== undefined) {
    lines.push('', 'Claims (UNVERIFIED)')
    const width = Math.max(...Object.keys(report.claims).map((name) => name.length))
    for (const [name, value] of Object.entries(report.claims)) {
      const time = (TIME_CLAIMS as readonly string[]).includes(name) ? `  ${humanTime(value, now)}` : ''
      lines.push(`  ${name.padEnd(width)}  ${JSON.stringify(value)}${time}`)
    }
  } else if (report.payload !== undefined) {
    lines.push('', 'Payload (UNVERIFIED)', `  ${report.payload}`)
  }
  if (report.diagnoses.length > 0) {
    lines.push('', 'Diagnoses')
    for (const diagnosis of report.diagnoses) lines.push(`  - ${diagnosis.id}: ${diagnosis.message}`)
  }
  return lines.join('\n')
}
