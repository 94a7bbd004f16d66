/**
 * Where the cold path's time goes (RSA 2048): each Web Crypto step on its own, and each
 * contender's own JavaScript with Web Crypto stubbed out (every subtle call answers at once
 * with the precomputed result), so the two parts can be added up and compared.
 */
import { constants, privateDecrypt, createPrivateKey } from 'node:crypto'
import { interleave, consume, type Contender, type InterleaveResult } from './harness.ts'
import { floorOpener, floorTwoCallOpener, importNestedKeys, joseOpener, remoteJwksVerifierOpener, verifierOpener, webjoseOpener, type NestedKeys, type OpenToken } from './nested.ts'
import { runTimeline, type TimelineRow } from './timeline.ts'
import { TokenMinter, TokenPool, type KeyPairObjects } from './tokens.ts'

type Bytes = Uint8Array<ArrayBuffer>

export interface Opened {
  token: string
  encryptedKey: Bytes
  iv: Bytes
  aad: Bytes
  ciphertextAndTag: Bytes
  rawCek: ArrayBuffer
  cek: CryptoKey
  plaintext: ArrayBuffer
  signingInput: Bytes
  signature: Bytes
}

const OAEP = { name: 'RSA-OAEP' } as const
const AES_GCM = { name: 'AES-GCM' } as const
const RS256 = { name: 'RSASSA-PKCS1-v1_5' } as const

/** Opens tokens with plain Web Crypto calls, keeping every intermediate value. */
export async function openAll(tokens: readonly string[], keys: NestedKeys): Promise<Opened[]> {
  const opened: Opened[] = []
  for (const token of tokens) {
    const [header, ek, iv, ct, tag] = token.split('.') as [string, string, string, string, string]
    const encryptedKey = new Uint8Array(Buffer.from(ek, 'base64url'))
    const rawCek = await crypto.subtle.decrypt(OAEP, keys.decryption, encryptedKey)
    const cek = await crypto.subtle.importKey('raw', rawCek, AES_GCM, false, ['decrypt'])
    const ivBytes = new Uint8Array(Buffer.from(iv, 'base64url'))
    const aad = new Uint8Array(Buffer.from(header, 'latin1'))
    const ciphertextAndTag = new Uint8Array(Buffer.concat([Buffer.from(ct, 'base64url'), Buffer.from(tag, 'base64url')]))
    const plaintext = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: ivBytes, additionalData: aad }, cek, ciphertextAndTag)
    const jws = Buffer.from(plaintext).toString('latin1')
    const lastDot = jws.lastIndexOf('.')
    opened.push({
      token,
      encryptedKey,
      iv: ivBytes,
      aad,
      ciphertextAndTag,
      rawCek,
      cek,
      plaintext,
      signingInput: new Uint8Array(Buffer.from(jws.slice(0, lastDot), 'latin1')),
      signature: new Uint8Array(Buffer.from(jws.slice(lastDot + 1), 'base64url')),
    })
  }
  return opened
}

/** Hands out entries of a pool, wrapping around (for the stubbed runs, where nothing is cached anyway). */
function cycle<T>(items: readonly T[]): () => T {
  let next = 0
  return () => items[next++ % items.length]!
}

/** Hands out each entry once (real Web Crypto calls on fresh inputs). */
function once<T>(items: readonly T[]): () => T {
  let next = 0
  return () => {
    const item = items[next++]
    if (item === undefined) throw new Error('anatomy: pool exhausted')
    return item
  }
}

/**
 * Runs `body` with every `crypto.subtle` method the nested path uses replaced by a stub that
 * resolves at once with the value precomputed for the token being opened; `body` gets a factory of
 * token sources that cycle through `opened` (each source marks its token as the current one).
 */
export async function withStubbedSubtle<T>(opened: readonly Opened[], body: (tokens: () => () => string) => Promise<T>): Promise<T> {
  let current: Opened = opened[0]!
  const tokens = () => {
    const next = cycle(opened)
    return () => {
      current = next()
      return current.token
    }
  }
  const target = crypto.subtle as unknown as Record<string, unknown>
  const stubs: Record<string, (...args: never[]) => Promise<unknown>> = {
    unwrapKey: async () => current.cek,
    importKey: async () => current.cek,
    decrypt: async (algorithm: { name: string }) => (algorithm.name === 'RSA-OAEP' ? current.rawCek : current.plaintext),
    verify: async () => true,
  }
  Object.assign(target, stubs)
  try {
    return await body(tokens)
  } finally {
    for (const name of Object.keys(stubs)) delete target[name]
  }
}

