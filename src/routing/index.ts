export { ResourceTree, type RouteMatch } from './resource-tree.js'
export { parsePathTemplate, pathParameterNames, type PathPart } from './path-template.js'
export {
  arnPath,
  decodedPath,
  decodedRoutingPath,
  dotSegment,
  normalizeRequestPath,
  withoutFragment,
} from './request-path.js'
