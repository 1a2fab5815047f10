/**
 * `portico/koa`: a gateway as Koa middleware. Mount it with a router prefix or serve the whole
 * app; the path it sees is the resource path. Mount it before body parsers, or use one that keeps
 * the raw body: `koa-bodyparser`'s `ctx.request.rawBody` and koa-body's `includeUnparsed` are
 * forwarded as sent; a body only parsed can only be re-serialised (`1.0` becomes `1`), and that
 * emits a `PORTICO_PARSED_BODY` process warning.
 *
 * @example
 * ```ts
 * import Koa from 'koa'
 * import { toKoaMiddleware } from 'portico/koa'
 *
 * const app = new Koa()
 * app.use(toKoaMiddleware(gateway, { fallthrough: true }))
 * app.use((ctx) => { ctx.body = 'not an API route' })
 * ```
 *
 * @module
 */
import { Buffer } from 'node:buffer'
import type { IncomingMessage } from 'node:http'
import type { Gateway } from '../../gateway.js'
import { MAX_BODY_BYTES } from '../../core/index.js'
import {
  clientAddress,
  connectionOf,
  gatewayError,
  isFinalStatus,
  isFramingHeader,
  isNoRoute,
  payloadTooLargeResponse,
  presetBody,
  readNodeBody,
  unreadableBodyResponse,
} from '../node-http/index.js'

/** Where koa-body's `includeUnparsed: true` keeps the raw body on `ctx.request.body`. */
const UNPARSED = Symbol.for('unparsedBody')

/** Options of {@link toKoaMiddleware}. */
export interface KoaMiddlewareOptions {
  /** Call `next()` instead of answering when no route matches. @default false */
  fallthrough?: boolean
  /** Which of the gateway's stages to serve. @default the gateway's first stage */
  stage?: string
  /** Largest body. @default 10 MB (AWS's limit) */
  maxBodyBytes?: number
}

/** The part of a Koa context the middleware uses. */
export interface KoaContextLike {
  req: IncomingMessage
  url: string
  request: { rawBody?: string; body?: unknown }
  status: number
  body: unknown
  /** Koa's switch to leave the response alone (set false when the client went away). */
  respond?: boolean
  /** Sets a response header (an array sets it once per value). */
  set(name: string, value: string | string[]): void
}

/**
 * Creates Koa middleware for a gateway.
 *
 * @param gateway - from `createGateway`
 * @param options - fallthrough, stage, body limit
 * @returns the middleware
 */
export function toKoaMiddleware(
  gateway: Gateway,
  options: KoaMiddlewareOptions = {},
): (ctx: KoaContextLike, next: () => Promise<unknown>) => Promise<void> {
  const maxBody = options.maxBodyBytes ?? MAX_BODY_BYTES
  const target = options.stage === undefined ? undefined : { stage: options.stage }
  const seen = { warned: false }
  return async (ctx, next) => {
    const parsed: unknown = ctx.request.body
    // koa-bodyparser keeps `rawBody`; koa-body's `includeUnparsed` keeps it under a symbol.
    const raw =
      ctx.request.rawBody ??
      (typeof parsed === 'object' && parsed !== null
        ? (parsed as Record<symbol, unknown>)[UNPARSED]
        : undefined)
    const preset = presetBody(ctx.req, raw, ctx.request.body, seen)
    const body = await readNodeBody(ctx.req, preset, maxBody)
    if (body === 'aborted') {
      // The client is gone: nothing to answer, and no error for Koa to log.
      ctx.respond = false
      return
    }
    const response =
      body === 'too-large'
        ? payloadTooLargeResponse(maxBody)
        : body === 'unreadable'
          ? unreadableBodyResponse()
          : await gateway.invoke(
              {
                method: ctx.req.method ?? 'GET',
                path: ctx.url,
                rawHeaders: ctx.req.rawHeaders,
                body,
                sourceIp: clientAddress(ctx.req),
                ...connectionOf(ctx.req),
              },
              target,
            )
    if (options.fallthrough && isNoRoute(response)) {
      await next()
      return
    }
    // Koa frames the body (it sets Content-Length); framing headers from the reply are dropped.
    const answer = isFinalStatus(response.statusCode)
      ? response
      : gatewayError('API_CONFIGURATION_ERROR')
    ctx.status = answer.statusCode
    for (const name in answer.multiValueHeaders) {
      if (isFramingHeader(name)) continue
      const values = answer.multiValueHeaders[name] as string[]
      try {
        ctx.set(name, values.length === 1 ? (values[0] as string) : values)
      } catch {
        // A header Node cannot send (invalid characters from a handler) is dropped.
      }
    }
    ctx.body = answer.isBase64Encoded ? Buffer.from(answer.body, 'base64') : answer.body
    // A body past the limit was not read to its end: the connection closes with the answer,
    // as the node and Express adapters do, so a client cannot stream into it without end.
    if (body === 'too-large') ctx.set('Connection', 'close')
  }
}
