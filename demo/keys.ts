import { createPublicKey, generateKeyPair } from 'node:crypto'
import { promisify } from 'node:util'
import { importKey } from '../src/index.ts'

/**
 * The demo's key material, generated at startup as PEM, the form keys usually live in:
 *
 * - the authorization server's RS256 signing key pair, whose public half it publishes in its JWKS;
 * - the API's RSA-OAEP-256 key pair: the authorization server encrypts access tokens to the
 *   public half, and the resource server gets the private half as a PKCS#8 PEM string, the way
 *   it would read it from a file or a secret store;
 * - a "rogue" RS256 key whose kid the JWKS does not list, to show that rejection.
 *
 * The generation job hands back PEM strings only: exporting from a KeyObject that Node 20's
 * generation job still shares can deadlock (a GC during the export runs the job's destructor,
 * which takes the key's mutex the export holds).
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

const generate = promisify(generateKeyPair)

async function generatePem(): Promise<{ privateKey: string; publicKey: string }> {
  return generate('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  })
}

export async function generateDemoKeys(): Promise<DemoKeys> {
  const [signing, api, rogue] = await Promise.all([
    generateSigningKey('auth-sig-1'),
    generateApiEncryptionKey('messages-api-enc-1'),
    generateSigningKey('rogue-sig-1'),
  ])
  return { signing, api, rogue }
}

export async function generateSigningKey(kid: string): Promise<SigningKey> {
  const pem = await generatePem()
  return { kid, privateKey: await importKey(pem.privateKey, 'RS256'), publicJwk: publishedJwk(pem.publicKey, kid, 'RS256', 'sig') }
}

export async function generateApiEncryptionKey(kid: string): Promise<ApiEncryptionKey> {
  const pem = await generatePem()
  return { kid, publicKey: await importKey(pem.publicKey, 'RSA-OAEP-256'), privateKeyPem: pem.privateKey }
}

function publishedJwk(publicPem: string, kid: string, alg: string, use: 'sig' | 'enc'): PublishedJwk {
  const { n, e } = createPublicKey(publicPem).export({ format: 'jwk' })
  if (n === undefined || e === undefined) throw new Error('exported RSA public key has no n or e')
  // Only the public members are published.
  return { kty: 'RSA', n, e, kid, alg, use }
}
