/**
 * `$input`: the payload and the method request's parameters, as API Gateway's templates see
 * them.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html#input-variable-reference
 */
import { parseClientJson } from '../../core/index.js'
import { GatewayResponseError } from '../../errors.js'
import { compileJsonPath, JsonPathError } from './json-path.js'
import { spendChars, TemplateRuntimeError } from './budget.js'
import { stringifyJson, VtlHost } from './values.js'

/** The method request's parameters, by location. */
export interface TemplateParams {
  readonly path?: Readonly<Record<string, string>>
  readonly querystring?: Readonly<Record<string, string>>
  readonly header?: Readonly<Record<string, string>>
}

/** A JSON payload that starts like JSON but is not: AWS answers 400 with the parser's words. */
export class InvalidJsonBodyError extends GatewayResponseError {
  constructor(message: string) {
    super('BAD_REQUEST_BODY', message)
  }
}

const UNPARSED = Symbol('unparsed')

/** A member referenced without its call (`$input.json`): prints `{}` like AWS. */
class Unbound extends VtlHost {
  property(): unknown {
    return undefined
  }
  call(): unknown {
    return undefined
  }
  print(): string {
    return '{}'
  }
}
const UNBOUND = new Unbound()

/** `$input` for one render. */
export class TemplateInput extends VtlHost {
  readonly #body: string
  readonly #params: () => TemplateParams
  #parsed: unknown = UNPARSED
  #paramsMap: Record<string, unknown> | undefined

  /**
   * @param body - the payload text (empty when there is none)
   * @param params - the method request's parameters, read on first use
   */
  constructor(body: string, params: () => TemplateParams) {
    super()
    this.#body = body
    this.#params = params
  }

  /** The payload as `$input.body` prints it: `{}` when empty. */
  get body(): string {
    return this.#body === '' ? '{}' : this.#body
  }

  /** The payload as a value: parsed JSON, or the text itself when it is not JSON-shaped. */
  root(): unknown {
    if (this.#parsed !== UNPARSED) return this.#parsed
    const text = this.#body.trim()
    if (text === '') this.#parsed = {}
    else if (text.startsWith('{') || text.startsWith('[')) {
      // The parsed tree takes a few times the memory of its text: charged as built text.
      spendChars(text.length, 'payload')
      try {
        // Nested deeper than 1000 levels: refused like invalid JSON, before parsing.
        this.#parsed = parseClientJson(text)
      } catch (error) {
        throw new InvalidJsonBodyError(
          `Could not process payloadnet.minidev.json.parser.ParseException: ${(error as Error).message}`,
        )
      }
    } else {
      // A scalar (string, number, literal) cannot nest: plain JSON.parse stops at the first
      // character that is not part of it.
      try {
        this.#parsed = JSON.parse(text)
      } catch {
        this.#parsed = this.#body
      }
    }
    return this.#parsed
  }

  /**
   * `$input.path(x)`: the JSONPath result as a value.
   *
   * @param path - JSONPath
   * @returns the value
   */
  path(path: string): unknown {
    try {
      return compileJsonPath(path).evaluate(this.root())
    } catch (error) {
      if (error instanceof JsonPathError) throw new TemplateRuntimeError(error.message)
      throw error
    }
  }

  /**
   * `$input.json(x)`: the JSONPath result as JSON text; a missing node is `""`.
   *
   * @param path - JSONPath
   * @returns JSON text
   */
  json(path: string): string {
    const value = this.path(path)
    return value === null || value === undefined ? '""' : stringifyJson(value)
  }

  /**
   * `$input.params()` (a map of `path`, `querystring`, `header`) or `$input.params(name)` (path,
   * then query string, then header, case-insensitive; `''` when absent).
   */
  params(name?: string): unknown {
    const params = this.#params()
    if (name === undefined) {
      return (this.#paramsMap ??= {
        path: { ...params.path },
        querystring: { ...params.querystring },
        header: { ...params.header },
      })
    }
    const inPath = params.path && Object.hasOwn(params.path, name) ? params.path[name] : undefined
    if (inPath !== undefined) return inPath
    const inQuery =
      params.querystring && Object.hasOwn(params.querystring, name)
        ? params.querystring[name]
        : undefined
    if (inQuery !== undefined) return inQuery
    const headers = params.header ?? {}
    if (Object.hasOwn(headers, name)) return headers[name]
    const lower = name.toLowerCase()
    for (const key in headers) if (key.toLowerCase() === lower) return headers[key]
    return ''
  }

  property(name: string): unknown {
    if (name === 'body') return this.body
    if (name === 'json' || name === 'path' || name === 'params') return UNBOUND
    return undefined
  }

  call(name: string, args: readonly unknown[]): unknown {
    const arg = args[0]
    switch (name) {
      case 'json':
        return this.json(typeof arg === 'string' ? arg : '$')
      case 'path':
        return this.path(typeof arg === 'string' ? arg : '$')
      case 'params':
        return args.length === 0 ? this.params() : this.params(String(arg))
      case 'getBody':
        return this.body
      default:
        return undefined
    }
  }

  print(): string {
    return '{}'
  }
}
