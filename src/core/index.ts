/**
 * The public face of `core/`: what other folders may import from it.
 *
 * @module
 */
export { formatClfTime } from './clf-time.js'
export { errorMessage } from './error-message.js'
export { textOf } from './text-of.js'
export { createConsoleLogger, createDefaultDeps, depsFromOptions, silentLogger } from './deps.js'
export { ExpiringCache } from './expiring-cache.js'
export {
  GATEWAY_RESPONSE_TYPES,
  RESPONSE_TYPE_DEFAULTS,
  isGatewayResponseType,
  type GatewayResponseType,
  type ResponseTypeDefaults,
} from './gateway-response-types.js'
export { RequestHeaders, ResponseHeaders } from './headers.js'
export { createExtendedRequestId, createRequestId, createTraceId, stableId } from './ids.js'
export { MAX_JSON_DEPTH, jsonNestingExceeds, parseClientJson } from './json-nesting.js'
export { MAX_BODY_BYTES, REQUEST_LIMITS, exceedsRequestLimits } from './limits.js'
export { essenceOf, firstAcceptType, isBinaryMediaType, isTextMediaType } from './media-type.js'
export { getOwn, setOwn } from './own-property.js'
export { payloadTooLarge } from './payload-limit.js'
export { parseQueryString, type QueryParameters } from './query.js'
export { type RequestView, type StageView } from './request-view.js'
export {
  CANONICAL_METHOD_REQUEST_NAMES,
  DROPPED_METHOD_REQUEST_HEADERS,
  clientHeaderName,
  isRemappedHeader,
} from './reserved-headers.js'
export {
  isGatewayFailure,
  type CancelTimer,
  type Deps,
  type FetchFunction,
  type GatewayFailure,
  type GatewayRequest,
  type GatewayResponse,
  type HeaderInput,
  type Logger,
} from './types.js'
export { type AuthorizerVerdict, type RequestSummary } from './types.js'
