/**
 * Throughput on every core (issue 16 item 2), in one run: the machine's RSA private-key rate
 * (openssl speed -multi <cores>), the fastest Web Crypto sequence that opens a token under each
 * mechanism (key copies, a worker per core, a threadpool the size of the core count), and
 * webjose's createVerifier with each key form, at several numbers of tokens in flight.
 *
 * Every cell runs `reps` times; each repetition runs every cell once, in an order that rotates
 * from one repetition to the next, on tokens no cell has seen. Ratios are taken per repetition
 * (the two figures ran minutes apart at most) and then summarized.
 */
import { availableParallelism, loadavg } from 'node:os'
import { opensslRate } from './openssl-speed.ts'
import { ThroughputChild } from './throughput-child.ts'
import { measureLanes, type RunMeasure } from './throughput-measure.ts'
import { inProcessOpeners, type InProcessVariant, type ThroughputMaterial } from './throughput-variants.ts'
import { WorkerGroup, type WorkerMode } from './throughput-workers.ts'

export interface ThroughputPlan {
  perRun: number
  reps: number
  opensslSeconds: number
}

export const THROUGHPUT_PLANS: Record<'full' | 'quick', ThroughputPlan> = {
  full: { perRun: 600, reps: 5, opensslSeconds: 2 },
  quick: { perRun: 200, reps: 3, opensslSeconds: 1 },
}

export const FLOOR_LEVELS = [1, 4, 8, 16, 32, 64] as const
/** Tokens each opener sees before anything is measured (JIT tiers, first-use imports), in every process and worker. */
export const WARMUP = 100
/** Tokens in flight per worker in the worker-pool cells (× one worker per core). */
export const WORKER_IN_FLIGHT = 16

export type Family = 'openssl' | 'floor' | 'webjose-pem' | 'webjose-cryptokey' | 'reference'
export type Mechanism = 'main thread' | 'worker per core' | 'threadpool = cores' | 'child process, threadpool 4'

export interface CellSpec {
  id: string
  family: Family
  /** An in-process variant, or a worker mode; openssl cells have none. */
  variant: InProcessVariant | WorkerMode | 'openssl'
  mechanism: Mechanism
  /** Tokens in flight in the whole process. */
  inFlight: number
}

export interface CellResult {
  spec: CellSpec
  runs: RunMeasure[]
}

export interface ThroughputResult {
  plan: ThroughputPlan
  cores: number
  loadAtStart: number[]
  loadAtEnd: number[]
  cells: CellResult[]
  /** Why openssl has no figure, when it has none. */
  opensslError?: string
  seconds: number
}

export function cellSpecs(cores: number): CellSpec[] {
  const main = (family: Family, variant: InProcessVariant, inFlight: number): CellSpec => ({
    id: `${variant}@${inFlight}`,
    family,
    variant,
    mechanism: 'main thread',
    inFlight,
  })
  const workers = (family: Family, variant: WorkerMode, perWorker: number): CellSpec => ({
    id: `workers:${variant}`,
    family,
    variant,
    mechanism: 'worker per core',
    inFlight: cores * perWorker,
  })
  const child = (family: Family, variant: InProcessVariant, mechanism: Mechanism): CellSpec => ({ id: `${mechanism}:${variant}`, family, variant, mechanism, inFlight: 32 })
  // The same cells in a child with the default threadpool: a control for running in a child process at all.
  const children = (family: Family, variant: InProcessVariant) =>
    cores === 4 ? [child(family, variant, 'threadpool = cores')] : [child(family, variant, 'threadpool = cores'), child(family, variant, 'child process, threadpool 4')]
  return [
    { id: 'openssl', family: 'openssl', variant: 'openssl', mechanism: 'main thread', inFlight: cores },
    ...FLOOR_LEVELS.map((level) => main('floor', 'floor', level)),
    main('floor', 'floor-one-key', 32),
    main('floor', 'floor-unwrap', 32),
    workers('floor', 'floor', WORKER_IN_FLIGHT),
    ...children('floor', 'floor'),
    ...FLOOR_LEVELS.map((level) => main('webjose-pem', 'webjose-pem', level)),
    workers('webjose-pem', 'webjose-pem', WORKER_IN_FLIGHT),
    ...children('webjose-pem', 'webjose-pem'),
    ...[8, 32, 64].map((level) => main('webjose-cryptokey', 'webjose-cryptokey', level)),
    main('reference', 'rsa-only', 32),
    main('reference', 'rsa-only-one-key', 32),
    main('reference', 'rsa-only-clones', 32),
    main('reference', 'rsa-sync', 1),
    workers('reference', 'node-sync', 1),
  ]
}

