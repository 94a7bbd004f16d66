/** What the createVerifier tests share: an injected clock, a counting key resolver, the verifier's options and a token. */
import { vi } from 'vitest'
import type { VerifierOptions } from '../../src/verifier/create-verifier.ts'
import type { JwsHeader } from '../../src/serialization/header.ts'
import { NESTED_TOKEN_POLICY, nestedToken } from './tokens.ts'
import { decryptionKey, verificationKey, withLooseMembers } from './verifier-fixture.ts'

/** A fixed moment, in seconds; every verifier here runs on an injected clock. */
export const T = 2_000_000_000

let clock: number
/** The injected clock, in milliseconds. */
export const now = () => clock

/** Sets the injected clock to `seconds`. */
export const at = (seconds: number) => {
  clock = seconds * 1000
}

/** A verification-key resolver that counts how often a token is really verified. */
export function countingResolver() {
  return vi.fn(async (_header: JwsHeader) => verificationKey)
}

/** createVerifier's options for token()'s tokens, on the injected clock, with overrides. */
export function verifierOptions(overrides: Partial<VerifierOptions> = {}): VerifierOptions {
  return { decryptionKey, verificationKey: countingResolver(), ...NESTED_TOKEN_POLICY, now, ...overrides }
}

/** verifierOptions() with members replaced or removed as a JavaScript caller could (see withLooseMembers). */
export const loose = (overrides: Record<string, unknown>): VerifierOptions => withLooseMembers(verifierOptions(), overrides)

/** A nested token issued at T and valid for ten minutes unless the claims say otherwise. */
export const token = (claims: Record<string, unknown> = {}) => nestedToken({ claims: { iat: T, exp: T + 600, ...claims } })
