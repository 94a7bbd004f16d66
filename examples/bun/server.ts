/**
 * The Hono app of examples/hono served by Bun.serve. Environment: ISSUER_BASE_URL, AUDIENCE,
 * API_PRIVATE_KEY, PORT (default 3000; 0 picks a free one).
 */
import { createApp } from '../hono/app.ts'

declare const Bun: { serve(options: { port: number; hostname: string; fetch: (request: Request) => Response | Promise<Response> }): { port: number } }
declare const process: { env: Record<string, string | undefined> }

const app = createApp({
  issuerBaseURL: process.env.ISSUER_BASE_URL ?? '',
  audience: process.env.AUDIENCE ?? '',
  decryptionKey: process.env.API_PRIVATE_KEY ?? '',
})
const server = Bun.serve({ port: Number(process.env.PORT ?? 3000), hostname: '127.0.0.1', fetch: app.fetch })
console.log(`listening on http://127.0.0.1:${server.port}`)
