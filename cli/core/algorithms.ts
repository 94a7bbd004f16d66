/**
 * The JOSE algorithm names (IANA registry, RFC 7518 §3.1/§4.1/§5.1, RFC 8037, RFC 8812) and which of
 * them this build of webjose implements, found by asking the public verbs rather than by a list kept
 * here: algorithm families added to the library show up in the tools without a change. Web-safe.
 */
import { compactDecrypt, compactVerify, JoseError } from '../../src/index.ts'

export const JWS_ALGORITHMS = [
  'HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512',
  'ES256', 'ES384', 'ES512', 'ES256K', 'EdDSA', 'Ed25519', 'Ed448',
] as const
export const KEY_MANAGEMENT_ALGORITHMS = [
  'RSA-OAEP', 'RSA-OAEP-256', 'RSA-OAEP-384', 'RSA-OAEP-512', 'RSA1_5', 'dir',
  'A128KW', 'A192KW', 'A256KW', 'A128GCMKW', 'A192GCMKW', 'A256GCMKW',
  'ECDH-ES', 'ECDH-ES+A128KW', 'ECDH-ES+A192KW', 'ECDH-ES+A256KW',
  'PBES2-HS256+A128KW', 'PBES2-HS384+A192KW', 'PBES2-HS512+A256KW',
] as const
export const CONTENT_ENCRYPTION_ALGORITHMS = ['A128GCM', 'A192GCM', 'A256GCM', 'A128CBC-HS256', 'A192CBC-HS384', 'A256CBC-HS512'] as const

/** Options are checked before the token is read: an unimplemented name is ERR_ALG_NOT_SUPPORTED, anything else means implemented. */
async function accepted(probe: () => Promise<unknown>): Promise<boolean> {
  try {
    await probe()
    return true
  } catch (error) {
    return !(error instanceof JoseError && error.code === 'ERR_ALG_NOT_SUPPORTED')
  }
}

const never = (): never => {
  throw new Error('probe key resolver called')
}

async function filterSupported(names: readonly string[], probe: (name: string) => Promise<unknown>): Promise<string[]> {
  const flags = await Promise.all(names.map((name) => accepted(() => probe(name))))
  return names.filter((_, index) => flags[index])
}

export interface SupportedAlgorithms {
  readonly jws: string[]
  readonly keyManagement: string[]
  readonly contentEncryption: string[]
}

let supported: Promise<SupportedAlgorithms> | undefined

/** What compactVerify and compactDecrypt accept in their allow-lists, in this build. */
export function supportedAlgorithms(): Promise<SupportedAlgorithms> {
  supported ??= (async () => ({
    jws: await filterSupported(JWS_ALGORITHMS, (alg) => compactVerify('', never, { algorithms: [alg as never] })),
    keyManagement: await filterSupported(KEY_MANAGEMENT_ALGORITHMS, (alg) =>
      compactDecrypt('', never, { keyManagementAlgorithms: [alg as never], contentEncryptionAlgorithms: ['A256GCM'] }),
    ),
    contentEncryption: await filterSupported(CONTENT_ENCRYPTION_ALGORITHMS, (enc) =>
      compactDecrypt('', never, { keyManagementAlgorithms: ['RSA-OAEP-256'], contentEncryptionAlgorithms: [enc as never] }),
    ),
  }))()
  return supported
}

export const isKeyManagementName = (value: unknown): boolean => (KEY_MANAGEMENT_ALGORITHMS as readonly unknown[]).includes(value)
export const isContentEncryptionName = (value: unknown): boolean => (CONTENT_ENCRYPTION_ALGORITHMS as readonly unknown[]).includes(value)
