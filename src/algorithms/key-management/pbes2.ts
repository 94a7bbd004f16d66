import { invalidArgument, jweInvalid } from '../../errors.ts'
import { decode, encode } from '../../encoding/base64url.ts'
import { concatBytes } from '../../encoding/bytes.ts'
import { utf8Encode } from '../../encoding/utf8.ts'
import type { Hash, KeySpec } from '../key-spec.ts'
import type { JweHeader } from '../../serialization/header.ts'
import { aesBits, importKek, kwUnwrap, kwWrap } from './aes-kw.ts'
import { cekOrRandom, randomCek, type KeyWrapFamily, type KeyManagementPolicy } from './family.ts'
import { importOct } from '../oct-importer.ts'

/** RFC 7518 §4.8: a password-derived AES-KW key (PBKDF2, RFC 8018). */
export type Pbes2Algorithm = 'PBES2-HS256+A128KW' | 'PBES2-HS384+A192KW' | 'PBES2-HS512+A256KW'

/** The password, imported as PBKDF2 key material from its bytes. */
const PBES2_SPEC: KeySpec = { name: 'PBKDF2', kty: 'oct', use: 'enc', privateUsages: ['deriveBits'], publicUsages: ['deriveBits'], importer: importOct }

export const PBES2_SPECS: Readonly<Record<Pbes2Algorithm, KeySpec>> = {
  'PBES2-HS256+A128KW': PBES2_SPEC,
  'PBES2-HS384+A192KW': PBES2_SPEC,
  'PBES2-HS512+A256KW': PBES2_SPEC,
}

/** RFC 7518 §4.8.1.2 recommends at least 1000 iterations. */
export const MIN_PBES2_COUNT = 1000
/** Each iteration costs the recipient an HMAC: an unbounded "p2c" exhausts its CPU. */
export const DEFAULT_MAX_PBES2_COUNT = 10_000
/** RFC 7518 §4.8.1.1: the salt input is at least 8 octets. */
const MIN_SALT_BYTES = 8

/** "p2c" within bounds and "p2s" long enough, checked before any derivation. */
function saltAndCount(header: JweHeader, policy: KeyManagementPolicy): [salt: Uint8Array, count: number] {
  const count = header.p2c
  const max = policy.maxPbes2Count ?? DEFAULT_MAX_PBES2_COUNT
  if (!(Number.isInteger(max) && max >= MIN_PBES2_COUNT) && max !== Infinity) throw invalidArgument('options.maxPbes2Count is invalid')
  if (!Number.isInteger(count) || (count as number) < MIN_PBES2_COUNT) throw jweInvalid(`JWE "p2c" must be an integer of at least ${MIN_PBES2_COUNT}`)
  if ((count as number) > max) throw jweInvalid(`JWE "p2c" exceeds ${max}`)
  const salt = decode(header.p2s as string, 'JWE "p2s"')
  if (salt.length < MIN_SALT_BYTES) throw jweInvalid(`JWE "p2s" must be at least ${MIN_SALT_BYTES} bytes`)
  return [salt, count as number]
}

/** RFC 7518 §4.8.1.1: the PBKDF2 salt is UTF8(alg) ‖ 0x00 ‖ p2s; the KEK is as long as the "A…KW" names. */
async function deriveKek(alg: string, password: CryptoKey, salt: Uint8Array, count: number, usages: KeyUsage[]): Promise<CryptoKey> {
  const hash = `SHA-${alg.slice(8, 11)}` as Hash
  const params = { name: 'PBKDF2', hash, iterations: count, salt: concatBytes(utf8Encode(alg), new Uint8Array(1), salt) as BufferSource }
  return importKek(new Uint8Array(await crypto.subtle.deriveBits(params, password, aesBits(alg))), usages)
}

export const pbes2: KeyWrapFamily = {
  specs: PBES2_SPECS,
  checkHeader: (token, policy) => void saltAndCount(token.header, policy),
  async unwrap(alg, key, encryptedKey, header, cekBytes) {
    // Bounds were checked by checkHeader; decryption passes the checked policy there, not here.
    const [salt, count] = saltAndCount(header, { maxPbes2Count: Infinity })
    let kek: CryptoKey
    try {
      kek = await deriveKek(alg, key, salt, count, ['unwrapKey'])
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_ALG_NOT_SUPPORTED') throw error
      return cekOrRandom(undefined, cekBytes)
    }
    return kwUnwrap(kek, encryptedKey, cekBytes)
  },
  async wrap(alg, key, cekBytes, header, given) {
    // The sender may choose its own "p2c"/"p2s"; the defaults are a 16-byte salt and the decryption ceiling.
    const count = header.p2c ?? DEFAULT_MAX_PBES2_COUNT
    const p2s = header.p2s ?? encode(randomCek(16))
    const [salt] = saltAndCount({ ...header, p2c: count, p2s }, { maxPbes2Count: Infinity })
    const cek = given ?? randomCek(cekBytes)
    const kek = await deriveKek(alg, key, salt, count as number, ['wrapKey'])
    return { encryptedKey: await kwWrap(kek, cek), cek, headerParameters: { p2s: p2s as string, p2c: count as number } }
  },
}
