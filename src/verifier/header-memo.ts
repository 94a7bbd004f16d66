import type { HeaderMemo } from '../serialization/header.ts'
import type { JsonObject } from '../serialization/json.ts'
import { deepFreeze } from './deep-freeze.ts'

/** Most headers one verifier keeps; an issuer's tokens share a handful (one pair per signing and encryption key). */
const MAX_HEADERS = 64

/**
 * A verifier's decoded protected headers, by segment. An issuer's tokens repeat theirs, so each
 * is decoded, parsed and type-checked once (decodeProtectedHeader). Deep-frozen, since every
 * token with that segment shares the object and hands it out in its result. Full, it starts
 * over: headers an attacker varies cost at most MAX_HEADERS entries, never more work per token.
 */
export class VerifierHeaderMemo extends Map<string, JsonObject> implements HeaderMemo {
  override set(segment: string, header: JsonObject): this {
    if (this.size >= MAX_HEADERS) this.clear()
    return super.set(segment, deepFreeze(header))
  }
}
