/** Sections 4 and 5 of bench/RESULTS.md, and bench/concurrency.svg. */
import { LEVELS, type Sweep } from './concurrency-sweep.ts'
import { KEY_COPIES } from './concurrency-variants.ts'
import { hotPathImportsOk } from './imports.ts'
import { table, verdict } from './markdown.ts'
import { range } from './report.ts'
import type { Results } from './results.ts'
import { formatNs, formatPercent, formatRate } from './stats.ts'
import { lineChart } from './svg.ts'

/** Sections 4 (throughput under concurrency) and 5 (key import, Web Crypto calls per token) of RESULTS.md. */
export function concurrencyAndImportSections(results: Results): string[] {
  const out: string[] = []
  if (results.concurrency) {
    const { inProcess, children, workers } = results.concurrency
    const limit1 = opensslRate(results, 1)
    const limit2 = opensslRate(results, 2)
    const first = inProcess[0]?.levels[0]
    out.push(
      '## 4. Throughput under concurrency',
      '',
      `Cold path (webjose \`decryptAndVerifyJwt\`, RSA 2048 API key), fresh tokens, exactly N calls in flight until ${first?.runs[0]?.tokens ?? '?'} tokens are done; median of ${first?.runs.length ?? '?'} runs per cell, cells interleaved. Machine limit: \`openssl speed -seconds N -multi P rsa2048\`, the "sign/s" column (RSA 2048 private-key operations, the dominant step of a token; a token also needs an AES-GCM decryption and an RS256 verification, so 100% is out of reach).`,
      '',
      `"webjose" passes one CryptoKey as \`decryptionKey\`. "webjose, DecryptionKeySet (${KEY_COPIES} copies)" passes \`createDecryptionKeySet([{ key }], { copiesPerKey: ${KEY_COPIES} })\`, which imports the private key as ${KEY_COPIES} separate CryptoKeys and uses them in turn (see the analysis below).`,
      '',
      `openssl -multi 2 / -multi 1 = ${(limit2 / limit1).toFixed(2)} (close to the core count when nothing else runs; well below it means another process held a core during the run).`,
      '',
      table(
        ['', 'value'],
        results.concurrency.openssl.map((speed) => [
          `openssl speed -multi ${speed.processes} rsa2048 (private ops/s)`,
          'signPerSecond' in speed ? formatRate(speed.signPerSecond) : `n/a (${speed.error})`,
        ]),
        ['l', 'r'],
      ),
      '',
      table(
        ['variant', 'in flight', 'tokens/s', '% of openssl -multi 1', '% of openssl -multi 2', 'main-thread CPU / token', 'other threads CPU / token', 'process CPU / token', 'event-loop utilization'],
        inProcess.flatMap((sweep) =>
          sweep.levels.map((level) => [
            sweep.name,
            String(level.inFlight),
            formatRate(level.median.perSecond),
            formatPercent(level.median.perSecond / limit1),
            formatPercent(level.median.perSecond / limit2),
            formatNs(level.median.mainCpu),
            formatNs(level.median.otherCpu),
            formatNs(level.median.processCpu),
            level.median.elu.toFixed(2),
          ]),
        ),
        ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
      ),
      '',
      '![tokens/s vs concurrency](concurrency.svg)',
      '',
      '### libuv threadpool size',
      '',
      'The same sweep in child processes started with `UV_THREADPOOL_SIZE` set (Node\'s Web Crypto jobs run on the libuv threadpool, whose size is read once at start). tokens/s per number in flight:',
      '',
      table(
        ['UV_THREADPOOL_SIZE', 'variant', ...LEVELS.map((l) => `${l} in flight`), 'main-thread CPU / token @32', 'other threads CPU / token @32', 'ELU @32'],
        children.flatMap((child) =>
          child.sweeps.map((sweep) => {
            const at32 = sweep.levels.find((l) => l.inFlight === 32)!.median
            return [
              child.threadpoolSize,
              sweep.name,
              ...sweep.levels.map((l) => formatRate(l.median.perSecond)),
              formatNs(at32.mainCpu),
              formatNs(at32.otherCpu),
              at32.elu.toFixed(2),
            ]
          }),
        ),
        ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
      ),
      '',
      `The RSA step alone in the same children: \`subtle.decrypt\` RSA-OAEP with 32 in flight on one CryptoKey and on ${KEY_COPIES} separately imported copies of it used in turn, and \`crypto.privateDecrypt\` synchronously on the main thread (one core\'s rate through Node\'s OpenSSL):`,
      '',
      table(
        ['UV_THREADPOOL_SIZE', 'subtle.decrypt RSA-OAEP, one key (ops/s)', `subtle.decrypt RSA-OAEP, ${KEY_COPIES} key copies (ops/s)`, 'privateDecrypt, sync, main thread (ops/s)'],
        children.map((child) => [
          child.threadpoolSize,
          formatRate(child.rsaOnly.perSecond),
          formatRate(child.rsaOnlyCopies.perSecond),
          formatRate(child.syncRsaPerSecond),
        ]),
        ['l', 'r', 'r', 'r'],
      ),
      '',
      '### worker_threads prototype (bench only)',
      '',
      'N worker threads, each with its own imported keys (so its own key mutex) running `decryptAndVerifyJwt` on its share of fresh tokens with K in flight; the main thread only starts them and waits. All workers share the one libuv threadpool of the process (default size).',
      '',
      table(
        ['workers', 'in flight per worker', 'tokens', 'tokens/s', '% of openssl -multi 2', 'process CPU / token'],
        workers.map((w) => [
          String(w.workers),
          String(w.inFlightPerWorker),
          String(w.tokens),
          formatRate(w.perSecond),
          formatPercent(w.perSecond / limit2),
          formatNs(w.cpuPerToken),
        ]),
        ['r', 'r', 'r', 'r', 'r', 'r'],
      ),
      '',
    )
  }

  if (results.imports) {
    out.push(
      '## 5. Key import',
      '',
      'Importing the API\'s RSA 2048 private key from PEM (PKCS#8) for RSA-OAEP-256, and the issuer\'s public JWK for RS256. Done once per process (or per key rotation), never per token.',
      '',
      table(
        ['import', 'median', 'p10 – p90', 'main-thread CPU'],
        results.imports.contenders.map((c) => [c.name, formatNs(c.summary.median), range(c.summary), c.mainCpu ? formatNs(c.mainCpu.median) : 'n/a']),
        ['l', 'r', 'r', 'r'],
      ),
      '',
    )
  }
  if (results.callCounts) {
    const webjose = results.callCounts[0]!
    out.push(
      `Web Crypto calls per token, counted by wrapping every \`crypto.subtle\` method while ${webjose.calls} fresh tokens go through each contender. Expected for webjose: no long-lived key imported per call — one \`unwrapKey\` (or one RSA \`decrypt\` plus one import of the raw, ephemeral AES-GCM CEK) and nothing else imported: ${verdict(hotPathImportsOk(webjose))}.`,
      '',
      table(
        ['contender', 'importKey', 'unwrapKey', 'decrypt', 'verify', 'by purpose'],
        results.callCounts.map((count) => {
          const { importKey = 0, unwrapKey = 0, decrypt = 0, verify = 0 } = count.perCall
          const detail = Object.entries(count.detail).map(([what, n]) => `${what}: ${n}`).join('; ')
          return [count.name, String(importKey), String(unwrapKey), String(decrypt), String(verify), detail]
        }),
        ['l', 'r', 'r', 'r', 'r', 'l'],
      ),
      '',
    )
  }
  return out
}

