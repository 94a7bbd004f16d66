import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { KeyObject } from 'node:crypto'
import { generateKeyObjects } from '../helpers/keys.ts'

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

/** What the importKey tests sign and verify. */
export const message = new TextEncoder().encode('webjose key import')

/** One key in every form importKey takes (for an EC key, `pkcs1` holds its SEC1 PEM and `pkcs1Public` is empty). */
export interface Pems {
  pkcs8: string
  pkcs1: string
  spki: string
  pkcs1Public: string
  privateJwk: JsonWebKey
  publicJwk: JsonWebKey
}

function exportAll(privateKey: KeyObject, publicKey: KeyObject): Pems {
  return {
    pkcs8: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    pkcs1: privateKey.export({ type: 'pkcs1', format: 'pem' }) as string,
    spki: publicKey.export({ type: 'spki', format: 'pem' }) as string,
    pkcs1Public: publicKey.export({ type: 'pkcs1', format: 'pem' }) as string,
    privateJwk: privateKey.export({ format: 'jwk' }) as JsonWebKey,
    publicJwk: publicKey.export({ format: 'jwk' }) as JsonWebKey,
  }
}

export interface ImportKeyForms {
  /** The 2048-bit RSA key `keys` holds, for node:crypto's side of the cross-checks. */
  rsa: { privateKey: KeyObject; publicKey: KeyObject }
  keys: Pems
  /** A 1024-bit RSA key. */
  weak: Pems
  /** A P-256 key. */
  ec: Pems
}

/** The keys the importKey tests feed it, made afresh (in a file's beforeAll). */
export function importKeyForms(): ImportKeyForms {
  const rsa = generateKeyObjects('rsa', { modulusLength: 2048 })
  const keys = exportAll(rsa.privateKey, rsa.publicKey)
  const small = generateKeyObjects('rsa', { modulusLength: 1024 })
  const weak = exportAll(small.privateKey, small.publicKey)
  const p256 = generateKeyObjects('ec', { namedCurve: 'P-256' })
  const ec = {
    pkcs8: p256.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    pkcs1: p256.privateKey.export({ type: 'sec1', format: 'pem' }) as string,
    spki: p256.publicKey.export({ type: 'spki', format: 'pem' }) as string,
    pkcs1Public: '',
    privateJwk: p256.privateKey.export({ format: 'jwk' }) as JsonWebKey,
    publicJwk: p256.publicKey.export({ format: 'jwk' }) as JsonWebKey,
  }
  return { rsa, keys, weak, ec }
}

/** The private forms of `keys`, by name. */
export const privateForms = (keys: Pems) => ({ 'PKCS#8 PEM': keys.pkcs8, 'PKCS#1 PEM': keys.pkcs1, JWK: keys.privateJwk })
/** The public forms of `keys`, by name. */
export const publicForms = (keys: Pems) => ({ 'SPKI PEM': keys.spki, 'PKCS#1 PEM': keys.pkcs1Public, JWK: keys.publicJwk })
