/**
 * The Hono app of examples/hono served on Node by @hono/node-server. Environment: ISSUER_BASE_URL,
 * AUDIENCE, API_PRIVATE_KEY, PORT (default 3000; 0 picks a free one).
 */
import { serve } from '@hono/node-server'
import { createApp } from './app.ts'

const app = createApp({
  issuerBaseURL: process.env.ISSUER_BASE_URL ?? '',
  audience: process.env.AUDIENCE ?? '',
  decryptionKey: process.env.API_PRIVATE_KEY ?? '',
})
serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 3000), hostname: '127.0.0.1' }, (info) => {
  console.log(`listening on http://127.0.0.1:${info.port}`)
})
