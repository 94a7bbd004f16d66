import { encryptJwt, importKey, signJwt, type JwtClaims } from '../../src/index.ts'
import { intFlag, requiredFlag, stringFlag, UsageError } from '../args.ts'
import { nowSeconds, print, printJson, requireKey, singleKey } from '../io.ts'
import { toJson } from '../serialization.ts'
import { headerFrom } from './sign.ts'
import type { Command } from '../command.ts'

export const issue: Command = {
  name: 'issue',
  summary: 'mint an Auth0-shaped encrypted access token for tests (signJwt, then encryptJwt)',
  usage: 'webjose issue --sign-key PRIVATE_KEY --encrypt-key PUBLIC_KEY --issuer ISS --audience AUD [options]',
  help: `Signs the claims of a client-credentials access token as Auth0 issues them (iss, sub, aud,
iat, exp, scope, gty, azp), then encrypts the JWT to the API's public key (cty "JWT").
For tests: it is a token only your own keys trust.

  --sign-key KEY      the issuer's private signing key (file, PEM or JWK)
  --encrypt-key KEY   the API's public key (file, PEM or JWK)
  --issuer ISS        "iss", e.g. https://TENANT/
  --audience AUD      "aud", e.g. https://api.example.com
  --subject SUB       "sub" (default test-client@clients)
  --scope SCOPES      "scope" (space-separated)
  --ttl SECONDS       exp - iat (default 3600)
  --now SECONDS       iat, as a NumericDate (default: now; a past value mints an expired token)
  --claims JSON       further claims, merged last
  --alg ALG           JWS algorithm (default RS256)
  --key-alg ALG       JWE key management algorithm (default RSA-OAEP-256)
  --enc ENC           content encryption (default A256GCM)
  --sign-kid KID      JWS kid (default: the JWK's kid, else the RFC 7638 thumbprint)
  --encrypt-kid KID   JWE kid (default: the JWK's kid, else the RFC 7638 thumbprint)
  --unencrypted       print the signed JWT only
  --json              the flattened JSON serialization instead of compact
Exit: 0 issued, 2 usage.`,
  flags: {
    'sign-key': 'string', 'encrypt-key': 'string', issuer: 'string', audience: 'string', subject: 'string', scope: 'string',
    ttl: 'string', now: 'string', claims: 'string', alg: 'string', 'key-alg': 'string', enc: 'string',
    'sign-kid': 'string', 'encrypt-kid': 'string', unencrypted: 'boolean', json: 'boolean',
  },
  async run(parsed) {
    if (parsed.positionals.length > 0) throw new UsageError('issue takes no positional argument')
    const iat = nowSeconds(parsed)
    const subject = stringFlag(parsed, 'subject') ?? 'test-client@clients'
    const claims: JwtClaims = {
      iss: requiredFlag(parsed, 'issuer'),
      sub: subject,
      aud: requiredFlag(parsed, 'audience'),
      iat,
      exp: iat + intFlag(parsed, 'ttl', 3600, 1),
      gty: 'client-credentials',
      azp: subject.replace(/@clients$/, ''),
      ...scopeClaim(stringFlag(parsed, 'scope')),
      ...extraClaims(stringFlag(parsed, 'claims')),
    }
    const signing = singleKey(requireKey(parsed, 'sign-key'), 'sign-key')
    const alg = stringFlag(parsed, 'alg') ?? 'RS256'
    const jwt = await signJwt(claims, await importKey(signing, alg as never), (await headerFrom(alg, signing, stringFlag(parsed, 'sign-kid'), undefined)) as never)
    let token = jwt
    if (!parsed.flags.has('unencrypted')) {
      const recipient = singleKey(requireKey(parsed, 'encrypt-key'), 'encrypt-key')
      const keyAlg = stringFlag(parsed, 'key-alg') ?? 'RSA-OAEP-256'
      const header = { ...(await headerFrom(keyAlg, recipient, stringFlag(parsed, 'encrypt-kid'), undefined)), enc: stringFlag(parsed, 'enc') ?? 'A256GCM' }
      token = await encryptJwt(jwt, await importKey(recipient, keyAlg as never), header as never)
    }
    if (parsed.flags.has('json')) printJson(toJson(token))
    else print(token)
    return 0
  },
}

const scopeClaim = (scope: string | undefined) => (scope === undefined ? {} : { scope })

function extraClaims(text: string | undefined): Record<string, unknown> {
  if (text === undefined) return {}
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new UsageError('--claims must be a JSON object')
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UsageError('--claims must be a JSON object')
  return value as Record<string, unknown>
}
