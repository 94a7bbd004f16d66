import type { KeyImporter } from '../keys/import-key.ts'

/** How one JOSE algorithm maps onto Web Crypto keys. */
export type Hash = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512'

/** JWK key types (RFC 7518 §6.1, RFC 8037 §2, RFC 9964 "AKP"). */
export type KeyType = 'RSA' | 'EC' | 'OKP' | 'oct' | 'AKP'

/**
 * What a key must be to serve one "alg". The object doubles as the Web Crypto import algorithm:
 * Web Crypto reads only the dictionary members it knows (name, hash, namedCurve).
 */
export interface KeySpec {
  /** Web Crypto algorithm name the key is imported with. */
  readonly name: string
  readonly hash?: Hash
  readonly namedCurve?: string
  readonly kty: KeyType
  /** The JWK "crv" the key must carry (EC and OKP keys). */
  readonly crv?: string
  /** RFC 7517 §4.2 "use" value. */
  readonly use: 'sig' | 'enc'
  /** Usages of a private key (for a secret key: every usage). */
  readonly privateUsages: readonly KeyUsage[]
  readonly publicUsages: readonly KeyUsage[]
  /**
   * A secret's (kty "oct") bits: those a generated key has, and the fewest an imported one may
   * have (RFC 7518 §3.2 for HMAC; an AES key must have exactly these, §4.4, §4.7). None for "dir",
   * whose size is its enc's CEK (generateSecret takes the enc), nor for a PBES2 password.
   */
  readonly secretBits?: number
  /** Non-RSA keys: loads the module that imports this key type (e.g. keys/import-oct.ts). */
  readonly importer?: () => Promise<KeyImporter>
  /** The other key an alg whose name fixes no curve also takes ("EdDSA": Ed25519, or Ed448). */
  readonly or?: KeySpec
}

/** The RSA key specs keep their name: RSA signatures and RSA-OAEP share the import code. */
export interface RsaAlgorithmSpec extends KeySpec {
  readonly name: 'RSASSA-PKCS1-v1_5' | 'RSA-PSS' | 'RSA-OAEP'
  readonly hash: Hash
  readonly kty: 'RSA'
}

/** RFC 7518 §3.3, §3.5 and §4.3: RSA keys used with JOSE must be at least 2048 bits. */
export const MIN_RSA_MODULUS_BITS = 2048
