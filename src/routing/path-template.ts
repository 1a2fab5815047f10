/**
 * REST resource path templates: `/pets/{petId}`, `/files/{proxy+}`.
 */
import { ConfigError } from '../errors.js'

/** One part of a resource path. */
export type PathPart =
  | { readonly kind: 'literal'; readonly value: string }
  | { readonly kind: 'param'; readonly name: string }
  | { readonly kind: 'greedy'; readonly name: string }

const LITERAL = /^[A-Za-z0-9_\-.,:]+$/
const PARAM = /^\{([A-Za-z0-9_.\-$]+)(\+?)\}$/

/**
 * Parses and checks a resource path as AWS's importer does: parts are alphanumerics and
 * `_ - . , :`, a parameter is a whole segment, a greedy `{name+}` is last.
 *
 * @param path - e.g. `/pets/{petId}`
 * @param where - the place in the document, for errors
 * @returns the parts (empty for `/`)
 * @throws ConfigError for a path AWS would refuse
 */
export function parsePathTemplate(path: string, where: string): PathPart[] {
  if (!path.startsWith('/'))
    throw new ConfigError(where, `resource path must start with "/", got ${JSON.stringify(path)}`)
  if (path === '/') return []
  const segments = (path.endsWith('/') ? path.slice(0, -1) : path).slice(1).split('/')
  const parts: PathPart[] = []
  const names = new Set<string>()
  segments.forEach((segment, i) => {
    if (segment === '')
      throw new ConfigError(where, `resource path ${JSON.stringify(path)} has an empty segment`)
    const param = PARAM.exec(segment)
    if (param) {
      const name = param[1] as string
      if (names.has(name))
        throw new ConfigError(
          where,
          `path parameter {${name}} appears twice in ${JSON.stringify(path)}`,
        )
      names.add(name)
      if (param[2] === '+') {
        if (i !== segments.length - 1) {
          throw new ConfigError(
            where,
            `greedy path parameter {${name}+} must be the last part of ${JSON.stringify(path)}`,
          )
        }
        parts.push({ kind: 'greedy', name })
      } else {
        parts.push({ kind: 'param', name })
      }
      return
    }
    if (!LITERAL.test(segment)) {
      throw new ConfigError(
        where,
        `invalid resource path part ${JSON.stringify(segment)}: use alphanumerics, _ - . , : or a whole-segment {parameter}`,
      )
    }
    parts.push({ kind: 'literal', value: segment })
  })
  return parts
}

/**
 * Path parameter names of a template, in order.
 *
 * @param parts - parsed parts
 * @returns the names
 */
export function pathParameterNames(parts: readonly PathPart[]): string[] {
  const names: string[] = []
  for (const part of parts) if (part.kind !== 'literal') names.push(part.name)
  return names
}