export interface AnatomyResult {
  steps: InterleaveResult
  stubbed: InterleaveResult
  timeline: TimelineRow[]
}

export interface AnatomyPlan {
  warmupRounds: number
  rounds: number
  batch: number
  stubbedRounds: number
  timelineRounds: number
}

export async function runAnatomy(plan: AnatomyPlan, signing: KeyPairObjects, recipient: KeyPairObjects): Promise<AnatomyResult> {
  const keys = await importNestedKeys(recipient.material, signing.material)
  const minter = new TokenMinter(signing, recipient)
  const perStep = (plan.warmupRounds + plan.rounds) * plan.batch
  // RSA steps get fresh inputs; the cheap ones (scaled batches) cycle through a small set,
  // which changes nothing for them: neither OpenSSL nor Node caches an import, a decryption or a verification.
  const fresh = async () => once(await openAll(minter.pool(perStep), keys))
  const reused = await openAll(minter.pool(64), keys)
  const cheap = () => cycle(reused)
  const nodeKey = createPrivateKey(recipient.material.privatePem)
  const subtle = crypto.subtle

  const steps: Contender[] = []
  const step = (name: string, next: () => Opened, run: (entry: Opened) => unknown, scale = 1): void => {
    steps.push({
      name,
      scale,
      async batch(count) {
        for (let i = 0; i < count; i++) await run(next())
      },
    })
  }
  step('privateDecrypt RSA-OAEP-256 (node:crypto, sync, main thread)', await fresh(), (e) =>
    consume(privateDecrypt({ key: nodeKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, e.encryptedKey).length),
  )
  step('subtle.decrypt RSA-OAEP', await fresh(), (e) => subtle.decrypt(OAEP, keys.decryption, e.encryptedKey))
  step('subtle.unwrapKey RSA-OAEP → AES-GCM', await fresh(), (e) =>
    subtle.unwrapKey('raw', e.encryptedKey, keys.decryption, OAEP, AES_GCM, false, ['decrypt']),
  )
  step('subtle.importKey raw AES-GCM', cheap(), (e) => subtle.importKey('raw', e.rawCek, AES_GCM, false, ['decrypt']), 8)
  step('subtle.decrypt A256GCM (token plaintext)', cheap(), (e) =>
    subtle.decrypt({ name: 'AES-GCM', iv: e.iv, additionalData: e.aad }, e.cek, e.ciphertextAndTag), 8,
  )
  step('subtle.verify RS256', cheap(), (e) => subtle.verify(RS256, keys.verification, e.signature, e.signingInput), 8)
  const stepResult = await interleave(steps, { ...plan, mainThreadCpu: true })

  // Library JavaScript alone: every subtle call answers immediately with the precomputed value.
  const openers: Record<string, OpenToken> = {
    webjose: webjoseOpener(keys),
    floor: floorOpener(keys),
    jose: joseOpener(keys),
    'floor-2call': floorTwoCallOpener(keys),
  }
  // The verifier's cold path too: it shares the work of webjose but not its option handling;
  // and with the issuer's key from a remote JWKS, as a resource server has it (set fetched and
  // key imported by one real token first).
  const remote = remoteJwksVerifierOpener(keys, signing.material)
  await remote(minter.mint())
  const stubbedOpeners = { ...openers, 'webjose createVerifier (cache off)': verifierOpener(keys), 'webjose createVerifier, remote JWKS (cache off)': remote }
  const stubbedResult = await withStubbedSubtle(reused, (cycleTokens) =>
    interleave(
      Object.entries(stubbedOpeners).map(([name, open]): Contender => {
        const next = cycleTokens()
        return {
          name,
          async batch(count) {
            for (let i = 0; i < count; i++) await open(next())
          },
        }
      }),
      { warmupRounds: 20, rounds: plan.stubbedRounds, batch: 200, mainThreadCpu: true },
    ),
  )

  // Each contender's wall time per token, split at its Web Crypto calls.
  const perRound = 4
  const timeline = await runTimeline(
    Object.entries(openers).map(([name, open]) => ({ name, open, pool: new TokenPool(minter.pool(plan.timelineRounds * perRound)) })),
    plan.timelineRounds,
    perRound,
  )
  return { steps: stepResult, stubbed: stubbedResult, timeline }
}
