/**
 * Compiles a VTL template once, from velocityjs's AST to JavaScript closures with API Gateway's
 * Java semantics built in. Rendering walks no AST and looks nothing up by node type: each node
 * became a function when the template was compiled.
 *
 * Over 500 lines on purpose: its switches over velocityjs's node types share
 * the scope, budget and printing closures; values, members, budgets, `replace` and block values
 * already live in their own files. Splitting the switch would pass that state between files.
 */
import { setOwn } from '../../core/index.js'
import { errorMessage } from '../../core/index.js'
import { Buffer } from 'node:buffer'
import { parse } from 'velocityjs'
import { DefinedBlock, LoopInfo } from './block-values.js'
import {
  checkLength,
  enterBudget,
  enterCall,
  leaveBudget,
  leaveCall,
  MAX_STRING_CHARS,
  newBudget,
  spendSteps,
  TemplateRuntimeError,
  type RenderBudget,
} from './budget.js'
import { getIndex, getProperty, callMethod, setMember } from './members.js'
import {
  DOUBLE_QUOTE_MARK,
  preprocessTemplate,
  SINGLE_QUOTE_MARK,
  STOP_MACRO,
  TemplateSyntaxError,
} from './preprocess.js'
import {
  arithmetic,
  isMap,
  isTrue,
  javaCompare,
  javaEquals,
  JavaList,
  listItems,
  printValue,
} from './values.js'

export { TemplateRuntimeError } from './budget.js'

/** Largest template AWS accepts (300 KB). */
export const MAX_TEMPLATE_BYTES: number = 300 * 1024
/** Most iterations of one `#foreach` (AWS's REST quota); further items are skipped. */
export const MAX_FOREACH_ITERATIONS: number = 1000
/** Largest text a render may build, so a template cannot exhaust memory (any built string too). */
export const MAX_OUTPUT_CHARS: number = MAX_STRING_CHARS

/** The state of one render. */
export interface RenderScope {
  /** Variables by slot (each name gets a slot when the template is compiled). */
  readonly vars: unknown[]
  out: string
  /** 0 running, 1 `#break`, 2 `#stop`. */
  halt: 0 | 1 | 2
  /** What the render has left to spend (budget.ts). */
  readonly budget: RenderBudget
}

type Node = (scope: RenderScope) => void
type Expr = (scope: RenderScope) => unknown

/** The variables every template starts with. */
export interface TemplateGlobals {
  readonly input: unknown
  readonly util: unknown
  readonly context: unknown
  readonly stageVariables: unknown
}

/** A compiled template: renders with the given globals. */
export interface CompiledTemplate {
  (globals: TemplateGlobals): string
  /** Whether the template mentions `$context` (if not, callers may skip building it). */
  readonly usesContext: boolean
}

/** Slots of the globals and loop variables, fixed for every template. */
const FIXED_SLOTS = ['input', 'util', 'context', 'stageVariables', 'foreach', 'velocityCount']
const FOREACH = 4
const VELOCITY_COUNT = 5

/**
 * A node of velocityjs's AST, with velocityjs's own types (its version is pinned in package.json:
 * the AST is not a public contract). Where its catch-all node shares a `type` with a specific one
 * (`macro_call`, `if`), a cast picks the specific one.
 */
type VelocityNode = ReturnType<typeof parse>[number]
/**
 * What velocityjs's parser really returns: its nodes, the literal text between them, and each
 * block (`#if`, `#foreach`, `#macro`, `#define`) as a nested list headed by its directive. Its
 * declared return type lists only the nodes.
 */
type Parsed = VelocityNode | string | Parsed[]
type ReferenceNode = Extract<VelocityNode, { type: 'references' }>
type SetNode = Extract<VelocityNode, { type: 'set' }>
type MacroNode = Extract<VelocityNode, { type: 'macro' }>
type MacroCallNode = Extract<VelocityNode, { type: 'macro_call' }>
type ForeachNode = Extract<VelocityNode, { type: 'foreach'; from: unknown }>
type ConditionNode = Extract<VelocityNode, { condition: unknown }>
type StringNode = Extract<VelocityNode, { type: 'string' }>
type ArrayNode = Extract<VelocityNode, { type: 'array' }>
type MathNode = Extract<VelocityNode, { type: 'math' }>
type Attribute = NonNullable<ReferenceNode['path']>[number]

