/**
 * The runtime-agnostic conformance suite. Each area registers its tests on import; a later
 * area (jwt, verifier, ...) is one new file plus one import line here.
 */
import './encoding.ts'
import './jws.ts'
import './jws-json.ts'
import './jws-curves.ts'
import './jwe.ts'
import './jwe-symmetric.ts'
import './jwe-json.ts'
import './jwe-json-rfc7516.ts'
import './jwe-ecdh.ts'
import './decryption-key-set.ts'
import './roundtrip.ts'
import './hmac.ts'
import './key-verbs.ts'
import './ml-dsa-pem.ts'
import './negative.ts'

export { run, registeredTests, summaryLine, isSuccess, type RunResult } from './harness.ts'
