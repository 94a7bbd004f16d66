/**
 * Interop with python3-jwcrypto (Debian's package, run by /usr/bin/python3), both ways: every
 * JWE alg × enc jwcrypto implements, every JWS alg (raw JWS and JWT with claims), and the Auth0
 * encrypted access token (an RS256 JWT inside RSA-OAEP-256 / A256GCM with kid and cty "JWT").
 *
 * One Python process per file: webjose's tokens are made first, then jwcrypto_helper.py gets a
 * single JSON batch that both makes jwcrypto's tokens and consumes webjose's; the tests read the
 * results, and webjose consumes jwcrypto's tokens.
 *
 * Left out: RSA-OAEP-384 and RSA-OAEP-512. jwcrypto 1.1 (Debian 12) does not implement them; the
 * last test shows it refusing both, in both directions ("RSA-OAEP-384 is not a valid Key
 * Management algorithm name"); jose.test.ts covers them.
 *
 * Without jwcrypto the file is skipped with the reason printed, unless WEBJOSE_REQUIRE_INTEROP=1
 * (set by .ci/run), which makes it fail instead.
 */
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { PYTHON, requireJwcrypto } from './jwcrypto-availability.ts'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  compactDecrypt,
  compactEncrypt,
  compactSign,
  compactVerify,
  decryptAndVerifyJwt,
  encryptJwt,
  jwtVerify,
  signJwt,
  type JweHeader,
  type JwsHeader,
  type JwtClaims,
} from '../../src/index.ts'
import type { KeyManagementAlgorithm } from '../../src/algorithms/key-management.ts'
import { expectJoseError } from '../helpers/expect-jose.ts'
import {
  AUDIENCE,
  AUTH0_JWE_HEADER,
  AUTH0_JWS_HEADER,
  ISSUER,
  PLAINTEXT,
  SIGNATURE_ALGS,
  flipBit,
  interopClaims,
  auth0Options,
  interopKeys,
  jwtOptions,
  jweMatrix,
  text,
  webjoseKey,
} from './support.ts'

const HELPER = fileURLToPath(new URL('./jwcrypto_helper.py', import.meta.url))

/** The key management algorithms jwcrypto 1.1 implements (see the header comment). */
const JWCRYPTO_KEY_MANAGEMENT_ALGS: readonly KeyManagementAlgorithm[] = ['RSA-OAEP', 'RSA-OAEP-256']
const UNSUPPORTED_BY_JWCRYPTO: readonly KeyManagementAlgorithm[] = ['RSA-OAEP-384', 'RSA-OAEP-512']

const unavailable = requireJwcrypto()

// ---------------------------------------------------------------------------------------------
// The batch sent to jwcrypto_helper.py (its docstring describes every op).

type KeyName = 'recipient' | 'signer'
type Op =
  | { op: 'encrypt'; key: KeyName; header: JweHeader; plaintext: string }
  | { op: 'decrypt'; key: KeyName; token: string; algs: readonly string[] }
  | { op: 'sign'; key: KeyName; header: JwsHeader; payload: string }
  | { op: 'verify'; key: KeyName; token: string; algs: readonly string[] }
  | { op: 'jwt_sign'; key: KeyName; header: JwsHeader; claims: JwtClaims }
  | { op: 'jwt_verify'; key: KeyName; token: string; algs: readonly string[]; check: Record<string, unknown> }
  | { op: 'nest'; signKey: KeyName; encryptKey: KeyName; claims: JwtClaims; signHeader: JwsHeader; encryptHeader: JweHeader }
  | {
      op: 'unnest'
      decryptKey: KeyName
      verifyKey: KeyName
      token: string
      encryptionAlgs: readonly string[]
      algs: readonly string[]
      check: Record<string, unknown>
    }

type Result = { ok: true; value: unknown } | { ok: false; error: string; message: string }

