import { JoseError, atBoundary, factory, invalidArgument, jwksInvalid } from '../errors.ts'
import type { JwsHeader } from '../serialization/header.ts'
import { parseJsonObject } from '../serialization/json.ts'
import { importJwk, readJwkSet, type JwkKeyCache, type JwkSetKey } from './jwk-set.ts'
import { findJwk, readKeyRequest } from './select-jwk.ts'
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
   * Least time between two fetch attempts that were not forced with reload() after a failure,
   * or for an expired set; and the rate at which tokens with unknown "kid" values may cause
   * requests: two at once, then one per `cooldownMs`. Default 30 000 ms.
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
}

/**
 * https:, or http: on a loopback host (keys fetched over plain http from another host could have
 * been swapped on the way), and no credentials (they would travel with every request, and
 * `http://localhost:x@evil.example/` names evil.example). Judged on the parsed host, which the
 * URL parser has normalised (case, 127.1, 2130706433, [::1]).
 */
export const isAllowedUrl = ({ protocol, hostname, username, password }: URL): boolean =>
  !(username || password) && (protocol === 'https:' || (protocol === 'http:' && /^(localhost|\[::1]|127(\.\d+){3})$/.test(hostname)))

const fetchFailed = /* @__PURE__ */ factory('ERR_JWKS_FETCH_FAILED')

const invalid = (what: string): JoseError => invalidArgument('invalid ' + what)

/**
 * The body, refused (ERR_JWKS_INVALID) beyond `maxBytes`: by Content-Length first, then by
 * counting as the bytes arrive, since Content-Length may be absent (chunked) or untrue.
 */
export async function readBody(response: Response, maxBytes: number): Promise<Uint8Array> {
  const tooLarge = () => jwksInvalid('JWKS too large')
  const reader = response.body?.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  try {
    if (Number(response.headers.get('content-length')) > maxBytes) throw tooLarge()
    for (let chunk = await reader?.read(); chunk && !chunk.done; chunk = await reader!.read()) {
      size += chunk.value.length
      if (size > maxBytes) throw tooLarge()
      chunks.push(chunk.value)
    }
  } finally {
    reader?.cancel().catch(() => {})
  }
  return new Uint8Array(await new Blob(chunks as BlobPart[]).arrayBuffer())
}

/**
 * A key resolver over a JWK set fetched from `url` (https:, or http: on a loopback host; no
 * credentials), for use as the `key` of compactVerify. Tokens are matched to keys with the rules of selectJwk.
 *
 * - The first use fetches; concurrent callers share one request, as do all later refreshes.
 * - A set older than `cacheMaxAgeMs` still answers for the keys it holds while one background
 *   refresh runs; a failed refresh keeps it, until it is `maxStaleAgeMs` old.
 * - A "kid" the set lacks may have been rotated in: it is ERR_JWKS_NO_MATCHING_KEY only by a set
 *   fetched after the token arrived. The token joins a request in flight or makes one, within a
 *   ration of two at once and one per `cooldownMs` (SECURITY.md, Key rotation); beyond it the
 *   token is not judged (ERR_KEY_UNAVAILABLE), so made-up key ids cannot cause a request storm.
 * - Without a usable set, a failed fetch is reported to callers, and for `cooldownMs` after it
 *   the same failure is reported without a new request; reload() forces one.
 * - Each key of a set is imported once, non-extractable; a refreshed set's keys are imported
 *   again on first use (a token's key lookup is then by object, not by content: importJwk).
 *
 * Errors: ERR_JWKS_TIMEOUT, ERR_JWKS_FETCH_FAILED (network, non-2xx, redirect off https),
 * ERR_JWKS_INVALID (not JSON, not a JWK set, larger than `maxResponseBytes`), the selection
 * errors of selectJwk, ERR_KEY_UNAVAILABLE (above), ERR_KEY_INVALID for an unusable JWK; ERR_INVALID_ARGUMENT for a bad
 * URL, numeric option, header, clock, fetch or snapshot time, thrown by this function (a
 * snapshot's set is read like a response: ERR_JWKS_INVALID). Messages never quote
 * the URL (its query may carry a secret), a response body or a "kid".
 *
 * @example
 * const keys = createRemoteJwks('https://issuer.example/.well-known/jwks.json')
 * const { payload } = await compactVerify(token, keys, { algorithms: ['RS256'] })
 */
