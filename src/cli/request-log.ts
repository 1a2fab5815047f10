/**
 * What `portico serve` prints: one line per request (text, coloured on a terminal, or JSON
 * lines), and the gateway's warnings and errors, with a handler error's stack.
 */
import type { Logger } from '../core/index.js'
import type { RequestSummary } from '../observability/index.js'

/** `text` (coloured on a terminal) or `json` (one object per line). */
export type LogFormat = 'text' | 'json'

/** Where lines go. */
export interface LogSink {
  write(text: string): unknown
  isTTY?: boolean
}

/**
 * Whether to colour: a terminal, and `NO_COLOR` unset or empty (https://no-color.org);
 * `FORCE_COLOR` (not `0`) colours anyway.
 *
 * @param stream - where the lines go
 * @param env - the environment
 * @returns whether to use ANSI colours
 */
export function useColour(stream: LogSink, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false
  if (env['FORCE_COLOR'] !== undefined && env['FORCE_COLOR'] !== '0') return true
  return stream.isTTY === true
}

const paint = (on: boolean, code: string, text: string): string =>
  on ? `\u001b[${code}m${text}\u001b[0m` : text

/**
 * One request as a text line: `GET /pets/7 200 3ms AWS_PROXY GetPet auth=allow cache=hit`.
 *
 * @param s - the request's summary
 * @param colour - whether to use ANSI colours
 * @returns the line, without a newline
 */
export function formatRequestLine(s: RequestSummary, colour: boolean): string {
  const statusColour =
    s.status >= 500 ? '31' : s.status >= 400 ? '33' : s.status >= 300 ? '36' : '32'
  const parts = [
    paint(colour, '1', s.method),
    s.path,
    paint(colour, statusColour, String(s.status)),
    `${formatMs(s.latency)}ms`,
  ]
  if (s.integration)
    parts.push(
      paint(
        colour,
        '2',
        s.integration.type + (s.integration.target ? ` ${s.integration.target}` : ''),
      ),
    )
  else parts.push(paint(colour, '2', 'no route'))
  if (s.authorizer)
    parts.push(paint(colour, s.authorizer === 'allow' ? '2' : '33', `auth=${s.authorizer}`))
  if (s.cache) parts.push(paint(colour, '2', `cache=${s.cache}`))
  if (s.errorType) parts.push(paint(colour, '2', s.errorType))
  return parts.join(' ')
}

/**
 * One request as a JSON line.
 *
 * @param s - the request's summary
 * @param time - epoch milliseconds
 * @returns the JSON text, without a newline
 */
export function formatRequestJson(s: RequestSummary, time: number): string {
  return JSON.stringify({
    time: new Date(time).toISOString(),
    requestId: s.requestId,
    stage: s.stage,
    method: s.method,
    path: s.path,
    resource: s.resource ?? null,
    status: s.status,
    latencyMs: s.latency,
    integrationLatencyMs: s.integrationLatency ?? null,
    integrationType: s.integration?.type ?? null,
    integrationTarget: s.integration?.target ?? null,
    authorizer: s.authorizer ?? null,
    cache: s.cache ?? null,
    errorType: s.errorType ?? null,
  })
}

function formatMs(ms: number): string {
  return ms < 10 ? ms.toFixed(1) : String(Math.round(ms))
}

/**
 * The request-log hook for `GatewayOptions.onRequestComplete`.
 *
 * @param format - text or json
 * @param out - where lines go (stdout)
 * @returns the hook
 */
export function createRequestLog(
  format: LogFormat,
  out: LogSink = process.stdout,
): (summary: RequestSummary) => void {
  if (format === 'json') return (s) => out.write(formatRequestJson(s, Date.now()) + '\n')
  const colour = useColour(out)
  return (s) => out.write(formatRequestLine(s, colour) + '\n')
}

/**
 * The CLI's logger: warnings and errors on stderr (`[portico] message`, an error's stack
 * indented below it), execution-log lines when a stage's `methodSettings` turns them on, or
 * JSON lines with `level`, `message` and `stack`.
 *
 * @param format - text or json
 * @param err - where lines go (stderr)
 * @returns the logger
 */
export function createCliLogger(format: LogFormat, err: LogSink = process.stderr): Logger {
  const colour = format === 'text' && useColour(err)
  const write =
    (level: 'warn' | 'error') =>
    (message: string, fields?: Record<string, unknown>): void => {
      const error = fields?.['error'] ?? fields?.['cause']
      const stack = error instanceof Error && error.stack ? error.stack : undefined
      if (format === 'json') {
        const { error: _, cause: __, ...rest } = fields ?? {}
        err.write(
          JSON.stringify({
            time: new Date().toISOString(),
            level,
            message,
            ...rest,
            ...(stack ? { stack } : {}),
          }) + '\n',
        )
        return
      }
      const label = paint(colour, level === 'error' ? '31' : '33', `[portico] ${level}:`)
      const method = fields?.['method']
      const path = fields?.['path']
      const where =
        typeof method === 'string' && typeof path === 'string' ? ` (${method} ${path})` : ''
      const indented = stack ? '\n' + stack.replace(/^/gm, '    ') : ''
      err.write(`${label} ${message}${where}${indented}\n`)
    }
  // `info` carries only execution-log lines (a stage's `methodSettings` `loggingLevel`): each
  // line as it is (`(requestId) text`, as CloudWatch shows it), or a JSON line.
  const info = (message: string, fields?: Record<string, unknown>): void => {
    if (fields?.['executionLog'] !== true) return
    if (format === 'json') {
      const requestId = fields['requestId']
      err.write(
        JSON.stringify({ time: new Date().toISOString(), level: 'info', message, requestId }) +
          '\n',
      )
    } else err.write(`${paint(colour, '2', message)}\n`)
  }
  return { debug() {}, info, warn: write('warn'), error: write('error') }
}
