/**
 * The public face of `validation/`: what other folders may import from it.
 *
 * @module
 */
export { compileModels } from './models.js'
export { compileRequestValidator, type RequestValidator } from './request-validator.js'
