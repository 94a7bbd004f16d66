import { compactSign, importKey, type JwsHeader } from '../../src/index.ts'
import { stringFlag } from '../args.ts'
import { print, printJson, readInput, requireKey, singleKey } from '../io.ts'
import { toJson } from '../serialization.ts'
import { publicJwk, thumbprint } from '../jwk-backend.ts'
import type { Command } from '../command.ts'

export const sign: Command = {
  name: 'sign',
  summary: 'sign a payload: a compact JWS, or its flattened JSON serialization',
  usage: 'webjose sign --key PRIVATE_KEY [--alg RS256] [--kid KID] [--typ TYP] [--json] [PAYLOAD]',
  help: `Signs the payload (argument or stdin, as UTF-8) with compactSign.

  --key KEY   the private key (file, PEM or JWK)
  --alg ALG   JWS algorithm (default RS256)
  --kid KID   "kid" header parameter (default: the JWK's kid, else the key's RFC 7638 thumbprint)
  --typ TYP   "typ" header parameter
  --json      the flattened JSON serialization (RFC 7515 §7.2.2) instead of compact
Exit: 0 signed, 2 usage (including a key that cannot sign with the alg).`,
  flags: { key: 'string', alg: 'string', kid: 'string', typ: 'string', json: 'boolean' },
  async run(parsed) {
    const payload = await readInput(parsed, 'payload')
    const material = singleKey(requireKey(parsed, 'key'), 'key')
    const alg = stringFlag(parsed, 'alg') ?? 'RS256'
    const key = await importKey(material, alg as never)
    const header = await headerFrom(alg, material, stringFlag(parsed, 'kid'), stringFlag(parsed, 'typ'))
    const jws = await compactSign(payload, key, header as JwsHeader)
    if (parsed.flags.has('json')) printJson(toJson(jws))
    else print(jws)
    return 0
  },
}

/**
 * alg, then kid: the flag, else the JWK's kid, else the key's RFC 7638 thumbprint (the kid keygen
 * gives), so a token made with a PEM still names its key. Then the other members given.
 */
export async function headerFrom(alg: string, material: string | JsonWebKey, kid: string | undefined, typ: string | undefined): Promise<Record<string, string>> {
  const header: Record<string, string> = { alg }
  const jwkKid = typeof material === 'object' ? (material as { kid?: unknown }).kid : undefined
  header.kid = kid ?? (typeof jwkKid === 'string' ? jwkKid : await thumbprint(publicJwk(typeof material === 'string' ? { kind: 'pem', pem: material } : { kind: 'jwk', jwk: material })))
  if (typ !== undefined) header.typ = typ
  return header
}
