import type { HeaderMemo } from '../serialization/header.ts'
import type { JsonObject } from '../serialization/json.ts'
import { deepFreeze } from './deep-freeze.ts'
import { utf8Decode, utf8Encode } from '../encoding/utf8.ts'

/** Most headers one verifier keeps; an issuer's tokens share a handful (one pair per signing and encryption key). */
const MAX_HEADERS = 64

/**
 * Members that make a header one token's own (RFC 7518 §4.6.1.1 "epk", §4.7.1 "iv" and "tag",
 * §4.8.1 "p2s"): such a header never repeats, so keeping it would only push out those that do.
 */
const PER_TOKEN = ['epk', 'iv', 'tag', 'p2s']

/**
 * A verifier's decoded protected headers, by segment. An issuer's tokens repeat theirs, so each
 * is decoded, parsed and type-checked once (decodeProtectedHeader). Deep-frozen, since every
 * token with that segment shares the object and hands it out in its result. Full, it starts
 * over: headers an attacker varies cost at most MAX_HEADERS entries, never more work per token.
 */
export class VerifierHeaderMemo extends Map<string, JsonObject> implements HeaderMemo {
  override set(segment: string, header: JsonObject): this {
    if (PER_TOKEN.some((name) => Object.hasOwn(header, name))) return this
    if (this.size >= MAX_HEADERS) this.clear()
    // A copy of the segment, not the segment: a slice of a token can keep the whole token (and an
    // inner JWS, its decrypted plaintext) alive in the engine as long as the slice is kept.
    return super.set(utf8Decode(utf8Encode(segment), 'JOSE protected header', 'ERR_JWS_INVALID'), deepFreeze(header))
  }
}
