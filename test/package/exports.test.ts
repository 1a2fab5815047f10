import { describe, expect, it } from 'vitest'
import * as root from '../../src/index.js'
import * as node from '../../src/node.js'
import * as testing from '../../src/testing/index.js'
import * as redis from '../../src/adapters/redis/index.js'
import * as webConsole from '../../src/console/index.js'
import pkg from '../../package.json' with { type: 'json' }

describe('package exports', () => {
  it('names the subpaths of the contract', () => {
    expect(Object.keys(pkg.exports).sort()).toEqual([
      '.',
      './console',
      './express',
      './koa',
      './node',
      './package.json',
      './redis',
      './testing',
      './ws',
    ])
  })

  it('keeps the export names of each subpath', () => {
    expect(Object.keys(root).sort()).toMatchInlineSnapshot(`
      [
        "ACCESS_LOG_FORMATS",
        "ConfigError",
        "ConnectionError",
        "GATEWAY_RESPONSE_TYPES",
        "GatewayResponseError",
        "PorticoError",
        "RESPONSE_TYPE_DEFAULTS",
        "REST_METHODS",
        "TemplateRuntimeError",
        "TemplateSyntaxError",
        "createConnectionsApi",
        "createGateway",
        "createMemoryStore",
        "createWebSocketGateway",
        "detectApiKind",
        "exportOpenApi",
        "fullBucket",
        "importHttpApi",
        "importOpenApi",
        "importTemplate",
        "importTerraform",
        "isConfigError",
        "isConnectionError",
        "isGatewayResponseError",
        "isGatewayResponseType",
        "isHttpApiDocument",
        "isPorticoError",
        "isTemplateRuntimeError",
        "isTemplateSyntaxError",
        "openTestClient",
        "renderMappingTemplate",
        "silentLogger",
        "take",
      ]
    `)
    expect(Object.keys(node).sort()).toEqual(['toNodeHandler'])
    expect(Object.keys(testing).sort()).toEqual([
      'FakeClock',
      'createRecordingLogger',
      'seededRandom',
    ])
  })

  it('exports the web console from portico/console', () => {
    expect(Object.keys(webConsole).sort()).toEqual(['createConsole'])
  })

  it('exports the Redis store from portico/redis', () => {
    expect(Object.keys(redis).sort()).toEqual([
      'createRedisCache',
      'createRedisRelay',
      'createRedisStore',
    ])
  })
})
