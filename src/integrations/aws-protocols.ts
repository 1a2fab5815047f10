/**
 * How each AWS service takes an action-style call (`arn:aws:apigateway:{region}:{service}:action/{Action}`):
 * the AWS JSON protocol (a `POST /` with `X-Amz-Target: {prefix}.{Action}` and
 * `Content-Type: application/x-amz-json-{version}`) or the AWS query protocol
 * (`Action={Action}&Version={version}`). The prefixes and versions are the services' own
 * (their Smithy models' `awsJson1_0` / `awsJson1_1` / `awsQuery` traits and `targetPrefix`).
 *
 * @see https://smithy.io/2.0/aws/protocols/aws-json-1_0-protocol.html
 * @see https://smithy.io/2.0/aws/protocols/aws-query-protocol.html
 */

/** An action-style service's wire protocol. */
export type ActionProtocol =
  | { readonly kind: 'json'; readonly targetPrefix: string; readonly version: '1.0' | '1.1' }
  | { readonly kind: 'query'; readonly version: string | undefined }

const json = (targetPrefix: string, version: '1.0' | '1.1'): ActionProtocol => ({
  kind: 'json',
  targetPrefix,
  version,
})
const query = (version: string): ActionProtocol => ({ kind: 'query', version })

/** Action protocols by the service name of the integration URI. */
export const ACTION_PROTOCOLS: Readonly<Record<string, ActionProtocol>> = Object.assign(
  Object.create(null) as Record<string, ActionProtocol>,
  {
    dynamodb: json('DynamoDB_20120810', '1.0'),
    kinesis: json('Kinesis_20131202', '1.1'),
    states: json('AWSStepFunctions', '1.0'),
    events: json('AWSEvents', '1.1'),
    firehose: json('Firehose_20150804', '1.1'),
    logs: json('Logs_20140328', '1.1'),
    kms: json('TrentService', '1.1'),
    secretsmanager: json('secretsmanager', '1.1'),
    ssm: json('AmazonSSM', '1.1'),
    'cognito-idp': json('AWSCognitoIdentityProviderService', '1.1'),
    athena: json('AmazonAthena', '1.1'),
    sns: query('2010-03-31'),
    sqs: query('2012-11-05'),
    sts: query('2011-06-15'),
    email: query('2010-12-01'),
    cloudformation: query('2010-05-15'),
    monitoring: query('2010-08-01'),
  },
)

/** SQS's JSON protocol, chosen when the integration maps `Content-Type: application/x-amz-json-1.0`. */
export const SQS_JSON: ActionProtocol = json('AmazonSQS', '1.0')

/**
 * The protocol of an action-style call.
 *
 * @param service - the URI's service (`dynamodb`, `sqs`, …)
 * @param contentType - the integration request's mapped `Content-Type`, if any
 * @returns the table's protocol; the query protocol without `Version` for a service not in it
 */
export function actionProtocol(service: string, contentType: string | undefined): ActionProtocol {
  if (service === 'sqs' && contentType?.trim().toLowerCase().startsWith('application/x-amz-json'))
    return SQS_JSON
  return ACTION_PROTOCOLS[service] ?? { kind: 'query', version: undefined }
}
