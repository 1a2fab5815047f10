/**
 * Stages as AWS has them: each points at a deployment (an immutable compiled snapshot of a
 * definition) and has its own variables and settings, optionally with a canary that serves a
 * share of requests from another deployment. Changing a stage swaps its runtime; the cache,
 * metrics, buckets and quotas carry on.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/canary-release.html
 */
import { ConfigError } from '../errors.js'
import type { ApiDefinition } from '../definition/index.js'
import type { CacheStore } from '../cache/index.js'
import type { CompiledApi } from './compiled-api.js'
import type { StageOptions, StagePatch, StageRuntime } from '../stages/index.js'

/** A deployment: one compiled snapshot of a definition. */
export interface Deployment {
  readonly id: string
  readonly description: string
  /** Epoch milliseconds. */
  readonly createdDate: number
  readonly definition: ApiDefinition
  readonly api: CompiledApi
}

/** Builds a runtime for stage options, keeping a cache and metrics when given. */
export type RuntimeFactory = (
  options: StageOptions,
  continuity: {
    cache?: CacheStore | undefined
    metrics?: StageRuntime['metrics']
    isCanaryRequest?: boolean
    cacheKeyPrefix?: string
  },
) => StageRuntime

/** What serves one request: the deployment's API and the stage runtime. */
export interface StageTarget {
  readonly api: CompiledApi
  readonly runtime: StageRuntime
}

/** One stage: its settings, deployment and optional canary. */
export class StageHost {
  readonly name: string
  #options: StageOptions
  #main!: StageTarget
  #canary: (StageTarget & { readonly percent: number }) | undefined
  readonly #deployments: ReadonlyMap<string, Deployment>
  readonly #factory: RuntimeFactory

  constructor(
    options: StageOptions,
    deployments: ReadonlyMap<string, Deployment>,
    factory: RuntimeFactory,
  ) {
    this.name = options.name ?? 'dev'
    this.#options = options
    this.#deployments = deployments
    this.#factory = factory
    this.#build(undefined)
  }

  /** The stage's settings as last set. */
  get options(): StageOptions {
    return this.#options
  }

  /** The production side of the stage. */
  get main(): StageTarget {
    return this.#main
  }

  /**
   * Applies a change, like `update-stage`: settings merge, `canarySettings: null` removes the
   * canary. Cache, metrics and traffic state carry on.
   *
   * @param patch - the fields to change
   * @throws ConfigError for an unknown deployment or bad settings (the stage is unchanged)
   */
  update(patch: StagePatch): void {
    const { canarySettings, ...rest } = patch
    const next: StageOptions = { ...this.#options, ...rest, name: this.name }
    if (canarySettings === null) delete next.canarySettings
    else if (canarySettings !== undefined) next.canarySettings = canarySettings
    const previous = { options: this.#options, main: this.#main, canary: this.#canary }
    this.#options = next
    try {
      this.#build(previous.main)
    } catch (error) {
      this.#options = previous.options
      this.#main = previous.main
      this.#canary = previous.canary
      throw error
    }
  }

  #deployment(id: string | undefined, where: string): Deployment {
    const deployment = id === undefined ? undefined : this.#deployments.get(id)
    if (!deployment) throw new ConfigError(where, `unknown deployment ${JSON.stringify(id)}`)
    return deployment
  }

  #build(previous: StageTarget | undefined): void {
    const options = this.#options
    const canary = options.canarySettings
    const deployment = this.#deployment(options.deploymentId, `stage.${this.name}.deploymentId`)
    const keptCache =
      previous?.runtime.cache && options.cacheClusterEnabled ? previous.runtime.cache : undefined
    const main = this.#factory(options, {
      cache: keptCache,
      ...(previous ? { metrics: previous.runtime.metrics } : {}),
      ...(canary ? { isCanaryRequest: false } : {}),
    })
    this.#main = { api: deployment.api, runtime: main }
    if (!canary) {
      this.#canary = undefined
      return
    }
    const percent = canary.percentTraffic ?? 0
    if (!(percent >= 0 && percent <= 100))
      throw new ConfigError(
        `stage.${this.name}.canarySettings.percentTraffic`,
        'must be 0.0 to 100.0',
      )
    const canaryDeployment = this.#deployment(
      canary.deploymentId,
      `stage.${this.name}.canarySettings.deploymentId`,
    )
    // A canary on its own cache keeps it across updates; the factory makes one when there is none.
    const ownCache =
      this.#canary && this.#canary.runtime.cache !== previous?.runtime.cache
        ? this.#canary.runtime.cache
        : undefined
    const canaryCache = canary.useStageCache ? main.cache : ownCache
    const runtime = this.#factory(
      {
        ...options,
        deploymentId: canaryDeployment.id,
        variables: { ...options.variables, ...canary.stageVariableOverrides },
      },
      {
        cache: canaryCache,
        metrics: main.metrics,
        isCanaryRequest: true,
        // On the stage cache the canary shares the stage's keys; on its own, its own.
        cacheKeyPrefix: canary.useStageCache ? main.cacheKeyPrefix : `${this.name}/canary/`,
      },
    )
    this.#canary = { api: canaryDeployment.api, runtime, percent }
  }

  /**
   * The side that serves a request: the canary with probability `percentTraffic / 100`.
   *
   * @param random - the injected random source
   * @returns the API and runtime
   */
  pick(random: () => number): StageTarget {
    const canary = this.#canary
    if (canary && random() * 100 < canary.percent) return canary
    return this.#main
  }
}
