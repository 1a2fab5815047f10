/**
 * The REST resource tree: compiled once, matched per request without regular expressions.
 *
 * Priority at each level is AWS's: a literal part, then `{param}`, then a greedy `{proxy+}`.
 * The search backtracks, and a resource counts only if it has the request's method (or
 * `ANY`), so a method missing on a concrete resource falls through to a greedy sibling.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-method-settings-method-request.html
 */
import { ConfigError } from '../errors.js'
import type { PathPart } from './path-template.js'

interface TreeNode<T> {
  value: T | undefined
  literals: Map<string, TreeNode<T>> | undefined
  param: { name: string; node: TreeNode<T> } | undefined
  greedy: { name: string; value: T } | undefined
}

/** A route match: the resource's value and its path parameters (still percent-encoded). */
export interface RouteMatch<T> {
  readonly value: T
  /** Flat pairs: name, value, name, value… */
  readonly params: readonly string[]
}

function createNode<T>(): TreeNode<T> {
  return { value: undefined, literals: undefined, param: undefined, greedy: undefined }
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment)
  } catch {
    return undefined
  }
}

/**
 * A tree of resources keyed by their parsed path templates.
 *
 * @example
 * ```ts
 * const tree = new ResourceTree<string>()
 * tree.add(parsePathTemplate('/pets/{id}', ''), 'pet', '/pets/{id}')
 * tree.match('/pets/7', () => true) // { value: 'pet', params: ['id', '7'] }
 * ```
 */
export class ResourceTree<T> {
  readonly #root: TreeNode<T> = createNode()

  /**
   * Adds a resource.
   *
   * @param parts - its parsed template
   * @param value - what a match returns
   * @param where - its place in the definition, for errors
   */
  add(parts: readonly PathPart[], value: T, where: string): void {
    let node = this.#root
    for (const part of parts) {
      if (part.kind === 'literal') {
        node.literals ??= new Map()
        let child = node.literals.get(part.value)
        if (!child) {
          child = createNode()
          node.literals.set(part.value, child)
        }
        node = child
      } else if (part.kind === 'param') {
        if (node.param && node.param.name !== part.name) {
          throw new ConfigError(
            where,
            `sibling path parameters {${node.param.name}} and {${part.name}} conflict: a resource can have one variable child`,
          )
        }
        node.param ??= { name: part.name, node: createNode() }
        node = node.param.node
      } else {
        if (node.greedy)
          throw new ConfigError(
            where,
            `a resource can have one greedy child, already has {${node.greedy.name}+}`,
          )
        node.greedy = { name: part.name, value }
        return
      }
    }
    if (node.value !== undefined) throw new ConfigError(where, 'resource is defined twice')
    node.value = value
  }

  /**
   * Finds the resource for a path.
   *
   * @param path - the resource path, starting with `/`, without query string
   * @param accepts - whether a candidate resource serves the request (has its method)
   * @returns the match, or undefined
   */
  match(path: string, accepts: (value: T) => boolean): RouteMatch<T> | undefined {
    let end = path.length
    if (end > 1 && path.charCodeAt(end - 1) === 47 /* / */) end--
    const trimmed = path.slice(1, end)
    const params: string[] = []
    const value = find(this.#root, trimmed, trimmed === '' ? 1 : 0, params, accepts)
    return value === undefined ? undefined : { value, params }
  }
}

function find<T>(
  node: TreeNode<T>,
  path: string,
  start: number,
  params: string[],
  accepts: (value: T) => boolean,
): T | undefined {
  if (start > path.length) {
    // Every segment consumed.
    return node.value !== undefined && accepts(node.value) ? node.value : undefined
  }
  const slash = path.indexOf('/', start)
  const stop = slash === -1 ? path.length : slash
  const next = slash === -1 ? path.length + 1 : slash + 1
  const segment = path.slice(start, stop)
  if (node.literals) {
    let child = node.literals.get(segment)
    if (!child && segment.includes('%')) {
      const decoded = safeDecode(segment)
      if (decoded !== undefined) child = node.literals.get(decoded)
    }
    if (child) {
      const found = find(child, path, next, params, accepts)
      if (found !== undefined) return found
    }
  }
  if (node.param && segment !== '') {
    params.push(node.param.name, segment)
    const found = find(node.param.node, path, next, params, accepts)
    if (found !== undefined) return found
    params.length -= 2
  }
  if (node.greedy && start < path.length && accepts(node.greedy.value)) {
    params.push(node.greedy.name, path.slice(start))
    return node.greedy.value
  }
  return undefined
}
