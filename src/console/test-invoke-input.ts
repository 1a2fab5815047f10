/**
 * The body of `POST api/test-invoke`, checked field by field: the console's Test form sends
 * `{ api, stage?, method, pathWithQueryString, headers?, body?, stageVariables? }`.
 */
import { REST_METHODS } from '../definition/index.js'
import type { Gateway } from '../gateway.js'

type TestInvokeMethodRequest = Parameters<Gateway['testInvoke']>[0]

/** A checked test-invoke request. */
export interface TestInvokeInput {
  readonly api: number
  readonly stage?: string
  readonly request: TestInvokeMethodRequest
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

function stringMap(value: unknown, field: string): Record<string, string> | string {
  if (!isObject(value)) return `${field} must be an object of strings`
  const out = Object.create(null) as Record<string, string>
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string') return `${field}.${k} must be a string`
    out[k] = v
  }
  return out
}

/**
 * Reads the Test form's JSON.
 *
 * @param text - the request body
 * @returns the input, or a message saying what is wrong
 */
export function parseTestInvoke(text: string): TestInvokeInput | string {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return 'the body is not JSON'
  }
  if (!isObject(value)) return 'the body must be a JSON object'
  const api = value['api'] ?? 0
  if (typeof api !== 'number' || !Number.isInteger(api) || api < 0)
    return 'api must be the index of an API'
  const method = value['method']
  if (typeof method !== 'string' || !(REST_METHODS as readonly string[]).includes(method))
    return `method must be one of ${REST_METHODS.join(', ')}`
  const path = value['pathWithQueryString'] ?? '/'
  if (typeof path !== 'string' || !path.startsWith('/'))
    return 'pathWithQueryString must start with /'
  const request: TestInvokeMethodRequest = { method, pathWithQueryString: path }
  if (value['headers'] !== undefined) {
    const headers = stringMap(value['headers'], 'headers')
    if (typeof headers === 'string') return headers
    request.headers = headers
  }
  if (value['stageVariables'] !== undefined) {
    const variables = stringMap(value['stageVariables'], 'stageVariables')
    if (typeof variables === 'string') return variables
    request.stageVariables = variables
  }
  const body = value['body']
  if (body !== undefined && typeof body !== 'string') return 'body must be a string'
  if (body !== undefined && body !== '') request.body = body
  const stage = value['stage']
  if (stage !== undefined && typeof stage !== 'string') return 'stage must be a string'
  return stage === undefined || stage === '' ? { api, request } : { api, stage, request }
}
