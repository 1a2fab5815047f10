/**
 * `portico` command lines: flags with their defaults, help text, and one-line usage errors.
 */
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'

/** A mistake on the command line or in a file the user named: a one-line message, exit code 2. */
export class UsageError extends Error {
  readonly exitCode: number
  constructor(message: string, exitCode = 2) {
    super(message)
    this.name = 'UsageError'
    this.exitCode = exitCode
  }
}

interface FlagSpec {
  readonly type: 'string' | 'boolean'
  readonly multiple?: boolean
  readonly short?: string
  readonly value?: string
  readonly default?: string
  readonly help: string
}

/** `portico serve` flags, in help order. */
export const SERVE_FLAGS: Readonly<Record<string, FlagSpec>> = {
  config: {
    type: 'string',
    value: '<file>',
    default: 'portico.config.{json,yaml,yml,js,mjs} in the current directory, if any',
    help: 'configuration file: stages, API keys, usage plans, JWKS, IAM credentials, handlers, Redis',
  },
  handlers: {
    type: 'string',
    value: '<module>',
    default: 'none (a template finds handlers from CodeUri and Handler)',
    help: 'ES or CommonJS module whose named exports are Lambda handlers by function name',
  },
  stage: {
    type: 'string',
    value: '<name>',
    default: "dev (a template's own stage; '$default' for an HTTP API)",
    help: 'stage name, the first path segment of the URLs',
  },
  port: {
    type: 'string',
    value: '<n>',
    default: '$PORT or 3000 (0 picks a free port)',
    help: 'port to listen on (a template with several APIs uses the following ports too)',
  },
  host: { type: 'string', value: '<addr>', default: '127.0.0.1', help: 'address to listen on' },
  var: {
    type: 'string',
    multiple: true,
    value: '<name=value>',
    default: 'none',
    help: 'stage variable (repeatable); wins over the config file',
  },
  'template-var': {
    type: 'string',
    multiple: true,
    value: '<name=value>',
    default: 'none (nothing is substituted)',
    help: "value of a Terraform templatefile() document's ${name} placeholder (repeatable)",
  },
  'service-endpoint': {
    type: 'string',
    multiple: true,
    value: '<service=url>',
    default: 'none (AWS integrations need stand-ins in code)',
    help: "send AWS integrations for a service there, SigV4-signed with AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY ('*=url' for every service)",
  },
  api: {
    type: 'string',
    value: '<LogicalId|address>',
    default: 'every API of the template or Terraform directory',
    help: 'template: serve this API (logical id); Terraform directory: this API (resource address)',
  },
  'parameter-overrides': {
    type: 'string',
    multiple: true,
    value: '<Key=Value ...>',
    default: "each parameter's Default",
    help: 'template only: parameter values, as sam takes them',
  },
  'tf-var': {
    type: 'string',
    multiple: true,
    value: '<name=value>',
    default: "each variable's default, then TF_VAR_*, terraform.tfvars, *.auto.tfvars (later wins)",
    help: 'Terraform directory only: an input variable, as terraform -var takes it (repeatable)',
  },
  'var-file': {
    type: 'string',
    multiple: true,
    value: '<file>',
    default: 'none',
    help: 'Terraform directory only: a .tfvars file, as terraform -var-file takes it (repeatable)',
  },
  'function-code': {
    type: 'string',
    multiple: true,
    value: '<name=dir>',
    default: "the source_dir of the archive_file a function's filename comes from",
    help: 'Terraform directory only: the code directory of a Lambda function, by function_name or address (repeatable)',
  },
  strict: {
    type: 'boolean',
    default: 'off (routes whose values cannot be known are left out, with a warning)',
    help: 'Terraform directory only: fail on any error diagnostic',
  },
  'log-format': {
    type: 'string',
    value: '<text|json>',
    default: 'text (coloured on a terminal unless NO_COLOR is set)',
    help: 'request log format: one line per request',
  },
  'console-port': {
    type: 'string',
    value: '<n>',
    default: 'the first API port + 100 (a free port when that one is taken; 0 picks a free port)',
    help: 'port of the web console (http://localhost:<n>/_portico/): routes, live request log, Test, metrics, usage',
  },
  'no-console': { type: 'boolean', default: 'off', help: 'do not serve the web console' },
  watch: {
    type: 'boolean',
    default: 'off',
    help: 'reload the definition, config and handlers when they change',
  },
  help: { type: 'boolean', short: 'h', help: 'show this help' },
}

