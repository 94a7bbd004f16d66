import { jweInvalid } from '../../errors.ts'
import { decode } from '../../encoding/base64url.ts'
import { isPlainObject } from '../../serialization/json.ts'
import type { KeySpec } from '../key-spec.ts'
import type { JweHeader } from '../../serialization/header.ts'
import { importEcOkp as importer } from '../ec-okp-importer.ts'
import { aesBits, importKek, kwUnwrap, kwWrap } from './aes-kw.ts'
import { concatKdf, otherInfo } from './concat-kdf.ts'
import { isOnCurve } from './ec-point.ts'
import { cekOrRandom, randomCek, type KeyWrapFamily } from './family.ts'

/** RFC 7518 §4.6: ECDH-ES key agreement, direct or wrapping the CEK with AES-KW; RFC 8037 §3.2 adds X25519 and X448. */
export type EcdhEsAlgorithm = 'ECDH-ES' | 'ECDH-ES+A128KW' | 'ECDH-ES+A192KW' | 'ECDH-ES+A256KW'

/** Each curve's JWK "kty", the bytes of a coordinate (RFC 7518 §6.2.1.2, RFC 8037 §2) and of the shared secret. */
const CURVES: Readonly<Record<string, readonly [kty: 'EC' | 'OKP', coordinateBytes: number]>> = {
  'P-256': ['EC', 32],
  'P-384': ['EC', 48],
  'P-521': ['EC', 66],
  X25519: ['OKP', 32],
  X448: ['OKP', 56],
}

const spec = (crv: string, or?: KeySpec): KeySpec => {
  const kty = CURVES[crv]![0]
  return {
    ...(kty === 'EC' ? { name: 'ECDH', namedCurve: crv } : { name: crv }),
    kty,
    crv,
    use: 'enc',
    privateUsages: ['deriveBits'],
    // Web Crypto gives an ECDH public key no usages.
    publicUsages: [],
    importer,
    ...(or && { or }),
  }
}

/**
 * The alg names no curve: the key's decides (like "EdDSA", signature/okp.ts). P-256 first, the
 * curve a generated key gets; the others follow as alternatives (`or`) a key of their curve selects.
 */
const ECDH_SPEC = spec('P-256', spec('P-384', spec('P-521', spec('X25519', spec('X448')))))

export const ECDH_ES_SPECS: Readonly<Record<EcdhEsAlgorithm, KeySpec>> = {
  'ECDH-ES': ECDH_SPEC,
  'ECDH-ES+A128KW': ECDH_SPEC,
  'ECDH-ES+A192KW': ECDH_SPEC,
  'ECDH-ES+A256KW': ECDH_SPEC,
}

/** A checked "epk": its curve, and a JWK of its public members only. */
interface Epk {
  readonly crv: string
  readonly jwk: JsonWebKey
}

const own = (object: Record<string, unknown>, name: string): unknown => (Object.hasOwn(object, name) ? object[name] : undefined)

/**
 * RFC 7518 §4.6.1.1: "epk" is the sender's ephemeral public key, a JWK of a supported curve with
 * full-length coordinates, never a private key, and for the NIST curves a point of that curve
 * (the invalid-curve attack, RFC 8725 §3.4). Key-free: checked before any key is used.
 */
function readEpk(header: JweHeader): Epk {
  const epk = header.epk
  if (!isPlainObject(epk)) throw jweInvalid('JWE "epk" missing')
  if (own(epk, 'd') !== undefined) throw jweInvalid('JWE "epk" must be a public key')
  const crv = own(epk, 'crv') as string
  const curve = Object.hasOwn(CURVES, crv) ? CURVES[crv]! : undefined
  if (!curve || own(epk, 'kty') !== curve[0]) throw jweInvalid('JWE "epk" must be an EC or OKP key of P-256, P-384, P-521, X25519 or X448')
  const [kty, size] = curve
  const x = decode(own(epk, 'x') as string, 'JWE "epk" "x"')
  const y = kty === 'EC' ? decode(own(epk, 'y') as string, 'JWE "epk" "y"') : undefined
  if (x.length !== size || (y ? y.length !== size : own(epk, 'y') !== undefined)) throw jweInvalid(`JWE "epk" coordinates must be ${size} bytes`)
  if (y && !isOnCurve(crv, x, y)) throw jweInvalid('JWE "epk" is not a point of its curve')
  return { crv, jwk: { kty, crv, x: epk.x as string, ...(y && { y: epk.y as string }) } }
}

/** RFC 7518 §4.6.1.2, §4.6.1.3: "apu" and "apv", base64url, empty when absent. */
const party = (value: unknown, name: string): Uint8Array => (value === undefined ? new Uint8Array(0) : decode(value as string, `JWE "${name}"`))

