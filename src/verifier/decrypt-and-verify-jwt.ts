import { JoseError, jwtInvalid } from '../errors.ts'
import { utf8Decode } from '../encoding/utf8.ts'
import type { JweHeader, JwsHeader } from '../serialization/header.ts'
import { parseCompactJwe } from '../jwe/parse-compact-jwe.ts'
import { resolveJweOptions, type JweDecryptionOptions, type JweDecryptPolicy } from '../jwe/decrypt-policy.ts'
import { decryptParsed } from '../jwe/decrypt-parsed.ts'
import { verifyCompactJws } from '../jws/verify-compact-jws.ts'
import type { JwsVerifyPolicy } from '../jws/verify-policy.ts'
import { resolveKey, type KeyInput } from '../keys/resolve-key.ts'
import { resolveJwtOptions, validateJwt, type JwtVerifyOptions } from '../jwt/jwt-verify.ts'
import type { VerifiedClaims } from '../jwt/claims.ts'
import { sameMediaType } from '../jwt/typ.ts'
import { rejectBearer } from '../serialization/compact.ts'

/** What decryption needs of a key set (DecryptionKeySet implements it). */
export interface DecryptionKeyCandidates {
  /** The keys to try for this header, in order. */
  candidates(header: JweHeader): Promise<CryptoKey[]>
}

export interface DecryptAndVerifyJwtOptions extends JwtVerifyOptions, JweDecryptionOptions {
  /** Accepted "iss" value or values. Required: an access token is only as good as its issuer (RFC 9068 §4). */
  issuer: string | readonly string[]
  /**
   * This API's identifier(s); the token's "aud" must contain one. Required (RFC 7519 §4.1.3,
   * RFC 9068 §4): without it, a token the same issuer minted for another API would be accepted.
   */
  audience: string | readonly string[]
  /** The resource server's private key: a CryptoKey, a DecryptionKeySet, or a resolver. */
  decryptionKey: KeyInput<JweHeader> | DecryptionKeyCandidates
  /** The issuer's public key: a CryptoKey, a key set (createLocalJwks / createRemoteJwks), or a resolver. */
  verificationKey: KeyInput<JwsHeader>
}

export interface DecryptAndVerifyJwtResult<TClaims extends object = {}> {
  /** The registered claims with their types, plus `TClaims` (see VerifiedClaims). */
  claims: VerifiedClaims<TClaims>
  /** The protected header of the inner, signed JWT. */
  header: JwsHeader
  /** The protected header of the outer JWE. */
  encryptionHeader: JweHeader
}

/**
 * One call for an encrypted access token (a signed JWT inside a compact JWE, RFC 7519
 * §11.2): decrypt, require a signed JWT inside, verify its signature, then validate its
 * claims. A bare JWS fails with ERR_JWE_REQUIRED.
 *
 * @example
 * const { claims } = await decryptAndVerifyJwt<{ scope: string }>(token, {
 *   decryptionKey: await importKey(pem, 'RSA-OAEP-256'),
 *   verificationKey: createRemoteJwks('https://tenant.auth0.com/.well-known/jwks.json'),
 *   keyManagementAlgorithms: ['RSA-OAEP-256'],
 *   contentEncryptionAlgorithms: ['A256GCM'],
 *   algorithms: ['RS256'],
 *   issuer: 'https://tenant.auth0.com/',
 *   audience: 'https://api.example.com',
 * })
 */
export async function decryptAndVerifyJwt<TClaims extends object = {}>(
  token: string,
  options: DecryptAndVerifyJwtOptions,
): Promise<DecryptAndVerifyJwtResult<TClaims>> {
  return verifyEncryptedJwt(token, resolveAccessTokenOptions(options)) as Promise<DecryptAndVerifyJwtResult<TClaims>>
}

/** decryptAndVerifyJwt's options, checked once for both layers (the caller's object itself). */
export type AccessTokenPolicy = DecryptAndVerifyJwtOptions & JwsVerifyPolicy & JweDecryptPolicy

/**
 * Both layers' options: the JWT's checked as for jwtVerify, with what a resource server must not
 * leave out (issuer and audience), then the JWE's.
 */
export function resolveAccessTokenOptions(options: DecryptAndVerifyJwtOptions): AccessTokenPolicy {
  resolveJwtOptions(options, true)
  return resolveJweOptions(options) as AccessTokenPolicy
}

/** Claims an access token must carry whatever the options say: without "exp" it never expires. */
export const ACCESS_TOKEN_EXPIRY: readonly string[] = ['exp']

/**
 * The work of decryptAndVerifyJwt on options already checked (verifiers check them once),
 * with the claims judged at `nowMs` (default: options.currentDate, else now).
 */
export async function verifyEncryptedJwt(token: unknown, options: AccessTokenPolicy, nowMs?: number): Promise<DecryptAndVerifyJwtResult> {
  // Split at most into four: enough to tell a JWS, and bounded before the length check.
  if (typeof token === 'string' && token.split('.', 4).length === 3) {
    rejectBearer(token, 'ERR_JWE_INVALID', 'JWE')
    throw new JoseError('ERR_JWE_REQUIRED', 'JWE required, not a JWS')
  }
  const parsed = parseCompactJwe(token, options)
  const encryptionHeader = parsed.header
  // RFC 7519 §5.2: "cty" "JWT" marks a nested JWT; issuers often omit it, so absence is accepted.
  if (encryptionHeader.cty !== undefined && !sameMediaType(encryptionHeader.cty, 'JWT')) {
    throw jwtInvalid('JWE "cty" is not JWT')
  }
  const { decryptionKey } = options
  // A key set is recognised by shape, so applications that never create one do not bundle it.
  const keys = isKeySet(decryptionKey)
    ? await decryptionKey.candidates(encryptionHeader)
    : [await resolveKey(decryptionKey, encryptionHeader)]
  const plaintext = await decryptParsed(parsed, keys, options)

  const inner = utf8Decode(plaintext, 'JWE plaintext', 'ERR_JWT_INVALID')
  const segments = inner.split('.')
  if (segments.length !== 3) throw jwtInvalid('JWE plaintext is not a JWS')
  const { payload, header } = await verifyCompactJws(inner, options.verificationKey, options, segments, plaintext)
  return { claims: validateJwt(header, payload, options, nowMs, ACCESS_TOKEN_EXPIRY), header, encryptionHeader }
}

/** A key set by shape: whatever has a candidates method (a resolver is a function without one). */
export function isKeySet(key: unknown): key is DecryptionKeyCandidates {
  return typeof (key as DecryptionKeyCandidates | undefined)?.candidates === 'function'
}
