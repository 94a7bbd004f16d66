/**
 * The demo's key material, generated at startup with Web Crypto:
 *
 * - the authorization server's RS256 signing key pair, whose public half it publishes in its JWKS;
 * - the API's RSA-OAEP-256 key pair: the authorization server encrypts access tokens to the
 *   public half, and the resource server gets the private half as a PKCS#8 PEM string, the way
 *   it would read it from a file or a secret store;
 * - a "rogue" RS256 key whose kid the JWKS does not list, to show that rejection.
 */

export interface SigningKey {
  readonly kid: string
  readonly privateKey: CryptoKey
  /** The public JWK as the JWKS publishes it: kty, n, e, kid, alg, use. */
  readonly publicJwk: PublishedJwk
}

export interface PublishedJwk {
  readonly kty: 'RSA'
  readonly n: string
  readonly e: string
  readonly kid: string
  readonly alg: string
  readonly use: 'sig' | 'enc'
}

export interface ApiEncryptionKey {
  readonly kid: string
  /** What the authorization server encrypts access tokens to. */
  readonly publicKey: CryptoKey
  /** What the resource server decrypts with, as "-----BEGIN PRIVATE KEY-----" PEM. */
  readonly privateKeyPem: string
}

export interface DemoKeys {
  readonly signing: SigningKey
  readonly api: ApiEncryptionKey
  readonly rogue: SigningKey
}

const RSA = { modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' } as const

export async function generateDemoKeys(): Promise<DemoKeys> {
  const [signing, api, rogue] = await Promise.all([
    generateSigningKey('auth-sig-1'),
    generateApiEncryptionKey('messages-api-enc-1'),
    generateSigningKey('rogue-sig-1'),
  ])
  return { signing, api, rogue }
}

export async function generateSigningKey(kid: string): Promise<SigningKey> {
  const pair = await crypto.subtle.generateKey({ name: 'RSASSA-PKCS1-v1_5', ...RSA }, true, ['sign', 'verify'])
  return { kid, privateKey: pair.privateKey, publicJwk: await publishedJwk(pair.publicKey, kid, 'RS256', 'sig') }
}

export async function generateApiEncryptionKey(kid: string): Promise<ApiEncryptionKey> {
  const pair = await crypto.subtle.generateKey({ name: 'RSA-OAEP', ...RSA }, true, ['encrypt', 'decrypt'])
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey))
  return { kid, publicKey: pair.publicKey, privateKeyPem: toPem(pkcs8, 'PRIVATE KEY') }
}

async function publishedJwk(publicKey: CryptoKey, kid: string, alg: string, use: 'sig' | 'enc'): Promise<PublishedJwk> {
  const { n, e } = await crypto.subtle.exportKey('jwk', publicKey)
  if (n === undefined || e === undefined) throw new Error('exported RSA public key has no n or e')
  // Only the public members; Web Crypto's "ext" and "key_ops" are not for publication.
  return { kty: 'RSA', n, e, kid, alg, use }
}

/** DER bytes as a PEM block with 64-character lines (RFC 7468). */
export function toPem(der: Uint8Array, label: string): string {
  const base64 = Buffer.from(der).toString('base64')
  const lines = base64.match(/.{1,64}/g) ?? []
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`
}
