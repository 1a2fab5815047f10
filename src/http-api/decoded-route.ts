/**
 * HTTP APIs hand the Lambda a percent-decoded path (`rawPath` `/a/b` for `/a%2Fb`). Web
 * frameworks behind the gateway route by that path, so a request routed to a Lambda must not
 * reach, once decoded, a route other than the one whose checks (authorizer, throttling) the
 * gateway applied: such a request is refused with 404 (docs/security.md, "Encoded paths").
 * HTTP_PROXY backends get the path encoded (integrations/backend-request.ts), so theirs pass.
 */
import { decodedPath, decodedRoutingPath } from '../routing/index.js'
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
  const raw = request.rawPath
  // A framework may resolve dot segments (WHATWG URL) or match the decoded path literally
  // (Express: `/admin/../public` is under `/admin`): both readings must reach the same route.
  const resolved = decodedRoutingPath(raw)
  const literal = raw.includes('.') || raw.includes('%') ? literalDecodedPath(raw) : request.path
  if (resolved === request.path && literal === request.path) return false
  const route = chosen(api, request.method, matched)
  // Only a Lambda reads the decoded path; an HTTP_PROXY backend gets the path encoded.
  if (route === undefined || !handsDecodedPath(route)) return false
  for (const path of resolved === literal ? [resolved] : [resolved, literal]) {
    if (path === request.path) continue
    const other = api.tree.match(path, accepts)?.value
    if (chosen(api, request.method, other) !== route) return true
  }
  return false
}

/** The decoded path as a literal router reads it: empty segments dropped, dot segments kept. */
function literalDecodedPath(path: string): string {
  return `/${decodedPath(path)
    .split('/')
    .filter((segment) => segment !== '')
    .join('/')}`
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
