/**
 * Keys and Auth0-shaped nested tokens for the benchmarks, made with node:crypto only (so no
 * contender mints its own input). An access token is an RS256 JWT (issuer key: RSA 2048,
 * kid "sig-1") encrypted with RSA-OAEP-256 + A256GCM to the API's key (kid "enc-<bits>").
 * Every token is distinct: its own client id, iat, CEK and IV.
 */
import { constants, createCipheriv, createPrivateKey, createPublicKey, generateKeyPair, publicEncrypt, randomBytes, sign, type KeyObject } from 'node:crypto'
import { promisify } from 'node:util'

export const ISSUER = 'https://tenant.auth0.example/'
export const AUDIENCE = 'https://api.example.com'
export const SIGNING_KID = 'sig-1'

export interface KeyMaterial {
  bits: number
  privatePem: string
  publicPem: string
  privateJwk: JsonWebKey
  publicJwk: JsonWebKey
}

export interface KeyPairObjects {
  material: KeyMaterial
  privateKey: KeyObject
  publicKey: KeyObject
}

const generate = promisify(generateKeyPair)

/**
 * The job returns PEM strings only, and the KeyObjects are made fresh from them: exporting a
 * JWK from a KeyObject that the generation job still shares can deadlock Node 20 (a GC during
 * the export runs the job's destructor, which takes the key's mutex the export holds).
 */
export async function generateRsa(bits: number): Promise<KeyPairObjects> {
  const pems = await generate('rsa', {
    modulusLength: bits,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  })
  const privateKey = createPrivateKey(pems.privateKey)
  const publicKey = createPublicKey(pems.publicKey)
  return {
    privateKey,
    publicKey,
    material: {
      bits,
      privatePem: privateKey.export({ format: 'pem', type: 'pkcs8' }) as string,
      publicPem: publicKey.export({ format: 'pem', type: 'spki' }) as string,
      privateJwk: privateKey.export({ format: 'jwk' }) as JsonWebKey,
      publicJwk: publicKey.export({ format: 'jwk' }) as JsonWebKey,
    },
  }
}

const b64 = (value: Uint8Array | string): string => Buffer.from(value).toString('base64url')

export class TokenMinter {
  readonly #signing: KeyPairObjects
  readonly #recipient: KeyPairObjects
  readonly #protectedHeader: string
  readonly #jwsHeader = b64(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: SIGNING_KID }))
  #serial = 0

  constructor(signing: KeyPairObjects, recipient: KeyPairObjects) {
    this.#signing = signing
    this.#recipient = recipient
    this.#protectedHeader = b64(
      JSON.stringify({ alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: `enc-${recipient.material.bits}`, cty: 'JWT' }),
    )
  }

  /** One fresh token, never returned before. */
  mint(): string {
    const clientId = randomBytes(24).toString('base64url').slice(0, 32)
    const iat = Math.floor(Date.now() / 1000) - (this.#serial++ % 600)
    const claims = {
      iss: ISSUER,
      sub: `${clientId}@clients`,
      aud: AUDIENCE,
      iat,
      exp: iat + 86_400,
      azp: clientId,
      scope: 'read:messages write:messages read:users',
      gty: 'client-credentials',
    }
    const signingInput = `${this.#jwsHeader}.${b64(JSON.stringify(claims))}`
    const jws = `${signingInput}.${b64(sign('sha256', Buffer.from(signingInput), this.#signing.privateKey))}`

    const cek = randomBytes(32)
    const iv = randomBytes(12)
    const encryptedKey = b64(
      publicEncrypt({ key: this.#recipient.publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, cek),
    )
    const cipher = createCipheriv('aes-256-gcm', cek, iv)
    cipher.setAAD(Buffer.from(this.#protectedHeader, 'ascii'))
    const ciphertext = Buffer.concat([cipher.update(jws, 'utf8'), cipher.final()])
    return [this.#protectedHeader, encryptedKey, b64(iv), b64(ciphertext), b64(cipher.getAuthTag())].join('.')
  }

  pool(count: number): string[] {
    const tokens: string[] = []
    for (let i = 0; i < count; i++) tokens.push(this.mint())
    return tokens
  }
}

/** A queue of distinct tokens that hands each one out once. */
export class TokenPool {
  readonly #tokens: readonly string[]
  #next = 0

  constructor(tokens: readonly string[]) {
    this.#tokens = tokens
  }

  take(): string {
    const token = this.#tokens[this.#next++]
    if (token === undefined) throw new Error(`token pool exhausted after ${this.#tokens.length} tokens`)
    return token
  }

  get remaining(): number {
    return this.#tokens.length - this.#next
  }
}
