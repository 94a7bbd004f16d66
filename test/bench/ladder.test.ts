/**
 * The bench's cold-path ladder (bench/lib/ladder.ts) rests on its rungs doing the same job: each
 * must accept what webjose accepts and refuse what it refuses, the lean "floor + checks" included,
 * or the steps between rungs would measure skipped work. The portable bench's verifiers
 * (bench/portable/run.ts: the lean verifier with webjose's decoder, createVerifier, the one call)
 * are held to the same. And its confidence interval of a median is the order statistics it says.
 */
import { constants, createCipheriv, publicEncrypt, randomBytes, sign } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { ladderOpeners, RUNGS, type LadderResult } from '../../bench/lib/ladder.ts'
import { medianInterval } from '../../bench/lib/stats.ts'
import { ladderFinding, verifierTargetRows } from '../../bench/lib/ladder-report.ts'
import { VERIFIERS, verifierOpeners } from '../../bench/portable/run.ts'
import { importNestedKeys, remoteJwksVerifierOpener, type NestedKeys, type OpenToken } from '../../bench/lib/nested.ts'
import { AUDIENCE, generateRsa, ISSUER, SIGNING_KID, type KeyPairObjects } from '../../bench/lib/tokens.ts'
import type { JoseError } from '../../src/errors.ts'

const b64 = (value: Uint8Array | string): string => Buffer.from(value).toString('base64url')

interface Shape {
  jweHeader?: Record<string, unknown>
  jwsHeader?: Record<string, unknown>
  claims?: Record<string, unknown>
  /** Signs something else than the signing input: a wrong signature. */
  wrongSignature?: boolean
}

