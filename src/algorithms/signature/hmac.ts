import { keyInvalid } from '../../errors.ts'
import type { Hash, KeySpec } from '../key-spec.ts'
import type { SignatureFamily } from './family.ts'
import { importOct as importer } from '../oct-importer.ts'

/** RFC 7518 §3.2: HMAC with SHA-2. */
export type HmacAlgorithm = 'HS256' | 'HS384' | 'HS512'

// A secret both signs and verifies.
const USAGES: readonly KeyUsage[] = ['sign', 'verify']


// RFC 7518 §3.2: "A key of the same size as the hash output or larger MUST be used".
const spec = (hash: Hash, secretBits: number): KeySpec => ({ name: 'HMAC', hash, kty: 'oct', use: 'sig', privateUsages: USAGES, publicUsages: USAGES, secretBits, importer })

export const HMAC_SPECS: Readonly<Record<HmacAlgorithm, KeySpec>> = {
  HS256: spec('SHA-256', 256),
  HS384: spec('SHA-384', 384),
  HS512: spec('SHA-512', 512),
}

/**
 * A CryptoKey made outside importKey (subtle.importKey accepts any length) is held to the same
 * RFC 7518 §3.2 minimum before it signs or verifies anything.
 */
function assertLongEnough(alg: string, key: CryptoKey): void {
  if (!((key.algorithm as HmacKeyAlgorithm).length >= HMAC_SPECS[alg as HmacAlgorithm].secretBits!)) {
    throw keyInvalid(`${alg} key shorter than the hash output`)
  }
}

export const hmacSignature: SignatureFamily = {
  specs: HMAC_SPECS,
  sign: async (alg, key, data) => {
    assertLongEnough(alg, key)
    return new Uint8Array(await crypto.subtle.sign('HMAC', key, data as BufferSource))
  },
  // subtle.verify compares the MAC in constant time; a comparison of our own would not.
  verify: async (alg, key, signature, data) => {
    assertLongEnough(alg, key)
    return crypto.subtle.verify('HMAC', key, signature as BufferSource, data as BufferSource)
  },
}
