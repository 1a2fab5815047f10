/**
 * A logger that keeps what it is told, for assertions on the execution log.
 */
import type { Logger } from '../core/index.js'

/** One log line. */
export interface LogEntry {
  readonly level: 'debug' | 'info' | 'warn' | 'error'
  readonly message: string
  readonly fields: Record<string, unknown> | undefined
}

/** A {@link Logger} with its entries. */
export interface RecordingLogger extends Logger {
  readonly entries: LogEntry[]
}

/**
 * Creates a recording logger.
 *
 * @returns the logger
 * @example
 * ```ts
 * const logger = createRecordingLogger()
 * createGateway({ api, logger })
 * logger.entries.filter((e) => e.level === 'error')
 * ```
 */
export function createRecordingLogger(): RecordingLogger {
  const entries: LogEntry[] = []
  const at =
    (level: LogEntry['level']) =>
    (message: string, fields?: Record<string, unknown>): void => {
      entries.push({ level, message, fields })
    }
  return { entries, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }
}
