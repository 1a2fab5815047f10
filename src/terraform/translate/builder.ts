/**
 * The template under construction: one CloudFormation resource per translated Terraform
 * resource (REST method parts folded into their `AWS::ApiGateway::Method`), with the addresses
 * each refers to and the unknown values that shape it.
 */
import { ComputedToken, type ResourceInstance, type TerraformDiagnostic } from '../values.js'
import { convert, UNKNOWN, type ConvertScope, type ConvertTrace } from './convert.js'
import { LogicalIds } from './logical-ids.js'

/** A generated CloudFormation resource and what it was made from. */
export interface TemplateEntry {
  readonly logicalId: string
  readonly type: string
  readonly properties: Record<string, unknown>
  metadata?: Record<string, unknown>
  /** The Terraform instances folded into it, the first the one it is named after. */
  readonly instances: ResourceInstance[]
  /** Addresses its translated values refer to. */
  readonly refs: Set<string>
  /** Unknown values in attributes that shape it: it is left out, with these diagnostics. */
  readonly blocking: Found[]
  /** Whether an unknown value, or a reference to a resource left out, leaves it out. */
  readonly part: boolean
}

/** An unknown value met: the diagnostic with its place filled in, and the evaluator's original. */
export interface Found {
  readonly instance: ResourceInstance
  readonly diagnostic: TerraformDiagnostic
  readonly original: TerraformDiagnostic
}

/** A resource of the generated template. */
export interface GeneratedResource {
  readonly Type: string
  readonly Properties: Record<string, unknown>
  readonly Metadata?: Record<string, unknown>
}

/**
 * Attributes where a stand-in for a resource Portico does not translate changes answers: what
 * goes wrong, for the warning.
 */
const STAND_IN_MATTERS: Readonly<Record<string, string>> = {
  'aws_apigatewayv2_authorizer.jwt_configuration':
    'tokens of the real issuer and audience do not verify',
  'aws_api_gateway_authorizer.provider_arns': 'tokens of the real user pool do not verify',
}

/** Terraform types with a CloudFormation twin that `Ref` / `Fn::GetAtt` can name. */
const STUB_TYPES: Readonly<Record<string, string>> = {
  aws_iam_role: 'AWS::IAM::Role',
  aws_cognito_user_pool: 'AWS::Cognito::UserPool',
  aws_cognito_user_pool_client: 'AWS::Cognito::UserPoolClient',
  aws_dynamodb_table: 'AWS::DynamoDB::Table',
  aws_sqs_queue: 'AWS::SQS::Queue',
  aws_sns_topic: 'AWS::SNS::Topic',
  aws_s3_bucket: 'AWS::S3::Bucket',
  aws_sfn_state_machine: 'AWS::StepFunctions::StateMachine',
  aws_cloudwatch_log_group: 'AWS::Logs::LogGroup',
  aws_cloudwatch_event_bus: 'AWS::Events::EventBus',
  aws_kinesis_stream: 'AWS::Kinesis::Stream',
}

/** The diagnostic's chain, ending with the address it was reported at (a variable, a data source). */
function chainOf(diagnostic: TerraformDiagnostic, address: string): readonly string[] {
  const chain = diagnostic.chain ?? []
  const origin = diagnostic.address
  return origin !== undefined && origin !== address && !chain.includes(origin)
    ? [...chain, origin]
    : chain
}

/** Collects the generated resources. */
export class TemplateBuilder {
  readonly ids: LogicalIds = new LogicalIds()
  readonly entries: Map<string, TemplateEntry> = new Map()
  /** Resources standing for untranslated ones (`AWS::IAM::Role` for `aws_iam_role.exec`). */
  readonly stubs: Map<string, { logicalId: string; type: string }> = new Map()
  /** Diagnostics of the translation itself (code not local, unsupported resource…). */
  readonly diagnostics: TerraformDiagnostic[] = []
  /** Unknown values that were only left out (the property is omitted). */
  readonly omitted: Found[] = []
  readonly scope: ConvertScope
  readonly instances: ReadonlyMap<string, ResourceInstance>

  constructor(instances: readonly ResourceInstance[]) {
    this.instances = new Map(instances.map((instance) => [instance.address, instance]))
    this.scope = {
      ids: this.ids,
      instances: this.instances,
      stub: (token) => this.#stub(token),
    }
  }

