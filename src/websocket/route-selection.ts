/**
 * WebSocket route selection: the `routeSelectionExpression` (`$request.body.<path>`) picks a
 * route key from a JSON message; a message that is not JSON, or names no route, goes to
 * `$default`.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-selection-expressions.html
 */
import { parseClientJson } from '../core/index.js'
import { ConfigError } from '../errors.js'

/** Routes API Gateway runs for the connection itself, not for messages. */
const CONNECTION_ROUTES: ReadonlySet<string> = new Set(['$connect', '$disconnect'])

/**
 * Compiles a route selection expression.
 *
 * @param expression - e.g. `$request.body.action`
 * @param routes - the API's routes, by key
 * @returns the route key of a message
 * @throws ConfigError for an expression other than `$request.body.<path>`
 */
export function compileRouteSelection(
  expression: string,
  routes: Readonly<Record<string, unknown>>,
): (text: string) => string {
  const selection = /^\$request\.body\.([A-Za-z0-9_$-]+(?:\.[A-Za-z0-9_$-]+)*)$/.exec(expression)
  if (!selection)
    throw new ConfigError(
      'routeSelectionExpression',
      `unsupported expression ${JSON.stringify(expression)} ($request.body.<path>)`,
    )
  const selectionPath = (selection[1] as string).split('.')
  return (text) => {
    try {
      let value: unknown = parseClientJson(text)
      for (const key of selectionPath)
        value =
          value !== null && typeof value === 'object'
            ? (value as Record<string, unknown>)[key]
            : undefined
      // `$connect` and `$disconnect` run when a connection opens and closes, never for a message.
      if (
        typeof value === 'string' &&
        Object.hasOwn(routes, value) &&
        !CONNECTION_ROUTES.has(value)
      )
        return value
    } catch {
      // not JSON: $default
    }
    return '$default'
  }
}
