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
