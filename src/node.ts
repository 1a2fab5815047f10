/**
 * `portico/node`: the node:http adapter.
 *
 * @module
 */
export {
  toNodeHandler,
  type NodeHandler,
  type NodeHandlerOptions,
} from './adapters/node-http/index.js'
