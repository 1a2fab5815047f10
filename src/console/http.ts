/**
 * The console's HTTP plumbing: security headers on every answer, JSON answers, a bounded JSON
 * body, and the checks that keep other web pages out (Host for DNS rebinding, Origin and
 * Content-Type for cross-site requests).
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { isIP } from 'node:net'
import { readNodeBody } from '../adapters/node-http/index.js'

/** Headers on every console answer: no framing, no sniffing, no caching, scripts from itself. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'Cross-Origin-Resource-Policy': 'same-origin',
}

/**
 * Writes a JSON answer.
 *
 * @param res - the response
 * @param status - HTTP status
 * @param value - the body, serialised with `JSON.stringify`
 */
export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value)
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
  })
  res.end(body)
}

/**
 * Whether the `Host` header names this machine: `localhost`, `*.localhost`, an IP address, or
 * one of `allowed`. A page on another name that resolves here (DNS rebinding) is refused.
 *
 * @param host - the `Host` header
 * @param allowed - more host names (lower case, without port)
 * @returns whether to answer
 */
export function isAllowedHost(host: string | undefined, allowed: readonly string[]): boolean {
  if (host === undefined) return false
  const name = host.startsWith('[')
    ? host.slice(1, host.indexOf(']'))
    : host.replace(/:\d+$/, '').toLowerCase()
  return (
    name === 'localhost' ||
    name.endsWith('.localhost') ||
    isIP(name) !== 0 ||
    allowed.includes(name)
  )
}

/**
 * Whether a client address is this machine's loopback: `127.0.0.0/8`, `::1`, or `127.x` mapped
 * into IPv6 (`::ffff:127.0.0.1`).
 *
 * @param address - `req.socket.remoteAddress`
 * @returns whether the client runs on this machine (or behind a proxy on it)
 */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (address === undefined) return false
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address
  return address === '::1' || (isIP(v4) === 4 && v4.startsWith('127.'))
}

/**
 * Whether a state-changing request comes from the console's own page: a JSON content type (a
 * cross-site form cannot send it without a CORS preflight, which the console never grants) and,
 * when the browser sends `Origin`, the console's own origin.
 *
 * @param req - the request
 * @returns an error message, or undefined when allowed
 */
export function sameOriginProblem(req: IncomingMessage): string | undefined {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase()
  if (type !== 'application/json') return 'Content-Type must be application/json'
  const origin = req.headers.origin
  if (origin === undefined) return undefined
  let host: string
  try {
    host = new URL(origin).host
  } catch {
    return 'Origin is not this console'
  }
  return host === req.headers.host ? undefined : 'Origin is not this console'
}

/** A body over the limit. */
export class BodyTooLarge extends Error {}

/**
 * Reads a request body up to a limit.
 *
 * @param req - the request
 * @param limit - bytes
 * @returns the body as text
 * @throws BodyTooLarge past `limit` bytes (the rest is drained, not kept)
 */
export async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length'])
  if (Number.isFinite(declared) && declared > limit) throw new BodyTooLarge()
  const body = await readNodeBody(req, undefined, limit)
  if (body === 'too-large') throw new BodyTooLarge()
  if (body === 'aborted' || body === 'unreadable') throw new Error(`request body ${body}`)
  return body === null ? '' : body.toString('utf8')
}
