import type { Hash, RsaAlgorithmSpec } from '../key-spec.ts'
import type { SignatureFamily } from './family.ts'

/** RFC 7518 §3.3 (RSASSA-PKCS1-v1_5) and §3.5 (RSASSA-PSS). */
export type RsaSignatureAlgorithm = 'RS256' | 'RS384' | 'RS512' | 'PS256' | 'PS384' | 'PS512'

/**
 * RS* is RSASSA-PKCS1-v1_5 and PS* RSASSA-PSS, each with the SHA-2 hash its digits name. A spec is
 * also the sign and verify parameters: RFC 7518 §3.5 makes the PSS salt as long as the hash output
 * (SHA-256: 32 bytes), and RSASSA-PKCS1-v1_5, like key import, ignores the member.
 */
export const RSA_SIGNATURE_SPECS = Object.fromEntries(
  ['RS', 'PS'].flatMap((kind) =>
    ['256', '384', '512'].map((size) => [
      kind + size,
      {
        name: kind === 'RS' ? 'RSASSA-PKCS1-v1_5' : 'RSA-PSS',
        hash: `SHA-${size}` as Hash,
        saltLength: +size >>> 3,
        kty: 'RSA',
        use: 'sig',
        privateUsages: ['sign'],
        publicUsages: ['verify'],
      } satisfies RsaAlgorithmSpec & RsaPssParams,
    ]),
  ),
) as unknown as Readonly<Record<RsaSignatureAlgorithm, RsaAlgorithmSpec>>

const params = (alg: string): RsaPssParams => RSA_SIGNATURE_SPECS[alg as RsaSignatureAlgorithm] as RsaAlgorithmSpec & RsaPssParams

export const rsaSignature: SignatureFamily = {
  specs: RSA_SIGNATURE_SPECS,
  verify: (alg, key, signature, data) =>
    crypto.subtle.verify(params(alg), key, signature as BufferSource, data as BufferSource).catch(() => false),
  sign: async (alg, key, data) => new Uint8Array(await crypto.subtle.sign(params(alg), key, data as BufferSource)),
}
