import { createVerifier } from '../../src/index.ts'
import { listFlag, requiredFlag, stringFlag, UsageError } from '../args.ts'
import { resolverFor } from '../core/key-material.ts'
import { humanTime } from '../core/time.ts'
import { nowSeconds, print, printJson, readInput, readKey, requireKey } from '../io.ts'
import { reportFailure, toFailure } from '../failure.ts'
import type { Command } from '../command.ts'

export const verify: Command = {
  name: 'verify',
  summary: 'the resource-server check of createVerifier: decrypt, verify, validate claims',
  usage: 'webjose verify --decrypt-key KEY --jwks KEYS --issuer ISS --audience AUD [--scope SCOPES] [TOKEN]',
  help: `Accepts the token only as createVerifier would, with explicit allow-lists (defaults: the
Auth0 encrypted access token, RS256 inside RSA-OAEP-256/A256GCM). Prints the claims, or the error
code with a one-line explanation and the likely fix.

  --decrypt-key KEY    the API's private key (file, PEM, JWK or JWK set)
  --jwks KEYS          the issuer's keys: a JWKS URL, or a file, PEM, JWK or JWK set
  --issuer ISS         required "iss" (Auth0: https://TENANT/ with the slash)
  --audience AUD       required "aud"
  --scope SCOPES       space-separated scopes the token's "scope" must all contain
  --alg LIST           JWS algorithms allowed (default RS256)
  --key-alg LIST       JWE key management algorithms allowed (default RSA-OAEP-256)
  --enc LIST           JWE content encryption algorithms allowed (default A256GCM)
  --allow-unencrypted  also accept a bare signed JWT (requireEncryption: false)
  --clock-tolerance S  seconds of tolerance for exp/nbf (default 0)
  --now SECONDS        the clock, as a NumericDate (default: this machine's)
  --json               machine output
Exit: 0 accepted, 1 refused, 2 usage.`,
  flags: {
    'decrypt-key': 'string', jwks: 'string', issuer: 'string', audience: 'string', scope: 'string', alg: 'string',
    'key-alg': 'string', enc: 'string', 'allow-unencrypted': 'boolean', 'clock-tolerance': 'string', now: 'string', json: 'boolean',
  },
  async run(parsed) {
    const json = parsed.flags.has('json')
    const token = await readInput(parsed, 'token')
    const requireEncryption = !parsed.flags.has('allow-unencrypted')
    const decryptKey = readKey(parsed, 'decrypt-key')
    if (decryptKey === undefined && requireEncryption) throw new UsageError('--decrypt-key is required (or --allow-unencrypted)')
    const tolerance = stringFlag(parsed, 'clock-tolerance') ?? '0'
    if (!/^\d+$/.test(tolerance)) throw new UsageError('--clock-tolerance must be a number of seconds')
    const now = nowSeconds(parsed)
    const verifier = createVerifier({
      ...(decryptKey === undefined ? {} : { decryptionKey: resolverFor(decryptKey, 'decrypt') as never }),
      verificationKey: resolverFor(requireKey(parsed, 'jwks'), 'verify') as never,
      issuer: requiredFlag(parsed, 'issuer'),
      audience: requiredFlag(parsed, 'audience'),
      algorithms: listFlag(parsed, 'alg', ['RS256']) as never,
      keyManagementAlgorithms: listFlag(parsed, 'key-alg', ['RSA-OAEP-256']) as never,
      contentEncryptionAlgorithms: listFlag(parsed, 'enc', ['A256GCM']) as never,
      clockTolerance: Number(tolerance),
      requireEncryption,
      cache: false,
      now: () => now * 1000,
    })
    let result
    try {
      result = await verifier.verify(token)
    } catch (error) {
      const failure = toFailure(error)
      if (failure === undefined) throw error
      reportFailure(failure, json)
      return 1
    }
    const missing = missingScopes(result.claims.scope, stringFlag(parsed, 'scope'))
    if (missing.length > 0) {
      reportFailure({ code: 'ERR_INSUFFICIENT_SCOPE', message: `the token's scope lacks ${missing.join(' ')}` }, json)
      return 1
    }
    if (json) {
      printJson({ ok: true, encryptionHeader: result.encryptionHeader, header: result.header, claims: result.claims })
      return 0
    }
    print(`ok: the token is valid (${result.encryptionHeader === undefined ? 'signed JWT' : 'encrypted, then signed'})`)
    for (const [name, value] of Object.entries(result.claims)) {
      const time = ['iat', 'nbf', 'exp'].includes(name) ? `  ${humanTime(value, now)}` : ''
      print(`  ${name}: ${JSON.stringify(value)}${time}`)
    }
    return 0
  },
}

function missingScopes(granted: unknown, required: string | undefined): string[] {
  if (required === undefined) return []
  const have = new Set(typeof granted === 'string' ? granted.split(' ') : [])
  return required.split(' ').filter((scope) => scope !== '' && !have.has(scope))
}
