/**
 * Arguments that break a call, for public-api.property.test.ts: arbitrary values (BigInt, Symbol,
 * Proxies whose traps throw, getters that throw among them), and a function's valid arguments with
 * one argument replaced by such a value, or one member of an object argument (options, header,
 * claims, key entry) replaced by one, deleted, or made to throw when read.
 */
import fc from 'fast-check'

export type Args = unknown[]
export type Call = (args: Args) => unknown

/** What a caller's object can do when read: a Proxy trap or a getter that throws. */
const trap = (): never => {
  throw new Error('caller trap')
}
const THROWING_HANDLER: ProxyHandler<object> = {
  get: trap,
  has: trap,
  ownKeys: trap,
  getOwnPropertyDescriptor: trap,
  getPrototypeOf: trap,
  apply: trap,
  construct: trap,
}

/**
 * A hostile value, made only when the call is made: fast-check reads the values it generates
 * (to print or clone them), and would trip on the traps itself.
 */
class Hostile {
  constructor(
    readonly describe: string,
    readonly make: () => unknown,
  ) {}
  [fc.toStringMethod](): string {
    return `<${this.describe}>`
  }
}
/** A member whose read throws: a getter, or a Proxy over the object that throws for that name. */
class ThrowOnRead {
  constructor(readonly viaProxy: boolean) {}
  [fc.toStringMethod](): string {
    return this.viaProxy ? '<Proxy throwing on read>' : '<getter that throws>'
  }
}
const PROXY_TARGETS: [string, () => object][] = [
  ['object', () => ({})],
  ['array', () => []],
  ['function', () => () => {}],
  ['JWK set', () => ({ keys: [] })],
]
/** BigInt and Symbol (no implicit conversion to number or string), Proxies whose every trap throws, objects whose getter throws. */
const HOSTILE = fc.oneof(
  fc.bigInt(),
  fc.string({ maxLength: 8 }).map((description) => Symbol(description)),
  fc.constantFrom(...PROXY_TARGETS).map(([name, target]) => new Hostile(`Proxy(${name}) throwing`, () => new Proxy(target(), THROWING_HANDLER))),
  fc
    .constantFrom('kid', 'keys', 'alg', 'kty', 'then', 'length', 'maxEntries', 'fetchedAt')
    .map((name) => new Hostile(`getter ${name} throwing`, () => Object.defineProperty({}, name, { get: trap, enumerable: true }))),
)
export const ANYTHING = fc.oneof(
  { arbitrary: fc.anything({ withNullPrototype: true, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true }), weight: 4 },
  { arbitrary: HOSTILE, weight: 1 },
)

/** `value` with its markers made real: itself, or one member of a plain object. */
function materialize(value: unknown): unknown {
  if (value instanceof Hostile) return value.make()
  if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype) return value
  const copy: Record<string, unknown> = { ...value }
  for (const [name, member] of Object.entries(copy)) {
    if (member instanceof Hostile) copy[name] = member.make()
    if (member instanceof ThrowOnRead) {
      if (member.viaProxy) return new Proxy(copy, { get: (target, key) => (key === name ? trap() : Reflect.get(target, key)) })
      Object.defineProperty(copy, name, { get: trap, enumerable: true })
    }
  }
  return copy
}

/** What `call(args)` throws or rejects with; undefined when it succeeds. */
export async function failure(call: Call, args: Args): Promise<unknown> {
  try {
    await call(args.map(materialize))
    return undefined
  } catch (error) {
    return error
  }
}

/** `args` with `args[index]` replaced. */
const withArg = (args: Args, index: number, value: unknown): Args => args.map((arg, i) => (i === index ? value : arg))

/** The valid arguments with one argument, or one member of an object argument, broken. */
export function broken(valid: Args): fc.Arbitrary<Args> {
  return fc.nat({ max: valid.length - 1 }).chain((index) => {
    const arg = valid[index]
    const replaced = ANYTHING.map((value) => withArg(valid, index, value))
    if (typeof arg !== 'object' || arg === null || Array.isArray(arg) || Object.getPrototypeOf(arg) !== Object.prototype) return replaced
    const names = Object.keys(arg)
    const member = fc.tuple(fc.constantFrom(...names, '__extra__'), fc.option(ANYTHING, { nil: undefined, freq: 4 })).map(([name, value]) => {
      const copy: Record<string, unknown> = { ...arg }
      if (value === undefined) delete copy[name]
      else copy[name] = value
      return withArg(valid, index, copy)
    })
    const throwOnRead = fc.tuple(fc.constantFrom(...names), fc.boolean()).map(([name, viaProxy]) => withArg(valid, index, { ...arg, [name]: new ThrowOnRead(viaProxy) }))
    return fc.oneof(replaced, member, throwOnRead)
  })
}
