/**
 * The JSON Schema of `portico.config.{json,yaml,js}` (published as
 * docs/portico.config.schema.json). Keys carry `GatewayOptions`' names and AWS's shapes:
 * `get-stage`, `get-api-keys --include-values`, `get-usage-plans`, `create-usage-plan-key`.
 */

const throttle = {
  type: 'object',
  additionalProperties: false,
  properties: {
    rateLimit: { type: 'number', minimum: 0 },
    burstLimit: { type: 'integer', minimum: 0 },
  },
}

const variables = {
  type: 'object',
  additionalProperties: { type: 'string' },
}

const methodSetting = {
  type: 'object',
  properties: {
    throttlingRateLimit: { type: 'number', minimum: 0 },
    throttlingBurstLimit: { type: 'integer', minimum: 0 },
    cachingEnabled: { type: 'boolean' },
    cacheTtlInSeconds: { type: 'integer', minimum: 0, maximum: 3600 },
    cacheDataEncrypted: { type: 'boolean' },
    requireAuthorizationForCacheControl: { type: 'boolean' },
    unauthorizedCacheControlHeaderStrategy: {
      enum: ['FAIL_WITH_403', 'SUCCEED_WITH_RESPONSE_HEADER', 'SUCCEED_WITHOUT_RESPONSE_HEADER'],
    },
    metricsEnabled: { type: 'boolean' },
    loggingLevel: { enum: ['OFF', 'ERROR', 'INFO'] },
    dataTraceEnabled: { type: 'boolean' },
  },
}

const stage = {
  type: 'object',
  description: "A stage, with get-stage's field names (name for stageName).",
  properties: {
    name: { type: 'string', pattern: '^(?:[A-Za-z0-9_-]{1,128}|\\$default)$' },
    variables,
    deploymentId: { type: 'string' },
    methodSettings: { type: 'object', additionalProperties: methodSetting },
    cacheClusterEnabled: { type: 'boolean' },
    cacheClusterSize: { type: ['string', 'number'] },
    canarySettings: {
      type: 'object',
      additionalProperties: false,
      required: ['deploymentId'],
      properties: {
        percentTraffic: { type: 'number', minimum: 0, maximum: 100 },
        deploymentId: { type: 'string' },
        stageVariableOverrides: variables,
        useStageCache: { type: 'boolean' },
      },
    },
    accessLogSettings: {
      type: 'object',
      additionalProperties: false,
      properties: { format: { type: 'string' }, destinationArn: { type: 'string' } },
    },
    defaultRouteSettings: { type: 'object' },
    routeSettings: { type: 'object', additionalProperties: { type: 'object' } },
  },
}

const jwks = {
  type: 'object',
  required: ['keys'],
  properties: { keys: { type: 'array', items: { type: 'object' } } },
}

/** The config file's JSON Schema (draft-07). */
export const CONFIG_SCHEMA: Record<string, unknown> = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://portico.dev/portico.config.schema.json',
  title: 'portico.config',
  description:
    'Configuration of `portico serve`: GatewayOptions in AWS shapes, plus where files are.',
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    handlers: {
      type: 'string',
      description:
        'Module whose named exports are Lambda handlers by function name (relative to this file).',
    },
    lambdas: {
      type: 'object',
      description:
        'Handler overrides by function name: "./module.js" (export `handler`) or "./module.js#exportName".',
      additionalProperties: { type: 'string', minLength: 1 },
    },
    stage,
    stages: {
      type: 'array',
      description: 'More stages of a REST API, each served under its name.',
      items: { ...stage, required: ['name'] },
    },
    apiKeys: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'value'],
        properties: {
          id: { type: 'string', minLength: 1 },
          name: { type: 'string' },
          value: { type: 'string', minLength: 20 },
          enabled: { type: 'boolean' },
          description: { type: 'string' },
        },
      },
    },
    usagePlans: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id'],
        properties: {
          id: { type: 'string', minLength: 1 },
          name: { type: 'string' },
          description: { type: 'string' },
          apiStages: {
            type: 'array',
            items: {
              type: 'object',
              required: ['stage'],
              properties: {
                apiId: { type: 'string' },
                stage: { type: 'string' },
                throttle: { type: 'object', additionalProperties: throttle },
              },
            },
          },
          throttle,
          quota: {
            type: 'object',
            required: ['limit', 'period'],
            additionalProperties: false,
            properties: {
              limit: { type: 'integer', minimum: 0 },
              period: { enum: ['DAY', 'WEEK', 'MONTH'] },
              offset: { type: 'integer', minimum: 0 },
            },
          },
        },
      },
    },
    usagePlanKeys: {
      type: 'array',
      items: {
        type: 'object',
        required: ['usagePlanId', 'keyId'],
        additionalProperties: false,
        properties: {
          usagePlanId: { type: 'string' },
          keyId: { type: 'string' },
          keyType: { const: 'API_KEY' },
        },
      },
    },
    accountThrottle: throttle,
    jwks: {
      type: 'object',
      description:
        'JWKS by issuer URL (for Cognito: https://cognito-idp.{region}.amazonaws.com/{poolId}): the key set, or a path to its JSON file.',
      additionalProperties: { oneOf: [jwks, { type: 'string', minLength: 1 }] },
    },
    credentials: {
      type: 'object',
      description: 'IAM credentials for AWS_IAM (SigV4) methods, by access key id.',
      additionalProperties: {
        type: 'object',
        required: ['secretAccessKey'],
        additionalProperties: false,
        properties: {
          secretAccessKey: { type: 'string', minLength: 1 },
          sessionToken: { type: 'string' },
          expired: { type: 'boolean' },
          accountId: { type: 'string' },
          arn: { type: 'string' },
        },
      },
    },
    services: {
      type: 'object',
      description:
        "AWS service endpoints for AWS integrations, by service name ('*' for every service): SigV4-signed calls to a local emulator or AWS.",
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        properties: {
          endpoint: { type: 'string', pattern: '^https?://' },
          region: { type: 'string' },
          credentials: {
            type: 'object',
            required: ['accessKeyId', 'secretAccessKey'],
            additionalProperties: false,
            properties: {
              accessKeyId: { type: 'string', minLength: 1 },
              secretAccessKey: { type: 'string', minLength: 1 },
              sessionToken: { type: 'string' },
            },
          },
        },
      },
    },
    redis: {
      type: 'string',
      pattern: '^rediss?://',
      description: 'Keep throttle buckets and quota counters in Redis (needs the ioredis package).',
    },
    port: { type: 'integer', minimum: 0, maximum: 65535 },
    host: { type: 'string' },
    logFormat: { enum: ['text', 'json'] },
    apiId: { type: 'string' },
    accountId: { type: 'string', pattern: '^\\d{12}$' },
    region: { type: 'string' },
    logicalId: { type: 'string', description: 'Template only: the API to serve.' },
    parameters: {
      type: 'object',
      description: 'Template only: parameter values.',
      additionalProperties: { type: ['string', 'number', 'boolean'] },
    },
  },
}
