/**
 * A Cloudflare Worker that accepts Auth0-shaped access tokens: an RS256 JWT encrypted to this API's
 * RSA key (RSA-OAEP-256 + A256GCM). GET / answers 200 with the caller's subject for a token carrying
 * the scope `read:messages`, 401 for a missing, expired or forged one, 403 without the scope.
 *
 * Isolates come and go; each new one would fetch the issuer's JWKS before its first answer. The set
 * is kept in Workers KV as a createRemoteJwks snapshot, so a new isolate starts from it (still
 * refreshed in the background once older than cacheMaxAgeMs) and the issuer sees one request, not
 * one per isolate.
 */
import { createRemoteJwks, createVerifier, verifyRequest, type JwksSnapshot, type RemoteJwks, type Verifier } from 'webjose'

/** The part of a Workers KV namespace this Worker uses. */
interface KvNamespace {
  get(key: string, type: 'json'): Promise<unknown>
  put(key: string, value: string): Promise<void>
}

export interface Env {
  /** "https://YOUR_TENANT.auth0.com/", with Auth0's trailing slash. */
  ISSUER: string
  /** The API identifier, e.g. "https://messages.example.com". */
  AUDIENCE: string
  /** Usually `${ISSUER}.well-known/jwks.json`. */
  JWKS_URI: string
  /** The API's private key, PKCS#8 PEM (a secret: `wrangler secret put DECRYPTION_KEY`). */
  DECRYPTION_KEY: string
  JWKS_CACHE: KvNamespace
}

interface Context {
  waitUntil(promise: Promise<unknown>): void
}

const SNAPSHOT_KEY = 'jwks-snapshot'

/** One per isolate: keys are imported once and the verified-token cache lives as long as it does. */
let state: Promise<{ verifier: Verifier; jwks: RemoteJwks; storedAt: number | undefined }> | undefined

async function createState(env: Env) {
  const stored = (await env.JWKS_CACHE.get(SNAPSHOT_KEY, 'json')) as JwksSnapshot | null
  const jwks = createRemoteJwks(env.JWKS_URI, { cached: stored })
  const verifier = createVerifier({
    issuer: env.ISSUER,
    audience: env.AUDIENCE,
    algorithms: ['RS256'],
    keyManagementAlgorithms: ['RSA-OAEP-256'],
    contentEncryptionAlgorithms: ['A256GCM'],
    decryptionKey: env.DECRYPTION_KEY,
    verificationKey: jwks,
  })
  return { verifier, jwks, storedAt: stored?.fetchedAt }
}

export default {
  async fetch(request: Request, env: Env, ctx: Context): Promise<Response> {
    // A failed start (a bad secret) must not stick to the isolate.
    state ??= createState(env).catch((error: unknown) => {
      state = undefined
      throw error
    })
    const current = await state
    const auth = await verifyRequest(request, current.verifier, { scope: 'read:messages' })
    // A set fetched by this isolate (first use, refresh, key rotation) is stored for the next ones.
    const snapshot = current.jwks.export()
    if (snapshot !== undefined && snapshot.fetchedAt !== current.storedAt) {
      current.storedAt = snapshot.fetchedAt
      ctx.waitUntil(env.JWKS_CACHE.put(SNAPSHOT_KEY, JSON.stringify(snapshot)))
    }
    if (!auth.ok) return auth.response()
    return Response.json({ sub: auth.result.claims.sub, scope: auth.result.claims.scope })
  },
}