  #stub(token: ComputedToken): { logicalId: string; type: string } | undefined {
    const type = STUB_TYPES[token.resourceType]
    if (type === undefined) return undefined
    let stub = this.stubs.get(token.address)
    if (stub === undefined) {
      stub = { logicalId: this.ids.idOf(token.address), type }
      this.stubs.set(token.address, stub)
    }
    return stub
  }

  /**
   * Starts the CloudFormation resource of an instance.
   *
   * @param instance - the Terraform instance
   * @param type - the CloudFormation type
   * @param part - whether it is part of routes (left out when a value that shapes it is unknown)
   * @returns the entry, whose properties the caller fills with {@link TemplateBuilder.read}
   */
  add(instance: ResourceInstance, type: string, part: boolean): TemplateEntry {
    const logicalId = this.ids.idOf(instance.address, instance.pos)
    const entry: TemplateEntry = {
      logicalId,
      type,
      properties: {},
      instances: [instance],
      refs: new Set(),
      blocking: [],
      part,
    }
    this.entries.set(logicalId, entry)
    return entry
  }

  /**
   * An entry that is not added to the template, to read an instance's values with.
   *
   * @param instance - the instance
   * @returns a detached entry
   */
  probe(instance: ResourceInstance): TemplateEntry {
    return {
      logicalId: '',
      type: '',
      properties: {},
      instances: [instance],
      refs: new Set(),
      blocking: [],
      part: true,
    }
  }

  /**
   * Folds an instance into another resource (an integration into its method).
   *
   * @param entry - the resource
   * @param instance - the folded instance
   */
  fold(entry: TemplateEntry, instance: ResourceInstance): void {
    entry.instances.push(instance)
    this.ids.alias(instance.address, entry.logicalId)
  }

  /**
   * Reads one attribute of an instance as a CloudFormation value.
   *
   * @param entry - the resource being built (receives references and unknowns)
   * @param instance - the instance read
   * @param attribute - the Terraform attribute
   * @param shaping - whether an unknown value leaves the resource out (else the property is
   *   omitted)
   * @returns the value, undefined when unset or unknown
   */
  read(
    entry: TemplateEntry,
    instance: ResourceInstance,
    attribute: string,
    shaping: boolean = entry.part,
  ): unknown {
    const trace: ConvertTrace = { refs: entry.refs, unknowns: [], standIns: [] }
    const value = convert(instance.values[attribute], this.scope, trace, attribute)
    const why = STAND_IN_MATTERS[`${instance.type}.${attribute}`]
    for (const token of why === undefined ? [] : (trace.standIns ?? []))
      this.diagnostics.push({
        code: 'computed-stand-in',
        severity: 'warning',
        message: `${instance.address}.${attribute}: ${token.address}.${token.attribute} is known only after apply; Portico uses a stand-in value, so ${why}`,
        address: instance.address,
        attribute,
        pos: instance.pos,
        chain: [...token.chain, `${token.address}.${token.attribute}`],
        hint: 'give the real value with a variable (-var), or test with your own keys (the jwks option)',
      })
    for (const { diagnostic } of trace.unknowns) {
      const found = {
        instance,
        // The resource and attribute the unknown value is in; what it came from joins the chain.
        diagnostic: {
          ...diagnostic,
          address: instance.address,
          attribute,
          pos: diagnostic.pos ?? instance.pos,
          chain: chainOf(diagnostic, instance.address),
        },
        original: diagnostic,
      }
      if (shaping) entry.blocking.push(found)
      else this.omitted.push(found)
    }
    return value === UNKNOWN ? undefined : value
  }

  /**
   * Copies attributes into properties: `[terraform, cloudFormation]` pairs.
   *
   * @param entry - the resource
   * @param instance - the instance
   * @param pairs - attribute → property names
   * @param into - where to copy (the entry's properties by default)
   */
  copy(
    entry: TemplateEntry,
    instance: ResourceInstance,
    pairs: ReadonlyArray<readonly [string, string]>,
    into: Record<string, unknown> = entry.properties,
  ): void {
    for (const [attribute, property] of pairs) {
      const value = this.read(entry, instance, attribute)
      if (value !== undefined) into[property] = value
    }
  }

  /**
   * The first element of a nested block (`settings { … }` → `settings: [{…}]`), converted.
   *
   * @param entry - the resource
   * @param instance - the instance
   * @param attribute - the block type
   * @param shaping - see {@link TemplateBuilder.read}
   * @returns the block's attributes, or undefined
   */
  block(
    entry: TemplateEntry,
    instance: ResourceInstance,
    attribute: string,
    shaping: boolean = entry.part,
  ): Record<string, unknown> | undefined {
    const value = this.read(entry, instance, attribute, shaping)
    const first: unknown = Array.isArray(value) ? value[0] : value
    return typeof first === 'object' && first !== null && !Array.isArray(first)
      ? (first as Record<string, unknown>)
      : undefined
  }

  /** The template's `Resources`, stubs included. */
  resources(): Record<string, GeneratedResource> {
    const out: Record<string, GeneratedResource> = {}
    for (const { logicalId, type } of this.stubs.values())
      out[logicalId] = { Type: type, Properties: {} }
    for (const entry of this.entries.values())
      out[entry.logicalId] = {
        Type: entry.type,
        Properties: entry.properties,
        ...(entry.metadata ? { Metadata: entry.metadata } : {}),
      }
    return out
  }
}

/**
 * `{ a_b: 1 }` → `{ AB: 1 }`: Terraform block attributes under CloudFormation names.
 *
 * @param block - converted block attributes
 * @param names - attribute → property, for the attributes to keep
 * @returns the properties
 */
export function rename(
  block: Record<string, unknown> | undefined,
  names: Readonly<Record<string, string>>,
): Record<string, unknown> | undefined {
  if (!block) return undefined
  const out: Record<string, unknown> = {}
  for (const [attribute, property] of Object.entries(names))
    if (block[attribute] !== undefined && block[attribute] !== null)
      out[property] = block[attribute]
  return Object.keys(out).length > 0 ? out : undefined
}
