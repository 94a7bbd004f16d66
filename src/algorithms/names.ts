/**
 * Every "alg" and "enc" value registered by RFC 7518 §7.1, supported or not. Diagnostics
 * quote a header value only when it is one of these, so attacker-chosen text never reaches
 * a message or a log line.
 */
const SIGNATURE_NAMES = 'HS256 HS384 HS512 RS256 RS384 RS512 ES256 ES384 ES512 PS256 PS384 PS512 none EdDSA ES256K'
const KEY_MANAGEMENT_NAMES =
  'RSA1_5 RSA-OAEP RSA-OAEP-256 RSA-OAEP-384 RSA-OAEP-512 A128KW A192KW A256KW dir ECDH-ES ECDH-ES+A128KW ECDH-ES+A192KW ECDH-ES+A256KW A128GCMKW A192GCMKW A256GCMKW PBES2-HS256+A128KW PBES2-HS384+A192KW PBES2-HS512+A256KW'
const CONTENT_ENCRYPTION_NAMES = 'A128CBC-HS256 A192CBC-HS384 A256CBC-HS512 A128GCM A192GCM A256GCM'

const ALG_NAMES = /* @__PURE__ */ new Set(`${SIGNATURE_NAMES} ${KEY_MANAGEMENT_NAMES}`.split(' '))
const ENC_NAMES = /* @__PURE__ */ new Set(CONTENT_ENCRYPTION_NAMES.split(' '))

export function isRegisteredAlg(value: unknown): value is string {
  return typeof value === 'string' && ALG_NAMES.has(value)
}

export function isRegisteredEnc(value: unknown): value is string {
  return typeof value === 'string' && ENC_NAMES.has(value)
}

/** The value in quotes when it is a registered name, a neutral phrase otherwise. */
export function quoteAlgorithm(value: unknown): string {
  return isRegisteredAlg(value) || isRegisteredEnc(value) ? `"${value}"` : 'an unrecognized value'
}
