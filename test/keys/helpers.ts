import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** The base64 body of a PEM block, without line breaks. */
export function pemBody(pem: string): string {
  return pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '')
}

/** True when `message` contains no 20-character window of `secret`. */
export function leaksNothing(message: string, secret: string): boolean {
  for (let i = 0; i + 20 <= secret.length; i++) if (message.includes(secret.slice(i, i + 20))) return false
  return true
}

export interface Certificate {
  readonly certificatePem: string
  readonly privateKeyPem: string
}

/**
 * A fresh self-signed certificate from the openssl CLI, or undefined (with the reason printed)
 * when openssl is unavailable. `newkey` is e.g. "rsa:2048" or "ec".
 */
export function makeCertificate(newkey: string, ...extra: string[]): Certificate | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'webjose-cert-'))
  try {
    const keyout = join(dir, 'key.pem')
    const out = join(dir, 'cert.pem')
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', newkey, ...extra, '-nodes', '-subj', '/CN=test', '-days', '1', '-keyout', keyout, '-out', out],
      // A bounded wait: a blocked child would otherwise stall the whole test worker.
      { stdio: 'pipe', timeout: 60_000 },
    )
    return { certificatePem: readFileSync(out, 'utf8'), privateKeyPem: readFileSync(keyout, 'utf8') }
  } catch (error) {
    console.warn(`skipping certificate tests: openssl could not create a certificate (${String(error).split('\n')[0]})`)
    return undefined
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
