/**
 * Deno.serve without a framework: createVerifier finds the issuer's keys through its metadata
 * (discovery), verifyRequest answers with RFC 6750 statuses and challenges.
 * Run: deno run --allow-net --allow-env server.ts. Environment: ISSUER (e.g.
 * https://TENANT.auth0.com/, with its trailing slash), AUDIENCE, API_PRIVATE_KEY, PORT.
 *
 *   GET /api/messages   200 { sub } with scope read:messages; 401 / 403 otherwise
 */
import { createVerifier, verifyRequest } from 'webjose'

declare const Deno: {
  env: { get(name: string): string | undefined }
  serve(options: { port: number; hostname: string; onListen(address: { port: number }): void }, handler: (request: Request) => Promise<Response>): unknown
}

const verifier = createVerifier({
  issuer: Deno.env.get('ISSUER') ?? '',
  audience: Deno.env.get('AUDIENCE') ?? '',
  decryptionKey: Deno.env.get('API_PRIVATE_KEY') ?? '',
  algorithms: ['RS256'],
  keyManagementAlgorithms: ['RSA-OAEP-256'],
  contentEncryptionAlgorithms: ['A256GCM'],
})

Deno.serve(
  { port: Number(Deno.env.get('PORT') ?? 3000), hostname: '127.0.0.1', onListen: ({ port }) => console.log(`listening on http://127.0.0.1:${port}`) },
  async (request) => {
    if (new URL(request.url).pathname !== '/api/messages') return new Response(null, { status: 404 })
    const auth = await verifyRequest(request, verifier, { scope: 'read:messages' })
    if (!auth.ok) return auth.response()
    return Response.json({ sub: auth.result.claims.sub })
  },
)
