import { invalidArgument } from '../errors.ts'
import { isPlainObject } from '../serialization/json.ts'
import type { JweHeader } from '../serialization/header.ts'
import { compactEncrypt } from '../jwe/compact-encrypt.ts'

/**
 * Encrypts a signed JWT to the recipient's key for any JWE "alg" compactEncrypt takes (RSA-OAEP*,
 * ECDH-ES*, A*KW, A*GCMKW, PBES2*, dir), giving a nested JWT (RFC 7519 §5.2, §11.2): "cty" is
 * "JWT" and "enc" defaults to A256GCM.
 *
 * @example
 * const token = await encryptJwt(jwt, apiPublicKey, { alg: 'RSA-OAEP-256', kid: 'enc-1' })
 */
export function encryptJwt(
  jwt: string,
  key: CryptoKey,
  header: Partial<JweHeader> & { alg: JweHeader['alg'] },
): Promise<string> {
  if (typeof jwt !== 'string' || jwt.split('.').length !== 3) {
    throw invalidArgument('jwt must be a compact signed JWT')
  }
  if (!isPlainObject(header)) throw invalidArgument('header must be a plain object')
  const { alg, ...rest } = header
  return compactEncrypt(jwt, key, { alg, enc: 'A256GCM', ...rest, cty: 'JWT' } as JweHeader)
}
