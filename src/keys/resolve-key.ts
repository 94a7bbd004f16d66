import { JoseError, keyInvalid } from '../errors.ts'

/** Picks the key for a token from its header, typically by "kid". */
export type KeyResolver<Header> = (header: Header) => CryptoKey | Promise<CryptoKey>

export type KeyInput<Header> = CryptoKey | KeyResolver<Header>

/** Calls a resolver; its own JoseErrors pass through, anything else becomes ERR_KEY_INVALID. */
export async function resolveKey<Header>(key: KeyInput<Header>, header: Header): Promise<unknown> {
  if (typeof key !== 'function') return key
  try {
    return await key(header)
  } catch (error) {
    if (error instanceof JoseError) throw error
    throw keyInvalid('key resolver failed', error)
  }
}
