import { JoseError } from '../errors.ts'
import type { JwsHeader } from '../serialization/header.ts'
import { isPlainObject, parseJsonObject } from '../serialization/json.ts'
import { copyJwk, createKeyCache, readJwkSet, type JwkSetKey, type PublicRsaJwk } from './jwk-set.ts'
import { findJwk, noMatchingKey, readKeyRequest } from './select-jwk.ts'
import type { JwksResolver } from './local-jwks.ts'

/** The fetch signature the resolver needs; `globalThis.fetch` and most wrappers fit. */
export type JwksFetch = (url: string, init: RequestInit) => Promise<Response>

/**
 * A JSON-serialisable copy of a remote set, for runtimes (serverless isolates, workers)
 * that persist it between instances. `fetchedAt` is in milliseconds on the `now` clock.
 */
export interface JwksSnapshot {
  jwks: { keys: JwkSetKey[] }
  fetchedAt: number
}

export interface RemoteJwksOptions {
  /** Limit for one request, headers and body together. Default 5000 ms. */
  timeoutMs?: number | undefined
  /** Age after which the set is refreshed. Default 600 000 ms (10 minutes). */
  cacheMaxAgeMs?: number | undefined
  /**
   * Least time between two fetch attempts that were not forced with reload(): bounds how
   * often tokens with unknown "kid" values, or a failing endpoint, can cause requests.
   * Default 30 000 ms.
   */
  cooldownMs?: number | undefined
  /**
   * Age beyond which a set is never used, however its refreshes are failing. Must be at least
   * `cacheMaxAgeMs`. Default 24 hours (or `cacheMaxAgeMs`, when that is longer).
   */
  maxStaleAgeMs?: number | undefined
  /** Largest accepted response body. Default 65 536 bytes. */
  maxResponseBytes?: number | undefined
  /** Default `globalThis.fetch`, looked up at each request. */
  fetch?: JwksFetch | undefined
  /** Extra request headers. "Accept" defaults to the JWK set and JSON media types. */
  headers?: HeadersInit | undefined
  /** A snapshot from export() to start from, so a new instance need not fetch at once. */
  cached?: JwksSnapshot | null | undefined
  /** Clock in milliseconds. Default Date.now. */
  now?: (() => number) | undefined
}

export interface RemoteJwks extends JwksResolver {
  /** Fetches the set now, ignoring age and cooldown; joins a request already in flight. */
  reload(): Promise<void>
  /** The current set and when it was fetched, or undefined before the first success. */
  export(): JwksSnapshot | undefined
  /** True when a set is held and younger than `cacheMaxAgeMs`. */
  readonly fresh: boolean
  /** True when the last fetch attempt began less than `cooldownMs` ago. */
  readonly coolingDown: boolean
}

const DEFAULT_TIMEOUT_MS = 5_000
const DEFAULT_CACHE_MAX_AGE_MS = 600_000
const DEFAULT_COOLDOWN_MS = 30_000
const DEFAULT_MAX_STALE_AGE_MS = 86_400_000
const DEFAULT_MAX_RESPONSE_BYTES = 65_536
/** setTimeout fires at once for larger delays. */
const MAX_TIMER_MS = 2_147_483_647
const DEFAULT_ACCEPT = 'application/jwk-set+json, application/json;q=0.9'
const LABEL = 'JWKS response'

interface Config {
  readonly timeoutMs: number
  readonly cacheMaxAgeMs: number
  readonly cooldownMs: number
  readonly maxStaleAgeMs: number
  readonly maxResponseBytes: number
  readonly fetch: JwksFetch | undefined
  readonly headers: Headers
  readonly now: () => number
}

interface HeldSet {
  readonly keys: readonly PublicRsaJwk[]
  readonly fetchedAt: number
}

