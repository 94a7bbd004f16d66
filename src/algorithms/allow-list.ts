import { algNotSupported, invalidArgument, algNotAllowed } from '../errors.ts'
import { quoteAlgorithm } from './names.ts'

/**
 * Validates the caller's allow-list `options[option]`: a non-empty array of algorithms this
 * library implements. Checked before any token is read, so a typo cannot silently allow nothing.
 */
export function checkAllowList<T extends string>(
  options: object,
  option: string,
  isSupported: (value: unknown) => value is T,
): void {
  const list: unknown = (options as Record<string, unknown>)[option]
  if (!Array.isArray(list) || list.length === 0) {
    throw invalidArgument(`options.${option} is invalid`)
  }
  for (const value of list) {
    if (!isSupported(value)) {
      throw algNotSupported(`options.${option}: ${quoteAlgorithm(value)} not supported`)
    }
  }
}

/** Fails before any cryptography when the header names an algorithm the caller did not allow. */
export function assertAllowed<T extends string>(value: string, allowed: readonly T[], parameter: string, label: string): asserts value is T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw algNotAllowed(`${label} "${parameter}" ${quoteAlgorithm(value)} not allowed`)
  }
}
