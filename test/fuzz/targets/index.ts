// Every fuzz target, by name (the order `npm run fuzz` runs them in) and its share of FUZZ_RUNS.
import type { FuzzTarget } from '../core.js'
import { authTarget } from './auth.js'
import { definitionsTarget } from './definitions.js'
import { httpTarget } from './http.js'
import { vtlTarget } from './vtl.js'
import { wsTarget } from './ws.js'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const TARGETS: Record<string, { target: FuzzTarget<any, any>; share: number }> = {
  http: { target: httpTarget, share: 0.15 },
  vtl: { target: vtlTarget, share: 0.3 },
  definitions: { target: definitionsTarget, share: 0.2 },
  auth: { target: authTarget, share: 0.25 },
  ws: { target: wsTarget, share: 0.05 },
}
