// Issue 14, "AWS service integrations (REST)": path and query-string mappings reach the service
// URI and query, and contentHandling applies. The API follows AWS's S3-proxy example:
// https://docs.aws.amazon.com/apigateway/latest/developerguide/integrating-api-with-aws-services-s3.html
// and its OpenAPI export api-as-s3-proxy-export-swagger-with-extensions.html.
import { Buffer } from 'node:buffer'
import { describe, expect, it } from 'vitest'
import { createGateway, silentLogger, type AwsServiceRequest } from '../../../src/index.js'
import { openApi } from '../../fixtures/mini-api.js'

const S3_DOC =
  'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-as-s3-proxy-export-swagger-with-extensions.html'
const ENCODINGS_DOC =
  'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-payload-encodings-workflow.html'

const responses = { 200: { description: 'ok' }, 400: { description: 'bad' } }

function s3Method(
  httpMethod: string,
  uriPath: string,
  requestParameters: Record<string, string>,
  extra: Record<string, unknown> = {},
) {
  return {
    responses,
    'x-amazon-apigateway-integration': {
      type: 'aws',
      httpMethod,
      uri: `arn:aws:apigateway:us-west-2:s3:path/${uriPath}`,
      credentials: 'arn:aws:iam::123456789012:role/apigAwsProxyRole',
      passthroughBehavior: 'when_no_match',
      requestParameters,
      responses: { '4\\d{2}': { statusCode: '400' }, default: { statusCode: '200' } },
      ...extra,
    },
  }
}

function s3Gateway() {
  const seen: AwsServiceRequest[] = []
  const gateway = createGateway({
    api: openApi(
      {
        '/{folder}': {
          get: s3Method('GET', '{bucket}', {
            'integration.request.path.bucket': 'method.request.path.folder',
            'integration.request.querystring.prefix': 'method.request.querystring.prefix',
            'integration.request.querystring.max-keys': "'100'",
          }),
        },
        '/{folder}/{item}': {
          get: s3Method('GET', '{bucket}/{object}', {
            'integration.request.path.bucket': 'method.request.path.folder',
            'integration.request.path.object': 'method.request.path.item',
            'integration.request.header.Accept': 'method.request.header.Accept',
          }),
          put: s3Method('PUT', '{bucket}/{object}', {
            'integration.request.path.bucket': 'method.request.path.folder',
            'integration.request.path.object': 'method.request.path.item',
            'integration.request.header.Content-Type': 'method.request.header.Content-Type',
            'integration.request.header.x-amz-acl': "'authenticated-read'",
          }),
          post: s3Method(
            'PUT',
            '{bucket}/{object}',
            {
              'integration.request.path.bucket': 'method.request.path.folder',
              'integration.request.path.object': 'method.request.path.item',
            },
            { contentHandling: 'CONVERT_TO_BINARY' },
          ),
        },
        '/by-query': {
          get: s3Method('GET', 'fixed-bucket/{object}', {
            'integration.request.path.object': 'method.request.querystring.key',
          }),
        },
        '/override/{item}': {
          get: s3Method(
            'GET',
            'fixed-bucket/{object}',
            { 'integration.request.path.object': 'method.request.path.item' },
            {
              requestTemplates: {
                'application/json':
                  '#set($context.requestOverride.path.object = "from-template")#set($context.requestOverride.querystring.versionId = "v1")',
              },
            },
          ),
        },
      },
      { 'x-amazon-apigateway-binary-media-types': ['image/png'] },
    ),
    services: {
      s3: (request) => {
        seen.push(request)
        return { statusCode: 200, body: `${request.httpMethod} ${request.path}` }
      },
    },
    logger: silentLogger,
  })
  return { gateway, seen }
}

