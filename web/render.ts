/** Renders an analysis report (cli/core/analyze.ts) into the result panel. */
import type { Report } from '../cli/core/analyze.ts'
import { explain } from '../cli/core/explain.ts'
import { humanTime, TIME_CLAIMS } from '../cli/core/time.ts'
import { byId, element } from './dom.ts'
import { timeline } from './timeline.ts'

export function render(report: Report, now: number): void {
  const error = byId('error')
  error.replaceChildren()
  error.hidden = report.error === undefined
  error.removeAttribute('data-code')
  if (report.error !== undefined) {
    const [meaning, fix] = explain(report.error.code)
    error.setAttribute('data-code', report.error.code)
    error.append(element('code', {}, report.error.code), `: ${report.error.message}`, element('br'), `${meaning}. Fix: ${fix}.`)
  }

  byId('diagnoses').replaceChildren(...report.diagnoses.map((diagnosis) => element('li', { 'data-id': diagnosis.id }, element('strong', {}, diagnosis.id), `: ${diagnosis.message}`)))

  byId('layers').replaceChildren(
    ...report.layers.map((layer) => {
      const check = layer.kind === 'JWE' ? 'decryption' : 'signature'
      const label = layer.status === 'failed' ? 'FAILED' : layer.status
      return element(
        'section',
        { class: 'layer', 'data-kind': layer.kind },
        element('h3', {}, `${layer.kind} header (UNVERIFIED)`),
        element('pre', {}, JSON.stringify(layer.header, null, 2)),
        element('span', { class: 'status', 'data-status': layer.status }, `${check}: ${label}`),
        ` ${layer.detail}${layer.message === undefined ? '' : `: ${layer.message}`}`,
      )
    }),
  )

  const claims = byId('claims')
  claims.replaceChildren()
  if (report.claims !== undefined) {
    const rows = Object.entries(report.claims).map(([name, value]) =>
      element('tr', { 'data-claim': name }, element('td', {}, name), element('td', {}, JSON.stringify(value)), element('td', {}, (TIME_CLAIMS as readonly string[]).includes(name) ? humanTime(value, now) : '')),
    )
    claims.append(element('h3', {}, 'Claims (UNVERIFIED)'), element('table', {}, element('tbody', {}, ...rows)))
  } else if (report.payload !== undefined) {
    claims.append(element('h3', {}, 'Payload (UNVERIFIED)'), element('pre', {}, report.payload))
  }

  const chart = report.claims && timeline(report.claims, now)
  byId('timeline').replaceChildren(...(chart ? [element('h3', {}, 'Lifetime'), chart] : []))
}
