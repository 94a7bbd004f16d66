/**
 * Runs python3-jwcrypto for the jwcrypto interop files (test/interop/jwcrypto-*-webjose.test.ts,
 * jwcrypto-unsupported.test.ts): one Python process per file. Each file queues its ops (its
 * webjose tokens made first), then test/interop/jwcrypto_helper.py gets them as a single JSON
 * batch that both makes jwcrypto's tokens and consumes webjose's; the tests read the results.
 */
import { fileURLToPath } from 'node:url'
import { expect } from 'vitest'
import type { JweHeader, JwsHeader, JwtClaims } from '../../src/index.ts'
import type { KeyManagementAlgorithm } from '../../src/algorithms/key-management.ts'
import { runPython } from '../interop/jwcrypto-availability.ts'
import { interopClaims, interopKeys, jweMatrix } from '../interop/support.ts'

const HELPER = fileURLToPath(new URL('../interop/jwcrypto_helper.py', import.meta.url))

/** The key management algorithms jwcrypto 1.1 implements (jwcrypto-unsupported.test.ts pins the others' refusal). */
const JWCRYPTO_KEY_MANAGEMENT_ALGS: readonly KeyManagementAlgorithm[] = ['RSA-OAEP', 'RSA-OAEP-256']

// ---------------------------------------------------------------------------------------------
// The batch sent to jwcrypto_helper.py (its docstring describes every op).

type KeyName = 'recipient' | 'signer'
export type Op =
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

export type Result = { ok: true; value: unknown } | { ok: false; error: string; message: string }

/** Runs the batch in one Python process. */
function runJwcrypto(ops: Op[]): Promise<{ version: string; results: Result[] }> {
  const { recipient, signer } = interopKeys()
  const input = {
    keys: {
      recipient: { private: recipient.privatePem, public: recipient.publicPem },
      signer: { private: signer.privatePem, public: signer.publicPem },
    },
    ops,
  }
  return runPython(HELPER, input)
}

/** Collects ops before the one run; each op's result is read after it. */
export class Batch {
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

/** What the files start from: their two key pairs, an empty batch, the JWE cases jwcrypto implements and the claims. */
export function jwcryptoSession() {
  return { ...interopKeys(), batch: new Batch(), jweCases: jweMatrix(JWCRYPTO_KEY_MANAGEMENT_ALGS), claims: interopClaims() }
}
