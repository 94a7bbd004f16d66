/**
 * Express with webjose/express, the drop-in for express-oauth2-jwt-bearer that also reads JWE
 * access tokens. Environment: ISSUER_BASE_URL (e.g. https://TENANT.auth0.com), AUDIENCE,
 * API_PRIVATE_KEY (PKCS#8 PEM), PORT (default 3000; 0 picks a free one).
 *
 *   GET /api/messages   200 { sub } with scope read:messages; 401 / 403 otherwise
 */
import express, { type ErrorRequestHandler } from 'express'
import { auth, requiredScopes } from 'webjose/express'

const app = express()
app.use(
  '/api',
  auth({ issuerBaseURL: process.env.ISSUER_BASE_URL, audience: process.env.AUDIENCE ?? '', decryptionKey: process.env.API_PRIVATE_KEY }),
)
app.get('/api/messages', requiredScopes('read:messages'), (req, res) => {
  res.json({ sub: req.auth?.payload.sub })
})
// The status and WWW-Authenticate of the error, and no body (Express's default would print a stack in development).
const answer: ErrorRequestHandler = (error: { status?: number; headers?: Record<string, string> }, _req, res, _next) => {
  res.status(error.status ?? 500).set(error.headers ?? {}).end()
}
app.use(answer)

const server = app.listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () => {
  const address = server.address()
  console.log(`listening on http://127.0.0.1:${typeof address === 'object' && address ? address.port : ''}`)
})