describe('AWS service integrations: path and query-string mappings', () => {
  const rows = [
    {
      name: 'GET /{folder}/{item}: {bucket}/{object} filled from path mappings',
      method: 'GET',
      path: '/photos/cat.jpg',
      query: {},
      expected: { path: 'photos/cat.jpg', querystring: {} },
      source: S3_DOC,
    },
    {
      name: 'GET /{folder}: bucket mapped, querystring mappings sent as query parameters',
      method: 'GET',
      path: '/photos',
      query: { prefix: 'cats/' },
      expected: { path: 'photos', querystring: { prefix: 'cats/', 'max-keys': '100' } },
      source: `${S3_DOC} (ListObjects with integration.request.querystring.*)`,
    },
    {
      name: 'a querystring mapping whose source is absent is not sent',
      method: 'GET',
      path: '/photos',
      query: {},
      expected: { path: 'photos', querystring: { 'max-keys': '100' } },
      source: '../shared/spec/pipeline.md §4 (mappings that resolve to nothing are omitted)',
    },
    {
      name: 'request template overrides win over the path mapping and add query parameters',
      method: 'GET',
      path: '/override/cat.jpg',
      query: {},
      expected: { path: 'fixed-bucket/from-template', querystring: { versionId: 'v1' } },
      source:
        'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-override-request-response-parameters.html',
    },
  ]
  it.each(rows)('$name ($source)', async ({ method, path, query, expected }) => {
    const { gateway, seen } = s3Gateway()
    const search = new URLSearchParams(query).toString()
    const res = await gateway.invoke({ method, path: search ? `${path}?${search}` : path })
    expect(res.statusCode).toBe(200)
    expect(seen).toHaveLength(1)
    expect(seen[0]?.path).toBe(expected.path)
    expect(seen[0]?.querystring).toEqual(expected.querystring)
    for (const [name, value] of Object.entries(expected.querystring))
      expect(seen[0]?.params[name]).toBe(value)
  })

  it('a mapped path value holding a dot segment is refused with a 500, nothing sent (security)', async () => {
    const { gateway, seen } = s3Gateway()
    const res = await gateway.invoke({ method: 'GET', path: '/by-query?key=..' })
    expect(res.statusCode).toBe(500)
    expect(seen).toHaveLength(0)
  })
})

describe('AWS service integrations: contentHandling', () => {
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0x00])
  const rows = [
    {
      name: 'CONVERT_TO_BINARY: a base64 text body reaches the service as the decoded bytes',
      method: 'POST',
      contentType: 'text/plain',
      body: png.toString('base64'),
      isBase64Encoded: false,
      status: 200,
      bytes: png,
      source: `${ENCODINGS_DOC} (text data, CONVERT_TO_BINARY → base64-decoded binary blob)`,
    },
    {
      name: 'CONVERT_TO_BINARY: text that is not base64 is a 500',
      method: 'POST',
      contentType: 'text/plain',
      body: 'not base64!',
      isBase64Encoded: false,
      status: 500,
      bytes: undefined,
      source: '../shared/spec/pipeline.md §1 step 11',
    },
    {
      name: 'a binary media type passes through as bytes (S3 PutObject of an image)',
      method: 'PUT',
      contentType: 'image/png',
      body: png.toString('base64'),
      isBase64Encoded: true,
      status: 200,
      bytes: png,
      source: `${ENCODINGS_DOC} (binary data, undefined → binary data); ${S3_DOC}`,
    },
    {
      name: 'no contentHandling: text stays text',
      method: 'PUT',
      contentType: 'text/plain',
      body: 'hello',
      isBase64Encoded: false,
      status: 200,
      bytes: Buffer.from('hello'),
      source: `${ENCODINGS_DOC} (text data, undefined → UTF-8 string)`,
    },
  ]
  it.each(rows)('$name ($source)', async (row) => {
    const { gateway, seen } = s3Gateway()
    const res = await gateway.invoke({
      method: row.method,
      path: '/photos/cat.png',
      headers: { 'Content-Type': row.contentType },
      body: row.body,
      isBase64Encoded: row.isBase64Encoded,
    })
    expect(res.statusCode).toBe(row.status)
    if (row.bytes === undefined) {
      expect(seen).toHaveLength(0)
      return
    }
    expect(Buffer.compare(seen[0]!.bodyBytes, row.bytes)).toBe(0)
    expect(seen[0]?.path).toBe('photos/cat.png')
  })
})
