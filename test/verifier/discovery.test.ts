import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createVerifier, verifyAuthorization } from '../../src/index.ts'
import { expectJoseError, expectJoseErrorSync } from '../helpers/expect-jose.ts'
import { AUDIENCE, startIssuer, type Issuer } from '../examples/fixtures.ts'

const AUTH0_SET = { algorithms: ['RS256'], keyManagementAlgorithms: ['RSA-OAEP-256'], contentEncryptionAlgorithms: ['A256GCM'] } as const

let issuer: Issuer
beforeAll(async () => {
  issuer = await startIssuer()
}, 30_000)
afterAll(() => issuer?.close())

describe('createVerifier without verificationKey', () => {
  it("finds the issuer's JWKS through its OpenID Connect metadata and verifies a real token", async () => {
    const verifier = createVerifier({ ...AUTH0_SET, issuer: issuer.auth.issuer, audience: AUDIENCE, decryptionKey: issuer.keys.api.privateKeyPem })
    const { claims } = await verifier.verify(issuer.valid)
    expect(claims.sub).toBe('reader@clients')
    await expectJoseError(verifier.verify(issuer.expired), 'ERR_JWT_EXPIRED')
    expect(issuer.auth.jwksRequests).toBe(1)
  })

  it('takes discoverJwks options under discovery', async () => {
    const seen: string[] = []
    const verifier = createVerifier({
      ...AUTH0_SET,
      issuer: issuer.auth.issuer,
      audience: AUDIENCE,
      decryptionKey: issuer.keys.api.privateKeyPem,
      discovery: { fetch: (url, init) => (seen.push(new URL(url).pathname), fetch(url, init)) },
    })
    await verifier.verify(issuer.withoutScope)
    expect(seen).toEqual(['/.well-known/openid-configuration', '/.well-known/jwks.json'])
  })

  it.each([
    ['no issuer', undefined],
    ['several issuers', ['https://a.example/', 'https://b.example/']],
    ['an issuer over http to another host', 'http://tenant.example/'],
  ])('refuses %s at once with ERR_INVALID_ARGUMENT', (_name, bad) => {
    expectJoseErrorSync(
      () => createVerifier({ ...AUTH0_SET, issuer: bad as string, audience: AUDIENCE, decryptionKey: issuer.keys.api.privateKeyPem }),
      'ERR_INVALID_ARGUMENT',
    )
  })

  it('answers 503, not 401, when the metadata names another issuer', async () => {
    const server = createServer((_request, response) => response.writeHead(200).end(JSON.stringify({ issuer: 'https://other.example/', jwks_uri: issuer.auth.jwksUri })))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const impostor = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
      const verifier = createVerifier({ ...AUTH0_SET, issuer: impostor, audience: AUDIENCE, decryptionKey: issuer.keys.api.privateKeyPem })
      const auth = await verifyAuthorization(`Bearer ${issuer.valid}`, verifier)
      expect(auth.ok).toBe(false)
      expect(auth.ok === false && auth.status).toBe(503)
      expect(auth.ok === false && auth.cause?.code).toBe('ERR_ISSUER_MISMATCH')
    } finally {
      server.closeAllConnections()
      server.close()
    }
  })
})