/** A node (not text, not a block). */
const isNode = (parsed: Parsed | undefined): parsed is VelocityNode =>
  typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)

interface CompileContext {
  readonly macros: Map<string, { params: number[]; body: Node }>
  readonly slots: Map<string, number>
  /** Slots some reference reads or writes. */
  readonly usedSlots: Set<number>
  /** Expressions compiled so far in the block being compiled: part of its step cost. */
  weight: number
}

/** The slot of a variable name, assigned on first sight. */
function slotOf(context: CompileContext, name: string): number {
  let slot = context.slots.get(name)
  if (slot === undefined) {
    slot = context.slots.size
    context.slots.set(name, slot)
  }
  context.usedSlots.add(slot)
  return slot
}

/**
 * Compiles template text.
 *
 * @example
 * ```ts
 * const render = compileTemplate('#set($n = 5 / 2)$n')
 * render({ input: null, util: null, context: null, stageVariables: null }) // '2'
 * ```
 *
 * @param source - the template
 * @returns the renderer
 * @throws TemplateSyntaxError when the template does not parse
 */
export function compileTemplate(source: string): CompiledTemplate {
  if (Buffer.byteLength(source) > MAX_TEMPLATE_BYTES)
    throw new TemplateSyntaxError(`template is larger than ${MAX_TEMPLATE_BYTES} bytes`)
  const ast = parseSource(source)
  const context: CompileContext = {
    macros: new Map(),
    slots: new Map(FIXED_SLOTS.map((name, i) => [name, i])),
    usedSlots: new Set(),
    weight: 0,
  }
  collectMacros(ast, context)
  const body = compileNodes(ast, context)
  const size = context.slots.size
  const usesContext = context.usedSlots.has(2)
  const render = (globals: TemplateGlobals): string => {
    const vars: unknown[] = new Array(size)
    vars[0] = globals.input
    vars[1] = globals.util
    vars[2] = globals.context
    vars[3] = globals.stageVariables
    const budget = newBudget()
    const scope: RenderScope = { vars, out: '', halt: 0, budget }
    const saved = enterBudget(budget)
    try {
      body(scope)
    } catch (error) {
      // A string or stack past V8's limits is the template's failure, not the host's.
      if (error instanceof RangeError)
        throw new TemplateRuntimeError(`template failed: ${error.message}`, { cause: error })
      throw error
    } finally {
      leaveBudget(saved)
    }
    return scope.out
  }
  return Object.assign(render, { usesContext })
}

function parseSource(source: string): Parsed[] {
  try {
    return parse(preprocessTemplate(source))
  } catch (error) {
    if (error instanceof TemplateSyntaxError) throw error
    const message = errorMessage(error).split('\n')
    throw new TemplateSyntaxError(message.slice(0, 3).join(' '))
  }
}

function collectMacros(nodes: Parsed[], context: CompileContext): void {
  for (const node of nodes) {
    if (!Array.isArray(node)) continue
    const head = node[0]
    if (isNode(head) && head.type === 'macro') {
      const params = ((head as MacroNode).args ?? []).map((a) =>
        slotOf(context, (a as ReferenceNode).id),
      )
      // Registered before compiling bodies so macros can call each other and themselves.
      const entry = { params, body: (() => {}) as Node }
      context.macros.set(head.id, entry)
      entry.body = compileNodes(node.slice(1), context)
    } else collectMacros(node, context)
  }
}

function restoreQuotes(text: string): string {
  return text.replaceAll(SINGLE_QUOTE_MARK, "'").replaceAll(DOUBLE_QUOTE_MARK, '"')
}

function outputTooLarge(): never {
  throw new TemplateRuntimeError(`template output is larger than ${MAX_OUTPUT_CHARS} characters`)
}

/**
 * Compiles a block. Each run of it spends its static cost in steps (1, plus its nodes, plus the
 * expressions and member accesses directly in it; nested blocks spend their own), and checks the
 * output length when done.
 */
