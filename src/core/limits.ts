/**
 * Request size limits per API kind, as data: REST and HTTP APIs take a 10 MB payload and
 * 10240 bytes of headers; a WebSocket message is at most 128 KB.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html
 */
import type { ApiKind, RequestView } from './request-view.js'

/** Largest request body REST and HTTP APIs accept (10 MB). */
export const MAX_BODY_BYTES: number = 10 * 1024 * 1024
/** Largest combined size of header names and values (10240 bytes). */
export const MAX_HEADER_BYTES = 10240
/** Largest WebSocket message payload (128 KB; frames are at most 32 KB). */
export const MAX_WEBSOCKET_MESSAGE_BYTES: number = 128 * 1024

/** The limits of one kind of API, in bytes. */
export interface RequestLimits {
  /** Largest body (REST, HTTP) or message (WebSocket). */
  readonly maxBodyBytes: number
  /** Largest combined header names and values; absent when the gateway does not check it. */
  readonly maxHeaderBytes?: number
}

/** AWS's limits by API kind. */
export const REQUEST_LIMITS: Readonly<Record<ApiKind, RequestLimits>> = {
  REST: { maxBodyBytes: MAX_BODY_BYTES, maxHeaderBytes: MAX_HEADER_BYTES },
  HTTP: { maxBodyBytes: MAX_BODY_BYTES, maxHeaderBytes: MAX_HEADER_BYTES },
  // A message carries no headers; the upgrade request's are the HTTP server's to bound.
  WEBSOCKET: { maxBodyBytes: MAX_WEBSOCKET_MESSAGE_BYTES },
}

/**
 * The limits step: whether a request is over its kind's header or body limit. Each runner
 * answers in its kind's way (REST `REQUEST_TOO_LARGE`, HTTP API 413 `Request Entity Too Large`).
 *
 * @param request - the request
 * @param limits - the kind's limits, e.g. `REQUEST_LIMITS.REST`
 * @returns true when the request is too large
 */
export function exceedsRequestLimits(request: RequestView, limits: RequestLimits): boolean {
  const maxHeaderBytes = limits.maxHeaderBytes
  if (maxHeaderBytes !== undefined && request.headers.size > maxHeaderBytes) return true
  return request.bodySize() > limits.maxBodyBytes
}
