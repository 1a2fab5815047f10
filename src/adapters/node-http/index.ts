/**
 * `portico/node`: serve a gateway from a `node:http` server, at AWS's invoke URL layout
 * (`/{stage}/{resource}`).
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http'
 * import { createGateway } from 'portico'
 * import { toNodeHandler } from 'portico/node'
 *
 * createServer(toNodeHandler(createGateway({ api }))).listen(3000) // http://localhost:3000/dev/pets
 * ```
 *
 * @module
 */
import { Buffer } from 'node:buffer'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { GatewayRequest } from '../../core/index.js'
import type { Gateway } from '../../gateway.js'
import { MAX_BODY_BYTES } from '../../core/index.js'
import {
  clientAddress,
  connectionOf,
  gatewayError,
  hasBody,
  payloadTooLargeResponse,
  send,
} from './bridge.js'

/** Options of {@link toNodeHandler}. */
export interface NodeHandlerOptions {
  /**
   * Whether URLs start with the stage name, as AWS invoke URLs do (`/prod/pets`); each of the
   * gateway's stages is served under its name, and an unknown stage gets 403 Missing
   * Authentication Token. @default true, except for a `$default` stage
   */
  stagePrefix?: boolean
  /** Largest body read; beyond it the answer is 413. @default 10 MB (AWS's limit) */
  maxBodyBytes?: number
}

/** A `node:http` request listener. */
export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => void

/**
 * Creates a `node:http` request listener for a gateway. Bodies are read as bytes (binary-safe)
 * up to 10 MB; a larger body gets AWS's 413 without being read further.
 *
 * @param gateway - from `createGateway`
 * @param options - stage prefix and body limit
 * @returns the listener
 */
export function toNodeHandler(gateway: Gateway, options: NodeHandlerOptions = {}): NodeHandler {
  // The `$default` stage (HTTP APIs) is served at the root.
  const prefixed = options.stagePrefix ?? gateway.stage.name !== '$default'
  const maxBody = options.maxBodyBytes ?? MAX_BODY_BYTES
  // One target object per stage name the gateway serves (a request for another name gets its own).
  const targets = new Map(gateway.stageNames().map((name) => [name, { stage: name }]))
  const answer = (
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    stage: { stage: string } | undefined,
    body: Buffer | null,
  ): void => {
    const request: GatewayRequest = {
      method: req.method ?? 'GET',
      path,
      rawHeaders: req.rawHeaders,
      body,
      sourceIp: clientAddress(req),
      ...connectionOf(req),
    }
    gateway.invoke(request, stage).then(
      (response) => send(res, response),
      () => send(res, gatewayError('API_CONFIGURATION_ERROR')),
    )
  }
  return (req, res) => {
    const url = req.url ?? '/'
    let path = url
    let stage: { stage: string } | undefined
    if (prefixed) {
      // The first segment names the stage: `/{stage}/{resource}` (an unknown stage is a 403).
      // Slashes before it are ignored, as AWS does (`//prod/pets` is `/prod/pets`).
      let begin = 1
      while (url.charCodeAt(begin) === 47) begin++
      let end = begin
      while (end < url.length && url.charCodeAt(end) !== 47 && url.charCodeAt(end) !== 63) end++
      const name = url.slice(begin, end)
      if (url.charCodeAt(0) !== 47 || name === '') {
        req.resume()
        send(res, gatewayError('MISSING_AUTHENTICATION_TOKEN'))
        return
      }
      stage = targets.get(name) ?? { stage: name }
      path = url.slice(end)
      if (path === '' || path.startsWith('?')) path = `/${path}`
    }
    if (!hasBody(req.rawHeaders)) {
      // Nothing to read: answer now (Node drains the empty request when the response ends).
      answer(req, res, path, stage, null)
      return
    }
    const declared = Number(req.headers['content-length'])
    if (declared > maxBody) {
      send(res, payloadTooLargeResponse(maxBody), true)
      req.resume()
      return
    }
    const chunks: Buffer[] = []
    let size = 0
    let tooLarge = false
    req.on('data', (chunk: Buffer) => {
      if (tooLarge) return
      size += chunk.length
      if (size > maxBody) {
        tooLarge = true
        chunks.length = 0
        send(res, payloadTooLargeResponse(maxBody), true)
        return
      }
      chunks.push(chunk)
    })
    req.on('error', () => {
      if (!res.headersSent) res.destroy()
    })
    req.on('end', () => {
      if (tooLarge) return
      answer(
        req,
        res,
        path,
        stage,
        chunks.length === 0
          ? null
          : chunks.length === 1
            ? (chunks[0] as Buffer)
            : Buffer.concat(chunks),
      )
    })
  }
}
export {
  clientAddress,
  connectionOf,
  gatewayError,
  isFinalStatus,
  isFramingHeader,
  isNoRoute,
  payloadTooLargeResponse,
  readNodeBody,
  unreadableBodyResponse,
  send,
} from './bridge.js'
export { captureRawBody, presetBody } from './bridge.js'