function compileNodes(nodes: Parsed[], context: CompileContext): Node {
  const outerWeight = context.weight
  context.weight = 0
  // Each step is the literal text before a node, then the node; text is never its own call.
  const texts: string[] = []
  const steps: Node[] = []
  let text = ''
  for (const node of nodes) {
    if (typeof node === 'string') {
      text += node
      continue
    }
    if (isNode(node) && node.type === 'raw') {
      text += node.value as string
      continue
    }
    if (isNode(node) && node.type === 'comment') continue
    if (Array.isArray(node) && isNode(node[0]) && node[0].type === 'macro') continue
    texts.push(text)
    steps.push(compileNode(node, context))
    text = ''
  }
  const tail = text
  const count = steps.length
  const cost = 1 + count + context.weight
  context.weight = outerWeight
  if (count === 0) {
    return (scope) => {
      spendSteps(cost)
      if ((scope.out += tail).length > MAX_OUTPUT_CHARS) outputTooLarge()
    }
  }
  if (count === 1) {
    const head = texts[0] as string
    const only = steps[0] as Node
    return (scope) => {
      spendSteps(cost)
      scope.out += head
      only(scope)
      if (scope.halt === 0) scope.out += tail
      if (scope.out.length > MAX_OUTPUT_CHARS) outputTooLarge()
    }
  }
  return (scope) => {
    spendSteps(cost)
    for (let i = 0; i < count; i++) {
      scope.out += texts[i] as string
      ;(steps[i] as Node)(scope)
      if (scope.halt !== 0) break
    }
    if (scope.halt === 0) scope.out += tail
    if (scope.out.length > MAX_OUTPUT_CHARS) outputTooLarge()
  }
}

function compileNode(node: VelocityNode | Parsed[], context: CompileContext): Node {
  if (Array.isArray(node)) return compileBlock(node, context)
  switch (node.type) {
    case 'references':
      return compilePrint(node, context)
    case 'set':
      return compileSet(node, context)
    case 'break':
      return (scope) => {
        scope.halt = 1
      }
    case 'macro_call':
      return compileMacroCall(node as MacroCallNode, context)
    default:
      throw new TemplateSyntaxError(`unsupported VTL construct ${String(node.type)}`)
  }
}

function compilePrint(node: ReferenceNode, context: CompileContext): Node {
  const value = compileReference(node, context)
  const path = node.path ?? []
  const first = path[0]
  if (path.length === 1 && first?.type === 'property') {
    // `$item.name`, the commonest print, in one call.
    const slot = slotOf(context, node.id)
    const prop = first.id
    return (scope) => {
      const base = scope.vars[slot]
      if (base === null || base === undefined) return
      const v = getProperty(base, prop)
      if (typeof v === 'string') scope.out += v
      else if (v !== null && v !== undefined) scope.out += printValue(v)
    }
  }
  return (scope) => {
    const v = value(scope)
    if (typeof v === 'string') scope.out += v
    else if (v !== null && v !== undefined) scope.out += printValue(v)
  }
}

function compileBlock(node: Parsed[], context: CompileContext): Node {
  const head = node[0]
  if (!isNode(head)) throw new TemplateSyntaxError('unsupported VTL block')
  switch (head.type) {
    case 'if':
      return compileIf(head, node.slice(1), context)
    case 'foreach':
      return compileForeach(head as ForeachNode, node.slice(1), context)
    case 'define': {
      const body = compileNodes(node.slice(1), context)
      const slot = slotOf(context, head.id)
      return (scope) => {
        scope.vars[slot] = new DefinedBlock(body, scope)
      }
    }
    default:
      throw new TemplateSyntaxError(`unsupported VTL block ${String(head.type)}`)
  }
}

function compileIf(head: ConditionNode, children: Parsed[], context: CompileContext): Node {
  const branches: { test: Expr | undefined; body: Node }[] = []
  let current: { test: Expr | undefined; body: Parsed[] } = {
    test: compileExpr(head.condition, context),
    body: [],
  }
  const done: { test: Expr | undefined; body: Parsed[] }[] = []
  for (const child of children) {
    if (isNode(child) && child.type === 'elseif') {
      done.push(current)
      current = { test: compileExpr(child.condition, context), body: [] }
    } else if (isNode(child) && child.type === 'else') {
      done.push(current)
      current = { test: undefined, body: [] }
    } else current.body.push(child)
  }
  done.push(current)
  for (const branch of done)
    branches.push({ test: branch.test, body: compileNodes(branch.body, context) })
  return (scope) => {
    for (const branch of branches) {
      if (branch.test === undefined || isTrue(branch.test(scope))) {
        branch.body(scope)
        return
      }
    }
  }
}

