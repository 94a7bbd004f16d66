/**
 * The cold path as a ladder (RSA 2048): from the bare Web Crypto floor to webjose's public
 * verbs, one layer of webjose at a time, all contenders interleaved on fresh tokens. Each rung
 * replaces the bench's own code for one part of the work with webjose's module for it, so the
 * difference between two rungs is what that module costs on the cold path. Beside them, the
 * floor with the checks every verifier must make, written as lean as this bench can: what a
 * conforming verifier needs at least (bench/portable/lean.ts, which the portable bench times in
 * every runtime too). The modules come from src/ directly (the bench may reach
 * inside; applications cannot).
 */
import { parseCompactJwe, readContent } from '../../src/jwe/parse-compact-jwe.ts'
import { decryptParsed } from '../../src/jwe/decrypt-parsed.ts'
import { verifyCompactJws } from '../../src/jws/verify-compact-jws.ts'
import { validateJwt } from '../../src/jwt/jwt-verify.ts'
import { resolveAccessTokenOptions, verifyEncryptedJwt, type AccessTokenPolicy } from '../../src/verifier/decrypt-and-verify-jwt.ts'
import { decryptContent, leanInner, leanVerifier, strictDecoder, type LeanDecoder } from '../portable/lean.ts'
import { byName, interleave, pairedRatio, type InterleaveResult } from './harness.ts'
import { floorTwoCallOpener, importNestedKeys, nestedOptions, verifierOpener, webjoseOpener, type NestedKeys, type OpenToken } from './nested.ts'
import { medianInterval, type Summary } from './stats.ts'
import { TokenMinter, TokenPool, type KeyPairObjects } from './tokens.ts'

export interface LadderPlan {
  warmupRounds: number
  rounds: number
  batch: number
}

export interface Rung {
  name: string
  /** What this rung adds to the one above it (or what it is). */
  adds: string
}

/** In ladder order, from the bare floor to the public verbs; each rung's step is taken against the one above it. */
export const RUNGS: readonly Rung[] = [
  { name: 'floor-2call', adds: 'the floor: decrypt + importKey, AES-GCM decrypt, verify; Buffer base64url; no checks' },
  { name: 'floor + checks, Buffer base64url', adds: 'the floor with what every verifier must check (below), as lean as the bench can write it, decoding with Buffer (lenient, native)' },
  { name: 'floor + checks', adds: 'the same with strict base64url: webjose\'s decoder, in JavaScript where the runtime has no `Uint8Array.fromBase64` (src/ may not use Buffer)' },
  { name: 'webjose JWE parsing', adds: '`parseCompactJwe` + `readContent` (header, allow-lists, strict base64url) instead of the bench\'s; the rest as in floor + checks' },
  { name: '+ JWS and claims', adds: '`verifyCompactJws` + `validateJwt` for the inner JWT' },
  { name: '+ decryptParsed', adds: '`decryptParsed` (key check, RSA-OAEP family, uniform failure) for the Web Crypto calls of the JWE' },
  { name: '+ verifyEncryptedJwt', adds: '`verifyEncryptedJwt`: the nested-token glue (JWS/JWE detection, cty, key resolution), options resolved once' },
  { name: 'createVerifier', adds: 'the public verifier, cache off: options checked once, and each protected header decoded once (its header memo), which the rungs above decode per token' },
  { name: 'decryptAndVerifyJwt', adds: 'the public one-call verb, its options checked per call' },
]

export interface LadderResult {
  plan: LadderPlan
  result: InterleaveResult
  /** Per rung: its time / floor-2call's, per round. */
  vsFloor: Record<string, Summary>
  /** Per rung: a 95% confidence interval of that median ratio (order statistics of the per-round ratios). */
  vsFloorInterval: Record<string, [number, number]>
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

/** Buffer's decoder (lenient, native), for the rung that isolates what strict base64url costs. */
const bufferDecoder: LeanDecoder = {
  decode: (segment) => Buffer.from(segment, 'base64url'),
  decodeInto: (segment, out, offset) => out.set(Buffer.from(segment, 'base64url'), offset),
}

function webjoseJweParsing(keys: NestedKeys, policy: AccessTokenPolicy, inner: (plaintext: Uint8Array) => Promise<unknown>): OpenToken {
  return async (token) => {
    const parsed = parseCompactJwe(token, policy)
    return inner(await decryptContent(keys, parsed.cipher.encryptedKey, () => readContent(parsed.segments, 'A256GCM')))
  }
}

/** verifyCompactJws + validateJwt, as verifyEncryptedJwt calls them. */
async function webjoseInner(plaintext: Uint8Array, keys: NestedKeys, policy: AccessTokenPolicy): Promise<unknown> {
  const jws = utf8.decode(plaintext)
  const { payload, header } = await verifyCompactJws(jws, keys.verification, policy, jws.split('.'), plaintext)
  return validateJwt(header, payload, policy, undefined, ['exp'])
}

/** Every rung's opener, by name (RUNGS), on keys imported beforehand. */
export function ladderOpeners(keys: NestedKeys): Record<string, OpenToken> {
  const policy = resolveAccessTokenOptions({ ...nestedOptions(keys.decryption, keys.verification) })
  return {
    'floor-2call': floorTwoCallOpener(keys),
    'floor + checks, Buffer base64url': leanVerifier(keys, bufferDecoder),
    'floor + checks': leanVerifier(keys, strictDecoder),
    'webjose JWE parsing': webjoseJweParsing(keys, policy, (plaintext) => leanInner(plaintext, keys, strictDecoder)),
    '+ JWS and claims': webjoseJweParsing(keys, policy, (plaintext) => webjoseInner(plaintext, keys, policy)),
    '+ decryptParsed': async (token) => {
      const parsed = parseCompactJwe(token, policy)
      return webjoseInner(await decryptParsed(parsed, [keys.decryption], policy), keys, policy)
    },
    '+ verifyEncryptedJwt': (token) => verifyEncryptedJwt(token, policy),
    createVerifier: verifierOpener(keys),
    decryptAndVerifyJwt: webjoseOpener(keys),
  }
}

export async function runLadder(plan: LadderPlan, signing: KeyPairObjects, recipient: KeyPairObjects): Promise<LadderResult> {
  const keys = await importNestedKeys(recipient.material, signing.material)
  const minter = new TokenMinter(signing, recipient)
  const openers = ladderOpeners(keys)
  // Every rung must accept a token, and refuse one carrying another token's AES-GCM tag, before it is timed.
  for (const [name, open] of Object.entries(openers)) {
    await open(minter.mint())
    const [head, tail] = [minter.mint(), minter.mint()].map((token) => token.split('.'))
    const forged = [...head!.slice(0, 4), tail![4]].join('.')
    if (await open(forged).then(() => true, () => false)) throw new Error(`ladder: ${name} accepted a token with another token's tag`)
  }
  const perRung = (plan.warmupRounds + plan.rounds) * plan.batch
  const contenders = RUNGS.map(({ name }) => {
    const open = openers[name]!
    const pool = new TokenPool(minter.pool(perRung))
    return { name, async batch(count: number) { for (let i = 0; i < count; i++) await open(pool.take()) } }
  })
  const result = await interleave(contenders, { ...plan, mainThreadCpu: true })
  const floor = byName(result, 'floor-2call').samples
  return {
    plan,
    result,
    vsFloor: Object.fromEntries(RUNGS.map(({ name }) => [name, pairedRatio(result, name, 'floor-2call')])),
    vsFloorInterval: Object.fromEntries(RUNGS.map(({ name }) => [name, medianInterval(byName(result, name).samples.map((ns, round) => ns / floor[round]!))])),
  }
}