/**
 * A key resolver over a JWK set fetched from `url` (https:, or http: on a loopback host),
 * for use as the `key` of compactVerify. Tokens are matched to keys with the rules of selectJwk.
 *
 * - The first use fetches; concurrent callers share one request, as do all later refreshes.
 * - A set older than `cacheMaxAgeMs` still answers for the keys it holds while one background
 *   refresh runs; a failed refresh keeps it, until it is `maxStaleAgeMs` old.
 * - A "kid" the set lacks causes a refetch only when the last attempt began at least
 *   `cooldownMs` ago (or joins a request in flight); otherwise it fails at once with
 *   ERR_JWKS_NO_MATCHING_KEY, so tokens with made-up key ids cannot cause a request storm.
 * - Without a usable set, a failed fetch is reported to callers, and for `cooldownMs` after it
 *   the same failure is reported without a new request; reload() forces one.
 * - Keys are imported once, non-extractable, and reused across refreshes that list them again.
 *
 * Errors: ERR_JWKS_TIMEOUT, ERR_JWKS_FETCH_FAILED (network, non-2xx, redirect off https),
 * ERR_JWKS_INVALID (not JSON, not a JWK set, larger than `maxResponseBytes`), the selection
 * errors of selectJwk, ERR_KEY_INVALID for an unusable JWK; ERR_INVALID_ARGUMENT for a bad
 * URL or option, thrown by this function.
 *
 * @example
 * const keys = createRemoteJwks('https://issuer.example/.well-known/jwks.json')
 * const { payload } = await compactVerify(token, keys, { algorithms: ['RS256'] })
 */
export function createRemoteJwks(url: string | URL, options?: RemoteJwksOptions): RemoteJwks {
  const href = readUrl(url)
  const config = readOptions(options)
  const cache = createKeyCache()
  let current: HeldSet | undefined
  let lastAttemptAt: number | undefined
  /** Why the last attempt failed; undefined once one succeeds. */
  let lastFailure: JoseError | undefined
  let inflight: Promise<void> | undefined

  const restored = readSnapshot(options?.cached, config.now())
  if (restored !== undefined) {
    current = restored
    lastAttemptAt = restored.fetchedAt
  }

  const ageOf = (set: HeldSet): number => Math.max(0, config.now() - set.fetchedAt)
  const usableSet = (): HeldSet | undefined =>
    current !== undefined && ageOf(current) <= config.maxStaleAgeMs ? current : undefined
  const isCoolingDown = (): boolean => lastAttemptAt !== undefined && config.now() - lastAttemptAt < config.cooldownMs

  const refresh = (): Promise<void> => {
    inflight ??= load().finally(() => {
      inflight = undefined
    })
    return inflight
  }

  const load = async (): Promise<void> => {
    const startedAt = config.now()
    lastAttemptAt = startedAt
    try {
      const keys = await fetchJwkSet(href, config)
      cache.retainOnly(keys)
      current = { keys, fetchedAt: startedAt }
      lastFailure = undefined
    } catch (error) {
      lastFailure =
        error instanceof JoseError ? error : new JoseError('ERR_JWKS_FETCH_FAILED', 'JWKS request failed', { cause: error })
      throw lastFailure
    }
  }

  const revalidate = (): void => {
    if (inflight !== undefined || isCoolingDown()) return
    // The failure is kept in lastFailure; the caller already has its key.
    refresh().catch(() => {})
  }

  const resolve = async (header: JwsHeader): Promise<CryptoKey> => {
    const request = readKeyRequest(header)
    const held = usableSet()
    if (held !== undefined) {
      const jwk = findJwk(held.keys, request)
      if (jwk !== undefined) {
        if (ageOf(held) > config.cacheMaxAgeMs) revalidate()
        return cache.get(jwk, request.alg)
      }
      if (inflight === undefined && isCoolingDown()) throw noMatchingKey(request)
    } else if (inflight === undefined && isCoolingDown() && lastFailure !== undefined) {
      throw new JoseError(lastFailure.code, `${lastFailure.message} (not retried until the cooldown ends)`, {
        cause: lastFailure,
      })
    }
    await refresh()
    const fetched = usableSet()
    const jwk = fetched === undefined ? undefined : findJwk(fetched.keys, request)
    if (jwk === undefined) throw noMatchingKey(request)
    return cache.get(jwk, request.alg)
  }

  return Object.defineProperties(resolve, {
    reload: { value: (): Promise<void> => refresh() },
    export: {
      value: (): JwksSnapshot | undefined =>
        current === undefined ? undefined : { jwks: { keys: current.keys.map(copyJwk) }, fetchedAt: current.fetchedAt },
    },
    fresh: { get: (): boolean => current !== undefined && ageOf(current) <= config.cacheMaxAgeMs },
    coolingDown: { get: isCoolingDown },
  }) as RemoteJwks
}

