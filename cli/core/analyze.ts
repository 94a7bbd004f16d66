/**
 * What `webjose inspect` and the debugger page show: each layer's header, the payload, the
 * signature's status and the diagnoses. The allow-lists are every algorithm this build implements,
 * because this reports on a token and authorizes nothing: all of it is labelled UNVERIFIED, and the
 * signature is "valid" only in the sense that the key given verifies it. Web-safe.
 */
import { compactDecrypt, compactVerify, JoseError } from '../../src/index.ts'
import { supportedAlgorithms } from './algorithms.ts'
import { decodeCompact, decodeJws, diagnoseJwe, diagnoseJws, type Diagnosis, type Json } from './decode.ts'
import type { Resolver } from './key-material.ts'

export type Status = 'ok' | 'failed' | 'skipped'

export interface Layer {
  readonly kind: 'JWE' | 'JWS'
  readonly header: Json
  /** JWE: decrypted; JWS: signature verified with the key given. */
  status: Status
  /** Why it was skipped, or the error code it failed with. */
  detail: string
  message?: string
}

export interface Report {
  readonly layers: Layer[]
  payload?: string
  claims?: Json
  readonly diagnoses: Diagnosis[]
  /** The first failure: a JoseError code and its message (never token or key material). */
  error?: { readonly code: string; readonly message: string }
}

export interface AnalyzeOptions {
  readonly decryptKey?: Resolver | undefined
  readonly verifyKey?: Resolver | undefined
  /** Seconds since the epoch. */
  readonly now: number
  /** Whether a bare JWS deserves a diagnosis (true for access tokens). Default true. */
  readonly expectJwe?: boolean
}

const failure = (error: unknown) =>
  error instanceof JoseError
    ? { code: error.code, message: error.message }
    : { code: 'ERR_UNEXPECTED', message: error instanceof Error ? error.name : 'unexpected failure' }

export async function analyze(token: string, options: AnalyzeOptions): Promise<Report> {
  const report: Report = { layers: [], diagnoses: [] }
  const expectJwe = options.expectJwe ?? true
  let decoded
  try {
    decoded = decodeCompact(token)
  } catch (error) {
    report.error = failure(error)
    return report
  }
  let jws = token.trim()
  if (decoded.kind === 'JWE') {
    const layer: Layer = { kind: 'JWE', header: decoded.header, status: 'skipped', detail: 'no decryption key given' }
    report.layers.push(layer)
    report.diagnoses.push(...diagnoseJwe(decoded.header, expectJwe))
    if (options.decryptKey === undefined) return report
    const algorithms = await supportedAlgorithms()
    try {
      const { plaintext } = await compactDecrypt(jws, options.decryptKey, {
        keyManagementAlgorithms: algorithms.keyManagement as never,
        contentEncryptionAlgorithms: algorithms.contentEncryption as never,
      })
      layer.status = 'ok'
      layer.detail = 'decrypted'
      jws = new TextDecoder().decode(plaintext)
    } catch (error) {
      Object.assign(layer, { status: 'failed' }, failedDetail(error))
      report.error = failure(error)
      return report
    }
    if (jws.split('.').length !== 3) {
      report.payload = jws
      report.diagnoses.push({ id: 'not-a-jwt', message: 'the plaintext is not a compact JWS: the JWE does not hold a signed JWT (ERR_JWT_INVALID)' })
      return report
    }
  }
  let inner
  try {
    inner = decodeJws(jws.split('.'))
  } catch (error) {
    report.error = failure(error)
    return report
  }
  const layer: Layer = { kind: 'JWS', header: inner.header, status: 'skipped', detail: 'no verification key given' }
  report.layers.push(layer)
  report.payload = inner.payload
  if (inner.claims !== undefined) report.claims = inner.claims
  report.diagnoses.push(...diagnoseJws(inner.header, inner.claims, options.now, decoded.kind === 'JWE', expectJwe))
  if (options.verifyKey !== undefined) {
    try {
      await compactVerify(jws, options.verifyKey, { algorithms: (await supportedAlgorithms()).jws as never })
      layer.status = 'ok'
      layer.detail = 'signature valid for the key given'
    } catch (error) {
      Object.assign(layer, { status: 'failed' }, failedDetail(error))
      report.error = failure(error)
    }
  }
  return report
}

function failedDetail(error: unknown): { detail: string; message: string } {
  const { code, message } = failure(error)
  return { detail: code, message }
}
