/**
 * Thumbprints come from the library (calculateJwkThumbprint), so the CLI's kids are the ones
 * webjose computes. Key generation and reading a PEM's public half stay on node:crypto: the CLI
 * generates by kty/crv and writes PEM, and reads a PEM without knowing its alg, while the
 * library's verbs are keyed by alg and export JWKs only.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto'
import { calculateJwkThumbprint, JoseError } from '../src/index.ts'
import { UsageError } from './args.ts'
import type { KeyMaterial } from './core/key-material.ts'

export type Jwk = JsonWebKey & { kid?: string; [member: string]: unknown }

/** The base64url SHA-256 thumbprint (RFC 7638 §3.1) of a public JWK, or of a secret one for oct. */
export async function thumbprint(jwk: Jwk): Promise<string> {
  try {
    return await calculateJwkThumbprint(jwk)
  } catch (error) {
    // The library's message names the member that fails RFC 7638 §3.2; for the CLI it is a usage error.
    if (error instanceof JoseError) throw new UsageError(`no RFC 7638 thumbprint: ${error.message}`)
    throw error
  }
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
  // PEM out of the generation job, KeyObjects parsed afresh: on Node 20 exporting a JWK from the
  // job's own KeyObject can deadlock with its destructor (see test/helpers/keys.ts).
  const encoding = { privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } } as const
  const generatePem = generateKeyPairSync as unknown as (type: string, options: object) => { privateKey: string; publicKey: string }
  let pair
  if (kty === 'RSA') pair = generatePem('rsa', { modulusLength: bits, ...encoding })
  else if (kty === 'EC') pair = generatePem('ec', { namedCurve: crv ?? 'P-256', ...encoding })
  else if (kty === 'OKP') pair = generatePem(okpType(crv ?? 'Ed25519'), encoding)
  else throw new UsageError('--kty must be RSA, EC, OKP or oct')
  return {
    privateJwk: createPrivateKey(pair.privateKey).export({ format: 'jwk' }) as Jwk,
    publicJwk: createPublicKey(pair.publicKey).export({ format: 'jwk' }) as Jwk,
    privatePem: pair.privateKey,
    publicPem: pair.publicKey,
  }
}

function okpType(crv: string): string {
  const type = { Ed25519: 'ed25519', Ed448: 'ed448', X25519: 'x25519', X448: 'x448' }[crv]
  if (type === undefined) throw new UsageError('--crv for OKP must be Ed25519, Ed448, X25519 or X448')
  return type
}
