/**
 * The summary at the top of RESULTS.md: every target with its verdict, and the findings,
 * each sentence built from this run's numbers.
 */
import type { AnatomyResult } from './anatomy.ts'
import type { Base64Result } from './base64.ts'
import type { ColdResult } from './cold.ts'
import { ladderFinding, verifierTargetRows } from './ladder-report.ts'
import type { LadderResult } from './ladder.ts'
import type { ChildReport } from './concurrency-child.ts'
import type { Sweep } from './concurrency-sweep.ts'
import type { WorkerResult } from './concurrency-workers.ts'
import { byName, type InterleaveResult } from './harness.ts'
import { hotPathImportsOk, type CallCounts } from './imports.ts'
import { table, verdict } from './markdown.ts'
import type { OpensslSpeed } from './openssl-speed.ts'
import { formatNs, formatPercent, formatRate, formatRatio } from './stats.ts'

export interface FindingsInput {
  cores: number
  cold: ColdResult[]
  anatomy?: AnatomyResult | undefined
  ladder?: LadderResult | undefined
  warm?: InterleaveResult | undefined
  base64: Base64Result[]
  concurrency?:
    | {
        inProcess: Sweep[]
        openssl: (OpensslSpeed | { processes: number; error: string })[]
        children: ChildReport[]
        workers: WorkerResult[]
      }
    | undefined
  callCounts?: CallCounts[] | undefined
  keyCopies: number
}

const at = (sweep: Sweep | undefined, inFlight: number) => sweep?.levels.find((level) => level.inFlight === inFlight)?.median

export function targets(input: FindingsInput): string {
  const rows: string[][] = []
  for (const cold of input.cold) {
    rows.push([`Cold path RSA ${cold.bits}: webjose / floor ≤ 1.02 (floor: ${cold.floorName}, the faster of unwrapKey and decrypt + importKey over the run)`, `${formatRatio(cold.vsFloor.median)} (95% CI ${cold.vsFloorInterval.map(formatRatio).join(' – ')})`, verdict(cold.vsFloor.median <= 1.02)])
  }
  if (input.ladder) rows.push(...verifierTargetRows(input.ladder))
  for (const cold of input.cold) {
    const saved = 1 - cold.vsJose.median
    const measured = saved >= 0 ? `${formatPercent(saved)} faster` : `${formatPercent(-saved)} slower`
    rows.push([`Cold path RSA ${cold.bits}: webjose ≥ 10% faster than jose`, measured, verdict(saved >= 0.1)])
  }
  const cold2048 = input.cold.find((cold) => cold.bits === 2048)
  if (input.warm) {
    const warm = input.warm.contenders[0]!.summary.median
    const cold = cold2048 ? byName(cold2048.result, 'webjose').summary.median : Number.NaN
    rows.push(['Warm path < 5 µs per call', formatNs(warm), verdict(warm < 5000)])
    rows.push(['Warm path ≥ 200× faster than cold (RSA 2048)', Number.isFinite(cold) ? `${Math.round(cold / warm).toLocaleString('en-US')}×` : 'n/a', verdict(cold / warm >= 200)])
  }
  for (const b of input.base64) {
    rows.push([`base64url decode ${b.size / 1024} KB within 2× of Buffer`, `${formatRatio(b.decodeVsBuffer.median)}×`, verdict(b.decodeVsBuffer.median <= 2)])
    rows.push([`base64url decode ${b.size / 1024} KB faster than jose`, `${formatRatio(b.decodeVsJose.median)}× jose's time`, verdict(b.decodeVsJose.median < 1)])
  }
  const webjoseCounts = input.callCounts?.[0]
  if (webjoseCounts) {
    rows.push([
      'Hot path imports no long-lived key (expected: 1 RSA-OAEP decrypt and 1 import of the ephemeral AES-GCM CEK per call, nothing else imported)',
      `RSA-OAEP decrypt ${webjoseCounts.detail['decrypt RSA-OAEP'] ?? 0}, CEK import ${webjoseCounts.detail['importKey raw AES-GCM'] ?? 0}, other imports ${(webjoseCounts.perCall.importKey ?? 0) - (webjoseCounts.detail['importKey raw AES-GCM'] ?? 0)}, unwrapKey ${webjoseCounts.perCall.unwrapKey ?? 0} per call`,
      verdict(hotPathImportsOk(webjoseCounts)),
    ])
  }
  return table(['target', 'measured', 'verdict'], rows, ['l', 'r', 'l'])
}

