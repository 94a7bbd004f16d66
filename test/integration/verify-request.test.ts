import { describe, expect, it } from 'vitest'
import { JoseError, verifyAuthorization, verifyRequest, type VerifierLike, type VerifyResult } from '../../src/index.ts'

const RESULT: VerifyResult = { claims: { sub: 'client@clients' }, header: { alg: 'RS256' }, encryptionHeader: { alg: 'RSA-OAEP-256', enc: 'A256GCM' } }

/** A verifier that records the tokens it is given and answers with `outcome`. */
function stubVerifier(outcome: (token: string) => VerifyResult | Error = () => RESULT): VerifierLike & { tokens: string[] } {
  const tokens: string[] = []
  return {
    tokens,
    async verify(token) {
      tokens.push(token)
      const result = outcome(token)
      if (result instanceof Error) throw result
      return result
    },
  }
}

function request(authorization?: string): Request {
  return new Request('http://127.0.0.1/api/messages', authorization === undefined ? {} : { headers: { authorization } })
}

const INVALID_REQUEST = 'Bearer error="invalid_request", error_description="The Authorization header is not a Bearer token"'
const INVALID_TOKEN = 'Bearer error="invalid_token", error_description="The access token is invalid or expired"'

describe('verifyRequest', () => {
  it('answers 401 with a bare challenge and no error when there is no Authorization header', async () => {
    const verifier = stubVerifier()
    const auth = await verifyRequest(request(), verifier)
    expect(auth.ok).toBe(false)
    if (auth.ok) return
    expect(auth.status).toBe(401)
    expect(auth.error).toBeUndefined()
    expect(auth.cause).toBeUndefined()
    expect(auth.wwwAuthenticate).toBe('Bearer')
    expect(verifier.tokens).toEqual([])
    const response = auth.response()
    expect(response.status).toBe(401)
    expect(response.headers.get('www-authenticate')).toBe('Bearer')
    expect(response.body).toBeNull()
  })

  it('accepts a Bearer token and hands back the verifier result', async () => {
    const verifier = stubVerifier()
    const auth = await verifyRequest(request('Bearer abc.def-ghi_jkl~mno+pqr/stu'), verifier)
    expect(auth).toEqual({ ok: true, token: 'abc.def-ghi_jkl~mno+pqr/stu', result: RESULT })
    expect(verifier.tokens).toEqual(['abc.def-ghi_jkl~mno+pqr/stu'])
  })

  it('takes the scheme case-insensitively', async () => {
    for (const scheme of ['bearer', 'BEARER', 'bEaReR']) {
      const auth = await verifyRequest(request(`${scheme} tok`), stubVerifier())
      expect(auth).toMatchObject({ ok: true, token: 'tok' })
    }
  })

  it('tolerates extra spaces between scheme and token and around the value', async () => {
    for (const value of ['Bearer    tok', '  Bearer tok  ', 'Bearer tok   ']) {
      const auth = await verifyRequest(request(value), stubVerifier())
      expect(auth).toMatchObject({ ok: true, token: 'tok' })
    }
  })

  it('accepts trailing "=" padding (b64token)', async () => {
    expect(await verifyRequest(request('Bearer abc=='), stubVerifier())).toMatchObject({ ok: true, token: 'abc==' })
  })

  it('answers 400 invalid_request, without calling the verifier, for a header that is not a Bearer b64token', async () => {
    const values = [
      'Bearer',
      'Bearer tok$en',
      'Bearer to ken',
      'Bearer a=b',
      'Bearer\ttok',
      'Bearer "tok"',
      'Bearer tok, Bearer other',
    ]
    for (const value of values) {
      const verifier = stubVerifier()
      const auth = await verifyRequest(request(value), verifier)
      expect(auth, value).toMatchObject({ ok: false, status: 400, error: 'invalid_request', wwwAuthenticate: INVALID_REQUEST })
      expect(verifier.tokens, value).toEqual([])
    }
  })

  it('answers another scheme like missing credentials: 401, a bare challenge, no error code (RFC 6750 §3.1)', async () => {
    for (const value of ['Basic abc', 'Token tok', 'Bearertok', 'DPoP tok']) {
      const verifier = stubVerifier()
      const auth = await verifyRequest(request(value), verifier, { realm: 'api' })
      expect(auth, value).toMatchObject({ ok: false, status: 401, wwwAuthenticate: 'Bearer realm="api"' })
      expect(auth, value).not.toHaveProperty('error')
      expect(verifier.tokens, value).toEqual([])
    }
  })

  it('refuses a realm that cannot be a quoted-string header value with ERR_INVALID_ARGUMENT', async () => {
    for (const realm of ['a\r\nX-Injected: 1', 'snow\u2603', 'my "api"', 'back\\slash', 42, ['api'], Object.create(null)]) {
      await expect(verifyRequest(request('Bearer tok'), stubVerifier(), { realm: realm as string })).rejects.toMatchObject({ code: 'ERR_INVALID_ARGUMENT' })
    }
  })

  it('refuses a request that is not a web Request (Node\'s IncomingMessage shape) or a verifier without verify, with ERR_INVALID_ARGUMENT', async () => {
    const incomingMessage = { headers: { authorization: 'Bearer tok' }, url: '/api' }
    for (const value of [incomingMessage, null, undefined, 'Bearer tok']) {
      await expect(verifyRequest(value as unknown as Request, stubVerifier())).rejects.toMatchObject({ code: 'ERR_INVALID_ARGUMENT' })
    }
    for (const value of [null, {}, { verify: 'yes' }]) {
      await expect(verifyRequest(request('Bearer tok'), value as unknown as VerifierLike)).rejects.toMatchObject({ code: 'ERR_INVALID_ARGUMENT' })
    }
  })

  it('refuses options that are not an object (null, a bare realm string) with ERR_INVALID_ARGUMENT', async () => {
    for (const options of [null, 'api']) {
      await expect(verifyRequest(request('Bearer tok'), stubVerifier(), options as never)).rejects.toMatchObject({ code: 'ERR_INVALID_ARGUMENT' })
    }
  })

  it('answers 401 invalid_token with the JoseError as cause when verification fails', async () => {
    const failure = new JoseError('ERR_JWT_EXPIRED', 'JWT has expired (SENTINEL-DETAIL)')
    const auth = await verifyRequest(request('Bearer tok'), stubVerifier(() => failure))
    expect(auth).toMatchObject({ ok: false, status: 401, error: 'invalid_token', wwwAuthenticate: INVALID_TOKEN })
    if (auth.ok) return
    expect(auth.cause).toBe(failure)
    // The challenge is a fixed text: nothing from the error reaches the client.
    expect(auth.wwwAuthenticate).not.toContain('SENTINEL')
    const response = auth.response()
    expect(response.status).toBe(401)
    expect(response.headers.get('www-authenticate')).toBe(INVALID_TOKEN)
  })

  it('answers 503 without a challenge when the issuer keys are unavailable: the token was never judged', async () => {
    for (const code of ['ERR_JWKS_FETCH_FAILED', 'ERR_JWKS_TIMEOUT', 'ERR_JWKS_INVALID'] as const) {
      const failure = new JoseError(code, 'JWKS trouble')
      const auth = await verifyRequest(request('Bearer tok'), stubVerifier(() => failure), { realm: 'api' })
      expect(auth, code).toMatchObject({ ok: false, status: 503 })
      if (auth.ok) return
      expect(auth.cause, code).toBe(failure)
      expect(auth.error, code).toBeUndefined()
      expect(auth.wwwAuthenticate, code).toBeUndefined()
      const response = auth.response()
      expect(response.status, code).toBe(503)
      expect(response.headers.get('www-authenticate'), code).toBeNull()
      expect(response.body, code).toBeNull()
    }
  })

  it('still answers 401 invalid_token for a token no key in the JWKS matches', async () => {
    for (const code of ['ERR_JWKS_NO_MATCHING_KEY', 'ERR_JWKS_MULTIPLE_MATCHING_KEYS'] as const) {
      const auth = await verifyRequest(request('Bearer tok'), stubVerifier(() => new JoseError(code, 'no key')))
      expect(auth, code).toMatchObject({ ok: false, status: 401, error: 'invalid_token', wwwAuthenticate: INVALID_TOKEN })
    }
  })

  it('throws an error that is not a JoseError, never answering it: ERR_INVALID_ARGUMENT with it as the cause', async () => {
    const bug = new TypeError('verifier bug')
    const error = await verifyRequest(request('Bearer tok'), stubVerifier(() => bug)).then(() => undefined, (reason: unknown) => reason)
    expect(error).toBeInstanceOf(JoseError)
    expect(error).toMatchObject({ code: 'ERR_INVALID_ARGUMENT', cause: bug })
  })

  it('puts the realm first in the challenge', async () => {
    const missing = await verifyRequest(request(), stubVerifier(), { realm: 'messages-api' })
    expect(missing).toMatchObject({ wwwAuthenticate: 'Bearer realm="messages-api"' })
    const malformed = await verifyRequest(request('Bearer to ken'), stubVerifier(), { realm: 'messages-api' })
    expect(malformed).toMatchObject({ wwwAuthenticate: `Bearer realm="messages-api", ${INVALID_REQUEST.slice('Bearer '.length)}` })
  })

})

