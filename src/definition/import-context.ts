/**
 * What every OpenAPI reader shares: the document, its version, the security schemes, import
 * options and the warning channel, plus local `$ref` resolution.
 */
import { createConsoleLogger } from '../core/index.js'
import type { Logger } from '../core/index.js'
import { ConfigError } from '../errors.js'
import { at, isObject, readObject, type Doc } from './read.js'

/** The prefix of API Gateway's OpenAPI extensions. */
export const X = 'x-amazon-apigateway-'

/**
 * Options of `importOpenApi`, `importHttpApi` and `createGateway`'s import step.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/api/API_ImportRestApi.html (`failonwarnings`)
 */
export interface ImportOptions {
  /**
   * Values for the `${name}` placeholders of a document written for Terraform's
   * `templatefile()`. When given, `${name}` is replaced by its value, `$${` becomes a literal
   * `${` and `%%{` a literal `%{`; `${AWS::Region}`-style and `${stageVariables.x}` sequences
   * (not a bare name) are left as written. A bare `${name}` with no value is a ConfigError.
   * See docs/templates.md.
   */
  templateVars?: Record<string, string | number | boolean>
  /**
   * Like AWS's `failonwarnings` import parameter: what AWS only warns about (unknown
   * integration fields, undefined security schemes named `NONE`…) becomes a ConfigError.
   * @default false
   */
  failOnWarnings?: boolean
  /** Where import warnings go. @default warnings to the console */
  logger?: Pick<Logger, 'warn'>
}

/** Reports what AWS's import only warns about: a warning, or a ConfigError with `failOnWarnings`. */
export type Warn = (path: string, message: string) => void

/**
 * Builds the warning channel of an import.
 *
 * @param options - the import options
 * @returns a function that logs the warning, or throws a ConfigError when `failOnWarnings`
 */
export function warningsOf(options: ImportOptions = {}): Warn {
  const logger = options.logger ?? createConsoleLogger()
  return (path, message) => {
    if (options.failOnWarnings) throw new ConfigError(path, message)
    logger.warn(`import warning: ${path ? `${path}: ` : ''}${message}`)
  }
}

/** State shared by the readers of one REST API import. */
export interface ImportContext {
  readonly doc: Doc
  readonly isSwagger: boolean
  readonly schemes: Record<string, Doc>
  readonly rootSecurity: unknown
  readonly consumes: string[]
  readonly produces: string[]
  readonly warn: Warn
}

/**
 * Follows a local `$ref` (`#/components/parameters/p`) to the object it names.
 *
 * @param ctx - the import
 * @param value - an object that may be a `{ $ref }`
 * @param path - where `value` is
 * @returns the object, or the referenced object
 * @throws ConfigError for a remote or dangling reference
 */
export function resolveRef(ctx: ImportContext, value: unknown, path: string): Doc {
  const object = readObject(value, path)
  const ref = object['$ref']
  if (ref === undefined) return object
  if (typeof ref !== 'string' || !ref.startsWith('#/')) {
    throw new ConfigError(
      at(path, '$ref'),
      `only local references (#/...) are supported, got ${JSON.stringify(ref)}`,
    )
  }
  let target: unknown = ctx.doc
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~')
    target = isObject(target) && Object.hasOwn(target, key) ? target[key] : undefined
  }
  if (target === undefined)
    throw new ConfigError(at(path, '$ref'), `reference ${ref} does not resolve`)
  return readObject(target, at(path, '$ref'))
}

/**
 * The model a schema names by `$ref` (`#/definitions/Pet` or `#/components/schemas/Pet`).
 *
 * @param schema - a schema object
 * @param path - where it is
 * @returns the model name, or undefined for an inline schema
 * @throws ConfigError for a reference to anything but a model
 */
export function modelNameOf(schema: unknown, path: string): string | undefined {
  if (!isObject(schema)) return undefined
  const ref = schema['$ref']
  if (typeof ref !== 'string') return undefined
  const match = /^#\/(?:definitions|components\/schemas)\/([^/]+)$/.exec(ref)
  if (!match)
    throw new ConfigError(
      at(path, '$ref'),
      `model reference must point at a definition, got ${JSON.stringify(ref)}`,
    )
  return match[1]
}
