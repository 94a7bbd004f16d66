/** What the flattenedDecrypt and generalDecrypt tests share: fresh secrets, an A128KW key, the allow-lists and JSON copies. */
import type { GeneralDecryptOptions } from '../../src/jwe/general-decrypt.ts'
import { importKey } from '../../src/keys/import-key.ts'

/** `bytes` random bytes. */
export const secret = (bytes: number): Uint8Array => crypto.getRandomValues(new Uint8Array(bytes))
/** A fresh random A128KW key. */
export const kwKey = (bytes = 16) => importKey(secret(bytes), 'A128KW')
/** Allows every alg and enc the tokens here are made with. */
export const OPTIONS: GeneralDecryptOptions = { keyManagementAlgorithms: ['A128KW', 'A128GCMKW', 'dir'], contentEncryptionAlgorithms: ['A128GCM', 'A256GCM'] }
/** The UTF-8 text of `bytes`. */
export const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes)
/** A JSON round trip of `value`: a plain object a test may change, as a parsed JWE would be. */
export const copy = <T>(value: T): Record<string, any> => JSON.parse(JSON.stringify(value))
