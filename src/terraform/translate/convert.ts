/**
 * Evaluated Terraform values → CloudFormation property values. Plain values pass through;
 * computed attributes become `Ref` / `Fn::GetAtt` / `Fn::Sub` to the generated logical ids
 * (`aws_lambda_function.fn.invoke_arn` → the invocation URI of `Fn::GetAtt [Fn, Arn]`); strings
 * with computed parts become `Fn::Join`; a value Portico cannot know is reported, never guessed.
 *
 * @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lambda_function#attribute-reference
 */
import {
  ComputedToken,
  TokenString,
  UnknownValue,
  type ResourceInstance,
  type TerraformDiagnostic,
  type TfValue,
} from '../values.js'
import type { LogicalIds } from './logical-ids.js'

/** What a conversion needs to know about the other resources. */
export interface ConvertScope {
  readonly ids: LogicalIds
  /** Every evaluated instance by address. */
  readonly instances: ReadonlyMap<string, ResourceInstance>
  /**
   * The logical id standing for a resource Portico does not translate (an IAM role, a Cognito
   * user pool…), added to the template as a resource without properties so that `Ref` and
   * `Fn::GetAtt` give consistent ids and ARNs; undefined when its type has no CloudFormation twin.
   */
  stub(token: ComputedToken): { logicalId: string; type: string } | undefined
}

/** The references and unknowns met while converting one resource's values. */
export interface ConvertTrace {
  /** Addresses of the resources referred to. */
  readonly refs: Set<string>
  /** Why a value could not be known, with the attribute it is in. */
  readonly unknowns: Array<{ attribute: string; diagnostic: TerraformDiagnostic }>
  /** Computed attributes of resources Portico does not translate, given stand-in values. */
  readonly standIns?: ComputedToken[]
}

/** A value that could not be converted: the property is left out. */
export const UNKNOWN: unique symbol = Symbol('unknown Terraform value')

const sub = (text: string): unknown => ({ 'Fn::Sub': text })
const ref = (logicalId: string): unknown => ({ Ref: logicalId })
const getAtt = (logicalId: string, attribute: string): unknown => ({
  'Fn::GetAtt': [logicalId, attribute],
})
const lambdaInvocation = (arnExpression: string): string =>
  `arn:\${AWS::Partition}:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/${arnExpression}/invocations`
const executeApiArn = (logicalId: string): string =>
  `arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${${logicalId}}`

/** Computed attributes by resource type: attribute → intrinsic of the logical id. */
const ATTRIBUTES: Readonly<Record<string, Readonly<Record<string, (id: string) => unknown>>>> = {
  aws_lambda_function: {
    arn: (id) => getAtt(id, 'Arn'),
    qualified_arn: (id) => sub(`\${${id}.Arn}:$LATEST`),
    invoke_arn: (id) => sub(lambdaInvocation(`\${${id}.Arn}`)),
    qualified_invoke_arn: (id) => sub(lambdaInvocation(`\${${id}.Arn}:$LATEST`)),
    version: () => '$LATEST',
  },
  aws_api_gateway_rest_api: {
    root_resource_id: (id) => getAtt(id, 'RootResourceId'),
    execution_arn: (id) => sub(executeApiArn(id)),
    arn: (id) => sub(`arn:\${AWS::Partition}:apigateway:\${AWS::Region}::/restapis/\${${id}}`),
  },
  aws_apigatewayv2_api: {
    api_endpoint: (id) => getAtt(id, 'ApiEndpoint'),
    execution_arn: (id) => sub(executeApiArn(id)),
    arn: (id) => sub(`arn:\${AWS::Partition}:apigateway:\${AWS::Region}::/apis/\${${id}}`),
  },
}

/**
 * The CloudFormation value of one Terraform value.
 *
 * @param value - the evaluated value
 * @param scope - the logical ids and instances
 * @param trace - receives the references and unknowns met
 * @param attribute - the attribute's name, for diagnostics
 * @returns the value, or {@link UNKNOWN} when part of it cannot be known
 */