export async function runThroughput(
  plan: ThroughputPlan,
  entry: string,
  material: ThroughputMaterial,
  mint: (count: number) => string[],
  log: (line: string) => void,
): Promise<ThroughputResult> {
  const started = process.hrtime.bigint()
  const cores = availableParallelism()
  const loadAtStart = loadavg()
  const specs = cellSpecs(cores)
  const openers = await inProcessOpeners(material)
  for (const variant of new Set(specs.filter((s) => s.mechanism === 'main thread' && s.family !== 'openssl').map((s) => s.variant as InProcessVariant))) {
    for (const token of mint(WARMUP)) await openers[variant](token)
  }
  const groups = new Map<string, WorkerGroup>()
  const children: { cells: CellResult[]; child: ThroughputChild }[] = []
  const result: ThroughputResult = { plan, cores, loadAtStart, loadAtEnd: [], cells: specs.map((spec) => ({ spec, runs: [] })), seconds: 0 }
  try {
    for (const spec of specs.filter((s) => s.mechanism === 'worker per core')) {
      groups.set(spec.id, await WorkerGroup.start(entry, cores, spec.variant as WorkerMode, material, mint(WARMUP)))
    }
    for (const [mechanism, poolSize] of [['threadpool = cores', cores], ['child process, threadpool 4', 4]] as const) {
      const cells = result.cells.filter((cell) => cell.spec.mechanism === mechanism)
      if (cells.length === 0) continue
      const warmup = Object.fromEntries(cells.map((cell) => [cell.spec.variant, mint(WARMUP)]))
      children.push({ cells, child: await ThroughputChild.start(entry, poolSize, material, warmup) })
    }
    const rotating = result.cells.filter((cell) => !children.some(({ cells }) => cells.includes(cell)))
    for (let rep = 0; rep < plan.reps; rep++) {
      log(`  repetition ${rep + 1} of ${plan.reps}…`)
      // The cells of one child process run together, as one slot of the rotation.
      const slots: (CellResult | (typeof children)[number])[] = [...rotating, ...children]
      for (let i = 0; i < slots.length; i++) {
        const slot = slots[(i + rep * 3) % slots.length]!
        if ('child' in slot) {
          const jobs = slot.cells.map((cell) => ({ variant: cell.spec.variant as InProcessVariant, inFlight: cell.spec.inFlight, tokens: mint(plan.perRun) }))
          const runs = await slot.child.run(jobs)
          runs.forEach((run, j) => slot.cells[j]!.runs.push(run))
          continue
        }
        const { spec } = slot
        if (spec.family === 'openssl') {
          const speed = await opensslRate(cores, plan.opensslSeconds)
          if ('error' in speed) result.opensslError = speed.error
          else slot.runs.push({ tokens: Number.NaN, perSecond: speed.perSecond, cpuPerToken: Number.NaN, mainPerToken: Number.NaN, foreign: speed.machine.foreign })
        } else if (spec.mechanism === 'worker per core') {
          slot.runs.push(await groups.get(spec.id)!.run(mint(plan.perRun), spec.inFlight / cores))
        } else {
          slot.runs.push(await measureLanes(openers[spec.variant as InProcessVariant], mint(plan.perRun), spec.inFlight))
        }
      }
      const line = (id: string) => {
        const cell = result.cells.find((c) => c.spec.id === id)!
        const last = cell.runs.at(-1)
        return `${id} ${last ? Math.round(last.perSecond) : 'n/a'}/s`
      }
      log(`    ${['openssl', 'floor@32', 'webjose-pem@32', 'webjose-cryptokey@32', 'threadpool = cores:webjose-pem', 'workers:webjose-pem'].map(line).join(', ')}`)
    }
  } finally {
    for (const { child } of children) child.close()
    await Promise.all([...groups.values()].map((group) => group.close()))
  }
  result.loadAtEnd = loadavg()
  result.seconds = Number(process.hrtime.bigint() - started) / 1e9
  return result
}

