/**
 * The `Api` and `HttpApi` events of `AWS::Serverless::Function` resources, and the API each
 * belongs to: the one its `RestApiId` / `ApiId` refers to, else the implicit API
 * (`ServerlessRestApi`, `ServerlessHttpApi`) SAM creates for events without one.
 *
 * @see https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-api.html
 * Sources: SAM translator tests `implicit_api`, `implicit_http_api`, `api_with_auth_all_minimum`.
 */
import { ConfigError } from '../errors.js'
import { isObject, type Doc } from './openapi-edit.js'
import type { TemplateDocument } from './parse.js'

/** The event types that make API routes, their API type, id property and implicit API. */
export const API_EVENTS = {
  Api: {
    apiType: 'AWS::Serverless::Api',
    idProperty: 'RestApiId',
    implicit: 'ServerlessRestApi',
    implicitProperties: { StageName: 'Prod' },
  },
  HttpApi: {
    apiType: 'AWS::Serverless::HttpApi',
    idProperty: 'ApiId',
    implicit: 'ServerlessHttpApi',
    implicitProperties: {},
  },
} as const

/** `Api` or `HttpApi`. */
export type ApiEventType = keyof typeof API_EVENTS

/** One API event of a function. */
export interface ApiEvent {
  /** The logical id of the function (or, for `Api` events, state machine) with the event. */
  readonly functionId: string
  /** `AWS::Serverless::Function` or `AWS::Serverless::StateMachine` (its `Api` events start executions). */
  readonly sourceType: 'AWS::Serverless::Function' | 'AWS::Serverless::StateMachine'
  readonly eventId: string
  /** The logical id of the API it adds a route to. */
  readonly apiId: string
  /** The event's `Properties`, unresolved. */
  readonly properties: Doc
  /** `Resources.{Fn}.Properties.Events.{Event}.Properties` */
  readonly where: string
}

/**
 * Lists the API events of type `type` in the functions of `resources`.
 *
 * @param resources - the template's resources (those created)
 * @param type - `Api` or `HttpApi`
 * @returns the events, in template order
 * @throws ConfigError when a `RestApiId` / `ApiId` does not refer to an API of that type
 */
export function apiEvents(
  resources: ReadonlyMap<string, { Type: string; Properties?: Doc }> | Record<string, unknown>,
  type: ApiEventType,
): ApiEvent[] {
  const spec = API_EVENTS[type]
  const entries =
    resources instanceof Map
      ? [...(resources as Map<string, unknown>).entries()]
      : Object.entries(resources)
  const typeOf = (id: string): unknown =>
    resources instanceof Map
      ? (resources as Map<string, Doc>).get(id)?.['Type']
      : isObject((resources as Doc)[id])
        ? ((resources as Doc)[id] as Doc)['Type']
        : undefined
  const out: ApiEvent[] = []
  for (const [functionId, resource] of entries) {
    if (!isObject(resource)) continue
    const sourceType = resource['Type']
    if (
      sourceType !== 'AWS::Serverless::Function' &&
      !(sourceType === 'AWS::Serverless::StateMachine' && type === 'Api')
    )
      continue
    const props = isObject(resource['Properties']) ? resource['Properties'] : {}
    const events = isObject(props['Events']) ? props['Events'] : {}
    for (const [eventId, event] of Object.entries(events)) {
      if (!isObject(event) || event['Type'] !== type) continue
      const where = `Resources.${functionId}.Properties.Events.${eventId}.Properties`
      const properties = isObject(event['Properties']) ? event['Properties'] : {}
      const ref = properties[spec.idProperty]
      let apiId: string = spec.implicit
      if (ref !== undefined) {
        const named = isObject(ref) && typeof ref['Ref'] === 'string' ? ref['Ref'] : ref
        if (typeof named !== 'string' || typeOf(named) !== spec.apiType)
          throw new ConfigError(
            `${where}.${spec.idProperty}`,
            `must be a !Ref to an ${spec.apiType} resource in this template`,
          )
        apiId = named
      }
      out.push({ functionId, sourceType, eventId, apiId, properties, where })
    }
  }
  return out
}

/**
 * Adds the implicit APIs SAM creates when some `Api` / `HttpApi` event names no API.
 *
 * @param doc - the template (Globals not yet applied, so that they reach the implicit APIs)
 * @returns the template with `ServerlessRestApi` / `ServerlessHttpApi` added where needed
 */
export function addImplicitApis(doc: TemplateDocument): TemplateDocument {
  const resources = { ...(doc['Resources'] as Doc) }
  for (const type of ['Api', 'HttpApi'] as const) {
    const spec = API_EVENTS[type]
    if (Object.hasOwn(resources, spec.implicit)) continue
    if (apiEvents(resources, type).some((event) => event.apiId === spec.implicit))
      resources[spec.implicit] = {
        Type: spec.apiType,
        Properties: { ...spec.implicitProperties },
        Metadata: { 'portico:implicit': true },
      }
  }
  return { ...doc, Resources: resources }
}
