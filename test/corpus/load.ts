/**
 * Loads a corpus document the way a user would: an OpenAPI document (or a rendered Terraform
 * `templatefile()` body) through `createGateway({ api: text })`; a template through
 * `importTemplate`, then each REST or HTTP API with `createGateway({ api: text, logicalId })`
 * and each WebSocket API with `createWebSocketGateway({ api: definition })`.
 */
import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import {
  ConfigError,
  createGateway,
  createWebSocketGateway,
  importTemplate,
  type Gateway,
  type WebSocketApiDefinition,
} from '../../src/index.js'
import type { Logger } from '../../src/index.js'

/** An entry of `sources.json`. */
export interface CorpusSource {
  readonly source: string
  readonly repository: string
  readonly path: string
  readonly commit: string
  readonly license: string
  /** OpenAPI 2, OpenAPI 3, SAM, CloudFormation, CDK synth, Serverless Framework, Terraform templatefile… */
  readonly kind: string
  readonly description: string
  /** Template parameters without a Default, as the deploy command would pass them. */
  readonly parameters?: Record<string, string>
  /** Outputs of nested stacks Portico does not deploy, as the deployed stack would have them. */
  readonly nestedStackOutputs?: Record<string, Record<string, string>>
  /** The variables Terraform's `templatefile()` is called with. */
  readonly templateVars?: Record<string, string>
  readonly note?: string
}

/**
 * What loading one API gave: its kind and route count (and the MOCK methods of a REST API that
 * answer a CORS preflight-like request with a 5xx, `METHOD /path STATUS`), or the error's
 * message.
 */
export type ApiOutcome =
  | {
      readonly kind: 'REST' | 'HTTP' | 'WEBSOCKET'
      readonly routes: number
      readonly failingMocks?: readonly string[]
    }
  | { readonly error: string }

/**
 * What loading a document gave: each API by logical id (`document` for OpenAPI) and the
 * warnings about what Portico ignored (missing handler code is expected and left out), or the
 * error that stopped the import.
 */
export type Outcome =
  | { readonly apis: Record<string, ApiOutcome>; readonly warnings?: readonly string[] }
  | { readonly error: string }

export const CORPUS_DIR = new URL('.', import.meta.url).pathname

const OPENAPI_KINDS = new Set(['OpenAPI 2', 'OpenAPI 3', 'Terraform templatefile'])

/** The error as the table records it: `ConfigError: message` (or the class of a crash). */
function describeError(error: unknown): string {
  if (error instanceof ConfigError) return `ConfigError: ${error.message}`
  if (error instanceof Error) return `${error.name}: ${error.message}`
  return `thrown: ${String(error)}`
}

/** Terraform's `templatefile()` for the `${name}` interpolations these bodies use. */
function renderTemplatefile(text: string, vars: Record<string, string>): string {
  return text.replace(/\$\{(\w+)\}/g, (whole, name: string) => vars[name] ?? whole)
}

/**
 * Loads the corpus document `file` as a user would.
 *
 * @param file - a file (or folder holding `template.yaml`) under test/corpus
 * @param source - its `sources.json` entry
 * @param logger - where warnings go (missing handlers, ignored properties)
 */
export async function loadCorpusDocument(file: string, source: CorpusSource): Promise<Outcome> {
  const warnings = new Set<string>()
  const logger: Logger = {
    debug: () => {},
    info: () => {},
    warn: (message: string) => {
      // Handler code is not part of the corpus: that warning is expected for every function.
      if (!message.includes('cannot run in Portico')) warnings.add(message)
    },
    error: () => {},
  }
  const outcome = await load(file, source, logger)
  return 'apis' in outcome && warnings.size > 0 ? { ...outcome, warnings: [...warnings] } : outcome
}

/**
 * Sends each MOCK method of a REST API the request a browser's preflight would (MOCK methods
 * need no handler, so they run as deployed): CDK, SAM and Serverless generate them for CORS.
 */
async function failingMocks(gateway: Gateway): Promise<string[]> {
  const failing: string[] = []
  for (const route of gateway.routes()) {
    if (route.integration !== 'MOCK') continue
    const response = await gateway.invoke({
      method: route.method,
      path: route.path.replace(/\{[^}]+\}/g, 'x'),
      headers: { Origin: 'https://example.com', 'Access-Control-Request-Method': 'GET' },
    })
    if (response.statusCode >= 500)
      failing.push(`${route.method} ${route.path} ${response.statusCode}`)
  }
  return failing
}

async function describeGateway(gateway: Gateway): Promise<ApiOutcome> {
  const kind = gateway.definition.kind
  const routes = gateway.routes().length
  if (kind !== 'REST') return { kind, routes }
  const failing = await failingMocks(gateway)
  return failing.length > 0 ? { kind, routes, failingMocks: failing } : { kind, routes }
}

async function load(file: string, source: CorpusSource, logger: Logger): Promise<Outcome> {
  const path = join(CORPUS_DIR, file)
  const isFolder = statSync(path).isDirectory()
  const documentPath = isFolder ? join(path, 'template.yaml') : path
  const baseDir = isFolder ? path : CORPUS_DIR
  let text = readFileSync(documentPath, 'utf8')
  if (source.templateVars) text = renderTemplatefile(text, source.templateVars)
  if (OPENAPI_KINDS.has(source.kind)) {
    let gateway: Gateway
    try {
      gateway = createGateway({ api: text, logger })
    } catch (error) {
      return { error: describeError(error) }
    }
    return { apis: { document: await describeGateway(gateway) } }
  }
  const given = {
    ...(source.parameters ? { parameters: source.parameters } : {}),
    ...(source.nestedStackOutputs ? { nestedStackOutputs: source.nestedStackOutputs } : {}),
  }
  let apis
  try {
    const imported = importTemplate(text, { baseDir, ...given })
    for (const warning of imported.warnings) logger.warn(warning)
    apis = imported.apis
  } catch (error) {
    return { error: describeError(error) }
  }
  const outcomes: Record<string, ApiOutcome> = {}
  for (const api of apis) {
    if (api.kind === 'WEBSOCKET') {
      const definition = api.definition as WebSocketApiDefinition
      try {
        createWebSocketGateway({ api: definition, logger })
        outcomes[api.logicalId] = {
          kind: 'WEBSOCKET',
          routes: Object.keys(definition.routes).length,
        }
      } catch (error) {
        outcomes[api.logicalId] = { error: describeError(error) }
      }
      continue
    }
    let gateway: Gateway
    try {
      gateway = createGateway({
        api: text,
        logicalId: api.logicalId,
        baseDir,
        logger,
        ...given,
      })
    } catch (error) {
      outcomes[api.logicalId] = { error: describeError(error) }
      continue
    }
    outcomes[api.logicalId] = await describeGateway(gateway)
  }
  return { apis: outcomes }
}
