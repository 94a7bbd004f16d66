// Type-level tests, typechecked by `tsc -p tsconfig.test.json` (npm run typecheck). The calls sit in
// functions that never run: what is checked is what compiles. The runtime check at the end shows
// that the readonly typing matches the frozen verifier results.
import { describe, expect, expectTypeOf, it } from 'vitest'
import {
  createVerifier,
  decryptAndVerifyJwt,
  jwtVerify,
  verifyAuthorization,
  verifyRequest,
  type DecryptAndVerifyJwtOptions,
  type JwtVerifyOptions,
  type KeyInput,
  type JwsHeader,
  type Verifier,
} from '../../src/index.ts'
import { AUDIENCE, ISSUER, cryptoKeyFor, namedKey, nestedToken, nowSeconds } from '../helpers/tokens.ts'

interface AppClaims {
  permissions: string[]
  scope: string
  org: { id: string }
}

declare const token: string
declare const verifier: Verifier
declare const jwtOptions: JwtVerifyOptions
declare const accessOptions: DecryptAndVerifyJwtOptions
declare const key: KeyInput<JwsHeader>

async function typedClaims(): Promise<void> {
  const verified = await verifier.verify<AppClaims>(token)
  expectTypeOf(verified.claims.permissions).toEqualTypeOf<readonly string[]>()
  expectTypeOf(verified.claims.org.id).toEqualTypeOf<string>()
  // The registered claims keep their types next to the caller's.
  expectTypeOf(verified.claims.sub).toEqualTypeOf<string | undefined>()
  expectTypeOf(verified.claims.exp).toEqualTypeOf<number | undefined>()
  expectTypeOf(verified.claims.aud).toEqualTypeOf<string | readonly string[] | undefined>()
  // Without a type argument, other claims are unknown.
  const plain = await verifier.verify(token)
  expectTypeOf(plain.claims.scope).toEqualTypeOf<unknown>()
  expectTypeOf(plain.claims.sub).toEqualTypeOf<string | undefined>()

  const { claims } = await jwtVerify<AppClaims>(token, key, jwtOptions)
  expectTypeOf(claims.scope).toEqualTypeOf<string>()
  expectTypeOf(claims.iss).toEqualTypeOf<string | undefined>()
  const decrypted = await decryptAndVerifyJwt<AppClaims>(token, accessOptions)
  expectTypeOf(decrypted.claims.permissions).toEqualTypeOf<string[]>()
  expectTypeOf(decrypted.claims.jti).toEqualTypeOf<string | undefined>()

  const auth = await verifyAuthorization<AppClaims>('Bearer x', verifier)
  if (auth.ok) expectTypeOf(auth.result.claims.scope).toEqualTypeOf<string>()
  const fromRequest = await verifyRequest<AppClaims>(new Request('https://api.example'), verifier)
  if (fromRequest.ok) expectTypeOf(fromRequest.result.claims.org).toEqualTypeOf<{ readonly id: string }>()
}

async function frozenResultsAreReadonly(): Promise<void> {
  const verified = await verifier.verify<AppClaims>(token)
  // @ts-expect-error: verifier results are frozen
  verified.claims.sub = 'x'
  // @ts-expect-error: deeply
  verified.claims.permissions.push('admin')
  // @ts-expect-error: deeply
  verified.claims.org.id = 'other'
  // @ts-expect-error: the header too
  verified.header.alg = 'none'
  // @ts-expect-error: and the result itself
  verified.claims = verified.claims
}

describe('typed claims', () => {
  it('typechecks (see the functions above)', () => {
    expect([typedClaims, frozenResultsAreReadonly].every((check) => typeof check === 'function')).toBe(true)
  })

  it('verifier results typed readonly are frozen at run time, custom claims as issued', async () => {
    const verifier = createVerifier({
      decryptionKey: await cryptoKeyFor(namedKey('recipient'), 'RSA-OAEP-256', 'private'),
      verificationKey: await cryptoKeyFor(namedKey('signer'), 'RS256', 'public'),
      keyManagementAlgorithms: ['RSA-OAEP-256'],
      contentEncryptionAlgorithms: ['A256GCM'],
      algorithms: ['RS256'],
      issuer: ISSUER,
      audience: AUDIENCE,
    })
    const issued = { permissions: ['read:messages'], scope: 'read:messages', org: { id: 'o1' }, exp: nowSeconds() + 600 }
    const verified = await verifier.verify<AppClaims>(nestedToken({ claims: issued }))
    expect(verified.claims.permissions).toEqual(['read:messages'])
    expect(verified.claims.org.id).toBe('o1')
    expect(() => {
      ;(verified.claims as { sub?: string }).sub = 'x'
    }).toThrow(TypeError)
    expect(() => (verified.claims.permissions as string[]).push('admin')).toThrow(TypeError)
  })
})
