import { UsageError } from '../args.ts'
import { parseKeyText } from '../core/key-material.ts'
import { print, printJson, readInput } from '../io.ts'
import { publicJwk, thumbprint as computeThumbprint } from '../jwk-backend.ts'
import { readFileSync, existsSync } from 'node:fs'
import type { Command } from '../command.ts'

export const thumbprint: Command = {
  name: 'thumbprint',
  summary: 'the RFC 7638 SHA-256 thumbprint of a key (the kid keygen gives)',
  usage: 'webjose thumbprint [--json] [KEY]',
  help: `KEY is a file, PEM or JWK text (argument or stdin); for a private key, the thumbprint of its
public half, which is the same. A JWK set gives one line per key.

  --json   machine output
Exit: 0, 2 usage.`,
  flags: { json: 'boolean' },
  async run(parsed) {
    const input = await readInput(parsed, 'key')
    const material = parseKeyText(input) ?? (existsSync(input) ? parseKeyText(readFileSync(input, 'utf8')) : undefined)
    if (material === undefined || material.kind === 'url') throw new UsageError('the key is not a readable file, PEM, JWK or JWK set')
    const keys = material.kind === 'jwks' ? material.keys.map((jwk) => publicJwk({ kind: 'jwk', jwk })) : [publicJwk(material)]
    const rows = await Promise.all(keys.map(async (jwk) => ({ kty: jwk.kty, kid: jwk.kid, thumbprint: await computeThumbprint(jwk) })))
    if (parsed.flags.has('json')) printJson(rows.length === 1 ? rows[0] : rows)
    else for (const row of rows) print(row.thumbprint)
    return 0
  },
}
