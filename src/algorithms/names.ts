/**
 * Every "alg" and "enc" value registered by RFC 7518 §7.1 (and RFC 8037, RFC 8812), supported
 * or not. Diagnostics quote a header value only when it is one of these, so attacker-chosen
 * text never reaches a message or a log line.
 */
const ALG =
  /^(?:[RPHE]S(?:256|384|512)|ES256K|EdDSA|none|RSA1_5|RSA-OAEP(?:-256|-384|-512)?|A(?:128|192|256)(?:GCM)?KW|dir|ECDH-ES(?:\+A(?:128|192|256)KW)?|PBES2-HS(?:256\+A128|384\+A192|512\+A256)KW)$/
const ENC = /^A(?:128CBC-HS256|192CBC-HS384|256CBC-HS512|(?:128|192|256)GCM)$/

export function isRegisteredAlg(value: unknown): value is string {
  return typeof value === 'string' && ALG.test(value)
}

export function isRegisteredEnc(value: unknown): value is string {
  return typeof value === 'string' && ENC.test(value)
}

/** The value in quotes when it is a registered name, a neutral phrase otherwise. */
export function quoteAlgorithm(value: unknown): string {
  return isRegisteredAlg(value) || isRegisteredEnc(value) ? `"${value}"` : '(unrecognized)'
}
