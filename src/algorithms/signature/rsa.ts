import type { Hash, RsaAlgorithmSpec } from '../key-spec.ts'
import type { SignatureFamily } from './family.ts'

/** RFC 7518 §3.3 (RSASSA-PKCS1-v1_5) and §3.5 (RSASSA-PSS). */
export type RsaSignatureAlgorithm = 'RS256' | 'RS384' | 'RS512' | 'PS256' | 'PS384' | 'PS512'

const SIGN: readonly KeyUsage[] = ['sign']
const VERIFY: readonly KeyUsage[] = ['verify']

function spec(name: 'RSASSA-PKCS1-v1_5' | 'RSA-PSS', hash: Hash): RsaAlgorithmSpec {
  return { name, hash, kty: 'RSA', use: 'sig', privateUsages: SIGN, publicUsages: VERIFY }
}

export const RSA_SIGNATURE_SPECS: Readonly<Record<RsaSignatureAlgorithm, RsaAlgorithmSpec>> = {
  RS256: spec('RSASSA-PKCS1-v1_5', 'SHA-256'),
  RS384: spec('RSASSA-PKCS1-v1_5', 'SHA-384'),
  RS512: spec('RSASSA-PKCS1-v1_5', 'SHA-512'),
  PS256: spec('RSA-PSS', 'SHA-256'),
  PS384: spec('RSA-PSS', 'SHA-384'),
  PS512: spec('RSA-PSS', 'SHA-512'),
}

/** RFC 7518 §3.5: the PSS salt is as long as the hash output. */
const SALT_BYTES: Record<Hash, number> = { 'SHA-1': 20, 'SHA-256': 32, 'SHA-384': 48, 'SHA-512': 64 }

function params(alg: string): AlgorithmIdentifier | RsaPssParams {
  const { name, hash } = RSA_SIGNATURE_SPECS[alg as RsaSignatureAlgorithm]
  return name === 'RSA-PSS' ? { name, saltLength: SALT_BYTES[hash] } : { name }
}

export const rsaSignature: SignatureFamily = {
  specs: RSA_SIGNATURE_SPECS,
  verify: (alg, key, signature, data) =>
    crypto.subtle.verify(params(alg), key, signature as BufferSource, data as BufferSource).catch(() => false),
  sign: async (alg, key, data) => new Uint8Array(await crypto.subtle.sign(params(alg), key, data as BufferSource)),
}
