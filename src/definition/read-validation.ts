/**
 * Request validation: models (`definitions` / `components.schemas`),
 * `x-amazon-apigateway-request-validators` and `x-amazon-apigateway-request-validator`, and the
 * check that every method names a validator and models that exist.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-request-validators.html
 */
import { getOwn } from '../core/index.js'
import { ConfigError } from '../errors.js'
import { X, type ImportContext } from './import-context.js'
import type { ApiDefinition, ModelDefinition, RequestValidatorDefinition } from './model.js'
import { at, optionalBoolean, optionalObject, readObject, type Doc } from './read.js'

/**
 * Reads the models: JSON Schema (draft 4) objects with alphanumeric names.
 *
 * @param ctx - the import
 * @returns models by name
 * @throws ConfigError for a name that is not alphanumeric or a schema that is not an object
 */
export function readModels(ctx: ImportContext): Record<string, ModelDefinition> {
  const where = ctx.isSwagger ? 'definitions' : 'components.schemas'
  const components = ctx.isSwagger ? undefined : optionalObject(ctx.doc, 'components', '')
  const source = ctx.isSwagger
    ? optionalObject(ctx.doc, 'definitions', '')
    : components && optionalObject(components, 'schemas', 'components')
  const models: Record<string, ModelDefinition> = {}
  for (const [name, schema] of Object.entries(source ?? {})) {
    if (!/^[A-Za-z0-9]+$/.test(name))
      throw new ConfigError(at(where, name), 'model names must be alphanumeric')
    models[name] = {
      name,
      contentType: 'application/json',
      schema: readObject(schema, at(where, name)),
    }
  }
  return models
}

/**
 * Reads `x-amazon-apigateway-request-validators`.
 *
 * @param doc - the document
 * @returns validators by name
 */
export function readRequestValidators(doc: Doc): Record<string, RequestValidatorDefinition> {
  const where = `${X}request-validators`
  const out: Record<string, RequestValidatorDefinition> = {}
  for (const [name, raw] of Object.entries(optionalObject(doc, where, '') ?? {})) {
    const path = at(where, name)
    const validator = readObject(raw, path)
    out[name] = {
      validateRequestBody: optionalBoolean(validator, 'validateRequestBody', path) ?? false,
      validateRequestParameters:
        optionalBoolean(validator, 'validateRequestParameters', path) ?? false,
    }
  }
  return out
}

/**
 * Checks that the root and every method name a defined validator, and every request model exists.
 *
 * @param definition - the imported definition
 * @throws ConfigError naming the method that refers to something undefined
 */
export function checkReferences(definition: ApiDefinition): void {
  const validators = definition.requestValidators
  if (definition.requestValidator !== undefined && !validators[definition.requestValidator]) {
    throw new ConfigError(
      `${X}request-validator`,
      `request validator ${JSON.stringify(definition.requestValidator)} is not defined`,
    )
  }
  for (const resource of definition.resources) {
    for (const method of Object.values(resource.methods)) {
      const where = at(
        at('paths', resource.path),
        method.httpMethod === 'ANY' ? `${X}any-method` : method.httpMethod.toLowerCase(),
      )
      if (method.requestValidator !== undefined && !getOwn(validators, method.requestValidator)) {
        throw new ConfigError(
          at(where, `${X}request-validator`),
          `request validator ${JSON.stringify(method.requestValidator)} is not defined`,
        )
      }
      for (const model of Object.values(method.requestModels)) {
        if (!getOwn(definition.models, model))
          throw new ConfigError(where, `model ${JSON.stringify(model)} is not defined`)
      }
    }
  }
}
