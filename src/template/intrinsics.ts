/**
 * CloudFormation intrinsic functions, conditions, parameters and pseudo parameters, resolved the
 * way CloudFormation resolves them when it creates the stack.
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
 */
import { Buffer } from 'node:buffer'
import { stableId } from '../core/index.js'
import { textOf } from '../core/index.js'
import { ConfigError } from '../errors.js'
import { attributeOf, nameProperty, refOf, type ResourceFacts } from './resource-ids.js'
import type { TemplateDocument } from './parse.js'

/** Values a template is resolved with. */
export interface IntrinsicOptions {
  /** Parameter values by name, overriding each parameter's `Default`. */
  parameters?: Readonly<Record<string, string | number | boolean | readonly string[]>>
  /** `Fn::ImportValue` values by export name. */
  importValues?: Readonly<Record<string, string>>
  /**
   * The outputs of nested stacks Portico does not deploy (`AWS::CloudFormation::Stack`,
   * `AWS::Serverless::Application`), by the nested stack's logical id then output name: what
   * `Fn::GetAtt [AuthStack, Outputs.Issuer]` gives, e.g. `{ AuthStack: { Issuer: 'https://…' } }`.
   */
  nestedStackOutputs?: Readonly<Record<string, Readonly<Record<string, string>>>>
  /** `AWS::Region`. @default `us-east-1` */
  region?: string
  /** `AWS::AccountId`. @default `123456789012` */
  accountId?: string
  /** `AWS::StackName`. @default `portico` */
  stackName?: string
}

/** A resource as the template declares it. */
export interface TemplateResource {
  readonly Type: string
  readonly Properties?: Record<string, unknown>
  readonly Condition?: string
  readonly Metadata?: Record<string, unknown>
}

/** Resource types that are nested stacks: `Fn::GetAtt` of `Outputs.Name` reads their outputs. */
const NESTED_STACKS = new Set(['AWS::CloudFormation::Stack', 'AWS::Serverless::Application'])

/** What `AWS::NoValue` resolves to: the property is removed. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue')

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
const at = (path: string, key: string | number): string => (path ? `${path}.${key}` : String(key))

/** Resolves intrinsic functions in a template's values. */
export interface TemplateResolver {
  readonly region: string
  readonly accountId: string
  readonly partition: string
  readonly stackName: string
  /** The resources that exist (their `Condition`, if any, is true). */
  readonly resources: ReadonlyMap<string, TemplateResource>
  /**
   * Resolves every intrinsic function in `value`.
   *
   * @param value - a property value
   * @param path - its place, e.g. `Resources.Fn.Properties.Environment`
   * @returns the plain value, or {@link NO_VALUE}
   * @throws ConfigError naming the place of a function that cannot be resolved
   */
  resolve(value: unknown, path: string): unknown
  /** `Ref` of a resource or parameter by logical id. */
  ref(logicalId: string, path: string): unknown
  /** `Fn::GetAtt`. */
  getAtt(logicalId: string, attribute: string, path: string): string
  /** A named condition's value. */
  condition(name: string, path: string): boolean
}

const PARTITIONS: ReadonlyArray<readonly [prefix: string, partition: string, suffix: string]> = [
  ['cn-', 'aws-cn', 'amazonaws.com.cn'],
  ['us-gov-', 'aws-us-gov', 'amazonaws.com'],
  ['', 'aws', 'amazonaws.com'],
]

/**
 * Creates the resolver of a template.
 *
 * @param doc - the parsed template (SAM already expanded)
 * @param options - parameter values, import values, account and region
 * @returns the resolver
 * @throws ConfigError for a parameter value outside its `AllowedValues`, or for parameters
 *   with no `Default` and no value (CloudFormation: `Parameters: [X] must have values`)
 */
