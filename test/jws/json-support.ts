/** Builds JSON-serialized JWSs with node:crypto only, so the verbs are checked against an independent signer, and gives the key that verifies them. */
import type { RsaSignatureAlgorithm as SignatureAlgorithm } from '../../src/algorithms/signature/rsa.ts'
import { constants, sign } from 'node:crypto'
import { rsaKey, namedKey, nodeHash, webCryptoKey, type TestRsaKey } from '../helpers/keys.ts'
import { b64 } from '../helpers/tokens.ts'

/** RS* / PS* over arbitrary bytes (an unencoded payload need not be ASCII). */
export function nodeSign(alg: SignatureAlgorithm, key: TestRsaKey, input: Buffer): Buffer {
  const padding = alg.startsWith('PS')
    ? { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: Number(alg.slice(2)) / 8 }
    : { padding: constants.RSA_PKCS1_PADDING }
  return sign(nodeHash(alg), input, { key: key.privateKey, ...padding })
}

export interface EntrySpec {
  /** Protected header object, or its exact base64url segment; omitted: no "protected" member. */
  protected?: Record<string, unknown> | string
  header?: Record<string, unknown>
  /** Signing key; default rsaKey(). */
  key?: TestRsaKey
  /** Default: the alg of the protected header, else of the unprotected one. */
  alg?: SignatureAlgorithm
}

export interface Signed {
  protected?: string
  header?: Record<string, unknown>
  signature: string
}

/** One signature entry over `payloadMember` (base64url, or the unencoded text when `raw`). */
export function nodeEntry(payloadMember: string, spec: EntrySpec, raw = false): Signed {
  const segment =
    spec.protected === undefined ? '' : typeof spec.protected === 'string' ? spec.protected : b64(JSON.stringify(spec.protected))
  const alg = (spec.alg ?? (spec.protected as { alg?: string } | undefined)?.alg ?? spec.header?.alg) as SignatureAlgorithm
  const input = Buffer.concat([Buffer.from(`${segment}.`), Buffer.from(payloadMember, raw ? 'utf8' : 'ascii')])
  const entry: Signed = { signature: b64(nodeSign(alg, spec.key ?? rsaKey(), input)) }
  if (spec.protected !== undefined) entry.protected = segment
  if (spec.header !== undefined) entry.header = spec.header
  return entry
}

/** A flattened JWS (RFC 7515 §7.2.2) over the UTF-8 `payload`. */
export function nodeFlattened(payload: string, spec: EntrySpec, raw = false): Record<string, unknown> {
  const member = raw ? payload : b64(payload)
  return { payload: member, ...nodeEntry(member, spec, raw) }
}

/** A general JWS (RFC 7515 §7.2.1) with one entry per spec. */
export function nodeGeneral(payload: string, specs: EntrySpec[], raw = false): Record<string, unknown> {
  const member = raw ? payload : b64(payload)
  return { payload: member, signatures: specs.map((spec) => nodeEntry(member, spec, raw)) }
}

export const otherKey = (): TestRsaKey => namedKey('json-other')

/** The public key of rsaKey(), the default signer, for RS256. */
export const verificationKey = (): Promise<CryptoKey> => webCryptoKey('RS256', 'public')
