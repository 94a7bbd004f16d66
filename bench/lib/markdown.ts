/** Markdown table helpers for RESULTS.md. */

export function table(headers: readonly string[], rows: readonly (readonly string[])[], align?: readonly ('l' | 'r')[]): string {
  const rule = headers.map((_, i) => ((align?.[i] ?? 'l') === 'r' ? '---:' : '---'))
  return [headers, rule, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n')
}

export function verdict(met: boolean): string {
  return met ? '**met**' : '**missed**'
}

/** The cold-path target of issue 16: a verifier at most 1.02× the fastest Web Crypto sequence. */
export const COLD_TARGET = 1.02

/**
 * Where the lean conforming verifier stands against COLD_TARGET, judged by the 95% confidence
 * interval of its median ratio to the floor; `where` names the runtime ("here", "in Deno 2.9.6").
 */
export function leanAgainstTarget([low, high]: readonly [number, number], where: string): string {
  if (low > COLD_TARGET) return `above the target: no verifier that makes these checks reaches ${COLD_TARGET} ${where}`
  if (high < COLD_TARGET) return `below the target: a verifier that makes these checks can reach ${COLD_TARGET} ${where}`
  return `at the target itself (its interval spans ${COLD_TARGET}): a verifier that makes these checks has no margin left ${where}`
}
