/**
 * The syntax tree of HCL2 native syntax, as the Terraform reader needs it: bodies of attributes
 * and blocks, and expressions with their place in the file.
 *
 * Shapes follow the HCL native syntax specification (hashicorp/hcl, `hclsyntax/spec.md`).
 * Contract between the parser (`parse.ts`) and the evaluator (`../eval/`).
 */

/** Where a node starts: file path as given to the parser, 1-based line and column. */
export interface SourcePos {
  readonly file: string
  readonly line: number
  readonly column: number
}

/** A file or block body. Attribute names are unique within one body (else a ConfigError). */
export interface HclBody {
  readonly attributes: readonly HclAttribute[]
  readonly blocks: readonly HclBlock[]
  readonly pos: SourcePos
}

/** `name = expr` */
export interface HclAttribute {
  readonly name: string
  readonly expr: Expr
  readonly pos: SourcePos
}

/** `type "label" "label" { body }` (labels may be quoted strings or bare identifiers). */
export interface HclBlock {
  readonly type: string
  readonly labels: readonly string[]
  readonly body: HclBody
  readonly pos: SourcePos
}

/** `+ - * / % == != < <= > >= && ||` */
export type BinaryOp =
  | '+'
  | '-'
  | '*'
  | '/'
  | '%'
  | '=='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | '&&'
  | '||'

/**
 * An expression. Traversals are nested `getattr`/`index` nodes over a `variable` root:
 * `aws_lambda_function.fn.invoke_arn` is getattr(getattr(variable(aws_lambda_function), fn),
 * invoke_arn); `var.list[0]` and legacy `var.list.0` are index(getattr(variable(var), list), 0).
 */
export type Expr =
  | {
      readonly kind: 'literal'
      readonly value: string | number | boolean | null
      readonly pos: SourcePos
    }
  /** A quoted string or heredoc with interpolations or directives (a plain one is a `literal`). */
  | { readonly kind: 'template'; readonly parts: readonly TemplatePart[]; readonly pos: SourcePos }
  | { readonly kind: 'variable'; readonly name: string; readonly pos: SourcePos }
  | {
      readonly kind: 'getattr'
      readonly target: Expr
      readonly name: string
      readonly pos: SourcePos
    }
  | { readonly kind: 'index'; readonly target: Expr; readonly key: Expr; readonly pos: SourcePos }
  /**
   * `target[*].a.b` or `target.*.a`: `each` is applied to every element, with the element as
   * the `splat-item` node inside it (for a bare `target[*]`, `each` is the `splat-item` itself).
   */
  | { readonly kind: 'splat'; readonly target: Expr; readonly each: Expr; readonly pos: SourcePos }
  | { readonly kind: 'splat-item'; readonly pos: SourcePos }
  /** `name(args)`; `expandFinal` for `f(a, list...)`. Namespaced names keep `::` (`provider::x::f`). */
  | {
      readonly kind: 'call'
      readonly name: string
      readonly args: readonly Expr[]
      readonly expandFinal: boolean
      readonly pos: SourcePos
    }
  | { readonly kind: 'tuple'; readonly items: readonly Expr[]; readonly pos: SourcePos }
  /**
   * `{ key = value, key: value }`. A bare identifier key is a `literal` string key (HCL's rule);
   * `(expr)` or a quoted template key is an expression.
   */
  | {
      readonly kind: 'object'
      readonly items: readonly { readonly key: Expr; readonly value: Expr }[]
      readonly pos: SourcePos
    }
  | {
      readonly kind: 'unary'
      readonly op: '-' | '!'
      readonly operand: Expr
      readonly pos: SourcePos
    }
  | {
      readonly kind: 'binary'
      readonly op: BinaryOp
      readonly left: Expr
      readonly right: Expr
      readonly pos: SourcePos
    }
  | {
      readonly kind: 'conditional'
      readonly condition: Expr
      readonly then: Expr
      readonly else: Expr
      readonly pos: SourcePos
    }
  /**
   * `[for k, v in coll : value if cond]` (`object` false) or
   * `{for k, v in coll : key => value... if cond}` (`object` true, `grouping` for `...`).
   */
  | {
      readonly kind: 'for'
      readonly keyVar: string | undefined
      readonly valueVar: string
      readonly collection: Expr
      readonly keyExpr: Expr | undefined
      readonly valueExpr: Expr
      readonly condition: Expr | undefined
      readonly object: boolean
      readonly grouping: boolean
      readonly pos: SourcePos
    }
  | { readonly kind: 'parens'; readonly expr: Expr; readonly pos: SourcePos }

/**
 * A piece of a template. The parser applies strip markers (`${~ … ~}`, `%{~ … ~}`) to the
 * neighbouring text parts, and heredoc `<<-` indentation, so the evaluator only concatenates.
 * `$${` and `%%{` escapes are already turned into literal text.
 */
export type TemplatePart =
  | { readonly kind: 'text'; readonly value: string }
  | { readonly kind: 'interpolation'; readonly expr: Expr }
  | {
      readonly kind: 'if'
      readonly condition: Expr
      readonly then: readonly TemplatePart[]
      readonly else: readonly TemplatePart[]
    }
  | {
      readonly kind: 'for'
      readonly keyVar: string | undefined
      readonly valueVar: string
      readonly collection: Expr
      readonly body: readonly TemplatePart[]
    }
