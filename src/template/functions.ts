/**
 * The Lambda functions of a template (`AWS::Serverless::Function` with its Globals,
 * `AWS::Lambda::Function`): name, ARN, runtime, handler, where the code is, environment,
 * timeout and memory — what `sam local` reads to run them.
 *
 * @see https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-function.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-function.html
 */
import { isAbsolute, resolve } from 'node:path'
import { isPorticoError } from '../errors.js'
import type { TemplateResolver } from './intrinsics.js'
import { isObject, type Doc } from './openapi-edit.js'

/** A function of the template. */
export interface TemplateFunction {
  readonly logicalId: string
  readonly type: 'AWS::Serverless::Function' | 'AWS::Lambda::Function'
  /** `FunctionName`, or the logical id when CloudFormation would generate it. */
  readonly functionName: string
  /** `arn:aws:lambda:{region}:{account}:function:{functionName}` */
  readonly functionArn: string
  /** e.g. `nodejs20.x`; undefined for container images. */
  readonly runtime: string | undefined
  /** e.g. `src/app.handler`. */
  readonly handler: string | undefined
  /** Absolute path of the code directory, when it is local (`CodeUri`, CDK asset path). */
  readonly codeUri: string | undefined
  /** Source given in the template (`InlineCode`, `Code.ZipFile`). */
  readonly inlineCode: string | undefined
  /** `Environment.Variables`, resolved (variables that do not resolve are left out, with a warning). */
  readonly environment: Readonly<Record<string, string>>
  /** Seconds. @default 3 */
  readonly timeout: number
  /** MB. @default 128 */
  readonly memorySize: number
}

const TYPES = new Set(['AWS::Serverless::Function', 'AWS::Lambda::Function'])

function localDir(value: unknown, baseDir: string): string | undefined {
  if (typeof value !== 'string' || value === '' || /^(s3|https?):\/\//i.test(value))
    return undefined
  return isAbsolute(value) ? value : resolve(baseDir, value)
}

/**
 * Lists the functions of a template.
 *
 * @param resolver - the resolver of the (SAM-translated) template
 * @param baseDir - the directory relative code paths start from
 * @param warn - receives what is left out
 * @returns the functions, in template order
 * @throws ConfigError when a property that shapes the function does not resolve
 */
export function readFunctions(
  resolver: TemplateResolver,
  baseDir: string,
  warn: (message: string) => void,
): TemplateFunction[] {
  const out: TemplateFunction[] = []
  for (const [logicalId, resource] of resolver.resources) {
    if (!TYPES.has(resource.Type)) continue
    const where = `Resources.${logicalId}.Properties`
    const raw = resource.Properties ?? {}
    const pick = (key: string): unknown =>
      raw[key] === undefined ? undefined : resolver.resolve(raw[key], `${where}.${key}`)
    const functionName = String(resolver.ref(logicalId, `Resources.${logicalId}`))
    const serverless = resource.Type === 'AWS::Serverless::Function'
    const code = serverless ? undefined : pick('Code')
    const asset = resource.Metadata?.['aws:asset:path']
    const inline = serverless ? pick('InlineCode') : isObject(code) ? code['ZipFile'] : undefined
    // `sam local` runs a function without CodeUri from the template's directory.
    const codeUri = serverless
      ? localDir(pick('CodeUri') ?? (inline === undefined ? '.' : undefined), baseDir)
      : localDir(asset, baseDir)
    const runtime = pick('Runtime')
    const handler = pick('Handler')
    out.push({
      logicalId,
      type: resource.Type as TemplateFunction['type'],
      functionName,
      functionArn: resolver.getAtt(logicalId, 'Arn', `Resources.${logicalId}`),
      runtime: typeof runtime === 'string' ? runtime : undefined,
      handler: typeof handler === 'string' ? handler : undefined,
      codeUri,
      inlineCode: typeof inline === 'string' ? inline : undefined,
      environment: environment(resolver, raw, where, warn),
      timeout: Number(pick('Timeout') ?? 3),
      memorySize: Number(pick('MemorySize') ?? 128),
    })
  }
  return out
}

function environment(
  resolver: TemplateResolver,
  raw: Doc,
  where: string,
  warn: (message: string) => void,
): Record<string, string> {
  const env = raw['Environment']
  const variables = isObject(env) && isObject(env['Variables']) ? env['Variables'] : {}
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(variables)) {
    const path = `${where}.Environment.Variables.${name}`
    try {
      const resolved = resolver.resolve(value, path)
      if (
        typeof resolved === 'string' ||
        typeof resolved === 'number' ||
        typeof resolved === 'boolean'
      )
        out[name] = String(resolved)
      else if (typeof resolved !== 'symbol') warn(`${path} is left out: it is not a string`)
    } catch (error) {
      if (!isPorticoError(error)) throw error
      warn(`${path} is left out: ${error.message}`)
    }
  }
  return out
}
