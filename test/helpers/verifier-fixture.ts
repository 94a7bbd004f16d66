/**
 * What the decryptAndVerifyJwt and createVerifier tests share: the recipient's and the signers'
 * keys imported once per file, decryptAndVerifyJwt's options for nestedToken's tokens, and the
 * check of a JwtClaimError.
 */
import { afterEach, beforeAll, expect, vi } from 'vitest'
import type { DecryptAndVerifyJwtOptions } from '../../src/verifier/decrypt-and-verify-jwt.ts'
import { JwtClaimError } from '../../src/errors.ts'
import { expectJoseError } from './expect-jose.ts'
import { accessTokenOptions, cryptoKeyFor, namedKey } from './tokens.ts'

/** namedKey('recipient') for RSA-OAEP-256; set by useVerifierKeys before the file's first test. */
export let decryptionKey: CryptoKey
/** namedKey('signer') for RS256: the key nestedToken signs with. */
export let verificationKey: CryptoKey
/** namedKey('other-signer') for RS256: a valid key that did not sign nestedToken's tokens. */
export let otherVerificationKey: CryptoKey

/** Imports the three keys before the file's tests and restores every spy after each test. */
export function useVerifierKeys(): void {
  beforeAll(async () => {
    ;[decryptionKey, verificationKey, otherVerificationKey] = await Promise.all([
      cryptoKeyFor(namedKey('recipient'), 'RSA-OAEP-256', 'private'),
      cryptoKeyFor(namedKey('signer'), 'RS256', 'public'),
      cryptoKeyFor(namedKey('other-signer'), 'RS256', 'public'),
    ])
  })
  afterEach(() => {
    vi.restoreAllMocks()
  })
}

/** `options` with members replaced by arbitrary values, or removed when undefined, as a JavaScript caller could pass. */
export function withLooseMembers<T>(options: T, overrides: Record<string, unknown>): T {
  const result: Record<string, unknown> = { ...options, ...overrides }
  for (const [name, value] of Object.entries(overrides)) if (value === undefined) delete result[name]
  return result as unknown as T
}

/** decryptAndVerifyJwt's options for nestedToken's tokens, with overrides. */
export function options(overrides: Partial<DecryptAndVerifyJwtOptions> = {}): DecryptAndVerifyJwtOptions {
  return accessTokenOptions(decryptionKey, verificationKey, overrides)
}

/** options() with members replaced or removed as a JavaScript caller could (see withLooseMembers). */
export const loose = (overrides: Record<string, unknown>): DecryptAndVerifyJwtOptions => withLooseMembers(options(), overrides)

/** Asserts that `action` fails with a JwtClaimError of `code` about `claim`, for `reason`. */
export async function expectClaimError(
  action: Promise<unknown>,
  code: JwtClaimError['code'],
  claim: string,
  reason: JwtClaimError['reason'] = 'check_failed',
): Promise<void> {
  const error = await expectJoseError(action, code)
  expect(error).toBeInstanceOf(JwtClaimError)
  expect((error as JwtClaimError).claim).toBe(claim)
  expect((error as JwtClaimError).reason).toBe(reason)
}
