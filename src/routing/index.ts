export { ResourceTree, type RouteMatch } from './resource-tree.js'
export { parsePathTemplate, pathParameterNames, type PathPart } from './path-template.js'
