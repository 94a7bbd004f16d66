import { compactDecrypt } from '../../src/index.ts'
import { listFlag } from '../args.ts'
import { resolverFor } from '../core/key-material.ts'
import { print, printJson, readInput, requireKey } from '../io.ts'
import { reportFailure, toFailure } from '../failure.ts'
import { toCompact } from '../serialization.ts'
import type { Command } from '../command.ts'

export const decrypt: Command = {
  name: 'decrypt',
  summary: 'decrypt a JWE (compact or flattened JSON) and print its plaintext',
  usage: 'webjose decrypt --key PRIVATE_KEY [--key-alg LIST] [--enc LIST] [--json] [JWE]',
  help: `Decrypts with compactDecrypt. The plaintext is printed as is: a nested JWT is NOT verified
(use verify, or inspect --key --jwks).

  --key KEY       the private key (file, PEM, JWK or JWK set)
  --key-alg LIST  key management algorithms allowed (default RSA-OAEP-256)
  --enc LIST      content encryption algorithms allowed (default A256GCM)
  --json          print {"header", "plaintext"} as JSON
Exit: 0 decrypted, 1 refused, 2 usage.`,
  flags: { key: 'string', 'key-alg': 'string', enc: 'string', json: 'boolean' },
  async run(parsed) {
    const json = parsed.flags.has('json')
    const token = toCompact(await readInput(parsed, 'JWE'))
    const key = resolverFor(requireKey(parsed, 'key'), 'decrypt')
    const options = {
      keyManagementAlgorithms: listFlag(parsed, 'key-alg', ['RSA-OAEP-256']) as never,
      contentEncryptionAlgorithms: listFlag(parsed, 'enc', ['A256GCM']) as never,
    }
    let result
    try {
      result = await compactDecrypt(token, key, options)
    } catch (error) {
      const failure = toFailure(error)
      if (failure === undefined || failure.code === 'ERR_INVALID_ARGUMENT' || failure.code === 'ERR_ALG_NOT_SUPPORTED') throw error
      reportFailure(failure, json)
      return 1
    }
    const plaintext = new TextDecoder().decode(result.plaintext)
    if (json) printJson({ ok: true, header: result.header, plaintext })
    else print(plaintext)
    return 0
  },
}
