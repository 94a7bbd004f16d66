/** Keys and Auth0-shaped tokens for the CLI tests, made with the library and node:crypto (test/helpers/keys.ts). */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { base64url, encryptJwt, importKey, signJwt } from '../../src/index.ts'
import { generateKeyObjectsAsync } from '../helpers/keys.ts'

export const ISSUER = 'https://tenant.example/'
export const AUDIENCE = 'https://api.example.com'
const RSA = { modulusLength: 2048 }

export interface Fixtures {
  readonly paths: { issuerPrivate: string; issuerJwks: string; apiPrivate: string; apiPublic: string; otherPrivate: string }
  readonly secrets: string[]
  readonly valid: string
  readonly expired: string
  readonly bareJws: string
  readonly swapped: string
  readonly dir: string
  readonly jwks: { keys: JsonWebKey[] }
  readonly now: number
}

export async function makeFixtures(dir: string): Promise<Fixtures> {
  const [issuer, api, other] = await Promise.all([generateKeyObjectsAsync('rsa', RSA), generateKeyObjectsAsync('rsa', RSA), generateKeyObjectsAsync('rsa', RSA)])
  const apiPrivateJwk = { ...api.privateKey.export({ format: 'jwk' }), kid: 'enc-1' }
  const jwks = { keys: [{ ...issuer.publicKey.export({ format: 'jwk' }), kid: 'sig-1', use: 'sig', alg: 'RS256' }] as unknown as JsonWebKey[] }
  const paths = {
    issuerPrivate: join(dir, 'issuer.pem'),
    issuerJwks: join(dir, 'jwks.json'),
    apiPrivate: join(dir, 'api.jwk'),
    apiPublic: join(dir, 'api.pub.pem'),
    otherPrivate: join(dir, 'other.pem'),
  }
  writeFileSync(paths.issuerPrivate, issuer.privatePem)
  writeFileSync(paths.issuerJwks, JSON.stringify(jwks))
  writeFileSync(paths.apiPrivate, JSON.stringify(apiPrivateJwk))
  writeFileSync(paths.apiPublic, api.publicPem)
  writeFileSync(paths.otherPrivate, other.privatePem)

  const now = Math.floor(Date.now() / 1000)
  const signingKey = await importKey(issuer.privatePem, 'RS256')
  const encryptionKey = await importKey(api.publicPem, 'RSA-OAEP-256')
  const claims = { iss: ISSUER, sub: 'client@clients', aud: AUDIENCE, scope: 'read:messages', gty: 'client-credentials' }
  const jwt = await signJwt({ ...claims, iat: now, exp: now + 2460 }, signingKey, { alg: 'RS256', kid: 'sig-1' })
  const expiredJwt = await signJwt({ ...claims, iat: now - 7200, exp: now - 3600 }, signingKey, { alg: 'RS256', kid: 'sig-1' })
  const valid = await encryptJwt(jwt, encryptionKey, { alg: 'RSA-OAEP-256', kid: 'enc-1' })
  const expired = await encryptJwt(expiredJwt, encryptionKey, { alg: 'RSA-OAEP-256', kid: 'enc-1' })
  return {
    paths,
    secrets: [issuer.privatePem, other.privatePem, String(apiPrivateJwk.d), String(apiPrivateJwk.p), String(apiPrivateJwk.q), valid, expired, jwt],
    valid,
    expired,
    bareJws: jwt,
    swapped: withHeader(valid, { alg: 'A256GCM', enc: 'RSA-OAEP-256', kid: 'enc-1', cty: 'JWT' }),
    dir: withHeader(valid, { alg: 'dir', enc: 'A256GCM', iss: ISSUER }),
    jwks,
    now,
  }
}

/** The same token under another protected header (which also breaks its tag, as a swapped header would). */
export function withHeader(token: string, header: object): string {
  const [, ...rest] = token.split('.')
  return [base64url.encode(new TextEncoder().encode(JSON.stringify(header))), ...rest].join('.')
}
