// Temporary A/B: createVerifier (cache off) from main's src vs HEAD's src, with floor-2call, interleaved.
import { createVerifier as newVerifier, decryptAndVerifyJwt as newOne } from '../../src/index.ts'
// @ts-ignore
import { createVerifier as oldVerifier, decryptAndVerifyJwt as oldOne } from '../../../wt/head/src/index.ts'
import { interleave, pairedRatio, byName } from '../lib/harness.ts'
import { floorTwoCallOpener, importNestedKeys, nestedOptions, type OpenToken } from '../lib/nested.ts'
import { generateRsa, TokenMinter, TokenPool } from '../lib/tokens.ts'
import { medianInterval } from '../lib/ladder.ts'

const rounds = Number(process.argv[2] ?? 600)
const batch = 8
const signing = await generateRsa(2048)
const recipient = await generateRsa(2048)
const keys = await importNestedKeys(recipient.material, signing.material)
const minter = new TokenMinter(signing, recipient)
const opts = nestedOptions(keys.decryption, keys.verification)
const nv = newVerifier({ ...opts, cache: false })
const ov = oldVerifier({ ...opts, cache: false })
const openers: Record<string, OpenToken> = {
  floor: floorTwoCallOpener(keys),
  oldV: (t) => ov.verify(t),
  newV: (t) => nv.verify(t),
  oldOne: (t) => oldOne(t, opts),
  newOne: (t) => newOne(t, opts),
}
const names = (process.argv[3] ?? 'floor,oldV,newV').split(',')
for (const n of names) await openers[n]!(minter.mint())
const per = (rounds + 10) * batch
const contenders = names.map((name) => {
  const pool = new TokenPool(minter.pool(per))
  const open = openers[name]!
  return { name, async batch(count: number) { for (let i = 0; i < count; i++) await open(pool.take()) } }
})
const result = await interleave(contenders, { warmupRounds: 8, rounds, batch, mainThreadCpu: true })
for (const n of names) {
  const c = byName(result, n)
  console.log(n.padEnd(8), (c.summary.median / 1000).toFixed(1), 'µs', 'cpu', ((c.mainCpu?.median ?? 0) / 1000).toFixed(1))
}
const pair = (a: string, b: string) => {
  const l = byName(result, a).samples, r = byName(result, b).samples
  const ratios = l.map((v, i) => v / r[i]!)
  const s = pairedRatio(result, a, b)
  console.log(`${a}/${b}`, s.median.toFixed(4), 'CI', medianInterval(ratios).map((x) => x.toFixed(4)).join('–'))
}
for (const n of names) if (n !== 'floor' && names.includes('floor')) pair(n, 'floor')
if (names.includes('newV') && names.includes('oldV')) pair('newV', 'oldV')
if (names.includes('newOne') && names.includes('oldOne')) pair('newOne', 'oldOne')
