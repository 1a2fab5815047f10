// Deployments, stages and canary releases: https://docs.aws.amazon.com/apigateway/latest/developerguide/canary-release.html
import { request as httpRequest } from 'node:http'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { createGateway, silentLogger } from '../../../src/index.js'
import { toNodeHandler } from '../../../src/node.js'
import { seededRandom } from '../../../src/testing/index.js'

/** A MOCK API whose answer names its version and shows stage variables and $context. */
function version(v: string) {
  return {
    openapi: '3.0.1',
    info: { title: 'versions', version: '1' },
    paths: {
      '/v': {
        get: {
          responses: { 200: { description: 'ok' } },
          'x-amazon-apigateway-integration': {
            type: 'mock',
            requestTemplates: { 'application/json': '{"statusCode": 200}' },
            responses: {
              default: {
                statusCode: '200',
                responseTemplates: {
                  'application/json': `${v} color=$stageVariables.color canary=$context.isCanaryRequest deployment=$context.deploymentId`,
                },
              },
            },
          },
        },
      },
    },
  }
}

function setup() {
  const gateway = createGateway({
    api: version('v1'),
    stage: {
      name: 'prod',
      variables: { color: 'blue' },
      methodSettings: { '*/*': { throttlingRateLimit: 0, throttlingBurstLimit: 100 } },
    },
    random: seededRandom(42),
    logger: silentLogger,
  })
  const get = (stage?: string) =>
    gateway.invoke({ method: 'GET', path: '/v' }, stage ? { stage } : undefined).then((r) => r.body)
  return { gateway, get }
}

describe('deployments', () => {
  it('redeploys and rolls back without losing traffic state', async () => {
    const { gateway, get } = setup()
    const v1 = gateway.deployments()[0]!.id
    expect(await get()).toMatch(/^v1 color=blue canary= deployment=/)
    const v2 = gateway.deploy({ api: version('v2'), description: 'second', stageName: 'prod' })
    expect(await get()).toMatch(/^v2 /)
    expect(gateway.deployments().map((d) => d.description)).toEqual(['', 'second'])
    gateway.updateStage('prod', { deploymentId: v1 })
    expect(await get()).toMatch(/^v1 /)
    // The bucket kept counting across both changes: 100 tokens, 3 used so far.
    const codes: number[] = []
    for (let i = 0; i < 98; i++)
      codes.push((await gateway.invoke({ method: 'GET', path: '/v' })).statusCode)
    expect(codes.filter((c) => c === 429)).toHaveLength(1)
    expect(v2).not.toBe(v1)
  })

  it('serves several stages, each with its own variables, and refuses unknown ones', async () => {
    const { gateway, get } = setup()
    gateway.createStage({ name: 'beta', variables: { color: 'green' } })
    expect(gateway.stageNames()).toEqual(['prod', 'beta'])
    expect(await get('beta')).toMatch(/^v1 color=green/)
    expect(await get('prod')).toMatch(/^v1 color=blue/)
    const res = await gateway.invoke({ method: 'GET', path: '/v' }, { stage: 'nope' })
    expect([res.statusCode, res.body]).toEqual([403, '{"message":"Missing Authentication Token"}'])
  })

  it('rejects an unknown deployment and leaves the stage as it was', async () => {
    const { gateway, get } = setup()
    expect(() => gateway.updateStage('prod', { deploymentId: 'nope' })).toThrow(
      /stage\.prod\.deploymentId: unknown deployment "nope"/,
    )
    expect(await get()).toMatch(/^v1 /)
  })
})

describe('canary releases', () => {
  it('sends percentTraffic of requests to the canary, with its variable overrides', async () => {
    const { gateway, get } = setup()
    const v2 = gateway.deploy({ api: version('v2') })
    gateway.updateStage('prod', {
      methodSettings: {},
      canarySettings: {
        deploymentId: v2,
        percentTraffic: 25,
        stageVariableOverrides: { color: 'red' },
      },
    })
    const bodies: string[] = []
    for (let i = 0; i < 2000; i++) bodies.push(await get())
    const canary = bodies.filter((b) => b.startsWith('v2 color=red canary=true')).length
    const main = bodies.filter((b) => b.startsWith('v1 color=blue canary=false')).length
    expect(canary + main).toBe(2000)
    expect(canary / 2000).toBeGreaterThan(0.22)
    expect(canary / 2000).toBeLessThan(0.28)
    // Promote: the stage takes the canary's deployment; the canary goes.
    gateway.updateStage('prod', { deploymentId: v2, canarySettings: null })
    expect(await get()).toMatch(/^v2 color=blue canary= /)
  })

  it('keeps canary cache entries apart unless useStageCache', async () => {
    let calls = 0
    const api = (v: string) => ({
      ...version(v),
      paths: {
        '/n': {
          get: {
            'x-amazon-apigateway-integration': {
              type: 'aws_proxy',
              httpMethod: 'POST',
              uri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:Fn/invocations',
            },
          },
        },
      },
    })
    const gateway = createGateway({
      api: api('v1'),
      stage: { name: 'prod', cacheClusterEnabled: true },
      random: seededRandom(7),
      lambdas: { Fn: async () => ({ statusCode: 200, body: String(++calls) }) },
      logger: silentLogger,
    })
    const v2 = gateway.deploy({ api: api('v2') })
    const get = () => gateway.invoke({ method: 'GET', path: '/n' }).then((r) => r.body)
    expect([await get(), await get()]).toEqual(['1', '1']) // the stage cache
    gateway.updateStage('prod', { canarySettings: { deploymentId: v2, percentTraffic: 100 } })
    expect([await get(), await get()]).toEqual(['2', '2']) // the canary's own cache
    gateway.updateStage('prod', {
      canarySettings: { deploymentId: v2, percentTraffic: 100, useStageCache: true },
    })
    expect(await get()).toBe('1') // the stage cache again
  })
})

describe('toNodeHandler with several stages', () => {
  it('routes /{stage}/… to each stage over a real socket', async () => {
    const { gateway } = setup()
    gateway.createStage({ name: 'beta', variables: { color: 'green' } })
    const server: Server = createServer(toNodeHandler(gateway))
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
    const port = (server.address() as AddressInfo).port
    const fetchText = (path: string) =>
      new Promise<[number, string]>((ok, fail) => {
        httpRequest({ host: '127.0.0.1', port, path }, (res) => {
          let body = ''
          res.on('data', (c) => (body += c))
          res.on('end', () => ok([res.statusCode ?? 0, body]))
        })
          .on('error', fail)
          .end()
      })
    try {
      expect((await fetchText('/prod/v'))[1]).toMatch(/color=blue/)
      expect((await fetchText('/beta/v'))[1]).toMatch(/color=green/)
      expect((await fetchText('/gamma/v'))[0]).toBe(403)
    } finally {
      await new Promise<void>((ok) => server.close(() => ok()))
    }
  })
})
