/**
 * CloudFormation and SAM templates: `createGateway({ api: template })` serves an API of the
 * template with its Lambda handlers; `importTemplate(template)` lists what it defines.
 *
 * @module
 */
export { importTemplate } from './import-template.js'
export { isTemplate, parseTemplate } from './parse.js'
export { planTemplateGateway, isTemplateApi } from './template-gateway.js'
export type {
  ImportedTemplate,
  TemplateApi,
  TemplateGatewayOptions,
  TemplateOptions,
} from './model.js'
export type { TemplateFunction } from './functions.js'
export type { IntrinsicOptions } from './intrinsics.js'
export { planTemplateWebSocket } from './template-gateway.js'
export { createTemplateHandlers } from './handlers.js'
