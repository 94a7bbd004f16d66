import { invalidArgument } from '../errors.ts'

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

/** Checks the caller's limits and "crit" list, so NaN or a string cannot switch a check off. */
export function checkParsingOptions(options: SizeLimits & { crit?: readonly string[] | undefined }): void {
  for (const name of ['maxTokenLength', 'maxHeaderLength'] as const) {
    const value = options[name]
    if (value !== undefined && !(Number.isSafeInteger(value) && value > 0)) throw invalidArgument(`options.${name} is invalid`)
  }
  const { crit } = options
  if (crit !== undefined && !(Array.isArray(crit) && crit.every((name) => typeof name === 'string'))) {
    throw invalidArgument('options.crit is invalid')
  }
}
