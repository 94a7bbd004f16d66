/**
 * The Auth0 job as a resource server runs it, bundled and run in a child process by
 * auth0-loads.test.ts: import the PKCS#8 decryption key once, verification keys from a JWKS URL
 * (answered by a stub fetch), then decrypt and verify one RSA-OAEP-256 + A256GCM token around an
 * RS256 JWT. Only the public API is used, and only to read: the test process made the keys and
 * the token, so no signing or encryption code runs here (it would load modules the job does not).
 * Prints the verified `sub` as `sub=<value>`.
 */
import { createRemoteJwks, decryptAndVerifyJwt, importKey } from '../../src/index.ts'

export interface Auth0Scenario {
  pkcs8Pem: string
  jwks: string
  token: string
  issuer: string
  audience: string
}

const scenario = JSON.parse(process.env['WEBJOSE_AUTH0_SCENARIO'] ?? 'null') as Auth0Scenario | null
if (scenario === null) throw new Error('WEBJOSE_AUTH0_SCENARIO is not set')

const fetch = async (): Promise<Response> => new Response(scenario.jwks, { headers: { 'content-type': 'application/jwk-set+json' } })

const { claims } = await decryptAndVerifyJwt(scenario.token, {
  decryptionKey: await importKey(scenario.pkcs8Pem, 'RSA-OAEP-256'),
  verificationKey: createRemoteJwks('http://127.0.0.1/jwks', { fetch }),
  keyManagementAlgorithms: ['RSA-OAEP-256'],
  contentEncryptionAlgorithms: ['A256GCM'],
  algorithms: ['RS256'],
  issuer: scenario.issuer,
  audience: scenario.audience,
})
console.log(`sub=${claims.sub}`)