function iterationItems(value: unknown): unknown[] {
  const items = listItems(value)
  if (items) return items
  if (isMap(value)) {
    const values = Object.values(value)
    spendSteps(values.length)
    return values
  }
  return []
}

function compileForeach(head: ForeachNode, body: Parsed[], context: CompileContext): Node {
  const from = compileExpr(head.from, context)
  const slot = slotOf(context, head.to)
  const run = compileNodes(body, context)
  return (scope) => {
    const items = iterationItems(from(scope))
    if (items.length === 0) return
    const vars = scope.vars
    const savedItem = vars[slot]
    const savedLoop = vars[FOREACH]
    const savedCount = vars[VELOCITY_COUNT]
    const size = Math.min(items.length, MAX_FOREACH_ITERATIONS)
    const loop = new LoopInfo(size, savedLoop)
    vars[FOREACH] = loop
    for (let i = 0; i < size; i++) {
      loop.index = i
      vars[slot] = items[i]
      vars[VELOCITY_COUNT] = i + 1
      run(scope)
      if (scope.halt !== 0) {
        if (scope.halt === 1) scope.halt = 0
        break
      }
    }
    vars[slot] = savedItem
    vars[FOREACH] = savedLoop
    vars[VELOCITY_COUNT] = savedCount
  }
}

function compileSet(node: SetNode, context: CompileContext): Node {
  const [target, valueAst] = node.equal
  const value = compileExpr(valueAst, context)
  const slot = slotOf(context, target.id)
  const path = target.path ?? []
  if (path.length === 0) {
    return (scope) => {
      scope.vars[slot] = value(scope)
    }
  }
  const base = compileReference({ ...target, path: path.slice(0, -1) }, context)
  const last = path[path.length - 1] as Attribute
  const name = last.id
  const key: Expr = last.type === 'index' ? compileExpr(last.id, context) : () => name
  return (scope) => {
    const container = base(scope)
    setMember(container, key(scope), value(scope))
  }
}

function compileMacroCall(node: MacroCallNode, context: CompileContext): Node {
  const name = node.id
  if (name === STOP_MACRO)
    return (scope) => {
      scope.halt = 2
    }
  const args = (node.args ?? []).map((a) => compileExpr(a, context))
  return (scope) => {
    const macro = context.macros.get(name)
    if (!macro) return
    const values = args.map((a) => a(scope))
    const saved = macro.params.map((p) => scope.vars[p])
    macro.params.forEach((p, i) => {
      scope.vars[p] = values[i]
    })
    enterCall()
    try {
      macro.body(scope)
    } finally {
      leaveCall()
    }
    macro.params.forEach((p, i) => {
      scope.vars[p] = saved[i]
    })
    if (scope.halt === 1) scope.halt = 0
  }
}

function compileReference(node: ReferenceNode, context: CompileContext): Expr {
  const slot = slotOf(context, node.id)
  context.weight += 1 + (node.path ?? []).length
  const steps = (node.path ?? []).map(
    (step: Attribute): ((v: unknown, s: RenderScope) => unknown) => {
      if (step.type === 'property') {
        const prop = step.id
        return (v) => getProperty(v, prop)
      }
      if (step.type === 'index') {
        const index = compileExpr(step.id, context)
        return (v, s) => getIndex(v, index(s))
      }
      const method = step.id
      const args = Array.isArray(step.args) ? step.args.map((a) => compileExpr(a, context)) : []
      return (v, s) => {
        const values = args.length === 0 ? NO_ARGS : args.map((a) => a(s))
        return callMethod(v, method, values)
      }
    },
  )
  if (steps.length === 0) return (scope) => scope.vars[slot]
  if (steps.length === 1) {
    const only = steps[0] as (v: unknown, s: RenderScope) => unknown
    return (scope) => {
      const v = scope.vars[slot]
      return v === null || v === undefined ? undefined : only(v, scope)
    }
  }
  return (scope) => {
    let v = scope.vars[slot]
    for (let i = 0; i < steps.length; i++) {
      if (v === null || v === undefined) return undefined
      v = (steps[i] as (v: unknown, s: RenderScope) => unknown)(v, scope)
    }
    return v
  }
}

