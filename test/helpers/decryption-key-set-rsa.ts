/** The RSA DecryptionKeySet tests' tokens: nested JWTs encrypted to named keys, opened with decryptAndVerifyJwt. */
import { afterEach, beforeAll, vi } from 'vitest'
import { decryptAndVerifyJwt, type DecryptAndVerifyJwtOptions } from '../../src/verifier/decrypt-and-verify-jwt.ts'
import type { RsaOaepAlgorithm as KeyManagementAlgorithm } from '../../src/algorithms/key-management/rsa-oaep.ts'
import type { TestRsaKey } from './keys.ts'
import { NESTED_TOKEN_POLICY, cryptoKeyFor, namedKey, nestedToken } from './tokens.ts'

export const ALL_OAEP: KeyManagementAlgorithm[] = ['RSA-OAEP', 'RSA-OAEP-256', 'RSA-OAEP-384', 'RSA-OAEP-512']

let verificationKey: CryptoKey

/**
 * Registers the hooks open() relies on: the signer's verification key is imported before the tests
 * (so no importKey spy counts it), and spies are restored after each test.
 */
export function useNestedTokens(): void {
  beforeAll(async () => {
    verificationKey = await cryptoKeyFor(namedKey('signer'), 'RS256', 'public')
  })
  afterEach(() => {
    vi.restoreAllMocks()
  })
}

function options(decryptionKey: DecryptAndVerifyJwtOptions['decryptionKey']): DecryptAndVerifyJwtOptions {
  return { decryptionKey, verificationKey, ...NESTED_TOKEN_POLICY, keyManagementAlgorithms: ALL_OAEP }
}

/** A nested token encrypted to `key`, with the given JWE kid (none when undefined). */
export function tokenFor(key: TestRsaKey, kid?: string, alg: KeyManagementAlgorithm = 'RSA-OAEP-256'): string {
  return nestedToken({ encrypt: { key, alg, header: { kid } } })
}

export const open = (token: string, set: DecryptAndVerifyJwtOptions['decryptionKey']) => decryptAndVerifyJwt(token, options(set))

export const importCalls = (spy: { mock: { calls: unknown[][] } }, format: string) => spy.mock.calls.filter((call) => call[0] === format).length
// A PEM import first makes an extractable pkcs8 probe, whose JWK is then imported with the weak-key checks (import-rsa.ts):
// the keys a set holds are those JWK imports.
export const keysMade = (spy: { mock: { calls: unknown[][] } }, format: string) => spy.mock.calls.filter((call) => call[0] === format && call[3] === false).length
