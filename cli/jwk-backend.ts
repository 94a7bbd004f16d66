/**
 * Key generation, public JWKs and RFC 7638 thumbprints on node:crypto. The library is adding
 * generateKeyPair / generateSecret / exportJwk / calculateJwkThumbprint (issues 11/12); each
 * function here is the one place to switch to the library verb once it lands.
 */
import { createHash, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto'
import { UsageError } from './args.ts'
import type { KeyMaterial } from './core/key-material.ts'

export type Jwk = JsonWebKey & { kid?: string; [member: string]: unknown }

/** RFC 7638 §3.2: the required members of each kty, in lexicographic order. */
const THUMBPRINT_MEMBERS: Readonly<Record<string, readonly string[]>> = {
  RSA: ['e', 'kty', 'n'],
  EC: ['crv', 'kty', 'x', 'y'],
  OKP: ['crv', 'kty', 'x'],
  oct: ['k', 'kty'],
  AKP: ['alg', 'kty', 'pub'],
}

/** The base64url SHA-256 thumbprint (RFC 7638 §3.1) of a public JWK, or of a secret one for oct. */
export function thumbprint(jwk: Jwk): string {
  const members = THUMBPRINT_MEMBERS[String(jwk.kty)]
  if (members === undefined) throw new UsageError('the key has no kty RFC 7638 defines a thumbprint for')
  const required: Record<string, unknown> = {}
  for (const name of members) {
    if (typeof jwk[name] !== 'string') throw new UsageError(`the JWK lacks "${name}"`)
    required[name] = jwk[name]
  }
  return createHash('sha256').update(JSON.stringify(required)).digest('base64url')
}

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'priv']

/** The public JWK of PEM or JWK material (a private key's public half); a secret oct key stays as is. */
export function publicJwk(material: KeyMaterial): Jwk {
  if (material.kind === 'pem') {
    let key: KeyObject
    try {
      key = createPublicKey(material.pem)
    } catch {
      throw new UsageError('the PEM is not a key or certificate node:crypto can read')
    }
    return key.export({ format: 'jwk' }) as Jwk
  }
  if (material.kind !== 'jwk') throw new UsageError('one key (PEM or JWK) is needed, not a set or URL')
  const jwk: Jwk = { ...(material.jwk as Jwk) }
  for (const name of PRIVATE_MEMBERS) delete jwk[name]
  // key_ops of a private key (sign, decrypt) would contradict the public key's use.
  delete jwk.key_ops
  return jwk
}

export interface GenerateOptions {
  readonly kty: string
  readonly bits: number
  readonly crv: string | undefined
  readonly size: number
}

export interface GeneratedKey {
  readonly privateJwk: Jwk
  /** Undefined for oct: a secret has no public half. */
  readonly publicJwk: Jwk | undefined
  readonly privatePem: string | undefined
  readonly publicPem: string | undefined
}

export function generate({ kty, bits, crv, size }: GenerateOptions): GeneratedKey {
  if (kty === 'oct') {
    const jwk: Jwk = { kty: 'oct', k: randomBytes(size).toString('base64url') }
    return { privateJwk: jwk, publicJwk: undefined, privatePem: undefined, publicPem: undefined }
  }
  let pair
  if (kty === 'RSA') pair = generateKeyPairSync('rsa', { modulusLength: bits })
  else if (kty === 'EC') pair = generateKeyPairSync('ec', { namedCurve: crv ?? 'P-256' })
  else if (kty === 'OKP') pair = generateKeyPairSync(okpType(crv ?? 'Ed25519') as 'ed25519')
  else throw new UsageError('--kty must be RSA, EC, OKP or oct')
  return {
    privateJwk: pair.privateKey.export({ format: 'jwk' }) as Jwk,
    publicJwk: pair.publicKey.export({ format: 'jwk' }) as Jwk,
    privatePem: String(pair.privateKey.export({ type: 'pkcs8', format: 'pem' })),
    publicPem: String(pair.publicKey.export({ type: 'spki', format: 'pem' })),
  }
}

function okpType(crv: string): string {
  const type = { Ed25519: 'ed25519', Ed448: 'ed448', X25519: 'x25519', X448: 'x448' }[crv]
  if (type === undefined) throw new UsageError('--crv for OKP must be Ed25519, Ed448, X25519 or X448')
  return type
}
