/**
 * The one place tests make key pairs (with node:crypto, independent of the code under test).
 *
 * Why the keys come back through PEM: on Node 20, `keyObject.export({ format: 'jwk' })` holds
 * the key's mutex while it allocates strings. If the KeyObject came straight out of
 * `generateKeyPair[Sync]` (or `crypto.subtle.generateKey`), a GC during that allocation can run
 * the destructor of the finished key-generation job, which locks the same mutex: the worker
 * deadlocks at 0% CPU (seen under `vitest run --coverage`, where GC runs more often). So the
 * job is asked for PEM strings only, and the KeyObjects tests use are parsed afresh from them:
 * they share nothing with the job, and exporting them later cannot deadlock.
 */
import { createPrivateKey, createPublicKey, generateKeyPair, generateKeyPairSync, type KeyObject } from 'node:crypto'
import { promisify } from 'node:util'
import type { RsaOaepAlgorithm as KeyManagementAlgorithm } from '../../src/algorithms/key-management/rsa-oaep.ts'
import type { RsaSignatureAlgorithm as SignatureAlgorithm } from '../../src/algorithms/signature/rsa.ts'

export interface KeyObjects {
  readonly privateKey: KeyObject
  readonly publicKey: KeyObject
  /** PKCS#8 */
  readonly privatePem: string
  /** SPKI */
  readonly publicPem: string
}

export type KeyType = 'rsa' | 'ec' | 'ed25519' | 'ed448'

interface KeyTypeOptions {
  rsa: { modulusLength: number }
  ec: { namedCurve: string }
  ed25519: never
  ed448: never
}

const PEM = {
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
} as const

type PemPair = { privateKey: string; publicKey: string }
type PemGenerator = (type: KeyType, options: object) => PemPair
type AsyncPemGenerator = (type: KeyType, options: object) => Promise<PemPair>

// node's typings overload generateKeyPair[Sync] per literal type; one signature covers all three here.
const generatePems = generateKeyPairSync as unknown as PemGenerator
const generatePemsAsync = promisify(generateKeyPair) as unknown as AsyncPemGenerator

function detach({ privateKey, publicKey }: PemPair): KeyObjects {
  return { privateKey: createPrivateKey(privateKey), publicKey: createPublicKey(publicKey), privatePem: privateKey, publicPem: publicKey }
}

/** A fresh key pair whose KeyObjects are detached from the generation job (see above). */
export function generateKeyObjects<T extends KeyType>(type: T, ...options: T extends 'ed25519' | 'ed448' ? [] : [KeyTypeOptions[T]]): KeyObjects {
  return detach(generatePems(type, { ...options[0], ...PEM }))
}

/** generateKeyObjects on the thread pool, for tests that make several keys at once. */
export async function generateKeyObjectsAsync<T extends KeyType>(
  type: T,
  ...options: T extends 'ed25519' | 'ed448' ? [] : [KeyTypeOptions[T]]
): Promise<KeyObjects> {
  return detach(await generatePemsAsync(type, { ...options[0], ...PEM }))
}

// ---------------------------------------------------------------------------------------------
// EC and OKP test keys, one per alg, in every form importKey takes.

export interface TestCurveKey extends KeyObjects {
  readonly privateJwk: JsonWebKey
  readonly publicJwk: JsonWebKey
  /** SEC1 "EC PRIVATE KEY" (EC keys only). */
  readonly sec1Pem: string | undefined
}

/** The node:crypto key type and curve of each EC/OKP signature alg. */
export const CURVE_KEY_TYPES = {
  ES256: ['ec', 'P-256'],
  ES384: ['ec', 'P-384'],
  ES512: ['ec', 'P-521'],
  EdDSA: ['ed25519', 'Ed25519'],
  Ed25519: ['ed25519', 'Ed25519'],
  Ed448: ['ed448', 'Ed448'],
} as const

export type CurveAlgorithm = keyof typeof CURVE_KEY_TYPES

/** A fresh key pair for `alg` (for "EdDSA", Ed25519 unless `ed448`). */
export function generateCurveKey(alg: CurveAlgorithm, ed448 = false): TestCurveKey {
  const [type, crv] = ed448 ? CURVE_KEY_TYPES.Ed448 : CURVE_KEY_TYPES[alg]
  const key = type === 'ec' ? generateKeyObjects('ec', { namedCurve: crv }) : generateKeyObjects(type)
  return {
    ...key,
    privateJwk: key.privateKey.export({ format: 'jwk' }) as JsonWebKey,
    publicJwk: key.publicKey.export({ format: 'jwk' }) as JsonWebKey,
    sec1Pem: type === 'ec' ? (key.privateKey.export({ format: 'pem', type: 'sec1' }) as string) : undefined,
  }
}

// ---------------------------------------------------------------------------------------------
// RSA test keys in every form the tests feed the library.

