/** Bundles cli/bin.ts: the library external as ./index.js (dist/cli.js) or bundled from src/ (tests). */
export function bundleCli(options: { outfile: string; library: 'external' | 'bundled' }): Promise<void>
