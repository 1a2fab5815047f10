/**
 * The REST runner's public face inside Portico: what REST integrations, events and authorizers
 * read (the request in flight), and what `gateway.ts` runs. Steps shared with HTTP and
 * WebSocket APIs read `RequestView` (core/request-view.ts) instead.
 */
export type { RequestState, ContextError } from './request-state.js'
export type { CompiledApi, CompiledMethod, CompiledResource } from './compiled-api.js'
export { compileApi } from './compile-api.js'
export { handleRequest } from './handle-request.js'
export { StageHost, type Deployment, type RuntimeFactory } from './stage-host.js'
export {
  testInvokeAuthorizer,
  testInvokeMethod,
  type TestInvokeAuthorizerRequest,
  type TestInvokeAuthorizerResponse,
  type TestInvokeMethodRequest,
  type TestInvokeMethodResponse,
} from './test-invoke.js'
export type { RunOptions } from './handle-request.js'