/** Runs the batch in one Python process. */
function runJwcrypto(ops: Op[]): Promise<{ version: string; results: Result[] }> {
  const { recipient, signer } = interopKeys()
  const input = JSON.stringify({
    keys: {
      recipient: { private: recipient.privatePem, public: recipient.publicPem },
      signer: { private: signer.privatePem, public: signer.publicPem },
    },
    ops,
  })
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, [HELPER], { stdio: ['pipe', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`jwcrypto_helper.py exited with ${code}: ${stderr}`))
      else resolve(JSON.parse(stdout) as { version: string; results: Result[] })
    })
    child.stdin.end(input)
  })
}

/** Collects ops before the one run; each op's result is read after it. */
class Batch {
  readonly ops: Op[] = []
  private results: Result[] | undefined
  version = ''

  add(op: Op): number {
    return this.ops.push(op) - 1
  }

  async run(): Promise<void> {
    const { version, results } = await runJwcrypto(this.ops)
    expect(results).toHaveLength(this.ops.length)
    this.version = version
    this.results = results
  }

  result(index: number): Result {
    if (this.results === undefined) throw new Error('the jwcrypto batch has not run')
    return this.results[index]!
  }

  /** The value of a successful op; a failed op fails the test with jwcrypto's error. */
  value<T>(index: number): T {
    const result = this.result(index)
    if (!result.ok) expect.fail(`jwcrypto ${this.ops[index]!.op} failed: ${result.error}: ${result.message}`)
    return result.value as T
  }

  /** The error (class name and message) of an op that must have failed. */
  error(index: number): { error: string; message: string } {
    const result = this.result(index)
    if (result.ok) expect.fail(`jwcrypto ${this.ops[index]!.op} succeeded but should have failed`)
    return { error: result.error, message: result.message }
  }
}

// ---------------------------------------------------------------------------------------------

