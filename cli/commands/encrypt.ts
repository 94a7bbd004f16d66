import { compactEncrypt, importKey, type JweHeader } from '../../src/index.ts'
import { stringFlag } from '../args.ts'
import { print, printJson, readInput, requireKey, singleKey } from '../io.ts'
import { toJson } from '../serialization.ts'
import { headerFrom } from './sign.ts'
import type { Command } from '../command.ts'

export const encrypt: Command = {
  name: 'encrypt',
  summary: 'encrypt a plaintext to a public key: a compact JWE, or its flattened JSON serialization',
  usage: 'webjose encrypt --key PUBLIC_KEY [--alg RSA-OAEP-256] [--enc A256GCM] [--kid KID] [--cty CTY] [--json] [PLAINTEXT]',
  help: `Encrypts the plaintext (argument or stdin, as UTF-8) with compactEncrypt.

  --key KEY   the recipient's public key (file, PEM or JWK)
  --alg ALG   key management algorithm (default RSA-OAEP-256)
  --enc ENC   content encryption algorithm (default A256GCM)
  --kid KID   "kid" header parameter (default: the JWK's kid, else the key's RFC 7638 thumbprint)
  --cty CTY   "cty" header parameter ("JWT" for a nested JWT)
  --json      the flattened JSON serialization (RFC 7516 §7.2.2) instead of compact
Exit: 0 encrypted, 2 usage.`,
  flags: { key: 'string', alg: 'string', enc: 'string', kid: 'string', cty: 'string', json: 'boolean' },
  async run(parsed) {
    const plaintext = await readInput(parsed, 'plaintext')
    const material = singleKey(requireKey(parsed, 'key'), 'key')
    const alg = stringFlag(parsed, 'alg') ?? 'RSA-OAEP-256'
    const key = await importKey(material, alg as never)
    const header: Record<string, string> = { ...(await headerFrom(alg, material, stringFlag(parsed, 'kid'), undefined)), enc: stringFlag(parsed, 'enc') ?? 'A256GCM' }
    const cty = stringFlag(parsed, 'cty')
    if (cty !== undefined) header.cty = cty
    const jwe = await compactEncrypt(plaintext, key, header as unknown as JweHeader)
    if (parsed.flags.has('json')) printJson(toJson(jwe))
    else print(jwe)
    return 0
  },
}
