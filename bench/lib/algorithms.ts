/**
 * Section 6: the algorithms beyond the Auth0 path (issues 11 and 12), each against jose 6 in
 * the same run. JWS: webjose `compactVerify`/`jwtVerify` vs jose's; JWE: `compactDecrypt` vs
 * jose's. Keys are imported once (the same CryptoKeys for both), every token is new (each
 * contender draws from its own pool). Table-driven: a row whose algorithm webjose does not
 * implement yet is reported as such (webjose answers ERR_ALG_NOT_SUPPORTED) and appears with
 * numbers as soon as its family lands, with no change here.
 */
import { compactDecrypt as joseCompactDecrypt, compactVerify as joseCompactVerify, jwtVerify as joseJwtVerify } from 'jose'
import { compactDecrypt, compactVerify, JoseError, jwtVerify, type JweDecryptionOptions, type JwsVerifyOptions } from '../../src/index.ts'
import { jweMinter, jwsMinter, type JweBenchAlgorithm, type JweBenchEncryption, type JwsBenchAlgorithm, type Minter } from './alg-tokens.ts'
import { byName, interleave, pairedRatio, type Contender } from './harness.ts'
import { table } from './markdown.ts'
import { formatNs, formatRatio, type Summary } from './stats.ts'
import { AUDIENCE, ISSUER, TokenPool } from './tokens.ts'

export interface AlgorithmsPlan {
  warmupRounds: number
  rounds: number
  /** Multiplies each case's batch (below 1 for --quick). */
  batchScale: number
}

type Open = (token: string, key: CryptoKey) => Promise<unknown>

interface Verb {
  name: string
  webjose: Open
  jose: Open
}

interface BenchCase {
  kind: 'JWS verify' | 'JWE decrypt'
  /** The "alg" (and "enc") as the table shows them. */
  label: string
  /** Operations per sample, sized so that a sample takes a few milliseconds. */
  batch: number
  minter(): Promise<Minter>
  verbs: Verb[]
}

function jwsCase(alg: JwsBenchAlgorithm, label: string, batch: number): BenchCase {
  // Typed as webjose's options: its union lacks an alg whose family is not on main yet, and the
  // library's answer at run time (ERR_ALG_NOT_SUPPORTED) is what the row then reports.
  const algorithms = [alg] as readonly string[] as JwsVerifyOptions['algorithms']
  const claims = { algorithms, issuer: ISSUER, audience: AUDIENCE }
  const joseAlgorithms = { algorithms: [alg] }
  const joseClaims = { algorithms: [alg], issuer: ISSUER, audience: AUDIENCE }
  return {
    kind: 'JWS verify',
    label,
    batch,
    minter: () => jwsMinter(alg),
    verbs: [
      { name: 'compactVerify', webjose: (t, k) => compactVerify(t, k, { algorithms }), jose: (t, k) => joseCompactVerify(t, k, joseAlgorithms) },
      { name: 'jwtVerify', webjose: (t, k) => jwtVerify(t, k, claims), jose: (t, k) => joseJwtVerify(t, k, joseClaims) },
    ],
  }
}

function jweCase(alg: JweBenchAlgorithm, enc: JweBenchEncryption, batch: number): BenchCase {
  // As in jwsCase: typed as webjose's options whether or not the union has `alg` yet.
  const options = { keyManagementAlgorithms: [alg] as readonly string[], contentEncryptionAlgorithms: [enc] } as JweDecryptionOptions
  const joseOptions = { keyManagementAlgorithms: [alg], contentEncryptionAlgorithms: [enc] }
  return {
    kind: 'JWE decrypt',
    label: `${alg} + ${enc}`,
    batch,
    minter: () => jweMinter(alg, enc),
    verbs: [{ name: 'compactDecrypt', webjose: (t, k) => compactDecrypt(t, k, options), jose: (t, k) => joseCompactDecrypt(t, k, joseOptions) }],
  }
}

/**
 * The rows. A256CBC-HS512 is measured with A256KW as key management, so that both contenders
 * use the same AES-KW CryptoKey and the row differs from the A256KW + A256GCM row by the
 * content encryption only ("dir" would hand jose raw bytes and webjose an HMAC CryptoKey).
 */
export const ALGORITHM_CASES: readonly BenchCase[] = [
  jwsCase('HS256', 'HS256', 80),
  jwsCase('ES256', 'ES256', 20),
  jwsCase('EdDSA', 'EdDSA (Ed25519)', 20),
  jweCase('A256KW', 'A256GCM', 50),
  jweCase('A256KW', 'A256CBC-HS512', 40),
  jweCase('ECDH-ES+A256KW', 'A256GCM', 10),
]

export interface VerbResult {
  verb: string
  webjose: Summary
  jose: Summary
  /** webjose / jose per round (below 1: webjose faster). */
  ratio: Summary
}

export interface AlgorithmRow {
  kind: BenchCase['kind']
  label: string
  /** Set when there are no numbers: why. */
  skipped?: string
  verbs: VerbResult[]
  batch: number
}

/** A ratio whose MAD exceeds 10% of its median: the machine was too busy for this row to mean much. */
export const isNoisy = (ratio: Summary): boolean => ratio.mad / ratio.median > 0.1

/**
 * Why webjose cannot open `token`, or undefined when it can. Anything but "not implemented" is a
 * library (or minter) bug: the row says FAILED rather than stopping the other sections.
 */
