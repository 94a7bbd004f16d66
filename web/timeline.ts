/** iat / nbf / exp drawn against now: an SVG line with one mark each (attributes only, no inline style: the CSP has no 'unsafe-inline'). */
import { relative } from '../cli/core/time.ts'

const SVG = 'http://www.w3.org/2000/svg'
const WIDTH = 640
const HEIGHT = 70

function svg(tag: string, attributes: Record<string, string | number>, text?: string): SVGElement {
  const node = document.createElementNS(SVG, tag)
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value))
  if (text !== undefined) node.textContent = text
  return node
}

export function timeline(claims: Record<string, unknown>, now: number): SVGElement | undefined {
  const marks = (['iat', 'nbf', 'exp'] as const)
    .filter((name) => typeof claims[name] === 'number' && Number.isFinite(claims[name]))
    .map((name) => ({ name, at: claims[name] as number }))
  if (marks.length === 0) return undefined
  const all = [...marks.map((mark) => mark.at), now]
  const low = Math.min(...all)
  const span = Math.max(...all) - low || 1
  const x = (at: number) => 40 + ((at - low) / span) * (WIDTH - 80)
  const root = svg('svg', { id: 'timeline-svg', viewBox: `0 0 ${WIDTH} ${HEIGHT}`, width: '100%', role: 'img', 'aria-label': 'token lifetime against now' })
  root.append(svg('line', { x1: 20, x2: WIDTH - 20, y1: 35, y2: 35, stroke: '#999' }))
  const start = claims.nbf ?? claims.iat
  if (typeof start === 'number' && typeof claims.exp === 'number') {
    root.append(svg('rect', { x: x(start), y: 29, width: Math.max(1, x(claims.exp) - x(start)), height: 12, fill: now < claims.exp && now >= start ? '#bfe5c7' : '#f4c4c4', 'data-mark': 'valid' }))
  }
  for (const mark of marks) {
    root.append(svg('line', { x1: x(mark.at), x2: x(mark.at), y1: 24, y2: 46, stroke: '#333', 'data-mark': mark.name }))
    root.append(svg('text', { x: x(mark.at), y: 18, 'text-anchor': 'middle' }, `${mark.name} ${relative(mark.at, now)}`))
  }
  root.append(svg('line', { x1: x(now), x2: x(now), y1: 22, y2: 50, stroke: '#c0392b', 'stroke-width': 2, 'data-mark': 'now' }))
  root.append(svg('text', { x: x(now), y: 64, 'text-anchor': 'middle', fill: '#c0392b' }, 'now'))
  return root
}
