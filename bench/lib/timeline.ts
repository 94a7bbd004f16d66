/**
 * The cold path of each contender as a timeline: every crypto.subtle call is wrapped to
 * record when it was made and when its promise settled, so a token's wall time splits into
 * the library's own stretches (before the first call, between calls, after the last) and the
 * waits on Web Crypto. Medians per stretch over fresh tokens, contenders interleaved.
 */
import { summarize } from './stats.ts'
import type { OpenToken } from './nested.ts'
import { TokenPool } from './tokens.ts'

const WRAPPED = ['importKey', 'unwrapKey', 'decrypt', 'verify'] as const

interface Event {
  method: string
  called: number
  settled: number
}

export interface TimelineRow {
  name: string
  /** "js" stretches are the library's own (main thread); the others are Web Crypto waits. */
  segments: { label: string; kind: 'js' | 'crypto'; median: number }[]
  total: number
}

const now = (): number => Number(process.hrtime.bigint())

export async function runTimeline(
  contenders: readonly { name: string; open: OpenToken; pool: TokenPool }[],
  rounds: number,
  perRound: number,
): Promise<TimelineRow[]> {
  const subtle = crypto.subtle as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>
  let events: Event[] = []
  for (const method of WRAPPED) {
    const original = subtle[method]!
    subtle[method] = (...args: unknown[]) => {
      const event: Event = { method, called: now(), settled: 0 }
      events.push(event)
      const promise = original.apply(crypto.subtle, args)
      promise.then(
        () => {
          event.settled = now()
        },
        () => {
          event.settled = now()
        },
      )
      return promise
    }
  }
  // Per contender: for each token, its stretches in order.
  const stretches = contenders.map(() => [] as { labels: string[]; kinds: ('js' | 'crypto')[]; values: number[] }[])
  try {
    for (let round = 0; round < rounds; round++) {
      for (let turn = 0; turn < contenders.length; turn++) {
        const index = (round + turn) % contenders.length
        const contender = contenders[index]!
        for (let i = 0; i < perRound; i++) {
          events = []
          const start = now()
          await contender.open(contender.pool.take())
          const end = now()
          const labels: string[] = []
          const kinds: ('js' | 'crypto')[] = []
          const values: number[] = []
          let cursor = start
          for (const [k, event] of events.entries()) {
            labels.push(k === 0 ? 'JS before 1st call' : 'JS between calls')
            kinds.push('js')
            values.push(event.called - cursor)
            labels.push(`subtle.${event.method}`)
            kinds.push('crypto')
            values.push(event.settled - event.called)
            cursor = event.settled
          }
          labels.push('JS after last call')
          kinds.push('js')
          values.push(end - cursor)
          if (round > 0) stretches[index]!.push({ labels, kinds, values })
        }
      }
    }
  } finally {
    for (const method of WRAPPED) delete subtle[method]
  }
  return contenders.map((contender, index) => {
    const tokens = stretches[index]!
    const shape = tokens[0]!
    return {
      name: contender.name,
      segments: shape.labels.map((label, s) => ({
        label,
        kind: shape.kinds[s]!,
        median: summarize(tokens.map((token) => token.values[s] ?? Number.NaN)).median,
      })),
      total: summarize(tokens.map((token) => token.values.reduce((a, b) => a + b, 0))).median,
    }
  })
}