/** The curve of an ECDH, X25519 or X448 key: its JWK "crv". */
const curveOf = (key: CryptoKey): string => (key.algorithm as EcKeyAlgorithm).namedCurve ?? key.algorithm.name

/** The bits of Z for each curve: the x-coordinate (SEC 1 §3.3.1) or the X25519/X448 output. */
const secretBits = (crv: string): number => CURVES[crv]![1] * 8

/** The key that Concat KDF derives: the CEK for direct ECDH-ES (the "enc"'s size), else the AES-KW key. */
function derivedKey(alg: string, header: JweHeader, cekBytes: number): [algorithmId: string, bits: number] {
  return alg === 'ECDH-ES' ? [header.enc, cekBytes * 8] : [alg, aesBits(alg)]
}

const derive = (alg: string, header: JweHeader, cekBytes: number, sharedSecret: Uint8Array): Promise<Uint8Array> => {
  const [algorithmId, bits] = derivedKey(alg, header, cekBytes)
  return concatKdf(sharedSecret, bits, otherInfo(algorithmId, party(header.apu, 'apu'), party(header.apv, 'apv'), bits))
}

/**
 * Z for the recipient's private key and the sender's "epk" (of the key's curve). An "epk" the
 * runtime refuses after readEpk is ERR_JWE_INVALID (it is public: that says nothing of the key).
 * RFC 7748 §6.1: an all-zero X25519/X448 output (a small-order "epk") is a failure; like a failed
 * derivation it is undefined, and the caller continues with a random secret: the same calls, the
 * uniform error (RFC 7516 §11.5).
 */
async function agree(key: CryptoKey, epk: Epk, crv: string): Promise<Uint8Array | undefined> {
  const publicKey = await crypto.subtle.importKey('jwk', epk.jwk, key.algorithm as EcKeyImportParams, false, []).catch(() => {
    throw jweInvalid('JWE "epk" is not a valid public key')
  })
  const shared = await crypto.subtle.deriveBits({ name: key.algorithm.name, public: publicKey }, key, secretBits(crv)).then(
    (bits) => new Uint8Array(bits),
    () => undefined,
  )
  return shared?.some((byte) => byte !== 0) ? shared : undefined
}

export const ecdhEs: KeyWrapFamily = {
  specs: ECDH_ES_SPECS,
  checkHeader({ header, cipher }) {
    readEpk(header)
    party(header.apu, 'apu')
    party(header.apv, 'apv')
    // RFC 7518 §4.6: direct key agreement sends an empty encrypted key (RFC 7516 §5.1 step 5).
    if (header.alg === 'ECDH-ES' && cipher.encryptedKey.length > 0) throw jweInvalid('JWE encrypted key must be empty for "ECDH-ES"')
  },
  async unwrap(alg, key, encryptedKey, header, cekBytes) {
    const epk = readEpk(header)
    const crv = curveOf(key)
    // An "epk" on another curve than the key's is never combined with it (the invalid-curve
    // attack): this key is not the recipient's, and like any wrong key it fails uniformly, so a
    // JSON JWE's next recipient or a key set's next key is still tried.
    const shared = epk.crv === crv ? await agree(key, epk, crv) : undefined
    const sharedSecret = shared ?? randomCek(secretBits(crv) >>> 3)
    const derived = await derive(alg, header, cekBytes, sharedSecret)
    if (alg === 'ECDH-ES') return cekOrRandom(derived, cekBytes)
    return kwUnwrap(await importKek(derived, ['unwrapKey']), encryptedKey, cekBytes)
  },
  // `given`: the CEK every recipient of a JSON JWE shares; direct ECDH-ES derives its own and takes a single recipient.
  async wrap(alg, key, cekBytes, header, given) {
    // A fresh ephemeral key on the recipient's curve for every token (RFC 7518 §4.6.1.1).
    const ephemeral = (await crypto.subtle.generateKey(key.algorithm as EcKeyGenParams, true, ['deriveBits'])) as CryptoKeyPair
    const crv = curveOf(key)
    const shared = new Uint8Array(await crypto.subtle.deriveBits({ name: key.algorithm.name, public: key }, ephemeral.privateKey, secretBits(crv)))
    const derived = await derive(alg, header, cekBytes, shared)
    const { x, y } = await crypto.subtle.exportKey('jwk', ephemeral.publicKey)
    // The public members only (no "key_ops", "ext"): RFC 7518 §4.6.1.1.
    const epk = { kty: CURVES[crv]![0], crv, x: x!, ...(y && { y }) }
    if (alg === 'ECDH-ES') return { encryptedKey: new Uint8Array(0), cek: derived, headerParameters: { epk } }
    const cek = given ?? randomCek(cekBytes)
    return { encryptedKey: await kwWrap(await importKek(derived, ['wrapKey']), cek), cek, headerParameters: { epk } }
  },
}
