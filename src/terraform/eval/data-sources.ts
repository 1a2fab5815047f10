/**
 * Data sources Portico can answer without asking AWS: `aws_region`, `aws_caller_identity`,
 * `aws_partition` (from the load options), `archive_file` (its outputs describe a zip created
 * on apply: computed tokens, the zip is not built), `template_file` (rendered here) and
 * `aws_iam_policy_document` (its JSON built from the statement blocks). Any other data source's
 * attributes are UnknownValues with an `unknown-data-source` diagnostic.
 */
import type { SourcePos } from '../hcl/ast.js'
import { ComputedToken, UnknownValue, type TfValue } from '../values.js'
import { renderTemplate } from './functions/template.js'
import { policyDocumentJson } from './policy-document.js'
import type { InstanceState } from './resources.js'
import { isRecord } from './value-ops.js'

const NAMES: Readonly<Record<string, readonly string[]>> = {
  aws_region: ['id', 'name', 'region', 'endpoint', 'description'],
  aws_caller_identity: ['id', 'account_id', 'arn', 'user_id'],
  aws_partition: ['id', 'partition', 'dns_suffix', 'reverse_dns_prefix'],
  archive_file: [
    'id',
    'output_size',
    'output_md5',
    'output_sha',
    'output_sha256',
    'output_sha512',
    'output_base64sha256',
    'output_base64sha512',
  ],
  template_file: ['id', 'rendered'],
  aws_iam_policy_document: ['id', 'json', 'minified_json'],
}

/** The attributes a supported data source computes. */
export function dataAttributeNames(type: string): readonly string[] {
  return NAMES[type] ?? []
}

function partitionOf(region: string): { partition: string; dns: string } {
  if (region.startsWith('cn-')) return { partition: 'aws-cn', dns: 'amazonaws.com.cn' }
  if (region.startsWith('us-gov-')) return { partition: 'aws-us-gov', dns: 'amazonaws.com' }
  if (region.startsWith('us-iso-')) return { partition: 'aws-iso', dns: 'c2s.ic.gov' }
  if (region.startsWith('us-isob-')) return { partition: 'aws-iso-b', dns: 'sc2s.sgov.gov' }
  return { partition: 'aws', dns: 'amazonaws.com' }
}

/** A data source attribute the configuration does not set. */
export function dataAttribute(inst: InstanceState, name: string, pos?: SourcePos): TfValue {
  const { type } = inst.resource.config
  const rt = inst.resource.module.runtime
  const site = { address: inst.address, attribute: name }
  switch (type) {
    case 'aws_region': {
      const region = rt.region()
      const known: Record<string, string> = {
        id: region,
        name: region,
        region,
        endpoint: `ec2.${region}.${partitionOf(region).dns}`,
        description: region,
      }
      if (Object.hasOwn(known, name)) return known[name] ?? null
      break
    }
    case 'aws_caller_identity': {
      const account = rt.accountId
      const p = partitionOf(rt.region()).partition
      const known: Record<string, string> = {
        id: account,
        account_id: account,
        arn: `arn:${p}:iam::${account}:user/portico`,
        user_id: account,
      }
      if (Object.hasOwn(known, name)) return known[name] ?? null
      break
    }
    case 'aws_partition': {
      const { partition, dns } = partitionOf(rt.region())
      const known: Record<string, string> = {
        id: partition,
        partition,
        dns_suffix: dns,
        reverse_dns_prefix: dns.split('.').reverse().join('.'),
      }
      if (Object.hasOwn(known, name)) return known[name] ?? null
      break
    }
    case 'archive_file':
      if (name.startsWith('output_') || name === 'id')
        return new ComputedToken(inst.address, type, name)
      return null
    case 'template_file':
      if (name === 'rendered' || name === 'id') {
        const template = inst.attr('template')
        if (typeof template !== 'string')
          return template instanceof UnknownValue
            ? template
            : rt.ctx.error('invalid-argument', 'template_file: template must be a string', site, {
                ...(pos ? { pos } : {}),
              })
        const vars = inst.attr('vars')
        const scopeVars = isRecord(vars) ? vars : {}
        const scope = { ...inst.scope, site }
        const rendered = renderTemplate(
          template,
          scopeVars,
          scope,
          pos ?? inst.resource.config.pos,
          inst.address,
        )
        return name === 'rendered' ? rendered : rendered
      }
      return null
    case 'aws_iam_policy_document':
      if (name === 'json' || name === 'minified_json' || name === 'id')
        return policyDocumentJson(inst, name === 'minified_json')
      return null
    default:
      break
  }
  if (NAMES[type]) return null
  return rt.ctx.unknown(
    'unknown-data-source',
    `data.${type} is read from AWS on plan; Portico cannot know ${inst.address}.${name}`,
    site,
    {
      ...(pos ? { pos } : {}),
      hint: `replace data.${type} with a variable or a literal, or pass the value with -var`,
    },
  )
}
