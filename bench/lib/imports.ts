/**
 * Section 5: key import costs, and a count of the Web Crypto calls each contender makes per
 * token (the hot path must import no long-lived key per call).
 */
import { importJWK, importPKCS8 } from 'jose'
import { DecryptionKeySet, decryptAndVerifyJwt, importKey } from '../../src/index.ts'
import { interleave, type InterleaveResult } from './harness.ts'
import { floorOpener, floorTwoCallOpener, importNestedKeys, joseOpener, nestedOptions, webjoseOpener, type OpenToken } from './nested.ts'
import { TokenMinter, type KeyPairObjects } from './tokens.ts'

export interface ImportPlan {
  warmupRounds: number
  rounds: number
  batch: number
}

function pemToDer(pem: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64'))
}

export async function runImports(plan: ImportPlan, recipient: KeyPairObjects, signing: KeyPairObjects): Promise<InterleaveResult> {
  const privatePem = recipient.material.privatePem
  const privateDer = pemToDer(privatePem)
  const publicJwk = signing.material.publicJwk
  const OAEP_256 = { name: 'RSA-OAEP', hash: 'SHA-256' } as const
  const RS256 = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const
  const repeat = (run: () => Promise<unknown>) => async (count: number) => {
    for (let i = 0; i < count; i++) await run()
  }
  return interleave(
    [
      { name: "webjose importKey(PEM pkcs8, 'RSA-OAEP-256')", batch: repeat(() => importKey(privatePem, 'RSA-OAEP-256')) },
      { name: "jose importPKCS8(PEM, 'RSA-OAEP-256')", batch: repeat(() => importPKCS8(privatePem, 'RSA-OAEP-256')) },
      {
        name: "subtle.importKey('pkcs8', DER) (floor)",
        batch: repeat(() => crypto.subtle.importKey('pkcs8', privateDer, OAEP_256, false, ['decrypt', 'unwrapKey'])),
      },
      { name: "webjose importKey(public JWK, 'RS256')", batch: repeat(() => importKey(publicJwk, 'RS256')), scale: 4 },
      { name: "jose importJWK(public JWK, 'RS256')", batch: repeat(() => importJWK(publicJwk, 'RS256')), scale: 4 },
      {
        name: "subtle.importKey('jwk', public) (floor)",
        batch: repeat(() => crypto.subtle.importKey('jwk', publicJwk, RS256, false, ['verify'])),
        scale: 4,
      },
    ],
    { ...plan, mainThreadCpu: true },
  )
}

const COUNTED = ['importKey', 'unwrapKey', 'decrypt', 'verify', 'encrypt', 'sign', 'digest', 'exportKey', 'deriveKey', 'deriveBits', 'wrapKey', 'generateKey'] as const

export interface CallCounts {
  name: string
  calls: number
  /** Web Crypto calls per token, by method (only methods that were called). */
  perCall: Record<string, number>
  /** The same, split by what was called: "decrypt RSA-OAEP", "importKey raw AES-GCM", "importKey pkcs8 RSA-OAEP", ... */
  detail: Record<string, number>
}

function algorithmName(algorithm: unknown): string {
  if (typeof algorithm === 'string') return algorithm
  return typeof algorithm === 'object' && algorithm !== null ? String((algorithm as { name?: unknown }).name) : '?'
}

/** What a call was for: the algorithm, and for imports the format too. */
function describe(method: string, args: unknown[]): string {
  if (method === 'importKey') return `importKey ${String(args[0])} ${algorithmName(args[2])}`
  if (method === 'unwrapKey') return `unwrapKey ${algorithmName(args[3])} → ${algorithmName(args[4])}`
  return `${method} ${algorithmName(args[0])}`
}

/**
 * The hot path imports no long-lived key: per token, either one unwrapKey or one RSA
 * decrypt plus one import of the raw AES-GCM CEK (an ephemeral key), and no other import.
 */
export function hotPathImportsOk(counts: CallCounts): boolean {
  const detail = counts.detail
  const cekImports = detail['importKey raw AES-GCM'] ?? 0
  const otherImports = (counts.perCall.importKey ?? 0) - cekImports
  const unwraps = counts.perCall.unwrapKey ?? 0
  const rsaDecrypts = detail['decrypt RSA-OAEP'] ?? 0
  return otherImports === 0 && ((unwraps === 1 && cekImports === 0) || (unwraps === 0 && rsaDecrypts === 1 && cekImports === 1))
}

/** Runs `calls` fresh tokens through `open` with every subtle method wrapped by a counter. */
async function countCalls(name: string, open: OpenToken, tokens: readonly string[]): Promise<CallCounts> {
  const subtle = crypto.subtle as unknown as Record<string, (...args: unknown[]) => unknown>
  const counts: Record<string, number> = {}
  const details: Record<string, number> = {}
  for (const method of COUNTED) {
    const original = subtle[method]!
    subtle[method] = (...args: unknown[]) => {
      counts[method] = (counts[method] ?? 0) + 1
      const what = describe(method, args)
      details[what] = (details[what] ?? 0) + 1
      return original.apply(crypto.subtle, args)
    }
  }
  try {
    for (const token of tokens) await open(token)
  } finally {
    for (const method of COUNTED) delete subtle[method]
  }
  const perCall: Record<string, number> = {}
  for (const [method, count] of Object.entries(counts)) perCall[method] = count / tokens.length
  const detail: Record<string, number> = {}
  for (const [what, count] of Object.entries(details)) detail[what] = count / tokens.length
  return { name, calls: tokens.length, perCall, detail }
}

export async function runCallCounts(recipient: KeyPairObjects, signing: KeyPairObjects, calls = 100): Promise<CallCounts[]> {
  const keys = await importNestedKeys(recipient.material, signing.material)
  const minter = new TokenMinter(signing, recipient)
  // A key set built from PEM: imported on first use, then reused (the count shows it once in 100).
  const keySet = new DecryptionKeySet([{ kid: `enc-${recipient.material.bits}`, key: recipient.material.privatePem }])
  const fromPem: OpenToken = (token) =>
    decryptAndVerifyJwt(token, nestedOptions(keySet, keys.verification))
  const contenders: [string, OpenToken][] = [
    ['webjose decryptAndVerifyJwt (CryptoKeys)', webjoseOpener(keys)],
    ['webjose decryptAndVerifyJwt (DecryptionKeySet from PEM, first call included)', fromPem],
    ['floor', floorOpener(keys)],
    ['floor-2call', floorTwoCallOpener(keys)],
    ['jose compactDecrypt + jwtVerify', joseOpener(keys)],
  ]
  const results: CallCounts[] = []
  for (const [name, open] of contenders) results.push(await countCalls(name, open, minter.pool(calls)))
  return results
}