export interface TestRsaKey extends KeyObjects {
  readonly privateJwk: JsonWebKey
  readonly publicJwk: JsonWebKey
  readonly pkcs1PrivatePem: string
  readonly pkcs1PublicPem: string
  readonly spkiDer: Buffer
  readonly pkcs1PublicDer: Buffer
}

/** `generateKeyObjects('rsa', …)` with the key exported in every form. */
export function generateRsaKey(bits = 2048): TestRsaKey {
  const key = generateKeyObjects('rsa', { modulusLength: bits })
  const { privateKey, publicKey } = key
  return {
    ...key,
    privateJwk: privateKey.export({ format: 'jwk' }) as JsonWebKey,
    publicJwk: publicKey.export({ format: 'jwk' }) as JsonWebKey,
    pkcs1PrivatePem: privateKey.export({ format: 'pem', type: 'pkcs1' }) as string,
    pkcs1PublicPem: publicKey.export({ format: 'pem', type: 'pkcs1' }) as string,
    spkiDer: publicKey.export({ format: 'der', type: 'spki' }),
    pkcs1PublicDer: publicKey.export({ format: 'der', type: 'pkcs1' }),
  }
}

const named = new Map<string, TestRsaKey>()
const listeners: ((key: TestRsaKey) => void)[] = []

/** A distinct RSA key pair per name and size, generated once per test file. */
export function namedKey(name: string, bits = 2048): TestRsaKey {
  const id = `${name}/${bits}`
  let key = named.get(id)
  if (key === undefined) {
    key = generateRsaKey(bits)
    named.set(id, key)
    for (const listener of listeners) listener(key)
  }
  return key
}

/** Calls `listener` for every key namedKey has made and will make (e.g. to treat it as secret). */
export function onNamedKey(listener: (key: TestRsaKey) => void): void {
  listeners.push(listener)
  for (const key of named.values()) listener(key)
}

/** The file's general-purpose RSA key of `bits`. */
export const rsaKey = (bits = 2048): TestRsaKey => namedKey('rsa', bits)

// ---------------------------------------------------------------------------------------------
// Web Crypto imports that bypass the library's importKey.

/** How each JOSE algorithm maps onto Web Crypto, written out here rather than taken from src/. */
export const WEB_CRYPTO: Record<SignatureAlgorithm | KeyManagementAlgorithm, { name: string; hash: string }> = {
  RS256: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
  RS384: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-384' },
  RS512: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-512' },
  PS256: { name: 'RSA-PSS', hash: 'SHA-256' },
  PS384: { name: 'RSA-PSS', hash: 'SHA-384' },
  PS512: { name: 'RSA-PSS', hash: 'SHA-512' },
  'RSA-OAEP': { name: 'RSA-OAEP', hash: 'SHA-1' },
  'RSA-OAEP-256': { name: 'RSA-OAEP', hash: 'SHA-256' },
  'RSA-OAEP-384': { name: 'RSA-OAEP', hash: 'SHA-384' },
  'RSA-OAEP-512': { name: 'RSA-OAEP', hash: 'SHA-512' },
}

/** The node:crypto digest name of `alg`'s hash: 'sha256', 'sha1', … */
export const nodeHash = (alg: SignatureAlgorithm | KeyManagementAlgorithm): string => WEB_CRYPTO[alg].hash.replace('-', '').toLowerCase()

/** Imports `key` through Web Crypto for `alg`, by default with sign/verify or decrypt+unwrapKey/encrypt+wrapKey. */
export function cryptoKeyFor(
  key: TestRsaKey,
  alg: SignatureAlgorithm | KeyManagementAlgorithm,
  type: 'private' | 'public',
  usages?: KeyUsage[],
): Promise<CryptoKey> {
  const spec = WEB_CRYPTO[alg]
  const oaep = spec.name === 'RSA-OAEP'
  const defaults: KeyUsage[] = oaep
    ? type === 'private'
      ? ['decrypt', 'unwrapKey']
      : ['encrypt', 'wrapKey']
    : type === 'private'
      ? ['sign']
      : ['verify']
  return crypto.subtle.importKey('jwk', type === 'private' ? key.privateJwk : key.publicJwk, spec, false, usages ?? defaults)
}

/** cryptoKeyFor on the file's rsaKey(bits). */
export function webCryptoKey(
  alg: SignatureAlgorithm | KeyManagementAlgorithm,
  type: 'private' | 'public',
  bits = 2048,
  usages?: KeyUsage[],
): Promise<CryptoKey> {
  return cryptoKeyFor(rsaKey(bits), alg, type, usages)
}

/** The RSA algorithms these helpers make keys for (WEB_CRYPTO's keys). */
export type RsaKeyAlgorithm = SignatureAlgorithm | KeyManagementAlgorithm
