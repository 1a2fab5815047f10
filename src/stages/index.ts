/**
 * Stages: name, variables, method and route settings, cache, metrics and access-log settings;
 * shared by REST, HTTP and WebSocket APIs.
 */
export {
  createStageRuntime,
  type CanarySettings,
  type RouteSetting,
  type StageOptions,
  type StagePatch,
  type PublicStage,
  type StageRuntime,
} from './stage-runtime.js'
export { substituteStageVariables } from './stage-variables.js'