export function findings(input: FindingsInput): string[] {
  const out: string[] = []
  const { concurrency, anatomy, cores } = input
  const cold2048 = input.cold.find((cold) => cold.bits === 2048)
  if (anatomy) {
    const row = (name: string) => anatomy.timeline.find((r) => r.name === name)
    const js = (name: string) => row(name)?.segments.filter((s) => s.kind === 'js').reduce((sum, s) => sum + s.median, 0) ?? Number.NaN
    const waits = (name: string) => row(name)?.segments.filter((s) => s.kind === 'crypto').reduce((sum, s) => sum + s.median, 0) ?? Number.NaN
    const stub = (name: string) => anatomy.stubbed.contenders.find((c) => c.name === name)?.summary.median ?? Number.NaN
    const unwrap = row('floor')?.segments.find((s) => s.label === 'subtle.unwrapKey')?.median ?? Number.NaN
    const twoCall = row('floor-2call')?.segments.filter((s) => s.kind === 'crypto').slice(0, 2).reduce((sum, s) => sum + s.median, 0) ?? Number.NaN
    const slower = unwrap > twoCall
    // The floor of the targets: the faster sequence (by its median there; by its waits here).
    const floor = slower ? 'floor-2call' : 'floor'
    out.push(
      `- **Cold path, webjose against the floor (RSA 2048; here ${floor}, the faster sequence).** On the timeline, webjose's own JavaScript adds up to ${formatNs(js('webjose'))} per token against the floor's ${formatNs(js(floor))}, and its Web Crypto waits to ${formatNs(waits('webjose'))} against ${formatNs(waits(floor))}. With Web Crypto stubbed (hot caches, no waiting) the same JavaScript costs ${formatNs(stub('webjose'))} against ${formatNs(stub(floor))}; on the real path it runs after the main thread has idled waiting for the threadpool, with cold caches, and costs ${(js('webjose') / stub('webjose')).toFixed(1)}× as much. What is left on the critical path: before the first call, the options, the JWE header and the encrypted key (IV, ciphertext, tag and AAD are decoded while RSA-OAEP runs); between the content decryption and the verification, the UTF-8 decoding, the inner header, the payload and the signature's base64url; after the last call, the claims, parsed and checked only once the signature holds.`,
      ...(input.ladder ? [ladderFinding(input.ladder)] : []),
      `- **unwrapKey ${slower ? 'is slower than' : 'is not slower than'} decrypt + importKey on this runtime.** The floor's \`unwrapKey\` waits ${formatNs(unwrap)}; the floor-2call's \`decrypt\` + \`importKey\` wait ${formatNs(twoCall)} together${cold2048 ? `, and over whole tokens floor-2call takes ${formatNs(byName(cold2048.result, 'floor-2call').summary.median)} against the floor's ${formatNs(byName(cold2048.result, 'floor').summary.median)}` : ''}. Node's \`SubtleCrypto.unwrapKey\` first normalizes the algorithm for the "unwrapKey" operation, which only knows AES-KW, so for RSA-OAEP it throws and catches a DOMException (with its stack trace) on every call before falling back to "decrypt" (lib/internal/crypto/webcrypto.js).${slower ? ' webjose (like jose) therefore recovers the CEK with `decrypt` + `importKey`, and uses `unwrapKey` only for keys limited to that usage.' : ''}`,
    )
  }
  if (concurrency) {
    const byPool = (size: string) => concurrency.children.find((child) => child.threadpoolSize === size)
    const one = concurrency.children.map((child) => `${formatRate(child.rsaOnly.perSecond)} (pool ${child.threadpoolSize})`).join(', ')
    const copies = concurrency.children.map((child) => `${formatRate(child.rsaOnlyCopies.perSecond)} (pool ${child.threadpoolSize})`).join(', ')
    const sync = byPool('4')?.syncRsaPerSecond ?? concurrency.children[0]?.syncRsaPerSecond ?? Number.NaN
    const multi2 = concurrency.openssl.find((s) => s.processes === 2)
    const limit2 = multi2 && 'signPerSecond' in multi2 ? multi2.signPerSecond : Number.NaN
    const single = concurrency.inProcess[0]
    const copied = concurrency.inProcess[1]
    const s32 = at(single, 32)
    const c32 = at(copied, 32)
    out.push(
      `- **Why throughput stops scaling: one CryptoKey decrypts on one thread at a time.** \`subtle.decrypt\` RSA-OAEP with 32 in flight on one CryptoKey reaches ${one} ops/s — about one core's rate (\`privateDecrypt\` on the main thread: ${formatRate(sync)} ops/s), whatever the threadpool size. The same work spread over ${input.keyCopies} separately imported copies of the key reaches ${copies} ops/s, against ${formatRate(limit2)} for \`openssl speed -multi 2\`. Node runs RSA encryption and decryption jobs under the key's mutex for the whole private-key operation (src/crypto/crypto_rsa.cc, \`RSA_Cipher\`: \`Mutex::ScopedLock lock(key_data.mutex())\`); separately imported keys have separate KeyObjectData and so separate mutexes. Signature verification (\`SignTraits::DeriveBits\`) takes no such lock for the operation.`,
    )
    if (s32 && c32) {
      const saturated = s32.elu >= 0.8 || c32.elu >= 0.8
      out.push(
        `- **The main thread ${saturated ? 'is close to saturation' : 'is not the bottleneck'}.** With one key and 32 in flight: ${formatRate(s32.perSecond)} tokens/s, event-loop utilization ${s32.elu.toFixed(2)}, main-thread CPU ${formatNs(s32.mainCpu)} per token (so the main thread alone could sustain about ${formatRate(1e9 / s32.mainCpu)} tokens/s), other threads ${formatNs(s32.otherCpu)} per token. With ${input.keyCopies} key copies: ${formatRate(c32.perSecond)} tokens/s (${formatPercent(c32.perSecond / s32.perSecond - 1)} more, event-loop utilization ${c32.elu.toFixed(2)}), process CPU ${formatNs(c32.processCpu)} per token, i.e. ${((c32.perSecond * c32.processCpu) / 1e9).toFixed(2)} of the ${cores} cores busy.`,
      )
    }
    if (concurrency.children.length > 0) {
      const best = (child: ChildReport, sweep: number) => Math.max(...child.sweeps[sweep]!.levels.map((l) => l.median.perSecond))
      const list = (sweep: number) => concurrency.children.map((child) => `${formatRate(best(child, sweep))} (pool ${child.threadpoolSize})`).join(', ')
      out.push(
        `- **Threadpool size.** Best cold-path rate over the in-flight levels with one key: ${list(0)} tokens/s; with ${input.keyCopies} key copies: ${list(1)} tokens/s. With UV_THREADPOOL_SIZE=1 every Web Crypto job of the process (RSA, AES-GCM, verify) queues on one thread; beyond that, a bigger pool does not help a single key, whose RSA jobs serialize on its mutex rather than on the pool.`,
      )
    }
    const bestWorkers = concurrency.workers.reduce((a, b) => (b.perSecond > a.perSecond ? b : a), concurrency.workers[0]!)
    if (bestWorkers && c32) {
      const gain = bestWorkers.perSecond / c32.perSecond - 1
      out.push(
        `- **worker_threads.** The best prototype configuration (${bestWorkers.workers} workers × ${bestWorkers.inFlightPerWorker} in flight, each worker with its own imported keys, hence its own key mutex) reaches ${formatRate(bestWorkers.perSecond)} tokens/s, ${formatPercent(Math.abs(gain))} ${gain >= 0 ? 'more' : 'less'} than key copies on the main thread (${formatRate(c32.perSecond)} tokens/s). Workers add JavaScript threads, but they share the process's one threadpool and its ${cores} cores, and the main thread was not what limited throughput; ${Math.abs(gain) < 0.1 ? 'on this machine they give no real scaling beyond what separate keys give' : gain > 0 ? 'the gain here comes on top of separate keys' : 'here they cost more than they give'}.`,
      )
    }
  }
  return out
}