describe('verifyAuthorization (the header value, for servers without web Requests)', () => {
  it('treats undefined and null as no credentials: 401 with a bare challenge', async () => {
    for (const value of [undefined, null]) {
      const verifier = stubVerifier()
      const auth = await verifyAuthorization(value, verifier, { realm: 'api' })
      expect(auth, String(value)).toMatchObject({ ok: false, status: 401, wwwAuthenticate: 'Bearer realm="api"' })
      expect(auth, String(value)).not.toHaveProperty('error')
      expect(verifier.tokens).toEqual([])
    }
  })

  it('accepts a Bearer value, and answers a malformed one like verifyRequest does (400 invalid_request)', async () => {
    const verifier = stubVerifier()
    expect(await verifyAuthorization('Bearer abc.def', verifier)).toEqual({ ok: true, token: 'abc.def', result: RESULT })
    expect(verifier.tokens).toEqual(['abc.def'])
    expect(await verifyAuthorization('Bearer a b', stubVerifier())).toMatchObject({ ok: false, status: 400, wwwAuthenticate: INVALID_REQUEST })
  })

  it('refuses a header value that is not a string (a list of values, a number) with ERR_INVALID_ARGUMENT', async () => {
    for (const value of [['Bearer a', 'Bearer b'], 42, {}]) {
      await expect(verifyAuthorization(value as never, stubVerifier())).rejects.toMatchObject({ code: 'ERR_INVALID_ARGUMENT' })
    }
  })
})

