import { keyInvalid } from '../errors.ts'
import { isCryptoKey } from './check-key.ts'
import type { Jwk } from './import-key.ts'

/**
 * The JWK of a CryptoKey: a public key's public members; a private key or secret only when it
 * was made extractable (importKey, generateKeyPair and generateSecret make keys
 * non-extractable unless asked). Web Crypto's "ext" and "key_ops" are left out; "alg" stays
 * when Web Crypto names it. Rejects with ERR_KEY_INVALID for anything else, and for a key
 * that is not extractable.
 *
 * @example
 * const { publicKey } = await generateKeyPair('RS256')
 * const jwk = await exportJwk(publicKey)
 */
export async function exportJwk(key: CryptoKey): Promise<Jwk> {
  if (!isCryptoKey(key)) throw keyInvalid('key must be a CryptoKey')
  if (!key.extractable) {
    throw keyInvalid(
      key.type === 'public'
        ? 'public key is not extractable: import it with { extractable: true }'
        : `${key.type} key is not extractable: its key material never leaves Web Crypto`,
    )
  }
  const { ext: _ext, key_ops: _keyOps, ...jwk } = await crypto.subtle.exportKey('jwk', key)
  return jwk
}
