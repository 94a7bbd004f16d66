import { describe, expect, it } from 'vitest'
import { parseOpensslSpeed } from '../../bench/lib/openssl-speed.ts'

// Output of OpenSSL 3.0.19 `openssl speed -elapsed -seconds 1 -multi 2 rsa2048` (build lines cut).
const MULTI = `+DTP:2048:private:rsa:1
Forked child 0
+DTP:2048:private:rsa:1
+R1:541:2048:1.01
+DTP:2048:public:rsa:1
+R1:1168:2048:1.05
+DTP:2048:public:rsa:1
+R2:21955:2048:1.01
+R2:14610:2048:1.00
Forked child 1
Got: +F2:2:2048:1112.380952:14610.000000 from 0
Got: +F2:2:2048:535.643564:21737.623762 from 1
version: 3.0.19
options: bn(64,64)
                  sign    verify    sign/s verify/s
rsa 2048 bits 0.000607s 0.000028s   1648.0  36347.6
`

describe('parseOpensslSpeed (bench)', () => {
  it('sums the sign phase of every process from its +R1 line', () => {
    expect(parseOpensslSpeed(MULTI)).toBeCloseTo(541 / 1.01 + 1168 / 1.05, 6)
  })

  it('falls back to the summed table row when no process line is there', () => {
    const single = `Doing 2048 bits private rsa's for 1s: 2083 2048 bits private RSA's in 1.00s
                  sign    verify    sign/s verify/s
rsa 2048 bits 0.000480s 0.000044s   2083.0  22864.4
`
    expect(parseOpensslSpeed(single)).toBe(2083)
  })

  it('ignores the process lines of other key sizes and answers undefined for output it does not know', () => {
    expect(parseOpensslSpeed('+R1:100:4096:1.00\nrsa 4096 bits 0.001s 0.0001s 100.0 9000.0\n')).toBeUndefined()
    expect(parseOpensslSpeed('speed: Unknown algorithm rsa2048\n')).toBeUndefined()
    expect(parseOpensslSpeed('')).toBeUndefined()
  })
})
