import { invalidArgument, requireOptions } from '../errors.ts'

/** Size limits applied before any decoding; every one can be overridden per call. */
export interface SizeLimits {
  /** Longest accepted compact token, in characters. Default 16 KiB. */
  maxTokenLength?: number
  /** Longest accepted protected header segment, in characters. Default 4 KiB. */
  maxHeaderLength?: number
}

export const DEFAULT_MAX_TOKEN_LENGTH = 16 * 1024
export const DEFAULT_MAX_HEADER_LENGTH = 4 * 1024
/** Deepest JSON nesting accepted in a header or claims set. */
export const MAX_JSON_DEPTH = 16

/** One check per option: an option that is given (not undefined) must pass it. */
export type OptionChecks = ReadonlyArray<readonly [name: string, check: (value: unknown) => boolean]>

/** The first member of `object` that is given (not undefined) and fails its check. */
export function failedCheck(object: object, checks: OptionChecks): string | undefined {
  for (const [name, check] of checks) {
    const value = (object as Record<string, unknown>)[name]
    if (value !== undefined && !check(value)) return name
  }
  return undefined
}

/** ERR_INVALID_ARGUMENT naming the first given option that fails its check. */
export function checkOptions(options: object, checks: OptionChecks): void {
  const name = failedCheck(options, checks)
  if (name) throw invalidArgument(`options.${name} is invalid`)
}

export const isString = (value: unknown): value is string => typeof value === 'string'
export const isStrings = (value: unknown): value is string[] => Array.isArray(value) && value.every(isString)
export const isPositiveInteger = (value: unknown): boolean => Number.isSafeInteger(value) && (value as number) > 0

/** The caller's limits and "crit" list, so NaN or a string cannot switch a check off. */
const PARSING_OPTIONS: OptionChecks = [
  ['maxTokenLength', isPositiveInteger],
  ['maxHeaderLength', isPositiveInteger],
  ['crit', isStrings],
]

/** The options object itself (requireOptions), then its limits and "crit". */
export const checkParsingOptions = (options: SizeLimits & { crit?: readonly string[] | undefined }): void => {
  requireOptions(options)
  checkOptions(options, PARSING_OPTIONS)
}