describe('required scopes (RFC 6750 §3.1 insufficient_scope)', () => {
  const withScope = (scope: unknown) => stubVerifier(() => ({ ...RESULT, claims: { ...RESULT.claims, scope } }))

  it('passes a token whose "scope" holds every scope asked for', async () => {
    const auth = await verifyRequest(request('Bearer tok'), withScope('read:messages write:messages'), { scope: ['write:messages', 'read:messages'] })
    expect(auth).toMatchObject({ ok: true, token: 'tok' })
    expect(await verifyRequest(request('Bearer tok'), withScope('read:messages'), { scope: 'read:messages' })).toMatchObject({ ok: true })
    // One space-delimited string, like the claim itself: every scope in it is required.
    expect(await verifyRequest(request('Bearer tok'), withScope('b a c'), { scope: 'a b' })).toMatchObject({ ok: true })
    expect(await verifyRequest(request('Bearer tok'), withScope('a c'), { scope: 'a b' })).toMatchObject({ ok: false, status: 403 })
    expect(await verifyRequest(request('Bearer tok'), withScope(undefined), { scope: [] })).toMatchObject({ ok: true })
  })

  it('answers 403 insufficient_scope naming the scopes when one is missing, the claim is absent or not a string', async () => {
    const challenge =
      'Bearer realm="api", error="insufficient_scope", error_description="The access token lacks the scope this request needs", scope="read:messages admin"'
    for (const scope of ['read:messages', 'read:messages admin:all', undefined, ['read:messages', 'admin'], 'read:messagesadmin']) {
      const verifier = withScope(scope)
      const auth = await verifyRequest(request('Bearer tok'), verifier, { realm: 'api', scope: ['read:messages', 'admin'] })
      expect(auth, String(scope)).toMatchObject({ ok: false, status: 403, error: 'insufficient_scope', wwwAuthenticate: challenge })
      if (auth.ok) return
      expect(auth.cause).toBeUndefined()
      expect(verifier.tokens).toEqual(['tok'])
      const response = auth.response()
      expect(response.status).toBe(403)
      expect(response.headers.get('www-authenticate')).toBe(challenge)
    }
  })

  it('refuses a scope option that is not NQCHAR scope tokens (RFC 6749 §3.3) with ERR_INVALID_ARGUMENT', async () => {
    for (const scope of ['', 'read  messages', ' read', 'a"b', 'back\\slash', 'caf\u00e9', 42, [1], ['ok', ''], { 0: 'a' }]) {
      await expect(verifyRequest(request('Bearer tok'), stubVerifier(), { scope: scope as string })).rejects.toMatchObject({ code: 'ERR_INVALID_ARGUMENT' })
    }
  })
})
