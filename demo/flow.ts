/**
 * The end-to-end story: a machine-to-machine client gets an encrypted access token from the
 * authorization server and calls the API with it; then the API refuses a series of bad
 * tokens, each with its HTTP status and the JoseError code behind it.
 */
import { swapAlgAndEnc, tamperCiphertext } from './bad-tokens.ts'
import { formatClaim, LABELS, outcomeRow, row, section, times, truncate, type DemoLogger } from './console-format.ts'
import { unexpectedOutcomes, type DemoSummary, type Rejection, type RejectionCase, type TokenEndpointError, type TokenErrorCase } from './outcomes.ts'
import { API_AUDIENCE, API_SCOPE, OTHER_AUDIENCE, callApi, requestToken, startDemoEnvironment, type ApiAnswer, type DemoEnvironment } from './setup.ts'
import { accessTokenClaims, mintAccessToken, signAccessToken } from './tokens.ts'

/** Starts both servers, runs the story, closes them, and returns what happened. */
export async function runDemoFlow(log: DemoLogger = console.log): Promise<DemoSummary> {
  log('webjose end-to-end demo: encrypted access tokens (RS256 JWT inside an RSA-OAEP-256 + A256GCM JWE)')
  const env = await startDemoEnvironment()
  try {
    return await story(env, log)
  } finally {
    await env.close()
  }
}

async function story(env: DemoEnvironment, log: DemoLogger): Promise<DemoSummary> {
  const { keys, client, auth, api } = env
  section(log, 'Setup')
  row(log, 'auth server', `${auth.issuer}  (POST /oauth/token, GET /.well-known/jwks.json)`)
  row(log, 'API', `${api.messagesUrl}  (audience ${API_AUDIENCE})`)
  row(log, 'signing key', `RS256, kid "${keys.signing.kid}", published in the JWKS`)
  row(log, 'API key', `RSA-OAEP-256, kid "${keys.api.kid}", private half given to the API as PKCS#8 PEM`)

  section(log, '1. Client credentials grant')
  const form = { grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret, audience: API_AUDIENCE }
  log(`  POST /oauth/token  content-type: application/x-www-form-urlencoded`)
  log(`       ${new URLSearchParams({ ...form, client_secret: '***' }).toString()}`)
  const granted = await requestToken(auth.tokenEndpoint, form)
  const accessToken = granted.body.access_token
  if (granted.status !== 200 || typeof accessToken !== 'string') {
    throw new Error(`token request failed: ${granted.status} ${JSON.stringify(granted.body)}`)
  }
  log(`  <- ${granted.status}  token_type ${String(granted.body.token_type)}, expires_in ${String(granted.body.expires_in)}, scope "${String(granted.body.scope)}"`)
  row(log, 'access_token', `${truncate(accessToken)}  (${accessToken.split('.').length} segments: a JWE)`)

  section(log, '2. Call the API')
  log(`  GET /api/messages  Authorization: Bearer ${truncate(accessToken, 24)}`)
  const first = await callApi(api.messagesUrl, `Bearer ${accessToken}`)
  const verified = api.lastVerified
  const encryptionHeader = verified?.encryptionHeader
  if (first.status !== 200 || verified === undefined || encryptionHeader === undefined) {
    throw new Error(`API call failed: ${first.status} ${JSON.stringify(first.body)}`)
  }
  const messages = first.body.messages
  log(`  <- 200  ${Array.isArray(messages) ? messages.length : 0} messages for ${JSON.stringify(first.body.caller)}`)
  row(log, 'JWE header', JSON.stringify(encryptionHeader))
  row(log, 'JWS header', JSON.stringify(verified.header))
  log('  claims')
  for (const [name, value] of Object.entries(verified.claims)) row(log, `  ${name}`, formatClaim(name, value), 16)

  const second = await callApi(api.messagesUrl, `Bearer ${accessToken}`)
  const servedFromCache = second.status === 200 && api.lastVerified === verified
  log(
    `  again: <- ${second.status}, ${servedFromCache ? 'the same verified result, from the verifier cache' : 'verified anew (NOT from the cache)'};` +
      ` JWKS fetched ${times(auth.jwksRequests)}`,
  )

  section(log, '3. Token endpoint errors')
  const tokenEndpointErrors: TokenEndpointError[] = []
  const tokenError = async (name: TokenErrorCase, request: Record<string, string>) => {
    const { status, body } = await requestToken(auth.tokenEndpoint, request)
    const error = typeof body.error === 'string' ? body.error : null
    tokenEndpointErrors.push({ case: name, status, error })
    outcomeRow(log, LABELS[name], status, error, typeof body.error_description === 'string' ? body.error_description : '')
  }
  await tokenError('bad-client-secret', { ...form, client_secret: 'not-the-secret' })
  await tokenError('unknown-audience', { ...form, audience: 'https://unknown.example.com' })

  section(log, '4. Tokens the API refuses')
  const now = Math.floor(Date.now() / 1000)
  const claimsFor = (audience: string, issuedAt = now) =>
    accessTokenClaims({ issuer: auth.issuer, clientId: client.clientId, audience, scope: API_SCOPE, lifetimeSeconds: 3600, issuedAt })
  const opaque = await requestToken(auth.tokenEndpoint, { grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret })
  if (typeof opaque.body.access_token !== 'string') throw new Error(`opaque token request failed: ${opaque.status}`)

  const cases: [RejectionCase, string | undefined][] = [
    ['tampered', `Bearer ${tamperCiphertext(accessToken)}`],
    ['expired', `Bearer ${await mintAccessToken(claimsFor(API_AUDIENCE, now - 7200), keys.signing, keys.api)}`],
    ['wrong-audience', `Bearer ${await mintAccessToken(claimsFor(OTHER_AUDIENCE), keys.signing, keys.api)}`],
    ['unknown-kid', `Bearer ${await mintAccessToken(claimsFor(API_AUDIENCE), keys.rogue, keys.api)}`],
    ['swapped-header', `Bearer ${swapAlgAndEnc(accessToken)}`],
    ['plain-jws', `Bearer ${await signAccessToken(claimsFor(API_AUDIENCE), keys.signing)}`],
    ['opaque-token', `Bearer ${opaque.body.access_token}`],
    ['missing-authorization', undefined],
    ['malformed-authorization', 'Bearer not a token'],
  ]
  log(`  ${'case'.padEnd(36)}status  error            code`)
  const rejections: Rejection[] = []
  for (const [name, authorization] of cases) {
    const answer = await callApi(api.messagesUrl, authorization)
    const rejection = toRejection(name, answer)
    rejections.push(rejection)
    const detail = rejection.code ?? `WWW-Authenticate: ${answer.wwwAuthenticate ?? '(none)'}`
    outcomeRow(log, LABELS[name], rejection.status, rejection.error, truncate(detail, 56))
  }

  const summary: DemoSummary = {
    claims: verified.claims,
    header: verified.header,
    encryptionHeader,
    servedFromCache,
    jwksRequests: auth.jwksRequests,
    tokenEndpointErrors,
    rejections,
  }
  const problems = unexpectedOutcomes(summary)
  section(log, 'Result')
  log(
    problems.length === 0
      ? `  all ${rejections.length} bad requests refused as expected; JWKS fetched ${times(summary.jwksRequests)} in total`
      : `  UNEXPECTED:\n${problems.map((problem) => `    - ${problem}`).join('\n')}`,
  )
  return summary
}

function toRejection(name: RejectionCase, answer: ApiAnswer): Rejection {
  const { error, code } = answer.body
  return { case: name, status: answer.status, error: typeof error === 'string' ? error : null, code: typeof code === 'string' ? code : null }
}
