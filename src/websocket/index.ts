/**
 * The public face of `websocket/`: what other folders may import from it.
 *
 * @module
 */
export {
  createConnectionsApi,
  type ConnectionsApiHandler,
  type ConnectionsApiOptions,
  type ConnectionsApiRequest,
  type ConnectionsApiResponse,
  type ConnectionsBodyReader,
} from './connections-api.js'
export {
  ConnectionError,
  createWebSocketGateway,
  depsOf,
  openTestClient,
  type ConnectRequest,
  type ConnectionInfo,
  type ConnectionRelay,
  type ConnectionTransport,
  type TestClient,
  type WebSocketApiDefinition,
  type WebSocketGateway,
  type WebSocketGatewayOptions,
  type WebSocketRoute,
} from './gateway.js'
export { type WebSocketDefinitionOptions } from './types.js'
export { isConnectionError } from './types.js'
