/**
 * `portico.config.{json,yaml,yml,js,mjs}`: found in the working directory or named with
 * `--config`, checked against {@link CONFIG_SCHEMA}, and turned into `GatewayOptions`.
 */
import { existsSync, readFileSync, statSync } from 'node:fs'
import { dirname, relative, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Ajv, type ErrorObject } from 'ajv'
import { parse as parseYaml } from 'yaml'
import type { GatewayOptions } from '../gateway.js'
import type { StageOptions } from '../stages/index.js'
import type { ApiKey, UsagePlan, UsagePlanKey } from '../auth/index.js'
import type { IamCredentials } from '../auth/index.js'
import type { RateLimit } from '../traffic/index.js'
import { UsageError } from './args.js'
import { CONFIG_SCHEMA } from './config-schema.js'

/** The config file as written (see docs/portico.config.schema.json). */
export interface PorticoConfig {
  handlers?: string
  lambdas?: Record<string, string>
  stage?: StageOptions
  stages?: StageOptions[]
  apiKeys?: ApiKey[]
  usagePlans?: UsagePlan[]
  usagePlanKeys?: UsagePlanKey[]
  accountThrottle?: RateLimit
  jwks?: Record<string, { keys: Array<Record<string, unknown>> } | string>
  credentials?: Record<string, IamCredentials>
  redis?: string
  /** AWS service endpoints, as `GatewayOptions.services` takes them (no stand-in functions). */
  services?: Record<
    string,
    {
      endpoint?: string
      region?: string
      credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }
    }
  >
  port?: number
  host?: string
  logFormat?: 'text' | 'json'
  apiId?: string
  accountId?: string
  region?: string
  logicalId?: string
  parameters?: Record<string, string | number | boolean>
}

/** A loaded config: its path (for messages and relative paths) and contents. */
export interface LoadedConfig {
  readonly file: string
  readonly dir: string
  readonly config: PorticoConfig
}

/** File names looked for in the working directory, in this order. */
export const CONFIG_NAMES: readonly string[] = [
  'portico.config.json',
  'portico.config.yaml',
  'portico.config.yml',
  'portico.config.js',
  'portico.config.mjs',
]

let validate: ReturnType<Ajv['compile']> | undefined

/**
 * Checks that a path names a readable file.
 *
 * @param file - the path
 * @param what - what it is, for the message (`definition`, `config file`…)
 * @param shown - the path as the user wrote it, for the message
 * @throws UsageError (exit 2) when it is missing or a directory
 */
export function checkFile(file: string, what: string, shown: string = file): void {
  let stats
  try {
    stats = statSync(file)
  } catch {
    throw new UsageError(`${shown}: no such file (the ${what})`)
  }
  if (stats.isDirectory())
    throw new UsageError(`${shown}: is a directory; expected the ${what} file`)
}

/**
 * Finds and reads the config file.
 *
 * @param explicit - `--config`, if given
 * @param cwd - where to look otherwise
 * @returns the config, or undefined when there is none
 * @throws UsageError naming the file (and key) for a missing file, a syntax error, or a key the schema refuses
 */
export async function loadConfig(
  explicit: string | undefined,
  cwd: string = process.cwd(),
): Promise<LoadedConfig | undefined> {
  let file = explicit
  if (file === undefined) {
    const found = CONFIG_NAMES.map((name) => resolve(cwd, name)).find((path) => existsSync(path))
    if (found === undefined) return undefined
    file = relative(cwd, found) || found
  } else checkFile(resolve(cwd, file), 'config', file)
  const path = resolve(cwd, file)
  const raw = await readConfigFile(path, file)
  validate ??= new Ajv({ allErrors: false, strict: false }).compile(CONFIG_SCHEMA)
  if (!validate(raw)) throw new UsageError(`${file}: ${schemaMessage(validate.errors ?? [])}`, 1)
  return { file, dir: dirname(path), config: raw as PorticoConfig }
}

async function readConfigFile(path: string, file: string): Promise<unknown> {
  if (/\.(c|m)?js$/.test(path)) {
    let module: Record<string, unknown>
    try {
      module = (await import(`${pathToFileURL(path).href}?t=${Date.now()}`)) as Record<
        string,
        unknown
      >
    } catch (error) {
      throw new UsageError(`${file}: cannot load: ${describeError(error)}`, 1)
    }
    const value = module['default']
    return typeof value === 'function' ? await (value as () => unknown)() : value
  }
  const text = readFileSync(path, 'utf8')
  try {
    return /\.json$/.test(path) ? JSON.parse(text) : parseYaml(text)
  } catch (error) {
    throw new UsageError(`${file}: ${(error as Error).message.split('\n')[0]}`, 1)
  }
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error)
}

/** `apiKeys[0].value: must NOT have fewer than 20 characters`. */
function schemaMessage(errors: readonly ErrorObject[]): string {
  const error = errors[0]
  if (!error) return 'is not a valid config'
  const segments = error.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
  let key = ''
  for (const segment of segments)
    key += /^\d+$/.test(segment) ? `[${segment}]` : key === '' ? segment : `.${segment}`
  if (error.keyword === 'additionalProperties') {
    const extra = (error.params as { additionalProperty: string }).additionalProperty
    return `${key === '' ? extra : `${key}.${extra}`}: unknown key`
  }
  if (error.keyword === 'required') {
    const missing = (error.params as { missingProperty: string }).missingProperty
    return `${key === '' ? missing : `${key}.${missing}`}: is required`
  }
  if (error.keyword === 'enum')
    return `${key}: must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`
  return `${key === '' ? '(top level)' : key}: ${error.message ?? 'is invalid'}`
}

/**
 * The `GatewayOptions` a config gives (files it names are read relative to it). Handlers
 * (`handlers`, `lambdas`) and `redis` are loaded by the caller.
 *
 * @param loaded - the config
 * @returns gateway options without `api`
 * @throws UsageError naming the file and key for a JWKS file that cannot be read
 */
export function gatewayOptionsOf(loaded: LoadedConfig): Omit<GatewayOptions, 'api'> {
  const { config } = loaded
  const out: Omit<GatewayOptions, 'api'> = {}
  if (config.stage) out.stage = config.stage
  if (config.apiKeys) out.apiKeys = config.apiKeys
  if (config.usagePlans) out.usagePlans = config.usagePlans
  if (config.usagePlanKeys) out.usagePlanKeys = config.usagePlanKeys
  if (config.accountThrottle) out.accountThrottle = config.accountThrottle
  if (config.apiId !== undefined) out.apiId = config.apiId
  if (config.accountId !== undefined) out.accountId = config.accountId
  if (config.region !== undefined) out.region = config.region
  if (config.services) out.services = config.services
  if (config.jwks) {
    const sets: Record<string, { keys: Array<Record<string, unknown>> }> = {}
    for (const [issuer, value] of Object.entries(config.jwks)) {
      if (typeof value !== 'string') {
        sets[issuer] = value
        continue
      }
      try {
        sets[issuer] = JSON.parse(readFileSync(resolve(loaded.dir, value), 'utf8')) as {
          keys: Array<Record<string, unknown>>
        }
      } catch (error) {
        throw new UsageError(
          `${loaded.file}: jwks.${issuer}: cannot read ${value}: ${(error as Error).message}`,
          1,
        )
      }
    }
    out.jwks = sets
  }
  if (config.credentials) {
    const byKey = new Map(Object.entries(config.credentials))
    out.credentials = (accessKeyId) => byKey.get(accessKeyId)
  }
  return out
}
