import { invalidArgument } from '../errors.ts'
import { readIssuerUrl } from '../jwks/issuer-url.ts'
import type { DiscoverJwksOptions } from '../jwks/discover-jwks.ts'
import type { JwksResolver } from '../jwks/local-jwks.ts'

/**
 * createVerifier's key when none is given: the issuer's JWKS found through its metadata
 * (discoverJwks). The issuer is judged now; the discovery code loads with the first token, so a
 * verifier given its keys never carries it.
 */
export function discoveredKey(issuer: unknown, options: DiscoverJwksOptions | undefined): JwksResolver {
  if (typeof issuer !== 'string') throw invalidArgument('options.verificationKey is required unless options.issuer is one issuer URL')
  readIssuerUrl(issuer)
  let jwks: Promise<JwksResolver> | undefined
  return async (header) => (await (jwks ??= import('../jwks/discover-jwks.ts').then((module) => module.discoverJwks(issuer, options))))(header)
}
