/**
 * The developer guide's S3 proxy API ("Tutorial: Create a REST API as an Amazon S3 proxy"):
 * list buckets, list a bucket's objects, get and put an object, binary objects through
 * `binaryMediaTypes` and `CONVERT_TO_BINARY`, against s3rver (which checks the access key, not
 * V4 signatures: signatures.test.ts verifies those).
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/integrating-api-with-aws-services-s3.html
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-as-s3-proxy-export-swagger-with-extensions.html
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createGateway, silentLogger } from '../../src/index.js'
import { TEST_CREDENTIALS, s3Get, startS3rver, type RunningServer } from './servers.js'

const ROLE = 'arn:aws:iam::123456789012:role/apigAwsProxyRole'
const ok = {
  '200': { description: 'ok' },
  '400': { description: 'bad' },
  '500': { description: 'err' },
}
const passStatus = {
  '4\\d{2}': { statusCode: '400' },
  '5\\d{2}': { statusCode: '500' },
}
const folder = { name: 'folder', in: 'path', required: true, type: 'string' }
const item = { name: 'item', in: 'path', required: true, type: 'string' }

function api(putContentHandling?: string) {
  return {
    swagger: '2.0',
    info: { title: 'MyS3', version: '1' },
    'x-amazon-apigateway-binary-media-types': ['image/png'],
    paths: {
      '/': {
        get: {
          responses: ok,
          'x-amazon-apigateway-integration': {
            type: 'aws',
            httpMethod: 'GET',
            uri: 'arn:aws:apigateway:us-east-1:s3:path//',
            credentials: ROLE,
            passthroughBehavior: 'when_no_match',
            responses: {
              default: {
                statusCode: '200',
                responseParameters: {
                  'method.response.header.Content-Type': 'integration.response.header.Content-Type',
                },
              },
              ...passStatus,
            },
          },
        },
      },
      '/{folder}': {
        get: {
          parameters: [folder],
          responses: ok,
          'x-amazon-apigateway-integration': {
            type: 'aws',
            httpMethod: 'GET',
            uri: 'arn:aws:apigateway:us-east-1:s3:path/{bucket}',
            credentials: ROLE,
            requestParameters: { 'integration.request.path.bucket': 'method.request.path.folder' },
            passthroughBehavior: 'when_no_match',
            responses: { default: { statusCode: '200' }, ...passStatus },
          },
        },
      },
      '/{folder}/{item}': {
        get: {
          parameters: [folder, item],
          responses: ok,
          'x-amazon-apigateway-integration': {
            type: 'aws',
            httpMethod: 'GET',
            uri: 'arn:aws:apigateway:us-east-1:s3:path/{bucket}/{object}',
            credentials: ROLE,
            requestParameters: {
              'integration.request.path.bucket': 'method.request.path.folder',
              'integration.request.path.object': 'method.request.path.item',
            },
            passthroughBehavior: 'when_no_match',
            responses: {
              default: {
                statusCode: '200',
                responseParameters: {
                  'method.response.header.Content-Type': 'integration.response.header.Content-Type',
                },
              },
              ...passStatus,
            },
          },
        },
        put: {
          parameters: [folder, item, { name: 'Content-Type', in: 'header', type: 'string' }],
          responses: ok,
          'x-amazon-apigateway-integration': {
            type: 'aws',
            httpMethod: 'PUT',
            uri: 'arn:aws:apigateway:us-east-1:s3:path/{bucket}/{object}',
            credentials: ROLE,
            requestParameters: {
              'integration.request.path.bucket': 'method.request.path.folder',
              'integration.request.path.object': 'method.request.path.item',
              'integration.request.header.Content-Type': 'method.request.header.Content-Type',
            },
            passthroughBehavior: 'when_no_match',
            ...(putContentHandling ? { contentHandling: putContentHandling } : {}),
            responses: { default: { statusCode: '200' }, ...passStatus },
          },
        },
      },
    },
  }
}

let s3: RunningServer
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0x10, 0x80])

beforeAll(async () => {
  s3 = await startS3rver(['photos'])
})
afterAll(() => s3.close())

const gatewayFor = (contentHandling?: string, accessKeyId = TEST_CREDENTIALS.accessKeyId) =>
  createGateway({
    api: api(contentHandling),
    logger: silentLogger,
    services: {
      s3: {
        endpoint: s3.endpoint,
        credentials: { accessKeyId, secretAccessKey: TEST_CREDENTIALS.secretAccessKey },
      },
    },
  })

describe('S3 proxy API against s3rver', () => {
  it('PUT a binary object, GET it back as binary, list the bucket and the buckets', async () => {
    const g = gatewayFor()
    const put = await g.invoke({
      method: 'PUT',
      path: '/photos/cat.png',
      headers: { 'content-type': 'image/png' },
      body: png,
    })
    expect(put.statusCode).toBe(200)

    const got = await g.invoke({
      method: 'GET',
      path: '/photos/cat.png',
      headers: { accept: 'image/png' },
    })
    expect(got.statusCode).toBe(200)
    expect(got.headers['Content-Type']).toBe('image/png')
    expect(got.isBase64Encoded).toBe(true)
    expect(Buffer.from(got.body, 'base64')).toEqual(png)

    const listing = await g.invoke({ method: 'GET', path: '/photos' })
    expect(listing.statusCode).toBe(200)
    expect(listing.body).toContain('<Key>cat.png</Key>')

    const buckets = await g.invoke({ method: 'GET', path: '/' })
    expect(buckets.statusCode).toBe(200)
    expect(buckets.headers['Content-Type']).toMatch(/xml/)
    expect(buckets.body).toContain('<Name>photos</Name>')
  })

  it('CONVERT_TO_BINARY: a base64 text body is stored as its bytes', async () => {
    const g = gatewayFor('CONVERT_TO_BINARY')
    const put = await g.invoke({
      method: 'PUT',
      path: '/photos/dog.png',
      headers: { 'content-type': 'text/plain' },
      body: png.toString('base64'),
    })
    expect(put.statusCode).toBe(200)
    expect(await s3Get(s3.endpoint, '/photos/dog.png')).toEqual(png)
  })

  it('keys with spaces and unicode are signed as sent', async () => {
    const g = gatewayFor()
    const put = await g.invoke({
      method: 'PUT',
      path: '/photos/my%20caf%C3%A9.txt',
      headers: { 'content-type': 'text/plain' },
      body: 'hello',
    })
    expect(put.statusCode).toBe(200)
    const got = await g.invoke({ method: 'GET', path: '/photos/my%20caf%C3%A9.txt' })
    expect(got.statusCode).toBe(200)
    expect(got.body).toBe('hello')
  })

  it('an unknown access key: S3 refuses it (403) and the 4XX pattern selects 400', async () => {
    const res = await gatewayFor(undefined, 'AKIDUNKNOWN').invoke({
      method: 'GET',
      path: '/photos',
    })
    expect(res.statusCode).toBe(400)
    expect(res.body).toContain('InvalidAccessKeyId')
  })

  it('a missing object: S3 404 selects the 4XX response', async () => {
    const res = await gatewayFor().invoke({ method: 'GET', path: '/photos/none.png' })
    expect(res.statusCode).toBe(400)
    expect(res.body).toContain('NoSuchKey')
  })
})
