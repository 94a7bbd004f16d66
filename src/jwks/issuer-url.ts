import { invalidArgument } from '../errors.ts'
import { isAllowedUrl } from './remote-jwks.ts'

/**
 * An issuer whose metadata may be fetched: the JWKS URL rule of createRemoteJwks (https, http on
 * loopback only, no credentials), and no query or fragment (RFC 8414 §2). Judged apart from
 * discoverJwks so createVerifier can refuse a bad issuer at once and still load discovery lazily.
 */
export function readIssuerUrl(issuer: unknown): URL {
  let url: URL | undefined
  try {
    url = new URL(issuer as string)
  } catch {
    // No cause: the parser's message quotes the URL.
  }
  if (typeof issuer !== 'string' || !url || !isAllowedUrl(url) || url.search || url.hash) {
    throw invalidArgument('issuer: an https URL (http only on loopback) without credentials, query or fragment')
  }
  return url
}
