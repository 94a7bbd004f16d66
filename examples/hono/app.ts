/**
 * A Hono app with webjose/hono; the same app runs on Workers, Deno, Bun and Node (see
 * examples/hono/node.ts and examples/bun/server.ts).
 *
 *   GET /api/messages   200 { sub } with scope read:messages; 401 / 403 otherwise
 */
import { Hono } from 'hono'
import { auth, requiredScopes, type AuthVariables } from 'webjose/hono'

export interface Settings {
  issuerBaseURL: string
  audience: string
  /** The API's private key, PKCS#8 PEM. */
  decryptionKey: string
}

export function createApp(settings: Settings): Hono<{ Variables: AuthVariables }> {
  const app = new Hono<{ Variables: AuthVariables }>()
  app.use('/api/*', auth(settings))
  app.get('/api/messages', requiredScopes('read:messages'), (c) => c.json({ sub: c.get('auth').payload.sub }))
  return app
}
