import vectors from 'webjose:vectors'
import { compactDecrypt, compactVerify, importKey, JoseError } from '../../src/index.ts'
import { UsageError } from '../args.ts'
import { supportedAlgorithms } from '../core/algorithms.ts'
import { print, printJson } from '../io.ts'
import { casesOf, verificationJwk, type VectorCase } from '../vector-cases.ts'
import type { Command } from '../command.ts'

export const conformance: Command = {
  name: 'conformance',
  summary: 'run the shipped RFC vectors in this runtime and print a table',
  usage: 'webjose conformance [--json]',
  help: `Verifies or decrypts each compact token of the RFC vectors shipped with webjose (RFC 7515 A.2,
RFC 7516 A.1, the RFC 7520 cookbook, and any others under vectors/) with the public API, and
compares the payload byte for byte. An algorithm webjose does not implement, or this runtime
lacks, is listed as skipped with the reason.

  --json   machine output
Exit: 0 no failure, 1 a vector failed.`,
  flags: { json: 'boolean' },
  async run(parsed) {
    if (parsed.positionals.length > 0) throw new UsageError('conformance takes no positional argument')
    const rows: { vector: string; alg: string; enc: string; result: string }[] = []
    for (const { path, data } of vectors) {
      const cases = casesOf(path, data)
      if (cases === undefined) continue
      if (!Array.isArray(cases)) {
        rows.push({ vector: path, alg: '-', enc: '-', result: `skipped: ${(cases as { skip: string }).skip}` })
        continue
      }
      for (const vectorCase of cases) rows.push({ vector: vectorCase.vector, alg: vectorCase.alg, enc: vectorCase.enc ?? '-', result: await runCase(vectorCase) })
    }
    const failed = rows.filter((row) => row.result.startsWith('FAIL')).length
    if (parsed.flags.has('json')) printJson({ runtime: `node ${process.versions.node}`, failed, rows })
    else print(table(rows, failed))
    return failed === 0 ? 0 : 1
  },
}

async function runCase(vectorCase: VectorCase): Promise<string> {
  if (vectorCase.skip !== undefined) return `skipped: ${vectorCase.skip}`
  const supported = await supportedAlgorithms()
  const known = vectorCase.kind === 'JWS' ? supported.jws : supported.keyManagement
  if (!known.includes(vectorCase.alg)) return `skipped: alg ${vectorCase.alg} not implemented by webjose`
  if (vectorCase.enc !== undefined && !supported.contentEncryption.includes(vectorCase.enc)) return `skipped: enc ${vectorCase.enc} not implemented by webjose`
  try {
    let output: Uint8Array
    if (vectorCase.kind === 'JWS') {
      const key = await importKey(verificationJwk(vectorCase.jwk), vectorCase.alg as never)
      output = (await compactVerify(vectorCase.compact, key, { algorithms: [vectorCase.alg as never] })).payload
    } else {
      const key = await importKey(vectorCase.jwk as JsonWebKey, vectorCase.alg as never)
      output = (
        await compactDecrypt(vectorCase.compact, key, {
          keyManagementAlgorithms: [vectorCase.alg as never],
          contentEncryptionAlgorithms: [vectorCase.enc as never],
          // RFC 7520 §5.9 is compressed: its plaintext inflates to a few hundred bytes.
          zip: { maxDecompressedBytes: 1 << 20 },
        })
      ).plaintext
    }
    return sameBytes(output, vectorCase.expected) ? 'pass' : 'FAIL: output differs from the RFC'
  } catch (error) {
    if (error instanceof JoseError && error.code === 'ERR_ALG_NOT_SUPPORTED') return 'skipped: not supported by this runtime'
    return `FAIL: ${error instanceof JoseError ? error.code : 'unexpected error'}`
  }
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((byte, index) => byte === b[index])

function table(rows: readonly Record<string, string>[], failed: number): string {
  const columns = ['vector', 'alg', 'enc', 'result']
  const widths = columns.map((column) => Math.max(column.length, ...rows.map((row) => row[column]!.length)))
  const line = (cells: readonly string[]) => cells.map((cell, index) => cell.padEnd(widths[index]!)).join('  ').trimEnd()
  const passed = rows.filter((row) => row.result === 'pass').length
  return [
    `webjose conformance on node ${process.versions.node}`,
    line(columns),
    line(widths.map((width) => '-'.repeat(width))),
    ...rows.map((row) => line(columns.map((column) => row[column]!))),
    `${passed} passed, ${failed} failed, ${rows.length - passed - failed} skipped`,
  ].join('\n')
}
