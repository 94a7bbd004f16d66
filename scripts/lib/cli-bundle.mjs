// @ts-check
// Bundles the CLI (cli/bin.ts) with esbuild. For dist/cli.js the library stays external as the
// package's own ./index.js, so the CLI adds no copy of it; for tests it is bundled from src/.
// The RFC vectors under vectors/ are embedded (module "webjose:vectors"), minified: the package
// ships no vectors/ directory.
import { readdirSync, readFileSync } from 'node:fs'
import * as esbuild from 'esbuild'

const ROOT = new URL('../../', import.meta.url).pathname

/** @param {{ outfile: string, library: 'external' | 'bundled' }} options */
export async function bundleCli({ outfile, library }) {
  const { version } = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8'))
  /** @type {esbuild.Plugin} */
  const plugin = {
    name: 'webjose-cli',
    setup(build) {
      build.onResolve({ filter: /^webjose:vectors$/ }, () => ({ path: 'vectors', namespace: 'webjose-vectors' }))
      build.onLoad({ filter: /.*/, namespace: 'webjose-vectors' }, () => {
        const files = readdirSync(`${ROOT}vectors`, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.json')).sort()
        const vectors = files.map((file) => ({ path: `vectors/${file}`, data: JSON.parse(readFileSync(`${ROOT}vectors/${file}`, 'utf8')) }))
        return { contents: `export default ${JSON.stringify(vectors)}`, loader: 'js' }
      })
      if (library === 'external') {
        build.onResolve({ filter: /\/src\/index\.ts$/ }, () => ({ path: './index.js', external: true }))
      }
    },
  }
  await esbuild.build({
    entryPoints: [`${ROOT}cli/bin.ts`],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    define: { PACKAGE_VERSION: JSON.stringify(version) },
    plugins: [plugin],
    legalComments: 'none',
    logLevel: 'warning',
  })
}
