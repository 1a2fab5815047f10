/**
 * The one normalised request path that routing, the method ARN (resource policies, Lambda
 * authorizers' `methodArn`, HTTP APIs' `routeArn`) and backend URLs are all built from, so no
 * check can be passed with a spelling that routing reads differently.
 *
 * Rules (Portico's choice where AWS publishes none; docs/aws-parity.md "Routing"):
 * - empty segments are dropped: `/stage//orders` routes as `/orders` (AWS-recorded,
 *   spec/pipeline.md §3), and a trailing slash is ignored (spec/pipeline.md §9);
 * - dot segments are resolved as RFC 3986 §5.2.4 and WHATWG URL do, including their
 *   percent-encoded spellings (`%2e`, `.%2E`, `%2e%2e`…): `/public/../admin` is `/admin`, and
 *   `..` never climbs above the root;
 * - everything else stays as sent (percent-encoded): routing compares a segment raw, then
 *   decoded, with literal parts; path parameters keep their encoding.
 *
 * The ARN form decodes each segment but keeps an encoded slash (`%2F`) and percent sign (`%25`)
 * encoded, so decoding never creates a segment boundary that routing did not see.
 */

/** Dot-segment spellings (lower case) that URL parsers resolve: RFC 3986 and WHATWG URL. */
const SINGLE_DOT: ReadonlySet<string> = new Set(['.', '%2e'])
const DOUBLE_DOT: ReadonlySet<string> = new Set(['..', '.%2e', '%2e.', '%2e%2e'])

/**
 * Whether a path segment is `.` or `..` in any spelling a URL parser resolves.
 *
 * @param segment - one segment, as sent
 * @returns `1` for `.`, `2` for `..`, `0` otherwise
 */
export function dotSegment(segment: string): 0 | 1 | 2 {
  if (segment.length > 6 || segment.length === 0) return 0
  const lower = segment.toLowerCase()
  return SINGLE_DOT.has(lower) ? 1 : DOUBLE_DOT.has(lower) ? 2 : 0
}

/** Whether the path needs work: `//`, `/.`, `%2e`/`%2E`, or a trailing slash. */
function isNormal(path: string): boolean {
  const last = path.length - 1
  if (last > 0 && path.charCodeAt(last) === 47 /* / */) return false
  for (let i = 0; i < last; i++) {
    const c = path.charCodeAt(i)
    if (c === 47) {
      const next = path.charCodeAt(i + 1)
      if (next === 47 || next === 46 /* . */) return false
    } else if (
      c === 37 /* % */ &&
      path.charCodeAt(i + 1) === 50 /* 2 */ &&
      (path.charCodeAt(i + 2) | 0x20) === 101 /* e */
    )
      return false
  }
  return true
}

/**
 * The request target without its fragment: everything from the first `#` on. Clients never
 * send a fragment, but a raw `#` in a request line is not part of the path for any URL parser
 * downstream (a Lambda's router, a backend), so routing and the policy ARN must not see it
 * either: `/admin#x` is `/admin`.
 *
 * @param target - the path with its query string, as received
 * @returns the target up to its first `#`
 */
export function withoutFragment(target: string): string {
  const hash = target.indexOf('#')
  return hash === -1 ? target : target.slice(0, hash)
}

/**
 * The normalised form of a request path: no empty segments, no trailing slash, dot segments
 * resolved; otherwise as sent. An already-normal path is returned as is after one scan.
 *
 * @param path - the path after the stage, starting with `/`, without the query string
 * @returns the normalised path, starting with `/` (`/` for the root)
 */
export function normalizeRequestPath(path: string): string {
  if (isNormal(path)) return path
  const out: string[] = []
  for (const segment of path.split('/')) {
    if (segment === '') continue
    const dots = dotSegment(segment)
    if (dots === 2) out.pop()
    else if (dots === 0) out.push(segment)
  }
  return `/${out.join('/')}`
}

/** Percent-decodes one segment; an invalid escape leaves the segment as sent. */
function decodeSegment(segment: string): string {
  let decoded: string
  try {
    decoded = decodeURIComponent(segment)
  } catch {
    return segment
  }
  if (decoded === segment) return segment
  return decoded.replace(/%/g, '%25').replace(/\//g, '%2F')
}

/**
 * The path as the method ARN carries it: each segment of a normalised path percent-decoded
 * (`/%61dmin` is `/admin`), except that `%2F` and `%25` stay encoded so a segment stays one
 * segment. A segment with an invalid escape is kept as sent.
 *
 * @param normalized - a path from {@link normalizeRequestPath}
 * @returns the ARN's path part, starting with `/`
 */
export function arnPath(normalized: string): string {
  if (!normalized.includes('%')) return normalized
  return normalized.split('/').map(decodeSegment).join('/')
}

/**
 * A path percent-decoded as HTTP APIs hand it to a Lambda (`rawPath`, `requestContext.http.path`
 * of payload 2.0): `/a%2Fb` is `/a/b`. A segment with an invalid escape is kept as sent. Not for
 * routing: see {@link decodedRoutingPath}.
 *
 * @param path - the path as sent, without the query string
 * @returns the decoded path
 */
export function decodedPath(path: string): string {
  if (!path.includes('%')) return path
  return path
    .split('/')
    .map((segment) => {
      try {
        return decodeURIComponent(segment)
      } catch {
        return segment
      }
    })
    .join('/')
}

/**
 * The path a web framework behind the gateway would route a {@link decodedPath} by: parsed as a
 * WHATWG URL (`\` is `/`, a `?` or `#` ends the path, dot segments resolve), then normalised as
 * {@link normalizeRequestPath} does. When this routes elsewhere than the path as sent, a Lambda
 * that reads `rawPath` would serve a route whose checks the request never passed, so HTTP APIs
 * refuse it (docs/security.md).
 *
 * @param path - the path as sent, without the query string
 * @returns the normalised path of the decoded form, or the normalised path itself when decoding
 *   changes nothing
 */
export function decodedRoutingPath(path: string): string {
  if (!path.includes('%') && !path.includes('\\')) return normalizeRequestPath(path)
  let pathname: string
  try {
    pathname = new URL(decodedPath(path).replace(/^\/+/, '/'), 'https://gateway.invalid').pathname
  } catch {
    return normalizeRequestPath(path)
  }
  return normalizeRequestPath(pathname)
}
