export {
  GATEWAY_RESPONSE_TYPES,
  RESPONSE_TYPE_DEFAULTS,
  isGatewayResponseType,
  type GatewayResponseType,
  type ResponseTypeDefaults,
} from '../core/index.js'
export {
  compileGatewayResponses,
  DEFAULT_GATEWAY_RESPONSE_TEMPLATE,
  type CompiledGatewayResponse,
  type CompiledGatewayResponses,
} from './compile.js'
export {
  renderGatewayResponse,
  failureMessage,
  type GatewayResponseInput,
  type RenderedGatewayResponse,
} from './render.js'
