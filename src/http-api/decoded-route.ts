/**
 * HTTP APIs hand the Lambda a percent-decoded path (`rawPath` `/a/b` for `/a%2Fb`). Web
 * frameworks behind the gateway route by that path, so a request routed to a Lambda must not
 * reach, once decoded, a route other than the one whose checks (authorizer, throttling) the
 * gateway applied: such a request is refused with 404 (docs/security.md, "Encoded paths").
 * HTTP_PROXY backends get the path encoded (integrations/backend-request.ts), so theirs pass.
 */
import { decodedRoutingPath } from '../routing/index.js'
import type { CompiledHttpApi, CompiledRoute } from './request.js'

/**
 * Whether the decoded form of the request's path would be served by another route.
 *
 * @param api - the API
 * @param request - its path as sent and normalised, and its method
 * @param matched - what routing found for the path as sent (undefined: none)
 * @param accepts - the method filter routing used
 * @returns true when the request must be refused
 */
export function routesElsewhereDecoded(
  api: CompiledHttpApi,
  request: { readonly rawPath: string; readonly path: string; readonly method: string },
  matched: ReadonlyMap<string, CompiledRoute> | undefined,
  accepts: (methods: ReadonlyMap<string, CompiledRoute>) => boolean,
): boolean {
  const decoded = decodedRoutingPath(request.rawPath)
  if (decoded === request.path) return false
  const route = chosen(api, request.method, matched)
  // Only a Lambda reads the decoded path; an HTTP_PROXY backend gets the path encoded.
  if (route === undefined || !handsDecodedPath(route)) return false
  const other = api.tree.match(decoded, accepts)?.value
  return chosen(api, request.method, other) !== route
}

function handsDecodedPath(route: CompiledRoute): boolean {
  const integration = route.definition.integration
  return integration.type === 'AWS_PROXY' && integration.integrationSubtype === undefined
}

function chosen(
  api: CompiledHttpApi,
  method: string,
  routes: ReadonlyMap<string, CompiledRoute> | undefined,
): CompiledRoute | undefined {
  if (routes === undefined) return api.defaultRoute
  return routes.get(method) ?? routes.get('ANY')
}