async function webjoseStatus(verb: Verb, token: string, key: CryptoKey): Promise<string | undefined> {
  try {
    await verb.webjose(token, key)
    return undefined
  } catch (error) {
    if (error instanceof JoseError && error.code === 'ERR_ALG_NOT_SUPPORTED') return 'not yet on main (webjose: ERR_ALG_NOT_SUPPORTED)'
    return `**FAILED**: webjose ${verb.name} refused a token jose accepts (${error instanceof JoseError ? `${error.code}: ${error.message}` : String(error)})`
  }
}

async function runCase(plan: AlgorithmsPlan, benchCase: BenchCase): Promise<AlgorithmRow> {
  const batch = Math.max(1, Math.round(benchCase.batch * plan.batchScale))
  const row: AlgorithmRow = { kind: benchCase.kind, label: benchCase.label, verbs: [], batch }
  let minter: Minter
  try {
    minter = await benchCase.minter()
  } catch (error) {
    // Only a runtime without the key type (Ed25519 in Web Crypto) gets here.
    return { ...row, skipped: `runtime lacks it (${String(error)})` }
  }
  for (const verb of benchCase.verbs) {
    // jose must accept every minted token: a refusal is a bug in the minter, not a result.
    await verb.jose(minter.mint(), minter.key)
    const skipped = await webjoseStatus(verb, minter.mint(), minter.key)
    if (skipped !== undefined) return { ...row, skipped }
  }
  const perContender = (plan.warmupRounds + plan.rounds) * batch
  const contenders: Contender[] = benchCase.verbs.flatMap((verb) =>
    (['webjose', 'jose'] as const).map((library) => {
      const open = verb[library]
      const pool = new TokenPool(Array.from({ length: perContender }, () => minter.mint()))
      const key = minter.key
      return {
        name: `${library} ${verb.name}`,
        async batch(count: number) {
          for (let i = 0; i < count; i++) await open(pool.take(), key)
        },
      }
    }),
  )
  const result = await interleave(contenders, { warmupRounds: plan.warmupRounds, rounds: plan.rounds, batch })
  row.verbs = benchCase.verbs.map((verb) => ({
    verb: verb.name,
    webjose: byName(result, `webjose ${verb.name}`).summary,
    jose: byName(result, `jose ${verb.name}`).summary,
    ratio: pairedRatio(result, `webjose ${verb.name}`, `jose ${verb.name}`),
  }))
  return row
}

export async function runAlgorithms(plan: AlgorithmsPlan, log: (message: string) => void): Promise<AlgorithmRow[]> {
  const rows: AlgorithmRow[] = []
  for (const benchCase of ALGORITHM_CASES) {
    const row = await runCase(plan, benchCase)
    rows.push(row)
    if (row.skipped !== undefined) log(`  ${row.kind} ${row.label}: ${row.skipped}`)
    for (const v of row.verbs) {
      log(
        `  ${row.kind} ${row.label}, ${v.verb}: webjose ${formatNs(v.webjose.median)}, jose ${formatNs(v.jose.median)}, webjose/jose ${formatRatio(v.ratio.median)} (MAD ${formatRatio(v.ratio.mad)})${isNoisy(v.ratio) ? ' — noisy (MAD > 10%): the machine was busy' : ''}`,
      )
    }
  }
  return rows
}

const range = (s: Summary, f: (n: number) => string): string => `${f(s.p10)} – ${f(s.p90)}`

/** The RESULTS.md section. */
export function algorithmsSection(rows: readonly AlgorithmRow[], plan: AlgorithmsPlan): string[] {
  const noisy = rows.flatMap((row) => row.verbs.filter((v) => isNoisy(v.ratio)).map((v) => `${row.label} ${v.verb}`))
  return [
    '## 6. Other algorithms against jose',
    '',
    `JWS verification and JWE decryption with the algorithms of issues 11 and 12, webjose against jose 6 in one process, interleaved as everywhere else (${plan.warmupRounds} warm-up rounds, ${plan.rounds} timed rounds; operations per sample in the table). Keys are imported once with \`crypto.subtle\` and both libraries get the same CryptoKey (HS256: HMAC; ES256: ECDSA P-256; EdDSA: Ed25519; A256KW: AES-KW; ECDH-ES+A256KW: an ECDH P-256 private key); every token is new, minted with node:crypto before timing. The JWS tokens are the Auth0-shaped claims of section 1; \`compactVerify\` is called with \`{ algorithms: [alg] }\`, \`jwtVerify\` also with issuer and audience. The JWE plaintext is the same claims JSON; A256CBC-HS512 uses A256KW for key management (so it differs from the A256KW + A256GCM row by the content encryption only). Ratio = webjose time / jose time per round (below 1: webjose faster), then its median, p10–p90 and MAD across rounds.`,
    '',
    table(
      ['operation', 'alg', 'verb', 'ops / sample', 'webjose median', 'jose median', 'webjose / jose (median)', 'p10 – p90', 'MAD'],
      rows.flatMap((row) =>
        row.skipped !== undefined
          ? [[row.kind, row.label, '', '', '', '', row.skipped, '', '']]
          : row.verbs.map((v) => [
              row.kind,
              row.label,
              `\`${v.verb}\``,
              String(row.batch),
              formatNs(v.webjose.median),
              formatNs(v.jose.median),
              `${formatRatio(v.ratio.median)}${isNoisy(v.ratio) ? ' (noisy)' : ''}`,
              range(v.ratio, formatRatio),
              formatRatio(v.ratio.mad),
            ]),
      ),
      ['l', 'l', 'l', 'r', 'r', 'r', 'r', 'r', 'r'],
    ),
    '',
    noisy.length === 0
      ? 'Every ratio above had a MAD within 10% of its median.'
      : `Noisy (MAD over 10% of the median; the machine was busy, re-run before drawing conclusions): ${noisy.join(', ')}.`,
    '',
  ]
}