describe.runIf(unavailable === undefined)('python3-jwcrypto', () => {
  const { recipient, signer } = interopKeys()
  const batch = new Batch()
  const jweCases = jweMatrix(JWCRYPTO_KEY_MANAGEMENT_ALGS)
  const claims = interopClaims()
  /** jwcrypto's check_claims: iss and aud must equal these, exp must be present and not past. */
  const check = { iss: ISSUER, aud: AUDIENCE, exp: null }

  // jwcrypto → webjose: the ops making jwcrypto's tokens, queued now.
  const made = {
    jwe: jweCases.map(({ alg, enc }) =>
      batch.add({ op: 'encrypt', key: 'recipient', header: { alg, enc, kid: 'enc-1' }, plaintext: PLAINTEXT }),
    ),
    jws: SIGNATURE_ALGS.map((alg) => batch.add({ op: 'sign', key: 'signer', header: { alg, kid: 'sig-1' }, payload: PLAINTEXT })),
    jwt: SIGNATURE_ALGS.map((alg) => batch.add({ op: 'jwt_sign', key: 'signer', header: { alg, typ: 'JWT', kid: 'sig-1' }, claims })),
    nested: batch.add({
      op: 'nest',
      signKey: 'signer',
      encryptKey: 'recipient',
      claims,
      signHeader: { ...AUTH0_JWS_HEADER },
      encryptHeader: { ...AUTH0_JWE_HEADER },
    }),
    unsupported: UNSUPPORTED_BY_JWCRYPTO.map((alg) =>
      batch.add({ op: 'encrypt', key: 'recipient', header: { alg, enc: 'A256GCM' }, plaintext: PLAINTEXT }),
    ),
  }

  // webjose → jwcrypto: webjose's tokens are made in beforeAll, then their ops queued.
  const read = {
    jwe: [] as number[],
    jws: [] as number[],
    jwt: [] as number[],
    nested: -1,
    tamperedTag: -1,
    tamperedSignature: -1,
    unsupported: [] as number[],
  }

  beforeAll(async () => {
    for (const { alg, enc } of jweCases) {
      const token = await compactEncrypt(PLAINTEXT, await webjoseKey(recipient.publicPem, alg), { alg, enc, kid: 'enc-1' })
      read.jwe.push(batch.add({ op: 'decrypt', key: 'recipient', token, algs: [alg, enc] }))
    }
    for (const alg of SIGNATURE_ALGS) {
      const key = await webjoseKey(signer.privatePem, alg)
      const jws = await compactSign(PLAINTEXT, key, { alg, kid: 'sig-1' })
      read.jws.push(batch.add({ op: 'verify', key: 'signer', token: jws, algs: [alg] }))
      const jwt = await signJwt(claims, key, { alg, kid: 'sig-1' })
      read.jwt.push(batch.add({ op: 'jwt_verify', key: 'signer', token: jwt, algs: [alg], check }))
    }
    const jwt = await signJwt(claims, await webjoseKey(signer.privatePem, 'RS256'), { alg: 'RS256', kid: AUTH0_JWS_HEADER.kid })
    const nested = await encryptJwt(jwt, await webjoseKey(recipient.publicPem, 'RSA-OAEP-256'), {
      alg: 'RSA-OAEP-256',
      kid: AUTH0_JWE_HEADER.kid,
    })
    const unnest = {
      op: 'unnest',
      decryptKey: 'recipient',
      verifyKey: 'signer',
      encryptionAlgs: ['RSA-OAEP-256', 'A256GCM'],
      algs: ['RS256'],
      check,
    } as const
    read.nested = batch.add({ ...unnest, token: nested })
    read.tamperedTag = batch.add({ ...unnest, token: flipBit(nested, 4, -1) })
    read.tamperedSignature = batch.add({ op: 'jwt_verify', key: 'signer', token: flipBit(jwt, 2, 7), algs: ['RS256'], check })
    for (const alg of UNSUPPORTED_BY_JWCRYPTO) {
      const token = await compactEncrypt(PLAINTEXT, await webjoseKey(recipient.publicPem, alg), { alg, enc: 'A256GCM' })
      read.unsupported.push(batch.add({ op: 'decrypt', key: 'recipient', token, algs: [alg, 'A256GCM'] }))
    }

    await batch.run()
  })

  describe('jwcrypto → webjose', () => {
    it.each(jweCases.map((jweCase, index) => ({ ...jweCase, index })))(
      'compactDecrypt reads a jwcrypto JWE with $alg / $enc',
      async ({ alg, enc, index }) => {
        const token = batch.value<string>(made.jwe[index]!)

        const result = await compactDecrypt(token, await webjoseKey(recipient.privatePem, alg), {
          keyManagementAlgorithms: [alg],
          contentEncryptionAlgorithms: [enc],
        })

        expect(text(result.plaintext)).toBe(PLAINTEXT)
        expect(result.header).toEqual({ alg, enc, kid: 'enc-1' })
      },
    )

    it.each(SIGNATURE_ALGS.map((alg, index) => ({ alg, index })))('compactVerify reads a jwcrypto JWS with $alg', async ({ alg, index }) => {
      const token = batch.value<string>(made.jws[index]!)

      const result = await compactVerify(token, await webjoseKey(signer.publicPem, alg), { algorithms: [alg] })

      expect(text(result.payload)).toBe(PLAINTEXT)
      expect(result.header).toEqual({ alg, kid: 'sig-1' })
    })

    it.each(SIGNATURE_ALGS.map((alg, index) => ({ alg, index })))(
      'jwtVerify reads a jwcrypto JWT with $alg and validates its claims',
      async ({ alg, index }) => {
        const token = batch.value<string>(made.jwt[index]!)

        const result = await jwtVerify(token, await webjoseKey(signer.publicPem, alg), jwtOptions(alg))

        expect(result.claims).toEqual(claims)
        expect(result.header).toEqual({ alg, typ: 'JWT', kid: 'sig-1' })
      },
    )

    it('decryptAndVerifyJwt reads a jwcrypto Auth0-shaped token (RS256 inside RSA-OAEP-256 / A256GCM, kid, cty "JWT")', async () => {
      const token = batch.value<string>(made.nested)

      const result = await decryptAndVerifyJwt(token, await auth0Options({ recipient, signer }))

      expect(result.claims).toEqual(claims)
      expect(result.header).toEqual(AUTH0_JWS_HEADER)
      expect(result.encryptionHeader).toEqual(AUTH0_JWE_HEADER)
    })

    it('rejects a jwcrypto Auth0-shaped token whose GCM tag was altered: ERR_JWE_DECRYPTION_FAILED', async () => {
      const token = flipBit(batch.value<string>(made.nested), 4, -1)

      await expectJoseError(decryptAndVerifyJwt(token, await auth0Options({ recipient, signer })), 'ERR_JWE_DECRYPTION_FAILED')
    })

    it('rejects a jwcrypto JWT whose signature was altered: ERR_JWS_SIGNATURE_INVALID', async () => {
      const token = flipBit(batch.value<string>(made.jwt[0]!), 2, 7)

      await expectJoseError(
        jwtVerify(token, await webjoseKey(signer.publicPem, 'RS256'), { algorithms: ['RS256'], issuer: ISSUER, audience: AUDIENCE }),
        'ERR_JWS_SIGNATURE_INVALID',
      )
    })
  })

  describe('webjose → jwcrypto', () => {
    it.each(jweCases.map((jweCase, index) => ({ ...jweCase, index })))(
      'jwcrypto decrypts a webjose JWE with $alg / $enc',
      ({ alg, enc, index }) => {
        expect(batch.value(read.jwe[index]!)).toEqual({ plaintext: PLAINTEXT, header: { alg, enc, kid: 'enc-1' } })
      },
    )

    it.each(SIGNATURE_ALGS.map((alg, index) => ({ alg, index })))('jwcrypto verifies a webjose JWS with $alg', ({ alg, index }) => {
      expect(batch.value(read.jws[index]!)).toEqual({ payload: PLAINTEXT, header: { alg, kid: 'sig-1' } })
    })

    it.each(SIGNATURE_ALGS.map((alg, index) => ({ alg, index })))(
      'jwcrypto verifies a webjose JWT with $alg and checks iss, aud and exp',
      ({ alg, index }) => {
        expect(batch.value(read.jwt[index]!)).toEqual({ claims, header: { alg, typ: 'JWT', kid: 'sig-1' } })
      },
    )

    it('jwcrypto reads a webjose Auth0-shaped token (jwt.JWT decrypts, then verifies the inner JWT)', () => {
      expect(batch.value(read.nested)).toEqual({ claims, header: AUTH0_JWS_HEADER, encryptionHeader: AUTH0_JWE_HEADER })
    })

    it('jwcrypto rejects a webjose Auth0-shaped token whose GCM tag was altered', () => {
      // jwcrypto wraps the AES-GCM failure (cryptography's InvalidTag) in InvalidJWEData.
      expect(batch.error(read.tamperedTag)).toEqual({ error: 'InvalidJWEData', message: expect.stringContaining('InvalidTag()') })
    })

    it('jwcrypto rejects a webjose JWT whose signature was altered', () => {
      expect(batch.error(read.tamperedSignature)).toEqual({
        error: 'InvalidJWSSignature',
        message: expect.stringContaining('Verification failed'),
      })
    })
  })

  // Evidence for leaving RSA-OAEP-384/512 out of the jwcrypto matrix (jose.test.ts covers them).
  it.each(UNSUPPORTED_BY_JWCRYPTO.map((alg, index) => ({ alg, index })))(
    'jwcrypto implements no $alg: it refuses to make or read one',
    ({ alg, index }) => {
      const refusal = `Invalid JWA Algorithm name (${alg} is not a valid Key Management algorithm name)`
      expect(batch.version).toMatch(/^\d+\.\d+/)
      expect(batch.error(made.unsupported[index]!)).toEqual({ error: 'InvalidJWAAlgorithm', message: refusal })
      // Reading, jwcrypto wraps the same refusal in InvalidJWEData.
      expect(batch.error(read.unsupported[index]!)).toEqual({ error: 'InvalidJWEData', message: expect.stringContaining(refusal) })
    },
  )
})