const TOP_HELP = `usage: portico <command> [options]

commands:
  serve <definition>   serve an OpenAPI document, a CloudFormation / SAM template, or a directory
                       of Terraform .tf files over HTTP

options:
  -h, --help           show help (portico serve --help for the serve options)
  -v, --version        show the version

exit codes: 0 ok, 1 a failure at run time (bad definition or config, port in use), 2 a usage mistake`

/** The help of `portico serve`, with every flag and its default. */
export function serveHelp(): string {
  const lines = [
    'usage: portico serve <openapi.(yaml|json) | template.(yaml|json) | terraform-dir> [options]',
    '',
    'Serves the API on http://{host}:{port}/{stage}/..., logging one line per request.',
    '',
    'options:',
  ]
  for (const [name, spec] of Object.entries(SERVE_FLAGS)) {
    const short = spec.short ? `-${spec.short}, ` : '    '
    lines.push(`  ${short}--${name}${spec.value ? ' ' + spec.value : ''}`)
    lines.push(`        ${spec.help}`)
    if (spec.default !== undefined) lines.push(`        default: ${spec.default}`)
  }
  lines.push('', 'Flags win over the config file; see docs/cli.md for the config file format.')
  return lines.join('\n')
}

/** The package version, from package.json. */
export function version(): string {
  const url = new URL('../../package.json', import.meta.url)
  return (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version
}

/** What the command line asks for. */
export type Command =
  | { kind: 'help'; text: string }
  | { kind: 'version' }
  | { kind: 'serve'; file: string; flags: ServeFlags }

/** `portico serve` flags as given (undefined when absent: the config file or a default applies). */
export interface ServeFlags {
  config?: string
  handlers?: string
  stage?: string
  port?: number
  host?: string
  variables: Record<string, string>
  /** `--template-var`: Terraform `templatefile()` values, absent when none was given. */
  templateVars?: Record<string, string>
  /** `--service-endpoint`: AWS service endpoints by service name (`*` for every service). */
  services?: Record<string, { endpoint: string }>
  api?: string
  parameterOverrides: string[]
  logFormat?: 'text' | 'json'
  watch: boolean
  /** `--no-console`: false. */
  console: boolean
  /** `--console-port`. */
  consolePort?: number
  /** `--tf-var`: Terraform input variables. */
  tfVars?: Record<string, string>
  /** `--var-file`: Terraform `.tfvars` files. */
  varFiles?: string[]
  /** `--function-code`: Lambda code directories by function name or address. */
  functionCode?: Record<string, string>
  /** `--strict`: error diagnostics fail the start. */
  strict?: boolean
}

/**
 * Reads a command line.
 *
 * @param argv - the arguments after `node main.js`
 * @returns the command
 * @throws UsageError for an unknown command or flag, a missing value, `--var foo`, a bad port
 */
export function parseCommand(argv: readonly string[]): Command {
  const first = argv[0]
  if (first === undefined || first === '-h' || first === '--help' || first === 'help')
    return argv[1] === 'serve'
      ? { kind: 'help', text: serveHelp() }
      : { kind: 'help', text: TOP_HELP }
  if (first === '-v' || first === '--version' || first === 'version') return { kind: 'version' }
  if (first !== 'serve')
    throw new UsageError(`unknown command ${JSON.stringify(first)} (portico --help lists them)`)
  let parsed: ReturnType<typeof parseServe>
  try {
    parsed = parseServe(argv.slice(1))
  } catch (error) {
    const message = (error as Error).message.replace(/\. To specify .*$/s, '')
    throw new UsageError(`${message} (portico serve --help lists the options)`)
  }
  const { values, positionals } = parsed
  if (values.help) return { kind: 'help', text: serveHelp() }
  // `--parameter-overrides A=1 B=2` (as sam takes it): the values after the first are positionals.
  const given = values['parameter-overrides'] ?? []
  const extra = positionals.slice(1)
  if (extra.length > 0 && given.length === 0)
    throw new UsageError(`unexpected argument ${JSON.stringify(extra[0])}`)
  const file = positionals[0]
  if (file === undefined)
    throw new UsageError(
      'portico serve needs a definition file or a Terraform directory: portico serve api.yaml',
    )
  const variables: Record<string, string> = {}
  for (const pair of values.var ?? []) {
    const eq = pair.indexOf('=')
    if (eq < 1) throw new UsageError(`--var expects name=value, got ${JSON.stringify(pair)}`)
    variables[pair.slice(0, eq)] = pair.slice(eq + 1)
  }
  const templateVars: Record<string, string> = {}
  for (const pair of values['template-var'] ?? []) {
    const eq = pair.indexOf('=')
    if (eq < 1)
      throw new UsageError(`--template-var expects name=value, got ${JSON.stringify(pair)}`)
    templateVars[pair.slice(0, eq)] = pair.slice(eq + 1)
  }
  const flags: ServeFlags = {
    variables,
    parameterOverrides: [...given, ...extra],
    watch: values.watch === true,
    console: values['no-console'] !== true,
  }
  if (values['template-var'] !== undefined) flags.templateVars = templateVars
  if (values['service-endpoint'] !== undefined) {
    const services: Record<string, { endpoint: string }> = {}
    for (const pair of values['service-endpoint']) {
      const eq = pair.indexOf('=')
      if (eq < 1)
        throw new UsageError(`--service-endpoint expects service=url, got ${JSON.stringify(pair)}`)
      services[pair.slice(0, eq)] = { endpoint: pair.slice(eq + 1) }
    }
    flags.services = services
  }
  const pairs = (flag: 'tf-var' | 'function-code', what: string): Record<string, string> => {
    const out: Record<string, string> = {}
    for (const pair of values[flag] ?? []) {
      const eq = pair.indexOf('=')
      if (eq < 1) throw new UsageError(`--${flag} expects ${what}, got ${JSON.stringify(pair)}`)
      out[pair.slice(0, eq)] = pair.slice(eq + 1)
    }
    return out
  }
  if (values['tf-var'] !== undefined) flags.tfVars = pairs('tf-var', 'name=value')
  if (values['function-code'] !== undefined) flags.functionCode = pairs('function-code', 'name=dir')
  if (values['var-file'] !== undefined) flags.varFiles = values['var-file']
  if (values.strict === true) flags.strict = true
  if (values.config !== undefined) flags.config = values.config
  if (values.handlers !== undefined) flags.handlers = values.handlers
  if (values.stage !== undefined) flags.stage = values.stage
  if (values.host !== undefined) flags.host = values.host
  if (values.api !== undefined) flags.api = values.api
  if (values.port !== undefined) flags.port = parsePort(values.port, '--port')
  if (values['console-port'] !== undefined)
    flags.consolePort = parsePort(values['console-port'], '--console-port')
  const format = values['log-format']
  if (format !== undefined) {
    if (format !== 'text' && format !== 'json')
      throw new UsageError(`--log-format is text or json, got ${JSON.stringify(format)}`)
    flags.logFormat = format
  }
  return { kind: 'serve', file, flags }
}

function parseServe(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      config: { type: 'string' },
      handlers: { type: 'string' },
      stage: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      var: { type: 'string', multiple: true },
      'template-var': { type: 'string', multiple: true },
      'service-endpoint': { type: 'string', multiple: true },
      api: { type: 'string' },
      'parameter-overrides': { type: 'string', multiple: true },
      'tf-var': { type: 'string', multiple: true },
      'var-file': { type: 'string', multiple: true },
      'function-code': { type: 'string', multiple: true },
      strict: { type: 'boolean' },
      'log-format': { type: 'string' },
      'console-port': { type: 'string' },
      'no-console': { type: 'boolean' },
      watch: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  })
}

/**
 * A TCP port number.
 *
 * @param text - the value given
 * @param where - the flag or key, for the message
 * @returns 0-65535
 * @throws UsageError for anything else
 */
export function parsePort(text: string | number, where: string): number {
  const port = typeof text === 'number' ? text : /^\d+$/.test(text) ? Number(text) : NaN
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`${where} expects a port number 0-65535, got ${JSON.stringify(text)}`)
  return port
}
