// @ts-check
// An esbuild plugin for one row of `npm run size`: it loads src/ with every string or template
// literal that contains a space replaced by '' (the error messages, and the odd functional string
// such as the JWKS Accept header). The bundle is then the same code with no message text: a lower
// bound on what the same checks can cost however terse their messages become.
import { readFile } from 'node:fs/promises'
import ts from 'typescript'

/** `source` with every string or template literal that contains a space replaced by ''. */
export function stripMessageText(/** @type {string} */ path, /** @type {string} */ source) {
  const file = ts.createSourceFile(path, source, ts.ScriptTarget.Latest, true)
  /** @type {[number, number][]} */
  const spans = []
  /** @param {import('typescript').Node} node */
  const visit = (node) => {
    const literal = ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)
    const moduleSpecifier = node.parent !== undefined && (ts.isImportDeclaration(node.parent) || ts.isExportDeclaration(node.parent))
    if (literal && !moduleSpecifier && node.getText(file).includes(' ')) {
      spans.push([node.getStart(file), node.getEnd()])
      return
    }
    ts.forEachChild(node, visit)
  }
  visit(file)
  let contents = source
  for (const [start, end] of spans.reverse()) contents = `${contents.slice(0, start)}''${contents.slice(end)}`
  return contents
}

/** @returns {import('esbuild').Plugin} */
export function stripMessages() {
  return {
    name: 'strip-messages',
    setup(build) {
      build.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async ({ path }) => ({
        contents: stripMessageText(path, await readFile(path, 'utf8')),
        loader: 'ts',
      }))
    },
  }
}
