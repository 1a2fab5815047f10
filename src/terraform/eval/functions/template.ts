/**
 * Templates rendered at evaluation time (`templatefile`, `data.template_file`): the text parsed
 * by the HCL template parser, evaluated with only the variables passed in.
 */
import type { SourcePos } from '../../hcl/ast.js'
import { errorMessage } from '../../../core/index.js'
import type { TfValue } from '../../values.js'
import type { Scope } from '../context.js'
import { evalTemplate } from '../expr.js'
import { sortedKeys, type TfRecord } from '../value-ops.js'

/**
 * Renders `text` as a template with `vars` as its only names.
 *
 * @param file - the template's file (or the resource address) for positions
 */
export function renderTemplate(
  text: string,
  vars: TfRecord,
  scope: Scope,
  pos: SourcePos,
  file: string,
): TfValue {
  const rt = scope.module.runtime
  let parts
  try {
    parts = rt.parseTemplate(text, file)
  } catch (e) {
    return rt.ctx.error(
      'invalid-template',
      `cannot parse the template: ${errorMessage(e)}`,
      scope.site,
      {
        pos,
      },
    )
  }
  const names = new Map<string, TfValue>()
  for (const k of sortedKeys(vars)) names.set(k, vars[k] ?? null)
  return evalTemplate(
    parts,
    { module: scope.module, names, site: scope.site, isolated: true },
    pos,
    false,
  )
}
