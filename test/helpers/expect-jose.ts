import { expect } from 'vitest'
import { JoseError, type JoseErrorCode } from '../../src/errors.ts'

/** Asserts that `action` fails with a JoseError of `code` and returns it for further checks. */
export async function expectJoseError(action: (() => unknown) | Promise<unknown>, code: JoseErrorCode): Promise<JoseError> {
  let caught: unknown
  try {
    await (typeof action === 'function' ? action() : action)
  } catch (error) {
    caught = error
  }
  expect(caught, `expected a JoseError ${code}`).toBeInstanceOf(JoseError)
  expect((caught as JoseError).code).toBe(code)
  return caught as JoseError
}

/** The JoseError of `code` that `action` throws synchronously (e.g. a constructor must not defer its checks). */
export function expectJoseErrorSync(action: () => unknown, code: JoseErrorCode): JoseError {
  let caught: unknown
  try {
    action()
  } catch (error) {
    caught = error
  }
  expect(caught, `expected a synchronous JoseError ${code}`).toBeInstanceOf(JoseError)
  expect((caught as JoseError).code).toBe(code)
  return caught as JoseError
}

/** The code of the JoseError `run` throws, or undefined when it returns. Anything else thrown fails the test. */
export function joseErrorCode(run: () => unknown): JoseErrorCode | undefined {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(JoseError)
    return (error as JoseError).code
  }
  return undefined
}

/** The JoseError (of any code) `promise` rejects with; a fulfilment or another error fails the test. */
export async function rejection(promise: Promise<unknown>): Promise<JoseError> {
  const error: unknown = await promise.then(
    () => expect.unreachable('expected a rejection'),
    (reason: unknown) => reason,
  )
  expect(error).toBeInstanceOf(JoseError)
  return error as JoseError
}

/** The code of the JoseError `promise` rejects with. */
export async function rejectionCode(promise: Promise<unknown>): Promise<JoseErrorCode> {
  return (await rejection(promise)).code
}
