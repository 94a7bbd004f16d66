import { hasOwn, type Hash, type RsaAlgorithmSpec } from './rsa-spec.ts'

/** RFC 7518 §3.3 (RSASSA-PKCS1-v1_5) and §3.5 (RSASSA-PSS). */
export type SignatureAlgorithm = 'RS256' | 'RS384' | 'RS512' | 'PS256' | 'PS384' | 'PS512'

const SIGN: readonly KeyUsage[] = ['sign']
const VERIFY: readonly KeyUsage[] = ['verify']

function spec(name: 'RSASSA-PKCS1-v1_5' | 'RSA-PSS', hash: Hash): RsaAlgorithmSpec {
  return { name, hash, use: 'sig', privateUsages: SIGN, publicUsages: VERIFY }
}

export const SIGNATURE_ALGORITHMS: Readonly<Record<SignatureAlgorithm, RsaAlgorithmSpec>> = {
  RS256: spec('RSASSA-PKCS1-v1_5', 'SHA-256'),
  RS384: spec('RSASSA-PKCS1-v1_5', 'SHA-384'),
  RS512: spec('RSASSA-PKCS1-v1_5', 'SHA-512'),
  PS256: spec('RSA-PSS', 'SHA-256'),
  PS384: spec('RSA-PSS', 'SHA-384'),
  PS512: spec('RSA-PSS', 'SHA-512'),
}

export function isSignatureAlgorithm(alg: unknown): alg is SignatureAlgorithm {
  return typeof alg === 'string' && hasOwn(SIGNATURE_ALGORITHMS, alg)
}

/** RFC 7518 §3.5: the PSS salt is as long as the hash output. */
const SALT_BYTES: Record<Hash, number> = { 'SHA-1': 20, 'SHA-256': 32, 'SHA-384': 48, 'SHA-512': 64 }

function params(alg: SignatureAlgorithm): AlgorithmIdentifier | RsaPssParams {
  const { name, hash } = SIGNATURE_ALGORITHMS[alg]
  return name === 'RSA-PSS' ? { name, saltLength: SALT_BYTES[hash] } : { name }
}

export function verifySignature(
  alg: SignatureAlgorithm,
  key: CryptoKey,
  signature: Uint8Array,
  signingInput: Uint8Array,
): Promise<boolean> {
  return crypto.subtle.verify(params(alg), key, signature as BufferSource, signingInput as BufferSource)
}

export async function createSignature(
  alg: SignatureAlgorithm,
  key: CryptoKey,
  signingInput: Uint8Array,
): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.sign(params(alg), key, signingInput as BufferSource))
}