function mint(signing: KeyPairObjects, recipient: KeyPairObjects, shape: Shape = {}): string {
  const now = Math.floor(Date.now() / 1000)
  const claims = shape.claims ?? { iss: ISSUER, sub: 'client@clients', aud: AUDIENCE, iat: now, exp: now + 600 }
  const signingInput = `${b64(JSON.stringify(shape.jwsHeader ?? { alg: 'RS256', typ: 'JWT' }))}.${b64(JSON.stringify(claims))}`
  const jws = `${signingInput}.${b64(sign('sha256', Buffer.from(shape.wrongSignature ? `${signingInput}x` : signingInput), signing.privateKey))}`
  const header = b64(JSON.stringify(shape.jweHeader ?? { alg: 'RSA-OAEP-256', enc: 'A256GCM', cty: 'JWT' }))
  const cek = randomBytes(32)
  const iv = randomBytes(12)
  const encryptedKey = publicEncrypt({ key: recipient.publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, cek)
  const cipher = createCipheriv('aes-256-gcm', cek, iv)
  cipher.setAAD(Buffer.from(header, 'ascii'))
  const ciphertext = Buffer.concat([cipher.update(jws, 'utf8'), cipher.final()])
  return [header, b64(encryptedKey), b64(iv), b64(ciphertext), b64(cipher.getAuthTag())].join('.')
}

const now = () => Math.floor(Date.now() / 1000)
// Each bad token with the reason the bench's lean code gives and the code webjose gives: a rung
// refusing it for any other reason (a bug of its own) fails the test.
const refused: [string, () => Shape, string, string][] = [
  ['a wrong signature', () => ({ wrongSignature: true }), 'signature', 'ERR_JWS_SIGNATURE_INVALID'],
  ['an inner "alg" not allowed', () => ({ jwsHeader: { alg: 'RS384' } }), 'JWS header', 'ERR_ALG_NOT_ALLOWED'],
  ['an inner "crit"', () => ({ jwsHeader: { alg: 'RS256', crit: ['x'], x: 1 } }), 'JWS header', 'ERR_CRIT_UNSUPPORTED'],
  ['a JWE "zip"', () => ({ jweHeader: { alg: 'RSA-OAEP-256', enc: 'A256GCM', zip: 'DEF' } }), 'JWE header', 'ERR_JWE_INVALID'],
  ['an expired token', () => ({ claims: { iss: ISSUER, aud: AUDIENCE, exp: now() - 60 } }), 'exp/nbf', 'ERR_JWT_EXPIRED'],
  ['a token not yet valid', () => ({ claims: { iss: ISSUER, aud: AUDIENCE, exp: now() + 600, nbf: now() + 300 } }), 'exp/nbf', 'ERR_JWT_NOT_YET_VALID'],
  ['another audience', () => ({ claims: { iss: ISSUER, aud: 'https://other.example', exp: now() + 600 } }), 'iss/aud', 'ERR_JWT_CLAIM_INVALID'],
  ['another issuer', () => ({ claims: { iss: 'https://evil.example/', aud: AUDIENCE, exp: now() + 600 } }), 'iss/aud', 'ERR_JWT_CLAIM_INVALID'],
  ['no "exp"', () => ({ claims: { iss: ISSUER, aud: AUDIENCE } }), 'exp/nbf', 'ERR_JWT_CLAIM_INVALID'],
]

describe('cold-path ladder', () => {
  let signing: KeyPairObjects
  let recipient: KeyPairObjects
  let openers: Record<string, OpenToken>
  beforeAll(async () => {
    ;[signing, recipient] = await Promise.all([generateRsa(2048), generateRsa(2048)])
    const keys: NestedKeys = await importNestedKeys(recipient.material, signing.material)
    openers = ladderOpeners(keys)
  })

  it('has an opener for every rung, in ladder order from the floor', () => {
    expect(Object.keys(openers).sort()).toEqual(RUNGS.map((rung) => rung.name).sort())
    expect(RUNGS[0]!.name).toBe('floor-2call')
  })

  it('every rung opens a valid token to the same claims', async () => {
    const token = mint(signing, recipient)
    for (const rung of RUNGS) {
      const opened = (await openers[rung.name]!(token)) as Record<string, unknown>
      const claims = (opened.claims ?? opened) as Record<string, unknown>
      expect(claims.iss, rung.name).toBe(ISSUER)
      expect(claims.aud, rung.name).toBe(AUDIENCE)
    }
  })

  // The floor checks nothing by design; every other rung is a verifier.
  const verifiers = () => RUNGS.filter((rung) => rung.name !== 'floor-2call')

  it.each(refused)('every rung but the bare floor refuses %s, for that reason', async (_, shape, leanReason, code) => {
    const token = mint(signing, recipient, shape())
    for (const rung of verifiers()) {
      const error = (await openers[rung.name]!(token).then(() => undefined, (thrown: unknown) => thrown)) as { code?: string; message?: string } | undefined
      // webjose's modules throw a JoseError with its code; the bench's lean code its own reason.
      expect(error?.code ?? error?.message, rung.name).toBe(error?.code === undefined ? `refused: ${leanReason}` : code)
    }
  })
})

describe("the portable bench's verifiers", () => {
  let signing: KeyPairObjects
  let recipient: KeyPairObjects
  let openers: ReturnType<typeof verifierOpeners>
  beforeAll(async () => {
    ;[signing, recipient] = await Promise.all([generateRsa(2048), generateRsa(2048)])
    openers = verifierOpeners(await importNestedKeys(recipient.material, signing.material))
  })

  it('open a valid token to its claims, jose too', async () => {
    const token = mint(signing, recipient)
    for (const [name, open] of Object.entries(openers)) {
      const opened = (await open(token)) as { claims?: Record<string, unknown>; payload?: Record<string, unknown> } & Record<string, unknown>
      expect((opened.claims ?? opened.payload ?? opened).aud, name).toBe(AUDIENCE)
    }
  })

  it.each(refused)('refuse %s, for that reason', async (_, shape, leanReason, code) => {
    const token = mint(signing, recipient, shape())
    for (const name of VERIFIERS) {
      const error = (await openers[name](token).then(() => undefined, (thrown: unknown) => thrown)) as { code?: string; message?: string } | undefined
      expect(name === 'lean verifier' ? error?.message : error?.code, name).toBe(name === 'lean verifier' ? `refused: ${leanReason}` : code)
    }
  })
})

describe('the remote-JWKS verifier of the stubbed comparison', () => {
  it('selects the issuer key by kid from its in-memory set: opens a token, refuses a bad signature and an unknown kid', async () => {
    const [signing, recipient] = await Promise.all([generateRsa(2048), generateRsa(2048)])
    const open = remoteJwksVerifierOpener(await importNestedKeys(recipient.material, signing.material), signing.material)
    const jwsHeader = { alg: 'RS256', typ: 'JWT', kid: SIGNING_KID }
    await expect(open(mint(signing, recipient, { jwsHeader }))).resolves.toMatchObject({ claims: { iss: ISSUER } })
    const code = (token: string) => open(token).then(() => 'accepted', (error: unknown) => (error as JoseError).code)
    expect(await code(mint(signing, recipient, { jwsHeader, wrongSignature: true }))).toBe('ERR_JWS_SIGNATURE_INVALID')
    expect(await code(mint(signing, recipient, { jwsHeader: { ...jwsHeader, kid: 'unknown' } }))).toBe('ERR_JWKS_NO_MATCHING_KEY')
  })
})

describe('medianInterval', () => {
  it('brackets the median by the order statistics n/2 ∓ 0.98·√n', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i)
    // n = 100: ranks 50 ∓ 9.8 → sorted[40] and sorted[60], the values 41 and 61.
    expect(medianInterval(samples)).toEqual([41, 61])
  })

  it('stays inside the samples when they are few', () => {
    expect(medianInterval([3, 1, 2])).toEqual([1, 3])
  })
})