const NO_ARGS: readonly unknown[] = []

function compileExpr(node: VelocityNode | null | undefined, context: CompileContext): Expr {
  if (node === null || node === undefined) return () => undefined
  if (node.type !== 'references') context.weight++
  switch (node.type) {
    case 'references':
      return compileReference(node, context)
    case 'string':
      return compileString(node, context)
    case 'integer':
    case 'decimal': {
      const n = Number(node.value)
      return () => n
    }
    case 'bool': {
      const v = node.value === 'true' ? true : node.value === 'false' ? false : null
      return () => v
    }
    case 'array':
      return compileArray(node, context)
    case 'map': {
      const entries = Object.entries(node.value ?? {}).map(
        ([k, v]) => [restoreQuotes(k), compileExpr(v, context)] as const,
      )
      return (scope) => {
        const m: Record<string, unknown> = {}
        for (const [k, v] of entries) setOwn(m, k, v(scope))
        return m
      }
    }
    case 'math':
      return compileMath(node, context)
    case 'runt': {
      const text = String(node.value)
      return () => text
    }
    default:
      throw new TemplateSyntaxError(`unsupported VTL expression ${String(node.type)}`)
  }
}

function compileString(node: StringNode, context: CompileContext): Expr {
  const raw = restoreQuotes(String(node.value))
  if (!node.isEval || !(raw.includes('$') || raw.includes('#'))) return () => raw
  const body = compileNodes(parseSource(raw), context)
  return (scope) => {
    const saved = scope.out
    const savedHalt = scope.halt
    scope.out = ''
    body(scope)
    const text = scope.out
    scope.out = saved
    scope.halt = savedHalt
    checkLength(text.length)
    return text
  }
}

function compileArray(node: ArrayNode, context: CompileContext): Expr {
  if ('isRange' in node && node.isRange) {
    const [from, to] = (node.value as Array<ReferenceNode | string | number>).map((v) =>
      typeof v === 'object' ? compileExpr(v, context) : () => Number(v),
    ) as [Expr, Expr]
    return (scope) => {
      const a = Number(from(scope))
      const b = Number(to(scope))
      if (!Number.isInteger(a) || !Number.isInteger(b)) return null
      if (Math.abs(b - a) > 100_000) throw new TemplateRuntimeError('range is too large')
      spendSteps(Math.abs(b - a) + 1)
      const items: number[] = []
      if (a <= b) for (let i = a; i <= b; i++) items.push(i)
      else for (let i = a; i >= b; i--) items.push(i)
      return new JavaList(items)
    }
  }
  const items = ((node.value ?? []) as VelocityNode[]).map((v) => compileExpr(v, context))
  return (scope) => new JavaList(items.map((item) => item(scope)))
}

function compileMath(node: MathNode, context: CompileContext): Expr {
  const operator = node.operator
  const operands = node.expression.map((e) => compileExpr(e, context))
  const a = operands[0] as Expr
  const b = operands[1] as Expr
  switch (operator) {
    case 'parenthesis':
      return a
    case 'not':
      return (s) => !isTrue(a(s))
    case 'minus':
      return (s) => {
        const v = a(s)
        return typeof v === 'number' ? -v : null
      }
    case '&&':
      return (s) => isTrue(a(s)) && isTrue(b(s))
    case '||':
      return (s) => isTrue(a(s)) || isTrue(b(s))
    case '==':
      return (s) => javaEquals(a(s), b(s))
    case '!=':
      return (s) => !javaEquals(a(s), b(s))
    case '<':
    case '>':
    case '<=':
    case '>=':
      return (s) => {
        const c = javaCompare(a(s), b(s))
        if (c === undefined) return false
        return operator === '<'
          ? c < 0
          : operator === '>'
            ? c > 0
            : operator === '<='
              ? c <= 0
              : c >= 0
      }
    case '+':
    case '-':
    case '*':
    case '/':
    case '%': {
      // A decimal literal operand makes it decimal arithmetic (`5.0 / 2` is 2.5).
      const decimal = node.expression.some((e) => e?.type === 'decimal')
      return (s) => arithmetic(operator, a(s), b(s), decimal)
    }
    default:
      throw new TemplateSyntaxError(`unsupported operator ${operator}`)
  }
}
