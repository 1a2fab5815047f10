/**
 * MOCK integrations: the request template's `statusCode` selects the integration response.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-mock-integration.html
 */
import { parseClientJson } from '../core/index.js'
import type { IntegrationDefinition, MethodDefinition } from '../definition/index.js'
import { configurationFailure, type Integration } from './integration.js'
import { compileIntegrationResponses } from './integration-response.js'
import { compileRequestTemplates } from './mapping-template.js'

/**
 * Compiles a MOCK integration.
 *
 * @param integration - its definition
 * @param method - the method (for method responses)
 * @param where - place in the definition
 * @returns the integration
 */
export function compileMockIntegration(
  integration: IntegrationDefinition,
  method: MethodDefinition,
  where: string,
): Integration {
  const chooseTemplate = compileRequestTemplates(
    integration.requestTemplates,
    integration.passthroughBehavior,
    where,
  )
  const respond = compileIntegrationResponses(integration.responses, method, where)
  // eslint-disable-next-line @typescript-eslint/require-await -- async: a throw must reject
  return async (state) => {
    const choice = chooseTemplate(state)
    if ('responseType' in choice) return choice
    let statusCode = 200
    if (choice.kind === 'template') {
      const rendered = choice.render(state, state.bodyText() ?? '')
      if ('responseType' in rendered) return rendered
      state.trace?.add('endpointRequestBody', rendered.body)
      let parsed: unknown
      try {
        // The rendered text may hold the client's body verbatim (`$input.body`).
        parsed = parseClientJson(rendered.body)
      } catch {
        parsed = lenientStatusCode(rendered.body)
        if (parsed === undefined)
          return configurationFailure(
            `MOCK request template did not produce JSON: ${rendered.body.slice(0, 200)}`,
          )
      }
      const value =
        typeof parsed === 'object' && parsed !== null
          ? (parsed as Record<string, unknown>)['statusCode']
          : undefined
      if (value !== undefined) {
        const number = typeof value === 'string' ? Number(value) : value
        if (typeof number !== 'number' || !Number.isInteger(number)) {
          return configurationFailure(
            `MOCK statusCode must be an integer, got ${JSON.stringify(value)}`,
          )
        }
        statusCode = number
      }
    }
    return respond(state, { selectionValue: String(statusCode), body: '' })
  }
}

/**
 * `statusCode: <integer>` as a top-level entry of an object written loosely (`{statusCode: 200}`,
 * unquoted or single-quoted key, as the CDK writes for CORS preflights). AWS reads MOCK output
 * leniently (AWS-validated LocalStack `test_integration_mock_with_path_param`).
 */
const LENIENT_STATUS =
  /^\s*\{(?:[^{}[\]]*,)?\s*(?:statusCode|'statusCode'|"statusCode")\s*:\s*(?:(\d{1,3})|'(\d{1,3})'|"(\d{1,3})")\s*(?:,[^{}]*)?\}\s*$/

function lenientStatusCode(text: string): { statusCode: number } | undefined {
  if (text.length > 4096) return undefined
  const match = LENIENT_STATUS.exec(text)
  if (!match) return undefined
  return { statusCode: Number(match[1] ?? match[2] ?? match[3]) }
}
