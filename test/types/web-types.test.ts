// Type-level: typechecked by `tsc -p tsconfig.test.json` (npm run typecheck); the runtime part only
// shows the file ran. The published declarations name these twins instead of the DOM globals.
import { describe, expectTypeOf, it } from 'vitest'
import type { CryptoKey, CryptoKeyPair, HeadersInit, JsonWebKey, KeyUsage } from '../../src/web-types.ts'

describe('web-types: the structural twins of the DOM lib types', () => {
  it('pass both ways between webjose and the DOM lib', () => {
    expectTypeOf<CryptoKey>().toExtend<globalThis.CryptoKey>()
    expectTypeOf<globalThis.CryptoKey>().toExtend<CryptoKey>()
    expectTypeOf<CryptoKeyPair>().toExtend<globalThis.CryptoKeyPair>()
    expectTypeOf<globalThis.CryptoKeyPair>().toExtend<CryptoKeyPair>()
    expectTypeOf<JsonWebKey>().toEqualTypeOf<globalThis.JsonWebKey>()
    expectTypeOf<KeyUsage>().toEqualTypeOf<globalThis.KeyUsage>()
    expectTypeOf<HeadersInit>().toEqualTypeOf<globalThis.HeadersInit>()
    // And with what Node's own webcrypto module declares.
    expectTypeOf<import('node:crypto').webcrypto.CryptoKey>().toExtend<CryptoKey>()
    expectTypeOf<CryptoKey>().toExtend<import('node:crypto').webcrypto.CryptoKey>()
  })
})