function readUrl(input: unknown): string {
  let url: URL
  try {
    if (typeof input === 'string') url = new URL(input)
    else if (typeof input === 'object' && input !== null && typeof (input as URL).href === 'string') {
      url = new URL((input as URL).href)
    } else throw new TypeError()
  } catch {
    throw new JoseError('ERR_INVALID_ARGUMENT', 'JWKS URL must be an absolute URL')
  }
  // Messages never quote the URL: its query may carry a secret.
  if (!isAllowedUrl(url)) {
    throw new JoseError('ERR_INVALID_ARGUMENT', 'JWKS URL must use https: (http: only for a loopback host)')
  }
  if (url.username !== '' || url.password !== '') {
    throw new JoseError('ERR_INVALID_ARGUMENT', 'JWKS URL must not contain credentials')
  }
  return url.href
}

/** Keys fetched over plain http from another host could have been swapped on the way. */
function isAllowedUrl(url: URL): boolean {
  if (url.protocol === 'https:') return true
  if (url.protocol !== 'http:') return false
  // The URL parser has normalised case and IPv4 spellings (127.1, 2130706433) already.
  const host = url.hostname
  return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
}

function readOptions(options: unknown): Config {
  if (options === undefined) options = {}
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new JoseError('ERR_INVALID_ARGUMENT', 'options must be an object')
  }
  const o = options as RemoteJwksOptions
  const timeoutMs = duration(o.timeoutMs, 'timeoutMs', DEFAULT_TIMEOUT_MS)
  if (timeoutMs === 0 || timeoutMs > MAX_TIMER_MS) {
    throw new JoseError('ERR_INVALID_ARGUMENT', `options.timeoutMs must be between 1 and ${MAX_TIMER_MS}`)
  }
  const cacheMaxAgeMs = duration(o.cacheMaxAgeMs, 'cacheMaxAgeMs', DEFAULT_CACHE_MAX_AGE_MS)
  const cooldownMs = duration(o.cooldownMs, 'cooldownMs', DEFAULT_COOLDOWN_MS)
  const maxStaleAgeMs = duration(o.maxStaleAgeMs, 'maxStaleAgeMs', Math.max(DEFAULT_MAX_STALE_AGE_MS, cacheMaxAgeMs))
  if (maxStaleAgeMs < cacheMaxAgeMs) {
    throw new JoseError('ERR_INVALID_ARGUMENT', 'options.maxStaleAgeMs must not be less than options.cacheMaxAgeMs')
  }
  const maxResponseBytes = o.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES
  if (!Number.isSafeInteger(maxResponseBytes) || maxResponseBytes <= 0) {
    throw new JoseError('ERR_INVALID_ARGUMENT', 'options.maxResponseBytes must be a positive integer')
  }
  if (o.fetch !== undefined && typeof o.fetch !== 'function') {
    throw new JoseError('ERR_INVALID_ARGUMENT', 'options.fetch must be a function')
  }
  if (o.now !== undefined && typeof o.now !== 'function') {
    throw new JoseError('ERR_INVALID_ARGUMENT', 'options.now must be a function')
  }
  let headers: Headers
  try {
    headers = new Headers(o.headers)
  } catch {
    throw new JoseError('ERR_INVALID_ARGUMENT', 'options.headers must be valid request headers')
  }
  if (!headers.has('accept')) headers.set('accept', DEFAULT_ACCEPT)
  return {
    timeoutMs,
    cacheMaxAgeMs,
    cooldownMs,
    maxStaleAgeMs,
    maxResponseBytes,
    fetch: o.fetch,
    headers,
    now: o.now ?? Date.now,
  }
}

function duration(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new JoseError('ERR_INVALID_ARGUMENT', `options.${name} must be a non-negative number of milliseconds`)
  }
  return value
}

function readSnapshot(snapshot: unknown, now: number): HeldSet | undefined {
  if (snapshot === undefined || snapshot === null) return undefined
  if (!isPlainObject(snapshot)) throw new JoseError('ERR_INVALID_ARGUMENT', 'options.cached must be a snapshot from export()')
  const { fetchedAt, jwks } = snapshot
  if (typeof fetchedAt !== 'number' || !Number.isFinite(fetchedAt) || fetchedAt < 0) {
    throw new JoseError('ERR_INVALID_ARGUMENT', 'options.cached.fetchedAt must be a timestamp in milliseconds')
  }
  // A timestamp from a clock ahead of this one must not make the set look younger than now.
  return { keys: readJwkSet(jwks, 'options.cached.jwks'), fetchedAt: Math.min(fetchedAt, now) }
}

