/** How the demo prints its story: section titles, aligned rows, and each case's label. */
import type { RejectionCase, TokenErrorCase } from './outcomes.ts'

export type DemoLogger = (line: string) => void

/** Each case as the demo's tables name it. */
export const LABELS: Readonly<Record<RejectionCase | TokenErrorCase, string>> = {
  tampered: 'tampered ciphertext',
  expired: 'expired (exp an hour ago)',
  'wrong-audience': 'aud is another API',
  'unknown-kid': 'signed by a key not in the JWKS',
  'swapped-header': 'JWE header alg/enc swapped',
  'plain-jws': 'signed, not encrypted (plain JWS)',
  'opaque-token': 'opaque token (no audience)',
  'missing-authorization': 'no Authorization header',
  'malformed-authorization': 'Authorization: Bearer not a token',
  'bad-client-secret': 'wrong client_secret',
  'unknown-audience': 'audience nobody registered',
}

export function truncate(token: string, length = 40): string {
  return token.length <= length ? token : `${token.slice(0, length)}…`
}

export function formatClaim(name: string, value: unknown): string {
  if ((name === 'iat' || name === 'exp' || name === 'nbf') && typeof value === 'number') {
    return `${value}  (${new Date(value * 1000).toISOString().replace('.000Z', 'Z')})`
  }
  return typeof value === 'string' ? value : JSON.stringify(value)
}

export function times(count: number): string {
  return count === 1 ? 'once' : `${count} times`
}

export function section(log: DemoLogger, title: string): void {
  log('')
  log(`== ${title}`)
}

export function row(log: DemoLogger, label: string, value: string, width = 14): void {
  log(`  ${label.padEnd(width)}${value}`)
}

export function outcomeRow(log: DemoLogger, label: string, status: number, error: string | null, detail: string): void {
  log(`  ${label.padEnd(36)}${String(status).padEnd(8)}${(error ?? '-').padEnd(17)}${detail}`)
}
