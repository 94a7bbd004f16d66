/**
 * The Web Crypto and Fetch types the public declarations name, declared structurally so that
 * the published .d.ts compile without the DOM lib (a Node server on `--lib es2022 --types node`,
 * where @types/node has no global CryptoKey) and with it alike. Each is member for member the
 * DOM lib's own (lib.dom.d.ts), so values pass both ways between the two.
 *
 * src/ itself names the DOM globals; scripts/build.mjs makes every emitted declaration file
 * that names one import it from here instead. test/types/web-types.test-d.ts pins the
 * equivalence with the DOM lib.
 */
export type KeyUsage = 'decrypt' | 'deriveBits' | 'deriveKey' | 'encrypt' | 'sign' | 'unwrapKey' | 'verify' | 'wrapKey'

export interface CryptoKey {
  readonly algorithm: { name: string }
  readonly extractable: boolean
  readonly type: 'private' | 'public' | 'secret'
  readonly usages: KeyUsage[]
}

export interface CryptoKeyPair {
  privateKey: CryptoKey
  publicKey: CryptoKey
}

export interface RsaOtherPrimesInfo {
  d?: string
  r?: string
  t?: string
}

export interface JsonWebKey {
  alg?: string
  crv?: string
  d?: string
  dp?: string
  dq?: string
  e?: string
  ext?: boolean
  k?: string
  key_ops?: string[]
  kty?: string
  n?: string
  oth?: RsaOtherPrimesInfo[]
  p?: string
  q?: string
  qi?: string
  use?: string
  x?: string
  y?: string
}

/** `Headers` is a global of both the DOM lib and @types/node. */
export type HeadersInit = [string, string][] | Record<string, string> | Headers
