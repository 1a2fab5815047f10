/**
 * `portico/express`: a gateway as Express middleware. Mount it where the stage lives
 * (`app.use('/prod', toExpressMiddleware(gateway))`); the path it sees is the resource path.
 * Mount it before body parsers, or let them keep the raw bytes
 * (`express.json({ verify: captureRawBody })`): a body `express.raw()` or `express.text()` read
 * is used as it is, but one `express.json()` parsed can only be re-serialised (`1.0` becomes
 * `1`), and that emits a `PORTICO_PARSED_BODY` process warning.
 *
 * @example
 * ```ts
 * import express from 'express'
 * import { toExpressMiddleware } from 'portico/express'
 *
 * const app = express()
 * app.use('/prod', toExpressMiddleware(gateway, { fallthrough: true }))
 * app.get('/health', (req, res) => res.send('ok'))
 * ```
 *
 * @module
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Gateway } from '../../gateway.js'
import { MAX_BODY_BYTES } from '../../core/index.js'
import {
  clientAddress,
  connectionOf,
  isNoRoute,
  payloadTooLargeResponse,
  presetBody,
  readNodeBody,
  unreadableBodyResponse,
  send,
} from '../node-http/index.js'

export { captureRawBody } from '../node-http/index.js'

/** Options of {@link toExpressMiddleware}. */
export interface ExpressMiddlewareOptions {
  /** Call `next()` instead of answering when no route matches (AWS would answer 403/404). @default false */
  fallthrough?: boolean
  /** Which of the gateway's stages to serve. @default the gateway's first stage */
  stage?: string
  /** Largest body. @default 10 MB (AWS's limit) */
  maxBodyBytes?: number
}

/** An Express-style middleware. */
export type ExpressMiddleware = (
  req: IncomingMessage & { body?: unknown; rawBody?: unknown; url?: string },
  res: ServerResponse,
  next: (error?: unknown) => void,
) => void

/**
 * Creates Express middleware for a gateway.
 *
 * @param gateway - from `createGateway`
 * @param options - fallthrough, stage, body limit
 * @returns the middleware
 */
export function toExpressMiddleware(
  gateway: Gateway,
  options: ExpressMiddlewareOptions = {},
): ExpressMiddleware {
  const maxBody = options.maxBodyBytes ?? MAX_BODY_BYTES
  const target = options.stage === undefined ? undefined : { stage: options.stage }
  const seen = { warned: false }
  return (req, res, next) => {
    readNodeBody(req, presetBody(req, req.rawBody, req.body, seen), maxBody).then((body) => {
      if (body === 'aborted') return // the client is gone: nothing to answer or report
      if (body === 'too-large') {
        send(res, payloadTooLargeResponse(maxBody), true)
        return
      }
      if (body === 'unreadable') {
        send(res, unreadableBodyResponse())
        return
      }
      gateway
        .invoke(
          {
            method: req.method ?? 'GET',
            path: req.url ?? '/',
            rawHeaders: req.rawHeaders,
            body,
            sourceIp: clientAddress(req),
            ...connectionOf(req),
          },
          target,
        )
        .then((response) => {
          if (options.fallthrough && isNoRoute(response)) next()
          else send(res, response)
        }, next)
    }, next)
  }
}