export function convert(
  value: TfValue | undefined,
  scope: ConvertScope,
  trace: ConvertTrace,
  attribute: string,
): unknown {
  if (value === undefined || value === null) return undefined
  if (value instanceof UnknownValue) {
    trace.unknowns.push({ attribute, diagnostic: value.diagnostic })
    return UNKNOWN
  }
  if (value instanceof ComputedToken) return token(value, scope, trace, attribute)
  if (value instanceof TokenString) {
    const parts = value.parts.map((part) =>
      typeof part === 'string' ? part : token(part, scope, trace, attribute),
    )
    if (parts.includes(UNKNOWN)) return UNKNOWN
    if (parts.every((part) => typeof part === 'string')) return parts.join('')
    return { 'Fn::Join': ['', parts] }
  }
  if (Array.isArray(value)) {
    const items = (value as readonly TfValue[]).map((item, i) =>
      convert(item, scope, trace, `${attribute}[${i}]`),
    )
    return items.includes(UNKNOWN) ? UNKNOWN : items
  }
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {}
    let unknown = false
    for (const [key, item] of Object.entries(value as Record<string, TfValue>)) {
      const converted = convert(item, scope, trace, `${attribute}.${key}`)
      if (converted === UNKNOWN) unknown = true
      else if (converted !== undefined) out[key] = converted
    }
    return unknown ? UNKNOWN : out
  }
  return value
}

function token(
  value: ComputedToken,
  scope: ConvertScope,
  trace: ConvertTrace,
  attribute: string,
): unknown {
  trace.refs.add(value.address)
  const instance = scope.instances.get(value.address)
  // An argument read back (`aws_api_gateway_method.get.http_method`): its configured value.
  if (instance && Object.hasOwn(instance.values, value.attribute)) {
    const given = instance.values[value.attribute]
    if (!(given instanceof ComputedToken && given.address === value.address))
      return convert(given, scope, trace, attribute)
  }
  if (value.resourceType === 'aws_lambda_alias' && instance)
    return aliasAttribute(instance, value.attribute, scope, trace, attribute)
  const logicalId = instance ? scope.ids.get(value.address) : undefined
  if (logicalId !== undefined) {
    const build = ATTRIBUTES[value.resourceType]?.[value.attribute]
    if (build) return build(logicalId)
    if (value.attribute === 'id') return ref(logicalId)
  }
  trace.standIns?.push(value)
  const stub = scope.stub(value)
  if (stub) {
    if (value.attribute === 'id' || value.attribute === 'name') return ref(stub.logicalId)
    return getAtt(stub.logicalId, stubAttribute(value.attribute))
  }
  // No CloudFormation twin: a stable stand-in text, which is enough for ids and ARNs that are
  // only passed along (log groups, roles, certificates).
  return standInText(value.address, value.attribute)
}

/** The stand-in text of a value without a CloudFormation twin: `module.fn.invoke_arn`. */
const standInText = (address: string, attribute: string): string => `${address}.${attribute}`

/**
 * Whether a text (an integration URI of an OpenAPI body) holds the stand-in of a value of
 * `address`, i.e. depends on something Portico could not know about it.
 */
export const holdsStandInOf = (text: string, address: string): boolean =>
  text.includes(standInText(address, ''))

/** Terraform attribute names → CloudFormation `Fn::GetAtt` names of stubbed resources. */
const STUB_ATTRIBUTES: Readonly<Record<string, string>> = {
  arn: 'Arn',
  endpoint: 'ProviderName',
  url: 'QueueUrl',
  invoke_arn: 'Arn',
  bucket: 'Arn',
  stream_arn: 'StreamArn',
}
const stubAttribute = (attribute: string): string =>
  STUB_ATTRIBUTES[attribute] ??
  attribute
    .split('_')
    .map((w) => `${w.charAt(0).toUpperCase()}${w.slice(1)}`)
    .join('')

/** `aws_lambda_alias.live.invoke_arn` → the invocation URI of the function, qualified by the alias. */
function aliasAttribute(
  alias: ResourceInstance,
  attribute: string,
  scope: ConvertScope,
  trace: ConvertTrace,
  where: string,
): unknown {
  const fn = convert(alias.values['function_name'], scope, trace, where)
  const name = convert(alias.values['name'], scope, trace, where)
  if (fn === UNKNOWN || name === UNKNOWN) return UNKNOWN
  const qualified = { 'Fn::Join': [':', [fn, name]] }
  if (attribute === 'invoke_arn')
    return {
      'Fn::Join': [
        '',
        [
          {
            'Fn::Sub':
              'arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/',
          },
          qualified,
          '/invocations',
        ],
      ],
    }
  return qualified
}
