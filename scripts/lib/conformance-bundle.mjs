// @ts-check
// One esbuild bundle of a conformance entry (test/conformance/run-*.ts) as an ES module string.
import { fileURLToPath } from 'node:url'
import * as esbuild from 'esbuild'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

/**
 * @param {string} entry path from the repository root
 * @param {'node' | 'neutral'} platform
 */
export async function bundleConformance(entry, platform) {
  const bundle = await esbuild.build({
    entryPoints: [`${ROOT}${entry}`],
    bundle: true,
    write: false,
    format: 'esm',
    platform,
    target: 'es2022',
    loader: { '.json': 'json' },
    // The package says "sideEffects": false (true of src/), which would let esbuild drop the suite's
    // side-effect imports (each area registers its tests on import); this bundle is tests only.
    ignoreAnnotations: true,
    logLevel: 'warning',
  })
  const script = bundle.outputFiles[0]?.text
  if (script === undefined) throw new Error('esbuild produced no output')
  return script
}