describe('ladderFinding', () => {
  const ladder = (checks: [number, number, number]): LadderResult => {
    const summary = (median: number) => ({ median, p10: median, p90: median, mad: 0, n: 1 })
    const ratios: Record<string, number> = { 'floor + checks': checks[1], createVerifier: 1.06, decryptAndVerifyJwt: 1.08 }
    return {
      plan: { warmupRounds: 0, rounds: 1, batch: 1 },
      result: { options: { warmupRounds: 0, rounds: 1, batch: 1 }, contenders: [] },
      vsFloor: Object.fromEntries(Object.entries(ratios).map(([name, median]) => [name, summary(median)])),
      vsFloorInterval: { 'floor + checks': [checks[0], checks[2]], createVerifier: [1.05, 1.07], decryptAndVerifyJwt: [1.07, 1.09] },
    }
  }

  it("says the target is out of reach when the lean verifier's whole interval is above 1.02", () => {
    expect(ladderFinding(ladder([1.03, 1.04, 1.05]))).toContain('no verifier that makes these checks reaches 1.02')
  })

  it('says it is reachable when the whole interval is below 1.02', () => {
    expect(ladderFinding(ladder([1.0, 1.01, 1.015]))).toContain('can reach 1.02')
  })

  it('says there is no margin when the interval spans 1.02, and relates webjose to the lean verifier', () => {
    const text = ladderFinding(ladder([1.01, 1.025, 1.04]))
    expect(text).toContain('has no margin left')
    // createVerifier 1.06 / lean 1.025.
    expect(text).toContain(`${(1.06 / 1.025).toFixed(3)}× that lean verifier`)
  })

  it("judges createVerifier against 1.02 and both public paths against the JWE budget of 1.03, with their intervals", () => {
    const rows = verifierTargetRows(ladder([1.01, 1.025, 1.04]))
    expect(rows.map(([target]) => target!.match(/through (\w+)/)![1])).toEqual(['createVerifier', 'createVerifier', 'decryptAndVerifyJwt'])
    expect(rows.map(([target]) => target!.match(/≤ (1\.0\d)/)![1])).toEqual(['1.02', '1.03', '1.03'])
    expect(rows.map(([, measured]) => measured)).toEqual(['1.060 (95% CI 1.050 – 1.070)', '1.060 (95% CI 1.050 – 1.070)', '1.080 (95% CI 1.070 – 1.090)'])
    expect(rows.map(([, , verdict]) => verdict)).toEqual(['**missed**', '**missed**', '**missed**'])
    const close = ladder([1.0, 1.01, 1.015])
    close.vsFloor.createVerifier!.median = 1.025
    close.vsFloor.decryptAndVerifyJwt!.median = 1.03
    expect(verifierTargetRows(close).map(([, , verdict]) => verdict)).toEqual(['**missed**', '**met**', '**met**'])
    close.vsFloor.createVerifier!.median = 1.019
    expect(verifierTargetRows(close)[0]![2]).toBe('**met**')
  })
})