export function createResolver(
  doc: TemplateDocument,
  options: IntrinsicOptions = {},
): TemplateResolver {
  const region = options.region ?? 'us-east-1'
  const accountId = options.accountId ?? '123456789012'
  const stackName = options.stackName ?? 'portico'
  const [, partition, urlSuffix] = PARTITIONS.find(([p]) => region.startsWith(p)) ?? ['', 'aws', '']
  const declared = isObject(doc['Parameters']) ? doc['Parameters'] : {}
  const mappings = isObject(doc['Mappings']) ? doc['Mappings'] : {}
  const conditions = isObject(doc['Conditions']) ? doc['Conditions'] : {}
  const all = doc['Resources'] as Record<string, TemplateResource>
  const pseudo: Record<string, unknown> = {
    'AWS::Region': region,
    'AWS::AccountId': accountId,
    'AWS::StackName': stackName,
    'AWS::StackId': `arn:${partition}:cloudformation:${region}:${accountId}:stack/${stackName}/${stableId(stackName, 8)}`,
    'AWS::Partition': partition,
    'AWS::URLSuffix': urlSuffix,
    'AWS::NotificationARNs': [],
    'AWS::NoValue': NO_VALUE,
  }
  const missing = Object.entries(declared)
    .filter(([, spec]) => isObject(spec) && spec['Default'] === undefined)
    .filter(([name]) => options.parameters?.[name] === undefined)
    .map(([name]) => name)
  if (missing.length > 0)
    // CloudFormation refuses the stack whether or not the parameter is used.
    throw new ConfigError(
      'Parameters',
      `[${missing.join(', ')}] must have values: give them in the parameters option (--parameter-overrides ${missing.map((name) => `${name}=...`).join(' ')})`,
    )
  const conditionValues = new Map<string, boolean | 'pending'>()
  // A symbol, not a string: a resource whose Ref is the text 'pending' is not a cycle.
  const PENDING = Symbol('pending')
  const refs = new Map<string, string | typeof PENDING>()

  const parameter = (name: string, path: string): unknown => {
    const spec = declared[name]
    if (!isObject(spec)) return undefined
    const given = options.parameters?.[name] ?? spec['Default']
    if (given === undefined)
      throw new ConfigError(
        path,
        `parameter ${name} has no Default: give it in the parameters option (--parameter-overrides ${name}=...)`,
      )
    const type = textOf(spec['Type'] ?? 'String')
    const list = type === 'CommaDelimitedList' || type.startsWith('List<')
    const value = list && typeof given === 'string' ? given.split(',').map((s) => s.trim()) : given
    const allowed = spec['AllowedValues']
    if (Array.isArray(allowed) && !list && !allowed.map(String).includes(textOf(value)))
      throw new ConfigError(
        `Parameters.${name}`,
        `value ${JSON.stringify(value)} is not one of AllowedValues ${JSON.stringify(allowed)}`,
      )
    return Array.isArray(value) ? value.map(String) : list ? [textOf(value)] : textOf(value)
  }

  const facts = (logicalId: string, resource: TemplateResource): ResourceFacts => {
    const property = nameProperty(resource.Type)
    const named =
      property && resource.Properties?.[property] !== undefined
        ? resolve(resource.Properties[property], `Resources.${logicalId}.Properties.${property}`)
        : undefined
    return {
      logicalId,
      name: typeof named === 'string' ? named : logicalId,
      id: stableId(`${stackName}:${logicalId}`, 10),
      region,
      accountId,
      partition,
      urlSuffix,
    }
  }

  const resourceOf = (logicalId: string, path: string): TemplateResource => {
    const resource = resources.get(logicalId)
    if (resource) return resource
    throw new ConfigError(
      path,
      Object.hasOwn(all, logicalId)
        ? `resource ${logicalId} is not created (its Condition is false)`
        : `unknown resource or parameter ${JSON.stringify(logicalId)}`,
    )
  }

  const ref = (name: string, path: string): unknown => {
    if (Object.hasOwn(pseudo, name)) return pseudo[name]
    const value = parameter(name, path)
    if (value !== undefined) return value
    const known = refs.get(name)
    if (known === PENDING) throw new ConfigError(path, `circular reference to ${name}`)
    if (known !== undefined) return known
    const resource = resourceOf(name, path)
    refs.set(name, PENDING)
    const id = refOf(resource.Type, facts(name, resource))
    refs.set(name, id)
    return id
  }

  const getAtt = (logicalId: string, attribute: string, path: string): string => {
    const resource = resourceOf(logicalId, path)
    if (NESTED_STACKS.has(resource.Type) && attribute.startsWith('Outputs.'))
      return nestedOutput(logicalId, resource.Type, attribute.slice('Outputs.'.length), path)
    const value = attributeOf(resource.Type, attribute, facts(logicalId, resource))
    if (value === undefined)
      throw new ConfigError(
        path,
        `Portico does not know the attribute ${attribute} of ${resource.Type} (${logicalId})`,
      )
    return value
  }

  const nestedOutput = (logicalId: string, type: string, output: string, path: string): string => {
    const outputs = options.nestedStackOutputs
    const given = outputs && Object.hasOwn(outputs, logicalId) ? outputs[logicalId] : undefined
    const value = given && Object.hasOwn(given, output) ? given[output] : undefined
    if (typeof value === 'string') return value
    throw new ConfigError(
      path,
      `${logicalId} is a nested stack (${type}) Portico does not deploy: give its output ${output} in the nestedStackOutputs option, e.g. { ${logicalId}: { ${output}: '...' } }`,
    )
  }

  const condition = (name: string, path: string): boolean => {
    const known = conditionValues.get(name)
    if (known === 'pending') throw new ConfigError(path, `condition ${name} refers to itself`)
    if (known !== undefined) return known
    if (!Object.hasOwn(conditions, name))
      throw new ConfigError(path, `unknown condition ${JSON.stringify(name)}`)
    conditionValues.set(name, 'pending')
    const value = evaluate(conditions[name], `Conditions.${name}`)
    conditionValues.set(name, value)
    return value
  }

  const evaluate = (raw: unknown, path: string): boolean => {
    if (isObject(raw) && Object.keys(raw).length === 1 && typeof raw['Condition'] === 'string')
      return condition(raw['Condition'], path)
    const value = resolve(raw, path)
    if (typeof value === 'boolean') return value
    if (value === 'true' || value === 'false') return value === 'true'
    throw new ConfigError(
      path,
      'a condition must be Fn::Equals, Fn::And, Fn::Or, Fn::Not or Condition',
    )
  }

  const text = (raw: unknown, path: string): string => {
    const value = resolve(raw, path)
    if (typeof value === 'string') return value
    if (typeof value === 'number' || typeof value === 'boolean') return String(value)
    throw new ConfigError(path, 'must resolve to a string')
  }
  const list = (raw: unknown, path: string): unknown[] => {
    const value = resolve(raw, path)
    if (!Array.isArray(value)) throw new ConfigError(path, 'must resolve to a list')
    return value
  }
  const args = (raw: unknown, count: number, path: string, name: string): unknown[] => {
    if (!Array.isArray(raw) || raw.length < count)
      throw new ConfigError(path, `${name} takes a list of ${count} arguments`)
    return raw
  }

  const sub = (raw: unknown, path: string): string => {
    const [template, vars] = Array.isArray(raw) ? (raw as unknown[]) : [raw, {}]
    if (typeof template !== 'string' || !isObject(vars))
      throw new ConfigError(path, 'Fn::Sub takes a string or [string, { name: value }]')
    return template.replace(/\$\{([^}]*)\}/g, (whole, name: string) => {
      if (name.startsWith('!')) return `\${${name.slice(1)}}`
      const key = name.trim()
      if (Object.hasOwn(vars, key)) return text(vars[key], at(path, key))
      const dot = key.indexOf('.')
      if (dot > 0 && !key.startsWith('AWS::'))
        return getAtt(key.slice(0, dot), key.slice(dot + 1), path)
      const value = ref(key, path)
      if (typeof value !== 'string') throw new ConfigError(path, `${whole} is not a string`)
      return value
    })
  }

  const call = (name: string, raw: unknown, path: string): unknown => {
    const where = at(path, name)
    switch (name) {
      case 'Ref':
        if (typeof raw !== 'string') throw new ConfigError(where, 'Ref takes a logical id')
        return ref(raw, where)
      case 'Fn::Sub':
        return sub(raw, where)
      case 'Fn::GetAtt': {
        const parts =
          typeof raw === 'string'
            ? [raw.slice(0, raw.indexOf('.')), raw.slice(raw.indexOf('.') + 1)]
            : raw
        const [id, attribute] = args(parts, 2, where, name)
        return getAtt(text(id, where), text(attribute, where), where)
      }
      case 'Fn::Join': {
        const [separator, items] = args(raw, 2, where, name)
        return list(items, where)
          .map((item, i) => text(item, at(where, i)))
          .join(text(separator, where))
      }
      case 'Fn::Select': {
        const [index, items] = args(raw, 2, where, name)
        const values = list(items, where)
        const i = Number(text(index, where))
        if (!Number.isInteger(i) || i < 0 || i >= values.length)
          throw new ConfigError(where, `index ${i} is outside the list of ${values.length}`)
        return values[i]
      }
      case 'Fn::Split': {
        const [separator, source] = args(raw, 2, where, name)
        return text(source, where).split(text(separator, where))
      }
      case 'Fn::If': {
        const [test, yes, no] = args(raw, 3, where, name)
        return resolve(condition(text(test, where), where) ? yes : no, where)
      }
      case 'Fn::Equals': {
        const [a, b] = args(raw, 2, where, name)
        return JSON.stringify(resolve(a, where)) === JSON.stringify(resolve(b, where))
      }
      case 'Fn::And':
      case 'Fn::Or': {
        const values = args(raw, 2, where, name).map((item, i) => evaluate(item, at(where, i)))
        return name === 'Fn::And' ? values.every(Boolean) : values.some(Boolean)
      }
      case 'Fn::Not':
        return !evaluate(args(raw, 1, where, name)[0], where)
      case 'Condition':
        return condition(text(raw, where), where)
      case 'Fn::FindInMap': {
        const [map, top, second] = args(raw, 3, where, name).map((item) => text(item, where))
        const level = isObject(mappings[map as string]) ? mappings[map as string] : undefined
        const entry = isObject(level) ? level[top as string] : undefined
        if (!isObject(entry) || !Object.hasOwn(entry, second as string))
          throw new ConfigError(where, `Mappings.${map}.${top}.${second} does not exist`)
        return resolve(entry[second as string], where)
      }
      case 'Fn::Base64':
        return Buffer.from(text(raw, where)).toString('base64')
      case 'Fn::ImportValue': {
        const key = text(raw, where)
        const imported = options.importValues?.[key]
        if (imported === undefined)
          throw new ConfigError(where, `no value for the export ${key}: give it in importValues`)
        return imported
      }
      case 'Fn::GetAZs': {
        const zoneRegion = text(raw, where) || region
        return ['a', 'b', 'c'].map((zone) => `${zoneRegion}${zone}`)
      }
      case 'Fn::Length':
        return list(raw, where).length
      case 'Fn::ToJsonString':
        return JSON.stringify(resolve(raw, where))
      default:
        throw new ConfigError(where, `Portico does not resolve ${name}`)
    }
  }

  const resolve = (value: unknown, path: string): unknown => {
    if (Array.isArray(value))
      return value.map((item, i) => resolve(item, at(path, i))).filter((item) => item !== NO_VALUE)
    if (!isObject(value)) return value
    const keys = Object.keys(value)
    if (keys.length === 1) {
      const key = keys[0] as string
      if (key === 'Ref' || key.startsWith('Fn::')) return call(key, value[key], path)
    }
    const out: Record<string, unknown> = {}
    for (const key of keys) {
      const resolved = resolve(value[key], at(path, key))
      if (resolved !== NO_VALUE) out[key] = resolved
    }
    return out
  }

  const resources = new Map<string, TemplateResource>()
  for (const [logicalId, resource] of Object.entries(all)) {
    const where = `Resources.${logicalId}`
    if (!isObject(resource) || typeof resource['Type'] !== 'string')
      throw new ConfigError(`${where}.Type`, 'every resource needs a Type')
    const when = resource['Condition']
    if (when === undefined || condition(textOf(when), `${where}.Condition`))
      resources.set(logicalId, resource)
  }

  return {
    region,
    accountId,
    partition,
    stackName,
    resources,
    resolve,
    ref,
    getAtt,
    condition,
  }
}
