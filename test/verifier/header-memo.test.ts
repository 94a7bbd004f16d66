import { describe, expect, it } from 'vitest'
import { decodeProtectedHeader, HEADER_MEMO, type HeaderOptions } from '../../src/serialization/header.ts'
import { VerifierHeaderMemo } from '../../src/verifier/header-memo.ts'
import { createVerifier, type VerifierOptions } from '../../src/verifier/create-verifier.ts'
import { decryptAndVerifyJwt } from '../../src/verifier/decrypt-and-verify-jwt.ts'
import { jwtVerify } from '../../src/jwt/jwt-verify.ts'
import { expectJoseError, expectJoseErrorSync } from '../helpers/expect-jose.ts'
import { AUDIENCE, ISSUER, NESTED_TOKEN_POLICY, accessTokenOptions, nestedToken, segments, signJws } from '../helpers/tokens.ts'
import { decryptionKey, useVerifierKeys, verificationKey } from '../helpers/verifier-fixture.ts'

const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url')

describe('VerifierHeaderMemo', () => {
  it('deep-freezes what it keeps, nested members included', () => {
    const memo = new VerifierHeaderMemo()
    const header = { alg: 'RS256', crit: ['exp1'], exp1: 1, jwk: { kty: 'RSA' } }
    memo.set('segment', header)
    expect(memo.get('segment')).toBe(header)
    for (const part of [header, header.crit, header.jwk]) expect(Object.isFrozen(part)).toBe(true)
  })

  it.each(['epk', 'iv', 'tag', 'p2s'])('keeps no header with "%s", which makes it one token\'s own', (name) => {
    const memo = new VerifierHeaderMemo()
    memo.set('repeating', { alg: 'RS256' })
    memo.set('own', { alg: 'ECDH-ES', enc: 'A256GCM', [name]: 'x' })
    expect([...memo.keys()]).toEqual(['repeating'])
  })

  it('holds at most 64 headers: the 65th starts it over', () => {
    const memo = new VerifierHeaderMemo()
    for (let i = 0; i < 64; i++) memo.set(`segment-${i}`, { alg: 'RS256', kid: `${i}` })
    expect(memo.size).toBe(64)
    memo.set('segment-64', { alg: 'RS256' })
    expect(memo.size).toBe(1)
    expect(memo.get('segment-0')).toBeUndefined()
    expect(memo.get('segment-64')).toEqual({ alg: 'RS256' })
  })
})

describe('decodeProtectedHeader with a memo', () => {
  const withMemo = (extra: Omit<HeaderOptions, typeof HEADER_MEMO> = {}) => {
    const memo = new VerifierHeaderMemo()
    return { options: { ...extra, [HEADER_MEMO]: memo } as HeaderOptions, memo }
  }

  it('decodes a segment once: a repeat gets the same frozen object', () => {
    const { options, memo } = withMemo()
    const segment = b64({ alg: 'RS256', kid: 'k1' })
    const first = decodeProtectedHeader(segment, 'JWS', options)
    expect(decodeProtectedHeader(segment, 'JWS', options)).toBe(first)
    expect(Object.isFrozen(first)).toBe(true)
    expect(memo.size).toBe(1)
  })

  it('serves what the memo holds for the segment without decoding it again', () => {
    const { options, memo } = withMemo()
    const held = { alg: 'PS256', kid: 'held' }
    memo.set('not-base64url!', held)
    expect(decodeProtectedHeader('not-base64url!', 'JWS', options)).toBe(held)
  })

  it('checks the kind on every hit: a header memoized from a JWS, without "enc", is no JWE header', () => {
    const { options } = withMemo()
    const segment = b64({ alg: 'RS256' })
    decodeProtectedHeader(segment, 'JWS', options)
    expectJoseErrorSync(() => decodeProtectedHeader(segment, 'JWE', options), 'ERR_JWE_INVALID')
  })

  it('checks "alg" on every hit', () => {
    const { options, memo } = withMemo()
    memo.set('held', { kid: 'no-alg' })
    expectJoseErrorSync(() => decodeProtectedHeader('held', 'JWS', options), 'ERR_JWS_INVALID')
  })

  it('checks "crit" on every hit, against the options of the call', () => {
    const segment = b64({ alg: 'RS256', crit: ['exp1'], exp1: true })
    const memo = new VerifierHeaderMemo()
    decodeProtectedHeader(segment, 'JWS', { [HEADER_MEMO]: memo, crit: ['exp1'] })
    expect(memo.size).toBe(1)
    expectJoseErrorSync(() => decodeProtectedHeader(segment, 'JWS', { [HEADER_MEMO]: memo }), 'ERR_CRIT_UNSUPPORTED')
  })

  it.each([
    ['too long for the options', 'x'.repeat(65), 'ERR_TOKEN_TOO_LARGE'],
    ['empty', '', 'ERR_JWS_INVALID'],
    ['not base64url', 'e30=', 'ERR_BASE64URL'],
    ['not JSON', b64('{"alg":'), 'ERR_JWS_INVALID'],
    ['not an object', b64('["RS256"]'), 'ERR_JWS_INVALID'],
    ['a member of the wrong type', b64({ alg: 'RS256', kid: 7 }), 'ERR_JWS_INVALID'],
  ] as const)('memoizes nothing it refuses: %s → %s', (_case, segment, code) => {
    const { options, memo } = withMemo({ maxHeaderLength: 64 })
    expectJoseErrorSync(() => decodeProtectedHeader(segment, 'JWS', options), code)
    expect(memo.size).toBe(0)
  })
})

