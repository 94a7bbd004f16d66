/**
 * `webjose`: the command line over the public API. Exit codes: 0 success, 1 a refused token,
 * 2 a usage error (bad flags, unreadable key, a key or option the library refuses).
 */
import { JoseError } from '../src/index.ts'
import { parseArgs, UsageError } from './args.ts'
import { reportFailure } from './failure.ts'
import type { Command } from './command.ts'
import { inspect } from './commands/inspect.ts'
import { verify } from './commands/verify.ts'
import { decrypt } from './commands/decrypt.ts'
import { sign } from './commands/sign.ts'
import { encrypt } from './commands/encrypt.ts'
import { issue } from './commands/issue.ts'
import { keygen } from './commands/keygen.ts'
import { thumbprint } from './commands/thumbprint.ts'
import { jwks } from './commands/jwks.ts'
import { conformance } from './commands/conformance.ts'

const COMMANDS: readonly Command[] = [inspect, verify, decrypt, sign, encrypt, issue, keygen, thumbprint, jwks, conformance]

function toolHelp(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length))
  return [
    'webjose: JOSE tokens (JWE, JWS, JWT, JWK) from the terminal',
    '',
    'usage: webjose <command> [options] [TOKEN]',
    '',
    ...COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    'Tokens come from the argument or stdin; keys from a file path, PEM or JWK text, or a JWKS URL.',
    'Private keys are never printed (unless keygen --print-private) and never appear in errors.',
    'Exit: 0 success, 1 refused token, 2 usage error. `webjose <command> --help` for details.',
  ].join('\n')
}

export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv
  if (name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${toolHelp()}\n`)
    return 0
  }
  if (name === '--version') {
    process.stdout.write(`${PACKAGE_VERSION}\n`)
    return 0
  }
  const command = COMMANDS.find((candidate) => candidate.name === name)
  if (command === undefined) {
    process.stderr.write(`${name === undefined ? '' : 'webjose: unknown command\n\n'}${toolHelp()}\n`)
    return 2
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`usage: ${command.usage}\n\n${command.help}\n`)
    return 0
  }
  try {
    return await command.run(parseArgs(rest, command.flags))
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`webjose ${command.name}: ${error.message}\nusage: ${command.usage}\n`)
      return 2
    }
    // Token failures are reported by the commands (exit 1); a JoseError escaping them is about a
    // key or option the person gave.
    if (error instanceof JoseError) {
      reportFailure({ code: error.code, message: error.message }, rest.includes('--json'))
      return 2
    }
    // Nothing but the error's class: a message from elsewhere could quote its input.
    process.stderr.write(`webjose ${command.name}: unexpected ${error instanceof Error ? error.name : 'failure'}\n`)
    return 1
  }
}

declare const PACKAGE_VERSION: string
