/**
 * Interop with panva/jose for ECDSA and EdDSA, both ways: ES256/384/512 and EdDSA (Ed25519),
 * plus webjose's Ed25519 (RFC 9864) verified by jose where it knows the name. Keys go to jose
 * through its importPKCS8/importSPKI/importJWK, to webjose through importKey.
 */
import { describe, expect, it } from 'vitest'
import * as jose from 'jose'
import { compactSign, compactVerify, importKey, jwtVerify, signJwt, type SignatureAlgorithm } from '../../src/index.ts'
import { expectJoseError } from '../helpers/expect-jose.ts'
import { generateCurveKey, type CurveAlgorithm } from '../helpers/keys.ts'

const ALGS: CurveAlgorithm[] = ['ES256', 'ES384', 'ES512', 'EdDSA']
const payload = new TextEncoder().encode('interop payload')

describe.each(ALGS)('%s with jose', (alg) => {
  const key = generateCurveKey(alg)
  const ours = Promise.all([importKey(key.privatePem, alg), importKey(key.publicJwk, alg)])
  const theirs = Promise.all([jose.importPKCS8(key.privatePem, alg), jose.importSPKI(key.publicPem, alg)])

  it('jose signs, webjose verifies', async () => {
    const [, publicKey] = await ours
    const [privateKey] = await theirs
    const jws = await new jose.CompactSign(payload).setProtectedHeader({ alg, kid: 'k' }).sign(privateKey)
    const result = await compactVerify(jws, publicKey, { algorithms: [alg as SignatureAlgorithm] })
    expect(Buffer.from(result.payload).toString()).toBe('interop payload')
    expect(result.header).toEqual({ alg, kid: 'k' })
  })

  it('webjose signs, jose verifies; a tampered token is refused by both', async () => {
    const [privateKey, publicKey] = await ours
    const [, joseKey] = await theirs
    const jws = await compactSign(payload, privateKey, { alg: alg as SignatureAlgorithm })
    const { payload: verified } = await jose.compactVerify(jws, joseKey, { algorithms: [alg] })
    expect(Buffer.from(verified).toString()).toBe('interop payload')
    const signature = Buffer.from(jws.split('.')[2]!, 'base64url')
    signature[3]! ^= 1
    const tampered = `${jws.slice(0, jws.lastIndexOf('.'))}.${signature.toString('base64url')}`
    await expect(jose.compactVerify(tampered, joseKey, { algorithms: [alg] })).rejects.toThrow()
    await expectJoseError(compactVerify(tampered, publicKey, { algorithms: [alg as SignatureAlgorithm] }), 'ERR_JWS_SIGNATURE_INVALID')
  })

  it('JWTs both ways', async () => {
    const [privateKey, publicKey] = await ours
    const [josePrivate, josePublic] = await theirs
    const now = Math.floor(Date.now() / 1000)
    const mine = await signJwt({ sub: 'u', iss: 'i', exp: now + 60 }, privateKey, { alg: alg as SignatureAlgorithm })
    expect((await jose.jwtVerify(mine, josePublic, { algorithms: [alg], issuer: 'i' })).payload.sub).toBe('u')
    const yours = await new jose.SignJWT({ sub: 'v' }).setProtectedHeader({ alg }).setIssuer('i').setExpirationTime(now + 60).sign(josePrivate)
    const { claims } = await jwtVerify(yours, publicKey, { algorithms: [alg as SignatureAlgorithm], issuer: 'i' })
    expect(claims.sub).toBe('v')
  })
})

describe('a jose JWK export imports into webjose', () => {
  it.each(ALGS)('%s', async (alg) => {
    const { publicKey, privateKey } = await jose.generateKeyPair(alg, { extractable: true, ...(alg === 'EdDSA' ? { crv: 'Ed25519' } : {}) })
    const [privateJwk, publicJwk] = await Promise.all([jose.exportJWK(privateKey), jose.exportJWK(publicKey)])
    const jws = await compactSign(payload, await importKey(privateJwk, alg), { alg: alg as SignatureAlgorithm })
    expect((await jose.compactVerify(jws, publicKey)).payload).toEqual(payload)
    expect((await compactVerify(jws, await importKey(publicJwk, alg), { algorithms: [alg as SignatureAlgorithm] })).payload).toEqual(payload)
  })
})