async function fetchJwkSet(href: string, config: Config): Promise<PublicRsaJwk[]> {
  const controller = new AbortController()
  let timer: ReturnType<typeof setTimeout> | undefined
  // Racing the timer as well as aborting covers a fetch or body stream that ignores the signal.
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(timeoutError(config.timeoutMs))
      controller.abort()
    }, config.timeoutMs)
    unrefTimer(timer)
  })
  try {
    const bytes = await Promise.race([download(href, config, controller.signal), timeout])
    return readJwkSet(parseJsonObject(bytes, LABEL, 'ERR_JWKS_INVALID'), LABEL)
  } finally {
    clearTimeout(timer)
  }
}

/** A pending request must not keep a Node process alive; other runtimes have no unref. */
function unrefTimer(timer: unknown): void {
  const handle = timer as { unref?: unknown } | null
  if (typeof handle === 'object' && handle !== null && typeof handle.unref === 'function') {
    ;(handle.unref as () => void).call(handle)
  }
}

function timeoutError(timeoutMs: number): JoseError {
  return new JoseError('ERR_JWKS_TIMEOUT', `JWKS request did not complete within ${timeoutMs} ms`)
}

async function download(href: string, config: Config, signal: AbortSignal): Promise<Uint8Array> {
  const init: RequestInit = { method: 'GET', headers: new Headers(config.headers), signal }
  let response: Response
  try {
    // `this` is the global object, as browsers require of window.fetch.
    response = await (config.fetch ?? globalThis.fetch).call(globalThis, href, init)
  } catch (cause) {
    if (signal.aborted) throw timeoutError(config.timeoutMs)
    throw new JoseError('ERR_JWKS_FETCH_FAILED', 'JWKS request failed', { cause })
  }
  if (typeof response !== 'object' || response === null || typeof response.status !== 'number') {
    throw new JoseError('ERR_JWKS_FETCH_FAILED', 'fetch did not return a Response')
  }
  if (typeof response.url === 'string' && response.url !== '' && !isRedirectTargetAllowed(response.url)) {
    discardBody(response)
    throw new JoseError('ERR_JWKS_FETCH_FAILED', 'JWKS request was redirected to a URL that is not https:')
  }
  if (response.status < 200 || response.status > 299) {
    discardBody(response)
    // The status alone: an error page's body is not ours to log.
    throw new JoseError('ERR_JWKS_FETCH_FAILED', `JWKS request failed with HTTP status ${Math.trunc(response.status)}`)
  }
  const declared = response.headers?.get('content-length')
  if (typeof declared === 'string' && /^\s*\d+\s*$/.test(declared) && Number(declared) > config.maxResponseBytes) {
    discardBody(response)
    throw tooLarge(config.maxResponseBytes)
  }
  return readBody(response, config.maxResponseBytes, signal, config.timeoutMs)
}

function isRedirectTargetAllowed(target: string): boolean {
  try {
    return isAllowedUrl(new URL(target))
  } catch {
    return false
  }
}

/** Counts bytes as they arrive, since Content-Length may be absent (chunked) or untrue. */
async function readBody(response: Response, max: number, signal: AbortSignal, timeoutMs: number): Promise<Uint8Array> {
  const body = response.body
  if (body === null || body === undefined || typeof body.getReader !== 'function') {
    // A fetch without streams: the Content-Length check above is the only early bound.
    let buffer: Uint8Array
    try {
      buffer = new Uint8Array(await response.arrayBuffer())
    } catch (cause) {
      if (signal.aborted) throw timeoutError(timeoutMs)
      throw new JoseError('ERR_JWKS_FETCH_FAILED', 'JWKS response body could not be read', { cause })
    }
    if (buffer.byteLength > max) throw tooLarge(max)
    return buffer
  }
  const reader = body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      if (!ArrayBuffer.isView(value)) throw new JoseError('ERR_JWKS_FETCH_FAILED', 'JWKS response body is not bytes')
      total += value.byteLength
      if (total > max) throw tooLarge(max)
      chunks.push(new Uint8Array(value.buffer, value.byteOffset, value.byteLength))
    }
  } catch (error) {
    reader.cancel().catch(() => {})
    if (error instanceof JoseError) throw error
    if (signal.aborted) throw timeoutError(timeoutMs)
    throw new JoseError('ERR_JWKS_FETCH_FAILED', 'JWKS response body could not be read', { cause: error })
  }
  const bytes = new Uint8Array(total)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return bytes
}

function discardBody(response: Response): void {
  try {
    response.body?.cancel().catch(() => {})
  } catch {
    // A body that cannot be cancelled is left to the garbage collector.
  }
}

function tooLarge(max: number): JoseError {
  return new JoseError('ERR_JWKS_INVALID', `${LABEL} is larger than ${max} bytes`)
}