describe('a verifier memoizes its tokens\' headers', () => {
  const T = 2_000_000_000
  useVerifierKeys()
  const options = (): VerifierOptions => ({ decryptionKey, verificationKey, ...NESTED_TOKEN_POLICY, now: () => T * 1000, cache: false })
  const token = (sub: string) => nestedToken({ claims: { iat: T, exp: T + 600, sub } })

  it('two tokens with the same headers share both header objects, frozen', async () => {
    const verifier = createVerifier(options())
    const [a, b] = [await verifier.verify(token('a')), await verifier.verify(token('b'))]
    expect(a.claims.sub).toBe('a')
    expect(b.claims.sub).toBe('b')
    expect(b.header).toBe(a.header)
    expect(b.encryptionHeader).toBe(a.encryptionHeader)
    expect(Object.isFrozen(a.header) && Object.isFrozen(a.encryptionHeader)).toBe(true)
  })

  it('a memoized header spares no check of the token: a bad signature under it is refused', async () => {
    const verifier = createVerifier(options())
    await verifier.verify(token('a'))
    // The same headers as every token here; the signature is another payload's.
    const claims = { iss: ISSUER, aud: AUDIENCE, iat: T, exp: T + 600 }
    const [header, payload] = segments(signJws({ ...claims, sub: 'b' }))
    const otherSignature = segments(signJws({ ...claims, sub: 'c' }))[2]
    const forged = nestedToken({ plaintext: `${header}.${payload}.${otherSignature}` })
    await expectJoseError(verifier.verify(forged), 'ERR_JWS_SIGNATURE_INVALID')
  })

  it('keeps its own memo: one in the caller\'s options is not used', async () => {
    const lying = { get: () => ({ alg: 'RS256', enc: 'A256GCM' }), set: () => undefined }
    const verifier = createVerifier({ ...options(), headerMemo: lying } as VerifierOptions)
    const result = await verifier.verify(token('a'))
    expect(result.encryptionHeader).toEqual({ alg: 'RSA-OAEP-256', enc: 'A256GCM', cty: 'JWT', kid: 'enc-1' })
    expect(result.header).toEqual({ alg: 'RS256', typ: 'JWT', kid: 'sig-1' })
  })

  it('a key resolver gets the frozen header every token with that segment shares', async () => {
    const seen: object[] = []
    const verifier = createVerifier({ ...options(), verificationKey: (header) => (seen.push(header), verificationKey) })
    await verifier.verify(token('a'))
    await verifier.verify(token('b'))
    expect(seen[1]).toBe(seen[0])
    expect(Object.isFrozen(seen[0])).toBe(true)
  })

  it('the verbs take no memo from a caller: a map under any name in the options spares no header check', async () => {
    const claims = { iss: ISSUER, aud: AUDIENCE, iat: T, exp: T + 600, sub: 'a' }
    const long = signJws(claims, { header: { kid: 'k'.repeat(300) } })
    const [header] = segments(long)
    const memo = new VerifierHeaderMemo()
    memo.set(header!, { alg: 'RS256', typ: 'JWT' })
    const loose = { algorithms: ['RS256'] as const, issuer: ISSUER, audience: AUDIENCE, currentDate: new Date(T * 1000), maxHeaderLength: 64, headerMemo: memo, memo }
    await expectJoseError(jwtVerify(long, verificationKey, loose as never), 'ERR_TOKEN_TOO_LARGE')
    const nested = nestedToken({ plaintext: long })
    memo.set(segments(nested)[0]!, { alg: 'RSA-OAEP-256', enc: 'A256GCM', cty: 'JWT', kid: 'enc-1' })
    const call = { ...accessTokenOptions(decryptionKey, verificationKey), ...loose }
    await expectJoseError(decryptAndVerifyJwt(nested, call as never), 'ERR_TOKEN_TOO_LARGE')
  })

  it('the one-call decryptAndVerifyJwt memoizes nothing: its headers are the caller\'s to keep', async () => {
    const call = accessTokenOptions(decryptionKey, verificationKey, { currentDate: new Date(T * 1000) })
    const [a, b] = [await decryptAndVerifyJwt(token('a'), call), await decryptAndVerifyJwt(token('b'), call)]
    expect(b.header).not.toBe(a.header)
    expect(Object.isFrozen(a.header)).toBe(false)
  })
})
