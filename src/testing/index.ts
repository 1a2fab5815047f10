/**
 * Test helpers: a manual clock, a seeded random source, a logger that records.
 *
 * @example
 * ```ts
 * import { FakeClock, seededRandom } from 'portico/testing'
 * const gateway = createGateway({ api, clock: new FakeClock(), random: seededRandom(1) })
 * ```
 *
 * @module
 */
export { FakeClock } from './fake-clock.js'
export { seededRandom } from './seeded-random.js'
export { createRecordingLogger, type LogEntry, type RecordingLogger } from './recording-logger.js'
