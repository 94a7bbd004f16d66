/** createVerifier's result cache: frozen hits, exp/maxTokenAge/nbf re-checked on every hit, no cached failures, LRU bound, in-flight sharing. */
import { describe, expect, it, vi } from 'vitest'
import { createVerifier } from '../../src/verifier/create-verifier.ts'
import { JoseError, type JwtClaimError } from '../../src/errors.ts'
import type { JwsHeader } from '../../src/serialization/header.ts'
import { expectJoseError } from '../helpers/expect-jose.ts'
import { nestedToken } from '../helpers/tokens.ts'
import { expectClaimError, useVerifierKeys, verificationKey } from '../helpers/verifier-fixture.ts'
import { T, at, countingResolver, token, verifierOptions } from '../helpers/create-verifier-fixture.ts'

useVerifierKeys()

describe('createVerifier', () => {
  describe('cache', () => {
    it('returns the same frozen result object for a repeated token', async () => {
      at(T)
      const resolver = countingResolver()
      const verifier = createVerifier(verifierOptions({ verificationKey: resolver }))
      const jwt = token({ roles: ['admin'], ctx: { tenant: 't1' } })
      const first = await verifier.verify(jwt)
      const second = await verifier.verify(jwt)
      expect(second).toBe(first)
      expect(resolver).toHaveBeenCalledTimes(1)
      expect(first.claims.roles).toEqual(['admin'])
      expect(first.encryptionHeader).toEqual({ alg: 'RSA-OAEP-256', enc: 'A256GCM', cty: 'JWT', kid: 'enc-1' })
      for (const part of [first, first.claims, first.header, first.encryptionHeader, first.claims.roles, first.claims.ctx]) {
        expect(Object.isFrozen(part)).toBe(true)
      }
      expect(() => {
        ;(first.claims as Record<string, unknown>).sub = 'admin'
      }).toThrow(TypeError)
      expect(() => {
        ;(first.claims.roles as string[]).push('root')
      }).toThrow(TypeError)
    })

    it('re-validates exp on every hit, with the clock tolerance, and drops the expired entry', async () => {
      at(T)
      const resolver = countingResolver()
      const verifier = createVerifier(verifierOptions({ verificationKey: resolver, clockTolerance: 30 }))
      const jwt = token({ exp: T + 100 })
      await verifier.verify(jwt)
      at(T + 100)
      await verifier.verify(jwt)
      at(T + 129)
      await verifier.verify(jwt)
      expect(resolver).toHaveBeenCalledTimes(1)
      at(T + 130)
      await expectClaimError(verifier.verify(jwt), 'ERR_JWT_EXPIRED', 'exp')
      expect(resolver).toHaveBeenCalledTimes(1)
      // the entry was dropped: back in the valid window, the token is verified afresh
      at(T + 10)
      await verifier.verify(jwt)
      expect(resolver).toHaveBeenCalledTimes(2)
    })

    it('without tolerance a cached token is rejected from the second exp names on', async () => {
      at(T)
      const verifier = createVerifier(verifierOptions())
      const jwt = token({ exp: T + 100 })
      await verifier.verify(jwt)
      at(T + 99)
      await expect(verifier.verify(jwt)).resolves.toBeDefined()
      at(T + 100)
      await expectClaimError(verifier.verify(jwt), 'ERR_JWT_EXPIRED', 'exp')
    })

    it('re-validates maxTokenAge on every hit', async () => {
      at(T)
      const resolver = countingResolver()
      const verifier = createVerifier(verifierOptions({ verificationKey: resolver, maxTokenAge: 60 }))
      const jwt = token()
      await verifier.verify(jwt)
      at(T + 60)
      await verifier.verify(jwt)
      expect(resolver).toHaveBeenCalledTimes(1)
      at(T + 61)
      await expectClaimError(verifier.verify(jwt), 'ERR_JWT_EXPIRED', 'iat')
    })

    it('never caches not-yet-valid: fails before nbf, succeeds after, then hits', async () => {
      const resolver = countingResolver()
      const verifier = createVerifier(verifierOptions({ verificationKey: resolver }))
      const jwt = token({ nbf: T + 100 })
      at(T)
      await expectClaimError(verifier.verify(jwt), 'ERR_JWT_NOT_YET_VALID', 'nbf')
      expect(resolver).toHaveBeenCalledTimes(1)
      at(T + 100)
      const result = await verifier.verify(jwt)
      expect(result.claims.nbf).toBe(T + 100)
      expect(resolver).toHaveBeenCalledTimes(2)
      at(T + 101)
      expect(await verifier.verify(jwt)).toBe(result)
      expect(resolver).toHaveBeenCalledTimes(2)
    })

    it('does not cache failures: an unknown kid succeeds once the key becomes known', async () => {
      at(T)
      const keys = new Map<string, CryptoKey>()
      const resolver = vi.fn(async (header: JwsHeader) => {
        const key = keys.get(header.kid!)
        if (key === undefined) throw new JoseError('ERR_JWKS_NO_MATCHING_KEY', 'no key for this kid')
        return key
      })
      const verifier = createVerifier(verifierOptions({ verificationKey: resolver }))
      const jwt = nestedToken({ claims: { iat: T, exp: T + 600 }, sign: { header: { kid: 'rotated' } } })
      await expectJoseError(verifier.verify(jwt), 'ERR_JWKS_NO_MATCHING_KEY')
      await expectJoseError(verifier.verify(jwt), 'ERR_JWKS_NO_MATCHING_KEY')
      keys.set('rotated', verificationKey)
      const result = await verifier.verify(jwt)
      expect(result.header.kid).toBe('rotated')
      expect(resolver).toHaveBeenCalledTimes(3)
    })

    it('is an LRU bounded by maxEntries: a third token evicts the least recently used', async () => {
      at(T)
      const resolver = countingResolver()
      const verifier = createVerifier(verifierOptions({ verificationKey: resolver, cache: { maxEntries: 2 } }))
      const [a, b, c] = [token(), token(), token()] as [string, string, string]
      await verifier.verify(a)
      await verifier.verify(b)
      expect(resolver).toHaveBeenCalledTimes(2)
      await verifier.verify(a) // hit, and a becomes the most recent
      expect(resolver).toHaveBeenCalledTimes(2)
      await verifier.verify(c) // evicts b
      expect(resolver).toHaveBeenCalledTimes(3)
      await verifier.verify(a)
      await verifier.verify(c)
      expect(resolver).toHaveBeenCalledTimes(3)
      await verifier.verify(b) // evicted: verified again
      expect(resolver).toHaveBeenCalledTimes(4)
    })

    it('cache: false verifies every time', async () => {
      at(T)
      const resolver = countingResolver()
      const verifier = createVerifier(verifierOptions({ verificationKey: resolver, cache: false }))
      const jwt = token()
      const first = await verifier.verify(jwt)
      const second = await verifier.verify(jwt)
      expect(second).not.toBe(first)
      expect(second).toEqual(first)
      expect(resolver).toHaveBeenCalledTimes(2)
    })

    it('concurrent verify() of the same uncached token verifies once', async () => {
      at(T)
      const resolver = countingResolver()
      const verifier = createVerifier(verifierOptions({ verificationKey: resolver }))
      const jwt = token()
      const results = await Promise.all([verifier.verify(jwt), verifier.verify(jwt), verifier.verify(jwt)])
      expect(resolver).toHaveBeenCalledTimes(1)
      expect(results[1]).toBe(results[0])
      expect(results[2]).toBe(results[0])
      // different tokens are not merged
      await Promise.all([verifier.verify(token()), verifier.verify(token())])
      expect(resolver).toHaveBeenCalledTimes(3)
    })

    it('concurrent verify() of a failing token fails every caller once, and caches nothing', async () => {
      at(T)
      let fail = true
      const resolver = vi.fn(async () => {
        if (fail) throw new JoseError('ERR_JWKS_NO_MATCHING_KEY', 'no key')
        return verificationKey
      })
      const verifier = createVerifier(verifierOptions({ verificationKey: resolver }))
      const jwt = token()
      const outcomes = await Promise.allSettled([verifier.verify(jwt), verifier.verify(jwt)])
      expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected'])
      for (const outcome of outcomes) expect(((outcome as PromiseRejectedResult).reason as JoseError).code).toBe('ERR_JWKS_NO_MATCHING_KEY')
      expect(resolver).toHaveBeenCalledTimes(1)
      fail = false
      await expect(verifier.verify(jwt)).resolves.toBeDefined()
      expect(resolver).toHaveBeenCalledTimes(2)
    })

    // A verification is judged when it completes: whoever receives the shared result while
    // the clock is past "exp" is refused, as a fresh verification would be.
    it('callers of an in-flight verification that completes after exp are refused (ERR_JWT_EXPIRED)', async () => {
      let release!: () => void
      const gate = new Promise<void>((resolve) => {
        release = resolve
      })
      const resolver = vi.fn(async () => {
        await gate
        return verificationKey
      })
      const verifier = createVerifier(verifierOptions({ verificationKey: resolver }))
      const jwt = token({ exp: T + 100 })
      at(T + 99)
      const early = verifier.verify(jwt)
      at(T + 100)
      const late = verifier.verify(jwt)
      release()
      await expectClaimError(early, 'ERR_JWT_EXPIRED', 'exp')
      await expectClaimError(late, 'ERR_JWT_EXPIRED', 'exp')
      expect(resolver).toHaveBeenCalledTimes(1)
    })

    it('a claim failure is not cached either: a wrong aud is verified and refused each time', async () => {
      at(T)
      const resolver = countingResolver()
      const verifier = createVerifier(verifierOptions({ verificationKey: resolver }))
      const jwt = token({ aud: 'https://other.example.com' })
      const error = await expectJoseError(verifier.verify(jwt), 'ERR_JWT_CLAIM_INVALID')
      expect((error as JwtClaimError).claim).toBe('aud')
      await expectJoseError(verifier.verify(jwt), 'ERR_JWT_CLAIM_INVALID')
      expect(resolver).toHaveBeenCalledTimes(2)
    })
  })
})
