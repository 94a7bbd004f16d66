import { analyze } from '../core/analyze.ts'
import { resolverFor } from '../core/key-material.ts'
import { nowSeconds, print, printJson, readInput, readKey } from '../io.ts'
import { renderReport } from '../report-text.ts'
import { reportFailure } from '../failure.ts'
import type { Command } from '../command.ts'

export const inspect: Command = {
  name: 'inspect',
  summary: 'decode a token without verifying it; diagnose common mistakes',
  usage: 'webjose inspect [--key PRIVATE_KEY] [--jwks KEYS] [--now SECONDS] [--json] [TOKEN]',
  help: `Shows the JWE header, or both layers when --key decrypts, and the claims with human times.
Everything shown is UNVERIFIED: inspect authorizes nothing. It accepts every algorithm webjose
implements, whatever a verifier would allow.

Diagnoses: swapped alg/enc, an opaque "dir" token (Auth0's /userinfo audience), a bare JWS
where a JWE is expected, an expired or not yet valid token, a missing kid.

  --key KEY      private key that decrypts the JWE (file, PEM, JWK or JWK set)
  --jwks KEYS    key that verifies the inner signature (file, PEM, JWK, JWK set or JWKS URL)
  --now SECONDS  the clock, as a NumericDate (default: this machine's)
  --json         machine output
Exit: 0 decoded (diagnoses included), 1 malformed, or a key given failed, 2 usage.`,
  flags: { key: 'string', jwks: 'string', now: 'string', json: 'boolean' },
  async run(parsed) {
    const token = await readInput(parsed, 'token')
    const decryptKey = readKey(parsed, 'key')
    const verifyKey = readKey(parsed, 'jwks')
    const now = nowSeconds(parsed)
    const report = await analyze(token, {
      decryptKey: decryptKey && resolverFor(decryptKey, 'decrypt'),
      verifyKey: verifyKey && resolverFor(verifyKey, 'verify'),
      now,
    })
    if (parsed.flags.has('json')) printJson({ verified: false, ...report })
    else print(renderReport(report, now))
    if (report.error !== undefined && !parsed.flags.has('json')) reportFailure(report.error, false)
    return report.error === undefined ? 0 : 1
  },
}
