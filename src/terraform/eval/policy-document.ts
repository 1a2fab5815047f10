/**
 * `data.aws_iam_policy_document`: the policy JSON built from `statement` blocks, as the AWS
 * provider builds it (a list of one action or resource becomes a string, `"*"` principals of
 * type `*` become `"*"`). Keys are sorted (JSON-equal to the provider's output, not byte-equal).
 * Tokens (ARNs known after apply) stay tokens inside the text.
 */
import { UnknownValue, type TfValue } from '../values.js'
import { jsonPieces } from './functions/json.js'
import type { InstanceState } from './resources.js'
import { field, isList, isRecord, makeRecord, type TfRecord } from './value-ops.js'

function stringList(v: TfValue | undefined): TfValue | undefined {
  if (v === undefined || v === null) return undefined
  const items = isList(v) ? v : [v]
  if (items.length === 0) return undefined
  if (items.length === 1) return items[0] ?? null
  const known = items
    .filter((x) => typeof x === 'string')
    .sort((a, b) => (a < b ? 1 : a > b ? -1 : 0))
  return [...known, ...items.filter((x) => typeof x !== 'string')]
}

function principals(blocks: TfValue | undefined): TfValue | undefined {
  if (!isList(blocks) || blocks.length === 0) return undefined
  const byType = new Map<string, TfValue[]>()
  for (const b of blocks) {
    if (!isRecord(b)) continue
    const type = field(b, 'type')
    const ids = field(b, 'identifiers')
    if (typeof type !== 'string') continue
    const list = byType.get(type) ?? []
    list.push(...(isList(ids) ? ids : ids === undefined ? [] : [ids]))
    byType.set(type, list)
  }
  const star = byType.get('*')
  if (byType.size === 1 && star && star.length === 1 && star[0] === '*') return '*'
  return makeRecord([...byType].map(([t, ids]) => [t, stringList(ids) ?? null]))
}

function conditions(blocks: TfValue | undefined): TfValue | undefined {
  if (!isList(blocks) || blocks.length === 0) return undefined
  const byTest = new Map<string, [string, TfValue][]>()
  for (const b of blocks) {
    if (!isRecord(b)) continue
    const test = field(b, 'test')
    const variable = field(b, 'variable')
    if (typeof test !== 'string' || typeof variable !== 'string') continue
    const list = byTest.get(test) ?? []
    list.push([variable, stringList(field(b, 'values')) ?? null])
    byTest.set(test, list)
  }
  return makeRecord([...byTest].map(([t, vars]) => [t, makeRecord(vars)]))
}

function statement(s: TfRecord): TfRecord {
  const entries: [string, TfValue][] = []
  const put = (k: string, v: TfValue | undefined): void => {
    if (v !== undefined && v !== null && v !== '') entries.push([k, v])
  }
  put('Sid', field(s, 'sid'))
  put('Effect', field(s, 'effect') ?? 'Allow')
  put('Action', stringList(field(s, 'actions')))
  put('NotAction', stringList(field(s, 'not_actions')))
  put('Resource', stringList(field(s, 'resources')))
  put('NotResource', stringList(field(s, 'not_resources')))
  put('Principal', principals(field(s, 'principals')))
  put('NotPrincipal', principals(field(s, 'not_principals')))
  put('Condition', conditions(field(s, 'condition')))
  return makeRecord(entries)
}

/** The policy JSON of an aws_iam_policy_document instance. */
export function policyDocumentJson(inst: InstanceState, _minified: boolean): TfValue {
  const rt = inst.resource.module.runtime
  for (const merged of [
    'source_policy_documents',
    'override_policy_documents',
    'source_json',
    'override_json',
  ]) {
    const v = inst.attr(merged)
    if (
      v !== null &&
      !(v instanceof UnknownValue && v.diagnostic.code === 'computed-value') &&
      inst.configuredNames().includes(merged)
    )
      return rt.ctx.unknown(
        'unsupported-argument',
        `${inst.address}: ${merged} is not merged by Portico`,
        { address: inst.address, attribute: merged },
        { hint: 'write the statements in this data source, or use jsonencode()' },
      )
  }
  const stmts = inst.attr('statement')
  if (stmts instanceof UnknownValue) return stmts
  const list = isList(stmts) ? stmts.filter(isRecord).map(statement) : []
  const doc: [string, TfValue][] = [['Version', inst.attr('version') ?? '2012-10-17']]
  const id = inst.configuredNames().includes('policy_id') ? inst.attr('policy_id') : null
  if (id !== null) doc.push(['Id', id])
  doc.push(['Statement', list])
  const record = makeRecord(
    doc.map(([k, v]) => [k, v === null && k === 'Version' ? '2012-10-17' : v]),
  )
  try {
    return jsonPieces(record)
  } catch {
    const u = Object.values(record).find((v) => v instanceof UnknownValue)
    return (
      u ??
      rt.ctx.unknown('invalid-argument', `${inst.address}: cannot build the policy`, {
        address: inst.address,
      })
    )
  }
}
