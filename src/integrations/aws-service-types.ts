/**
 * The shapes of the AWS service stand-ins a host gives in `options.services`: the request an
 * AWS (non-proxy) integration sends, the answer, and the handler.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/integration-request-basic-setup.html
 */
import type { Buffer } from 'node:buffer'

/** What an AWS service handler receives: the integration request API Gateway would send. */
export interface AwsServiceRequest {
  /** The service from the URI, e.g. `sqs`. */
  readonly service: string
  /** `Action` for `action/{Action}` URIs, or the form body's `Action` parameter. */
  readonly action: string | undefined
  /**
   * The path for `path/{path}` URIs, e.g. `123456789012/MyQueue`, with `{name}` placeholders
   * filled from `integration.request.path.name` mappings (or `$context.requestOverride.path`),
   * values percent-encoded as in a URL path.
   */
  readonly path: string | undefined
  /** The integration's `httpMethod`. */
  readonly httpMethod: string
  /** Mapped integration request headers (lower-case names). */
  readonly headers: Readonly<Record<string, string>>
  /**
   * The rendered request template (or the passed-through body) as text. For a binary payload
   * (`contentHandling: CONVERT_TO_BINARY`, or a binary media type passed through) read
   * `bodyBytes`.
   */
  readonly body: string
  /** The exact bytes API Gateway would send: the payload after `contentHandling`. */
  readonly bodyBytes: Buffer
  /**
   * The query string sent to the service: the URI's own query, then the
   * `integration.request.querystring.*` mappings and template overrides, decoded.
   */
  readonly querystring: Readonly<Record<string, string>>
  /**
   * Parameters AWS's query protocol would read: the query string (`querystring`), then a
   * form-encoded body (`Action=SendMessage&MessageBody=...`), decoded.
   */
  readonly params: Readonly<Record<string, string>>
  readonly region: string
  /** HTTP APIs: the integration's subtype (`SQS-SendMessage`, ...); `params` are its parameters. */
  readonly integrationSubtype?: string
}

/** A service's answer. */
export interface AwsServiceResponse {
  /** HTTP status; selects the integration response. @default 200 */
  readonly statusCode?: number
  /** Body text (typically JSON or XML, as the service would answer). */
  readonly body?: string
  readonly headers?: Readonly<Record<string, string>>
}

/** A stand-in for one AWS service. */
export type AwsServiceHandler = (
  request: AwsServiceRequest,
) => AwsServiceResponse | Promise<AwsServiceResponse>

/** Handlers by service name (`sqs`, `dynamodb`, `states`, ...). */
export type AwsServiceHandlers = Readonly<Record<string, AwsServiceHandler>>