export function createRemoteJwks(url: string | URL, options?: RemoteJwksOptions | null): RemoteJwks {
  const o = options ?? {}
  const number = (name: keyof RemoteJwksOptions, fallback: number, min = 0, max = Infinity): number => {
    const value = o[name] ?? fallback
    if (typeof value === 'number' && value >= min && value <= max) return value
    throw invalid(name)
  }
  let target: URL
  let headers: Headers
  try {
    target = new URL(url)
    headers = new Headers(o.headers)
  } catch {
    // No cause: the parser's message quotes the URL, which may carry a password.
    throw invalid(target! ? 'headers' : 'URL')
  }
  if (!isAllowedUrl(target)) throw invalidArgument('JWKS URL: https (http on loopback) without credentials')
  if (!headers.has('accept')) headers.set('accept', 'application/jwk-set+json, application/json')
  // setTimeout fires at once for delays above 2 ** 31 - 1.
  const timeoutMs = number('timeoutMs', 5e3, 1, 2 ** 31 - 1)
  const maxAgeMs = number('cacheMaxAgeMs', 6e5)
  const cooldownMs = number('cooldownMs', 3e4)
  const maxStaleMs = number('maxStaleAgeMs', Math.max(864e5, maxAgeMs), maxAgeMs)
  const maxBytes = number('maxResponseBytes', 65536, 1)
  // Checked here, not left to fail as a TypeError at every request.
  for (const name of ['now', 'fetch'] as const) if (o[name] != null && typeof o[name] !== 'function') throw invalid(name)
  const now = o.now ?? Date.now
  if (typeof now() !== 'number') throw invalid('now')
  /** CryptoKeys of importJwk, by JWK object of the current set. */
  const cache: JwkKeyCache = new WeakMap()
  /** The set, and when the fetch that got it began; undefined before the first success. */
  let keys: JwkSetKey[] | undefined
  let at = 0
  /** When the last fetch attempt began. */
  let tried = -Infinity
  /** The last attempt, settled unless `flight` is set: it holds the failure to repeat in the cooldown. */
  let last: Promise<void> | undefined
  let flight: Promise<void> | undefined
  /**
   * Refetches for unknown kids, rationed by GCRA (a token bucket): allowed while `now` has reached
   * `due - cooldownMs`, so two may be made at once, then one per cooldownMs.
   */
  let due = -Infinity
  const mayRefetch = (t: number): boolean => t >= due - cooldownMs && !!(due = Math.max(due, t) + cooldownMs)

  if (o.cached) {
    const { fetchedAt } = o.cached
    // A number only: Math.min would take null for 0 and "5" for 5, and throw on a BigInt or Symbol.
    if (typeof fetchedAt !== 'number' || !(fetchedAt >= 0)) throw invalid('cached')
    // A timestamp from a clock ahead of this one must not make the set look younger than now.
    at = tried = Math.min(fetchedAt, now())
    keys = readJwkSet(o.cached.jwks)
  }

  const unavailable = (): JoseError => new JoseError('ERR_KEY_UNAVAILABLE', 'JWKS refetch rate exceeded')

  const refresh = (): Promise<void> =>
    (flight ??= last =
      (async () => {
        tried = now()
        const controller = new AbortController()
        let timer: ReturnType<typeof setTimeout> | undefined
        try {
          // Racing the timer as well as aborting covers a fetch or body stream that ignores the signal.
          const bytes = await Promise.race([
            (async () => {
              const response = await (o.fetch ?? fetch)(target.href, { headers, signal: controller.signal })
              if (response.url && !isAllowedUrl(new URL(response.url))) throw fetchFailed('bad JWKS redirect')
              // The status alone: an error page's body is not ours to log.
              if (!response.ok) throw fetchFailed('JWKS HTTP ' + response.status)
              return readBody(response, maxBytes)
            })(),
            new Promise<never>((_, reject) => {
              timer = setTimeout(reject, timeoutMs, new JoseError('ERR_JWKS_TIMEOUT', 'JWKS timeout'))
              // A pending request must not keep a Node process alive; other runtimes have no unref.
              ;(timer as { unref?: () => void }).unref?.()
            }),
          ])
          keys = readJwkSet(parseJsonObject(bytes, 'JWKS', 'ERR_JWKS_INVALID'))
          at = tried
        } catch (error) {
          throw error instanceof JoseError ? error : fetchFailed('JWKS fetch failed', error)
        } finally {
          clearTimeout(timer)
          controller.abort()
          flight = undefined
        }
      })())

  const resolve = async (header: JwsHeader): Promise<CryptoKey> => {
    const request = readKeyRequest(header)
    const arrival = now()
    // A request may be made now: it joins one in flight, or the cooldown is over.
    const canFetch = flight || arrival - tried >= cooldownMs
    let jwk: JwkSetKey | undefined
    if (keys && arrival - at <= maxStaleMs) {
      // An expired set answers while it refreshes, whatever the lookup in it finds (an
      // ambiguous set must not outlive cacheMaxAgeMs); a failed refresh is kept in `last`.
      if (canFetch && arrival - at > maxAgeMs) refresh().catch(() => {})
      // A kid the set lacks may be new (rotation): only a set fetched after this token arrived can
      // call it unknown (ERR_JWKS_NO_MATCHING_KEY). Ask the issuer when allowed: while a failed
      // attempt's cooldown runs, its failure is the answer; when the refetch ration is spent, the
      // token cannot be judged now (ERR_KEY_UNAVAILABLE, like an outage).
      jwk = findJwk(keys, request, at >= arrival)
      if (!jwk && !flight) {
        if (tried > at && !canFetch) await last
        if (!mayRefetch(arrival)) throw unavailable()
      }
    } else if (!canFetch) await last
    // At most two requests: the first may be one in flight that began before this token arrived.
    for (let round = 0; !jwk; round++) {
      if (round && !flight && !mayRefetch(now())) throw unavailable()
      await refresh()
      jwk = findJwk(keys!, request, round > 0 || at >= arrival)
    }
    return importJwk(cache, jwk, request.alg)
  }

  return Object.assign(atBoundary(resolve), {
    reload: refresh,
    export: (): JwksSnapshot | undefined =>
      keys && { jwks: { keys: structuredClone(keys) }, fetchedAt: at },
  })
}