export function opensslRate(results: Results, processes: number): number {
  const speed = results.concurrency?.openssl.find((s) => s.processes === processes)
  return speed && 'signPerSecond' in speed ? speed.signPerSecond : Number.NaN
}


/** bench/concurrency.svg: tokens/s against tokens in flight, per variant and threadpool size. */
export function chart(results: Results): string {
  const concurrency = results.concurrency!
  const points = (sweep: Sweep) => sweep.levels.map((level) => ({ x: level.inFlight, y: level.median.perSecond }))
  const colors = ['#dc2626', '#16a34a']
  const childColors = ['#2563eb', '#7c3aed', '#0891b2']
  return lineChart({
    title: 'webjose cold path: tokens/s vs tokens in flight',
    subtitle: `RSA-OAEP-256/A256GCM (RSA 2048) + RS256, fresh tokens; ${results.env.node}, ${results.env.cpu}, ${results.env.cores} cores, load ${results.env.loadAtStart[0]!.toFixed(2)} at start`,
    xLabel: 'tokens in flight (log scale)',
    yLabel: 'tokens per second',
    xTicks: LEVELS,
    series: [
      ...concurrency.inProcess.map((sweep, i) => ({ name: `${sweep.name} (pool 4)`, color: colors[i % colors.length]!, points: points(sweep) })),
      ...concurrency.children
        .filter((child) => child.threadpoolSize !== '4')
        .map((child, i) => ({
          name: `webjose, UV_THREADPOOL_SIZE=${child.threadpoolSize}`,
          color: childColors[i % childColors.length]!,
          dashed: true,
          points: points(child.sweeps[0]!),
        })),
    ],
    limits: [
      { name: 'openssl -multi 1', color: '#6b7280', y: opensslRate(results, 1) },
      { name: 'openssl -multi 2', color: '#111827', y: opensslRate(results, 2) },
    ],
  })
}
