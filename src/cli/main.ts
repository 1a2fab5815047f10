#!/usr/bin/env node
/**
 * `portico serve <definition> [options]`, `portico --help`, `portico --version`.
 * Exit codes: 0 ok, 1 a failure at run time (bad definition or config, port in use), 2 a usage
 * mistake (unknown flag, missing file, `--var foo`).
 */
import { isPorticoError } from '../errors.js'
import { parseCommand, UsageError, version } from './args.js'
import { startServe } from './run.js'
import { errorMessage } from '../core/index.js'

async function main(argv: string[]): Promise<number> {
  const command = parseCommand(argv)
  if (command.kind === 'help') {
    process.stdout.write(command.text + '\n')
    return 0
  }
  if (command.kind === 'version') {
    process.stdout.write(`portico ${version()}\n`)
    return 0
  }
  const running = await startServe(command.file, command.flags)
  const stop = (): void => {
    void running.close().then(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  return -1
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`portico: ${error.message}\n`)
      process.exitCode = error.exitCode
    } else if (isPorticoError(error)) {
      process.stderr.write(`portico: ${error.message}\n`)
      process.exitCode = 1
    } else {
      // A defect in Portico, not a user mistake: keep the stack for the bug report.
      process.stderr.write(
        `portico: unexpected error (please report it): ${error instanceof Error && error.stack ? error.stack : errorMessage(error)}\n`,
      )
      process.exitCode = 1
    }
  },
)
