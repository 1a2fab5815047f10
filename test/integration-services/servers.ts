/**
 * Real AWS-protocol servers for the service-integration tests, on free localhost ports:
 * dynalite (DynamoDB), kinesalite (Kinesis), s3rver (S3). Plus a signed admin call for setup.
 */
import aws4 from 'aws4'
import { mkdtempSync, rmSync } from 'node:fs'
import type { AddressInfo, Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

/** Credentials the tests sign with (s3rver's defaults; dynalite and kinesalite take any). */
export const TEST_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }

export interface RunningServer {
  readonly endpoint: string
  close(): Promise<void>
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    )
  })
}

const closer = (server: Server) => () =>
  new Promise<void>((resolve) => server.close(() => resolve()))

export async function startDynalite(): Promise<RunningServer> {
  const dynalite = require('dynalite') as (options: object) => Server
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 })
  return { endpoint: await listen(server), close: closer(server) }
}

export async function startKinesalite(): Promise<RunningServer> {
  const kinesalite = require('kinesalite') as (options: object) => Server
  const server = kinesalite({ createStreamMs: 0, deleteStreamMs: 0, updateStreamMs: 0 })
  return { endpoint: await listen(server), close: closer(server) }
}

export async function startS3rver(buckets: string[]): Promise<RunningServer> {
  const S3rver = require('s3rver') as new (options: object) => {
    run(): Promise<{ address: string; port: number }>
    close(): Promise<void>
  }
  const directory = mkdtempSync(join(tmpdir(), 'portico-s3rver-'))
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: buckets.map((name) => ({ name })),
  })
  const { port } = await server.run()
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: async () => {
      await server.close()
      rmSync(directory, { recursive: true, force: true })
    },
  }
}

/** A signed AWS JSON-protocol call, for test setup and checks (not through Portico). */
export async function jsonCall(
  endpoint: string,
  service: string,
  target: string,
  version: '1.0' | '1.1',
  body: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const url = new URL(endpoint)
  const text = JSON.stringify(body)
  const signed = aws4.sign(
    {
      host: url.host,
      path: '/',
      method: 'POST',
      service,
      region: 'us-east-1',
      body: text,
      headers: { 'Content-Type': `application/x-amz-json-${version}`, 'X-Amz-Target': target },
    },
    TEST_CREDENTIALS,
  )
  const headers = Object.fromEntries(
    Object.entries(signed.headers ?? {})
      .filter(([name]) => !/^(host|content-length)$/i.test(name))
      .map(([name, value]) => [name, String(value)]),
  )
  const response = await fetch(`${endpoint}/`, { method: 'POST', headers, body: text })
  const answer = await response.text()
  return {
    status: response.status,
    json: (answer === '' ? {} : JSON.parse(answer)) as Record<string, unknown>,
  }
}

/** A signed S3 GET straight to the server (not through Portico): the stored bytes. */
export async function s3Get(endpoint: string, path: string): Promise<Buffer> {
  const url = new URL(endpoint)
  const signed = aws4.sign(
    { host: url.host, path, method: 'GET', service: 's3', region: 'us-east-1' },
    TEST_CREDENTIALS,
  )
  const headers = Object.fromEntries(
    Object.entries(signed.headers ?? {})
      .filter(([name]) => !/^host$/i.test(name))
      .map(([name, value]) => [name, String(value)]),
  )
  const response = await fetch(`${endpoint}${path}`, { headers })
  return Buffer.from(await response.arrayBuffer())
}
