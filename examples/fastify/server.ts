/**
 * Fastify with webjose/fastify. Environment: ISSUER_BASE_URL, AUDIENCE, API_PRIVATE_KEY, PORT.
 *
 *   GET /api/messages   200 { sub } with scope read:messages; 401 / 403 otherwise
 */
import Fastify from 'fastify'
import { requiredScopes, webjoseAuth, type FastifyRequestLike } from 'webjose/fastify'

const app = Fastify()
await app.register(async (api) => {
  await api.register(webjoseAuth, { issuerBaseURL: process.env.ISSUER_BASE_URL, audience: process.env.AUDIENCE ?? '', decryptionKey: process.env.API_PRIVATE_KEY })
  api.get('/api/messages', { onRequest: requiredScopes('read:messages') }, async (request) => ({ sub: (request as FastifyRequestLike).auth?.payload.sub }))
})
const origin = await app.listen({ port: Number(process.env.PORT ?? 3000), host: '127.0.0.1' })
console.log(`listening on ${origin}`)
