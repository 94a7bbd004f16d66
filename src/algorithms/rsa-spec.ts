/** How one RSA-based JOSE algorithm maps onto Web Crypto. */
export type Hash = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512'

export interface RsaAlgorithmSpec {
  /** Web Crypto algorithm name the key is imported with. */
  readonly name: 'RSASSA-PKCS1-v1_5' | 'RSA-PSS' | 'RSA-OAEP'
  readonly hash: Hash
  /** RFC 7517 §4.2 "use" value. */
  readonly use: 'sig' | 'enc'
  readonly privateUsages: readonly KeyUsage[]
  readonly publicUsages: readonly KeyUsage[]
}

/** RFC 7518 §3.3, §3.5 and §4.3: RSA keys used with JOSE must be at least 2048 bits. */
export const MIN_RSA_MODULUS_BITS = 2048

export const hasOwn = (record: object, key: string): boolean => Object.prototype.hasOwnProperty.call(record, key)
