/**
 * How the demo authorization server makes tokens, shaped like Auth0's:
 *
 * - an access token for an API is an RS256 JWT with typ "at+jwt" (RFC 9068), signed with the
 *   server's key and then encrypted to the API's RSA-OAEP-256 key (a nested JWT, RFC 7519 §11.2);
 * - a token requested without an audience is opaque: a JWE with "alg" "dir" that only the
 *   authorization server itself can read, good for its /userinfo endpoint and nothing else.
 *
 * The flow uses the same functions to craft the bad tokens it shows being rejected.
 */
import { randomUUID } from 'node:crypto'
import { base64url, encryptJwt, signJwt, type JwtClaims } from '../src/index.ts'
import type { ApiEncryptionKey, SigningKey } from './keys.ts'

export interface AccessTokenClaimsInput {
  /** "http://127.0.0.1:PORT/", with the trailing slash, as Auth0 writes it. */
  issuer: string
  clientId: string
  audience: string
  scope: string
  lifetimeSeconds: number
  /** Issue time in seconds; default now. */
  issuedAt?: number
}

/** The claims of an Auth0 client-credentials access token, plus RFC 9068's client_id and jti. */
export function accessTokenClaims(input: AccessTokenClaimsInput): JwtClaims {
  const iat = input.issuedAt ?? Math.floor(Date.now() / 1000)
  return {
    iss: input.issuer,
    sub: `${input.clientId}@clients`,
    aud: input.audience,
    iat,
    exp: iat + input.lifetimeSeconds,
    scope: input.scope,
    gty: 'client-credentials',
    azp: input.clientId,
    client_id: input.clientId,
    jti: randomUUID(),
  }
}

/** The inner token: a JWS signed with RS256, header { alg, kid, typ: "at+jwt" }. */
export function signAccessToken(claims: JwtClaims, signer: SigningKey): Promise<string> {
  return signJwt(claims, signer.privateKey, { alg: 'RS256', kid: signer.kid, typ: 'at+jwt' })
}

/** The outer token: a JWE to the API's key, header { alg: "RSA-OAEP-256", enc: "A256GCM", kid, cty: "JWT" }. */
export function encryptAccessToken(jwt: string, recipient: ApiEncryptionKey): Promise<string> {
  return encryptJwt(jwt, recipient.publicKey, { alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: recipient.kid })
}

export async function mintAccessToken(claims: JwtClaims, signer: SigningKey, recipient: ApiEncryptionKey): Promise<string> {
  return encryptAccessToken(await signAccessToken(claims, signer), recipient)
}

/** A fresh AES-256-GCM key the authorization server keeps to itself for opaque tokens. */
export function generateOpaqueTokenKey(): Promise<CryptoKey> {
  return crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt'])
}

/**
 * An opaque token as Auth0 issues for /userinfo: a compact JWE with "alg" "dir" and "enc"
 * "A256GCM" (so its encrypted-key segment is empty), readable only with the server's own key.
 */
export async function mintOpaqueToken(key: CryptoKey, issuer: string, subject: string): Promise<string> {
  const header = base64url.encode(JSON.stringify({ alg: 'dir', enc: 'A256GCM', iss: issuer }))
  const iv = crypto.getRandomValues(new Uint8Array(12))
  const plaintext = new TextEncoder().encode(JSON.stringify({ sub: subject, ref: randomUUID() }))
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(header), tagLength: 128 }, key, plaintext),
  )
  const ciphertext = sealed.subarray(0, sealed.length - 16)
  const tag = sealed.subarray(sealed.length - 16)
  return `${header}..${base64url.encode(iv)}.${base64url.encode(ciphertext)}.${base64url.encode(tag)}`
}
